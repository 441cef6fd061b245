"""Read a hand-made .csv or .xlsx into a table of text columns, losing nothing.

Every cell is kept as text so nothing is "helpfully" converted (a NIK must never become a
float here). For Excel, which cells were stored as numbers is kept in `<column>__numeric`
boolean columns, because a numeric NIK cell is itself a sign of damage: Excel keeps only 15
significant digits.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _

from payung.imports.errors import ImportRefused

NUMERIC_SUFFIX = "__numeric"
SOURCE_ROW = "__row"  # 1-based line in the file, the header being row 1

_MAGIC = {
    b"%PDF": "PDF",
    b"\xd0\xcf\x11\xe0": "Excel 97-2003 (.xls)",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
}


def read_table(path: Path) -> pl.DataFrame:
    """All columns as text plus SOURCE_ROW; raises ImportRefused with a clear reason."""
    if not path.exists():
        raise ImportRefused(_("File not found: %(path)s") % {"path": path})
    if path.stat().st_size == 0:
        raise ImportRefused(_("The file is empty."))
    head = path.open("rb").read(8)
    is_zip = head.startswith(b"PK\x03\x04")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"} or is_zip:
        if not is_zip:
            kind = next((k for m, k in _MAGIC.items() if head.startswith(m)), None)
            raise ImportRefused(
                _("%(name)s is not an Excel workbook (.xlsx)%(kind)s.")
                % {"name": path.name, "kind": f": {kind}" if kind else ""}
            )
        return _read_xlsx(path)
    kind = next((k for m, k in _MAGIC.items() if head.startswith(m)), None)
    if kind:
        raise ImportRefused(
            _("%(name)s is a %(kind)s file, not CSV or Excel (.xlsx).")
            % {"name": path.name, "kind": kind}
        )
    return _read_csv(path)


def _read_csv(path: Path) -> pl.DataFrame:
    raw = path.read_bytes()
    if b"\x00" in raw[:65536]:
        raise ImportRefused(_("%(name)s is not a text (CSV) file.") % {"name": path.name})
    text_head = _decode(raw[:65536])
    separator = _sniff_separator(text_head)
    encoding = "utf8-lossy"
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif not _is_utf8(raw[:1_000_000]):
        # Windows Excel saves "CSV" in the machine's code page; Indonesian offices use cp1252.
        raw = raw.decode("cp1252", errors="replace").encode("utf-8")
    try:
        table = pl.read_csv(
            raw,
            separator=separator,
            infer_schema=False,
            encoding=encoding,
            truncate_ragged_lines=True,
            quote_char='"',
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise ImportRefused(
            _("%(name)s could not be read as CSV: %(reason)s")
            % {"name": path.name, "reason": str(exc).splitlines()[0]}
        ) from exc
    return _finish(table)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        return exc.start >= len(data) - 3
    return True


def _sniff_separator(sample: str) -> str:
    first_line = sample.splitlines()[0] if sample else ""
    try:
        return csv.Sniffer().sniff(first_line, delimiters=";,\t|").delimiter
    except csv.Error:
        counts = {sep: first_line.count(sep) for sep in ";,\t|"}
        return max(counts, key=lambda s: counts[s]) if any(counts.values()) else ","


def _read_xlsx(path: Path) -> pl.DataFrame:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ImportRefused(
            _("%(name)s is not a readable Excel workbook: %(reason)s")
            % {"name": path.name, "reason": str(exc).splitlines()[0][:200]}
        ) from exc
    if not rows:
        raise ImportRefused(_("The file is empty."))
    header = [_cell_text(v).strip() or f"kolom_{i + 1}" for i, v in enumerate(rows[0])]
    header = _unique(header)
    body = rows[1:]
    columns: dict[str, list[str | None]] = {}
    numeric: dict[str, list[bool]] = {}
    for index, name in enumerate(header):
        cells = [row[index] if index < len(row) else None for row in body]
        columns[name] = [_cell_text(v) if v not in (None, "") else None for v in cells]
        flags = [isinstance(v, int | float) and not isinstance(v, bool) for v in cells]
        if any(flags):
            numeric[name + NUMERIC_SUFFIX] = flags
    table = pl.DataFrame(
        {**columns, **numeric},
        schema={
            **{name: pl.String for name in columns},
            **{name: pl.Boolean for name in numeric},
        },
    )
    return _finish(table)


def _cell_text(value: object) -> str:
    """Render a cell as Excel shows it in a text column."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e17:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        result.append(name if count == 0 else f"{name}_{count + 1}")
    return result


def _finish(table: pl.DataFrame) -> pl.DataFrame:
    table = table.rename({c: c.lstrip("\ufeff").strip() for c in table.columns})
    return table.with_row_index(SOURCE_ROW, offset=2).with_columns(
        pl.col(SOURCE_ROW).cast(pl.Int64)
    )
