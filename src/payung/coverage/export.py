"""Any coverage table as .csv or .xlsx: the same columns, the same figures as the page."""

from __future__ import annotations

import csv
import io
from typing import Any

import xlsxwriter

from payung.coverage.selectors import ClosingOption, Row, TrendPoint

COLUMNS = (
    "key", "name", "workers", "active", "coverage", "active_pu", "active_bpu", "active_jakon",
    "participants_active", "working_population", "ucj", "target", "gap_registry", "gap_official",
)  # fmt: skip


SHARES = ("coverage", "ucj", "target")


def table(rows: list[Row]) -> list[list[Any]]:
    out: list[list[Any]] = [list(COLUMNS)]
    for row in rows:
        data = row.as_dict()
        data["key"] = data.pop("code", data.get("key"))
        out.append([data.get(c) for c in COLUMNS])
    return out


# A text cell Excel or LibreOffice would run as a formula (=, +, -, @, or a tab or CR before
# one): kept as text by a leading apostrophe (OWASP's advice on CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_csv(lines: list[list[Any]]) -> bytes:
    """`lines`: a header, then rows (see `table`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in lines:
        writer.writerow([_inert(v) for v in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def as_xlsx(lines: list[list[Any]], sheet: str = "coverage") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    share = book.add_format({"num_format": "0.0%"})
    text = book.add_format({"num_format": "@"})
    header = lines[0]
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            if r == 0:
                ws.write_string(r, c, value, bold)
            elif value is None:
                continue
            elif isinstance(value, bool) or not isinstance(value, int | float):
                ws.write_string(r, c, str(value), text)  # codes keep their dots and zeros
            elif header[c] in SHARES:
                ws.write_number(r, c, value, share)
            else:
                ws.write_number(r, c, value)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 30)
    book.close()
    return buffer.getvalue()


def closing_table(options: list[ClosingOption]) -> list[list[Any]]:
    lines: list[list[Any]] = [
        ["segment", "decile_band", "uncovered", "monthly_cost_per_worker", "cumulative", "needed"]
    ]
    for o in options:
        lines.append(
            [
                o.segment,
                o.band,
                o.uncovered,
                o.monthly_cost,
                o.cumulative,
                "yes" if o.needed else "",
            ]
        )
    return lines


def trend_table(points: list[TrendPoint]) -> list[list[Any]]:
    lines: list[list[Any]] = [["month", "workers", "active", "coverage", "participants_active"]]
    for p in points:
        lines.append(
            [f"{p.month:%Y-%m}", p.workers, p.active, round(p.coverage, 6), p.participants_active]
        )
    return lines
