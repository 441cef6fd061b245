"""The report as PDF, set by Typst (the `typst` package on PyPI).

Why Typst: one wheel per platform (Linux, Windows, macOS) with the engine and its fonts
inside, no system libraries (WeasyPrint needs Pango; wkhtmltopdf is unmaintained; LaTeX is a
gigabyte), a page of layout code the team can read, and milliseconds per report. Charts are
drawn in Typst itself, so no package is fetched from the internet at run time. Only the fonts
embedded in the wheel are used, so the PDF looks the same on every office PC."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from payung.lib import documents

LAYOUT = Path(__file__).resolve().parent.parent / "templates" / "monev" / "report"


def _compile(main: str, data: dict[str, Any], **options: Any) -> bytes:
    others = [LAYOUT / n for n in ("report.typ", "chart.typ", "charts.typ") if n != main]
    return documents.typst_file([LAYOUT / main, *others], data, **options)


def report_pdf(content: dict[str, Any]) -> bytes:
    return _compile("report.typ", content)


def chart_png(content: dict[str, Any], which: str) -> bytes:
    """One chart as a PNG (for the .docx): `which` is "opds" or "instructions"."""
    return _compile("chart.typ", content, format="png", ppi=150, sys_inputs={"which": which})
