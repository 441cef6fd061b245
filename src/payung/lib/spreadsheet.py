"""Tables leaving Payung as files: .xlsx for Excel (numbers as numbers, codes and NIKs as text),
.csv for other programs. A .csv text cell that a spreadsheet would run as a formula is made
inert; an .xlsx string cell never is one."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from typing import Any

import xlsxwriter
from django.http import HttpResponse

# A text cell Excel or LibreOffice would run as a formula (=, +, -, @, or a tab or CR before
# one): kept as text by a leading apostrophe (OWASP's advice on CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def inert(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_csv(lines: list[list[Any]]) -> bytes:
    """`lines`: a header, then rows. UTF-8 with a BOM (which makes Excel read it as UTF-8),
    commas and decimal points: a file for programs; people get the .xlsx."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in lines:
        writer.writerow([inert(v) for v in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(lines: list[list[Any]], sheet: str, *, shares: Collection[str] = ()) -> bytes:
    """`lines`: a header, then rows. Columns named in `shares` hold fractions shown as 17,2 %
    (in an Indonesian Excel); every value that is no number is written as text, so codes keep
    their dots and NIKs their 16 digits."""
    return as_workbook([(sheet, lines)], shares=shares)


def as_workbook(
    sheets: list[tuple[str, list[list[Any]]]], *, shares: Collection[str] = ()
) -> bytes:
    """Several sheets, each (name, lines) as in `as_xlsx`, in one workbook."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = {
        "bold": book.add_format({"bold": True}),
        "share": book.add_format({"num_format": "0.0%"}),
        "grouped": book.add_format({"num_format": "#,##0"}),
        "text": book.add_format({"num_format": "@"}),
    }
    for name, lines in sheets:
        _write_sheet(book.add_worksheet(name[:31]), lines, shares, formats)
    book.close()
    return buffer.getvalue()


def _write_sheet(
    ws: Any, lines: list[list[Any]], shares: Collection[str], f: dict[str, Any]
) -> None:
    header = lines[0]
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            if r == 0:
                ws.write_string(r, c, str(value), f["bold"])
            elif value is None:
                continue
            elif isinstance(value, bool) or not isinstance(value, int | float):
                ws.write_string(r, c, str(value), f["text"])  # a string cell is never a formula
            elif header[c] in shares:
                ws.write_number(r, c, value, f["share"])
            else:
                ws.write_number(r, c, value, f["grouped"] if isinstance(value, int) else None)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 30)
    ws.freeze_panes(1, 0)


def xlsx_download(lines: list[list[Any]], sheet: str, filename: str) -> HttpResponse:
    """`lines` as an .xlsx the browser saves as `filename`."""
    response = HttpResponse(as_xlsx(lines, sheet), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
