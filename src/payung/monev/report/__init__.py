"""The monev period report for the Regent, from a frozen snapshot: as PDF (Typst), as .docx
(docxtpl, on a template the regency edits in Word) and its tables as .xlsx."""
