"""Any coverage table as .csv or .xlsx: the same columns, the same figures as the page."""

from __future__ import annotations

import csv
import io
from typing import Any

import xlsxwriter

from payung.coverage.selectors import Row

COLUMNS = (
    "key", "name", "workers", "active", "coverage", "active_pu", "active_bpu", "active_jakon",
    "participants_active", "working_population", "ucj", "target", "gap_registry", "gap_official",
)  # fmt: skip


def table(rows: list[Row]) -> list[list[Any]]:
    out: list[list[Any]] = [list(COLUMNS)]
    for row in rows:
        data = row.as_dict()
        data["key"] = data.pop("code", data.get("key"))
        out.append([data.get(c) for c in COLUMNS])
    return out


def as_csv(rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in table(rows):
        writer.writerow(["" if v is None else v for v in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def as_xlsx(rows: list[Row], sheet: str = "coverage") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    share = book.add_format({"num_format": "0.0%"})
    text = book.add_format({"num_format": "@"})
    for r, line in enumerate(table(rows)):
        for c, value in enumerate(line):
            if r == 0:
                ws.write_string(r, c, value, bold)
            elif value is None:
                continue
            elif c in (0, 1):
                ws.write_string(r, c, str(value), text)  # codes keep their dots and zeros
            elif COLUMNS[c] in ("coverage", "ucj", "target"):
                ws.write_number(r, c, value, share)
            else:
                ws.write_number(r, c, value)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 30)
    book.close()
    return buffer.getvalue()
