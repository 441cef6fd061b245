"""Read a hand-made .csv, .xlsx, .xls or .ods into a table of text columns, losing nothing.

Every cell is kept as text so nothing is "helpfully" converted (a NIK must never become a
float here). For Excel, which cells were stored as numbers is kept in `<column>__numeric`
boolean columns, because a numeric NIK cell is itself a sign of damage: Excel keeps only 15
significant digits.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
import zlib
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _

from payung.imports import limits as limit
from payung.imports.errors import ImportRefused

NUMERIC_SUFFIX = "__numeric"
SOURCE_ROW = "__row"  # 1-based line in the file, the header being row 1

OLE = b"\xd0\xcf\x11\xe0"  # the compound file of Excel 97-2003 (and of old Word files)
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"\x1f\x8b": "gzip",  # Polars would try to unpack these as a compressed CSV
    b"\x28\xb5\x2f\xfd": "zstd",
}


def read_table(
    path: Path, limits: limit.Limits | None = None, *, sheet: str | None = None
) -> pl.DataFrame:
    """All columns as text plus SOURCE_ROW; raises ImportRefused with a clear reason. The
    limits (payung.imports.limits) are checked before a row is read, and cell lengths after.
    `sheet`: a workbook's sheet by name (the first sheet without it)."""
    return read_table_noting(path, limits, sheet=sheet)[0]


def read_table_noting(
    path: Path, limits: limit.Limits | None = None, *, sheet: str | None = None
) -> tuple[pl.DataFrame, list[str]]:
    """read_table, and what was left out of the file to find its table (a title block above
    the header row), in words for the batch's warnings."""
    limits = limits or limit.Limits.configured()
    if not path.exists():
        raise ImportRefused(_("File not found: %(path)s") % {"path": path})
    if not path.is_file():
        raise ImportRefused(_("%(name)s is a folder, not a file.") % {"name": path.name})
    size = path.stat().st_size
    if size == 0:
        raise ImportRefused(_("The file is empty."))
    limit.check_upload_size(size, limits)
    head, is_zip = _head(path)
    suffix = path.suffix.lower()
    if head.startswith(OLE):
        # Excel 97-2003 (.xls): calamine reads it as it reads .xlsx and .ods; the upload's
        # size limit and the rows and columns limits below bound it.
        table, above, notes = _read_xlsx(path, sniff=True, sheet=sheet)
    elif suffix in {".xlsx", ".xlsm", ".ods"} or is_zip:
        if not is_zip:
            kind = next((k for m, k in _MAGIC.items() if head.startswith(m)), None)
            raise ImportRefused(
                _("%(name)s is not an Excel workbook (.xlsx)%(kind)s.")
                % {"name": path.name, "kind": f": {kind}" if kind else ""}
            )
        limit.check_xlsx(path, limits, sheets=[sheet] if sheet else None)
        table, above, notes = _read_xlsx(path, sheet=sheet)
    else:
        kind = next((k for m, k in _MAGIC.items() if head.startswith(m)), None)
        if kind:
            raise ImportRefused(
                _("%(name)s is a %(kind)s file, not CSV or Excel (.xlsx).")
                % {"name": path.name, "kind": kind}
            )
        if sheet:
            raise ImportRefused(
                _("%(name)s is a CSV file: it has no sheet %(sheet)s.")
                % {"name": path.name, "sheet": sheet}
            )
        table, above = _read_csv(path, limits)
        notes = []
    table, totals = _without_totals(table)
    _check_cells(table, limits)
    return table, _above_notes(above) + notes + totals


def _head(path: Path) -> tuple[bytes, bool]:
    """The file's first bytes, and whether they open a zip archive (.xlsx, .ods)."""
    with path.open("rb") as handle:
        head = handle.read(8)
    return head, head.startswith(b"PK\x03\x04")


def data_sheets(path: Path, limits: limit.Limits | None = None) -> list[str]:
    """The names of a workbook's visible sheets that hold any cell, in the workbook's order
    (villages often keep one sheet per desa); [] for a CSV file. A workbook with one visible
    sheet has it named unread. The limits are checked before any sheet is loaded, as
    read_table does."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    head, is_zip = _head(path)
    if not head.startswith(OLE) and not is_zip:
        return []
    limits = limits or limit.Limits.configured()
    if is_zip:
        limit.check_xlsx(path, limits, sheets=[])  # the unpacked size, before calamine opens it
    try:
        with path.open("rb") as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
            names = [
                sheet.name
                for sheet in workbook.sheets_metadata
                if sheet.visible == SheetVisibleEnum.Visible
            ]
            if len(names) <= 1:
                return names  # nothing to choose between: its import checks and reads it
            if is_zip:  # every sheet is loaded below
                limit.check_xlsx(path, limits, sheets=names)
            # A sheet with any cell has a start; its cells stay in calamine, unconverted.
            return [name for name in names if workbook.get_sheet_by_name(name).start is not None]
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ImportRefused(
            _("%(name)s is not a readable Excel workbook: %(reason)s")
            % {"name": path.name, "reason": str(exc).splitlines()[0][:200]}
        ) from exc


def _check_cells(table: pl.DataFrame, limits: limit.Limits) -> None:
    text = [c for c in table.columns if table.schema[c] == pl.String]
    limit.check_shape(table.height, len(text), limits)
    if not text or table.height == 0:
        return
    longest = table.select(pl.max_horizontal(pl.col(text).str.len_chars().max()))
    if (longest.item() or 0) <= limits.cell_chars:
        return
    for column in text:
        too_long = table.filter(pl.col(column).str.len_chars() > limits.cell_chars)
        if too_long.height:
            raise ImportRefused(
                _(
                    "Row %(row)d, column %(column)s holds %(length)d characters; a cell may "
                    "hold at most %(limit)d."
                )
                % {
                    "row": too_long.item(0, SOURCE_ROW),
                    "column": column,
                    "length": len(too_long.item(0, column)),
                    "limit": limits.cell_chars,
                }
            )


# Byte-order marks of UTF-16, as Excel's "Unicode text" and some exports write.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _read_csv(path: Path, limits: limit.Limits) -> tuple[pl.DataFrame, list[list[str]]]:
    raw = path.read_bytes()
    if raw.startswith(_UTF16_BOMS) or _looks_utf16(raw[:4096]):
        try:
            raw = raw.decode("utf-16" if raw.startswith(_UTF16_BOMS) else "utf-16-le").encode()
        except UnicodeDecodeError:
            raise ImportRefused(
                _("%(name)s is not a text (CSV) file.") % {"name": path.name}
            ) from None
    if b"\x00" in raw[:65536]:
        raise ImportRefused(_("%(name)s is not a text (CSV) file.") % {"name": path.name})
    text_head = _decode(raw[:65536])
    lines = text_head.splitlines()[:LOOK_FOR_HEADER]
    widest = max(lines, key=lambda line: sum(line.count(s) for s in ";,\t|"), default="")
    separator = _sniff_separator(widest)
    sample = list(csv.reader(lines, delimiter=separator))
    skip = header_index(sample)
    header_line = lines[skip] if lines else ""
    limit.check_shape(0, header_line.count(separator) + 1, limits)
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
            skip_rows=skip,
        )
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise ImportRefused(
            _("%(name)s could not be read as CSV: %(reason)s")
            % {"name": path.name, "reason": str(exc).splitlines()[0]}
        ) from exc
    return _finish(table, header_row=skip + 1), sample[:skip]


def _looks_utf16(sample: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with a zero byte after every character."""
    odd = sample[1::2]
    return len(odd) >= 8 and odd.count(0) > 0.9 * len(odd) and sample[0::2].count(0) == 0


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


def _read_xlsx(
    path: Path, *, sniff: bool = False, sheet: str | None = None
) -> tuple[pl.DataFrame, list[list[str]], list[str]]:
    """The table of the named sheet (the first without a name), the rows above its header,
    and what else was done to find it (a two-row header), in words. `sniff`: let calamine
    tell the format from the content, not the name (an .xls saved as "desa.xlsx")."""
    from python_calamine import CalamineWorkbook

    try:
        if sniff:
            with path.open("rb") as handle:
                workbook = CalamineWorkbook.from_filelike(handle)
        else:
            workbook = CalamineWorkbook.from_path(str(path))
        if sheet is not None and sheet not in workbook.sheet_names:
            raise ImportRefused(
                _("%(name)s has no sheet %(sheet)s; its sheets: %(sheets)s")
                % {"name": path.name, "sheet": sheet, "sheets": ", ".join(workbook.sheet_names)}
            )
        found = (
            workbook.get_sheet_by_index(0) if sheet is None else workbook.get_sheet_by_name(sheet)
        )
        rows = found.to_python(skip_empty_area=False)
    except ImportRefused:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ImportRefused(
            _("%(name)s is not a readable Excel workbook: %(reason)s")
            % {"name": path.name, "reason": str(exc).splitlines()[0][:200]}
        ) from exc
    if not rows:
        raise ImportRefused(_("The file is empty."))
    texts = [
        [_cell_text(v) if v not in (None, "") else "" for v in row]
        for row in rows[:LOOK_FOR_HEADER]
    ]
    skip = header_index(texts)
    names = [_cell_text(v).strip() for v in rows[skip]]
    header_rows = 1
    notes = []
    if skip + 1 < len(texts) and is_sub_header(texts[skip], texts[skip + 1]):
        names = two_row_names(texts[skip], texts[skip + 1])
        header_rows = 2
        notes.append(
            _("Rows %(first)s and %(second)s are a two-row header, read as: %(names)s")
            % {"first": skip + 1, "second": skip + 2, "names": ", ".join(n for n in names if n)}
        )
    header = _unique([name or f"kolom_{i + 1}" for i, name in enumerate(names)])
    hidden = set() if sniff else hidden_columns(path, sheet)
    if hidden & set(range(len(header))):
        notes.append(
            _("Hidden columns were left out: %(names)s")
            % {"names": ", ".join(header[i] for i in sorted(hidden) if i < len(header))}
        )
    body = rows[skip + header_rows :]
    columns: dict[str, list[str | None]] = {}
    numeric: dict[str, list[bool]] = {}
    for index, name in enumerate(header):
        if index in hidden:
            continue
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
    return _finish(table, header_row=skip + header_rows), texts[:skip], notes


_COLUMN_RANGE = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")


def hidden_columns(path: Path, sheet_name: str | None = None) -> set[int]:
    """A sheet's hidden columns (0-based) in an .xlsx (the first sheet's, without a name): a
    helper column a clerk hid (a formula, a lookup) is not data. Read from the sheet's <cols>
    ranges, which come before its cells; calamine does not say which columns are hidden. An
    .ods has none here."""
    try:
        with zipfile.ZipFile(path) as archive:
            sheet = (
                limit.first_sheet(archive)
                if sheet_name is None
                else limit.sheet_part(archive, sheet_name)
            )
            if sheet is None:
                return set()
            with archive.open(sheet) as stream:
                head = stream.read(64 * 1024)
    except (zipfile.BadZipFile, OSError, zlib.error):
        return set()
    head = head.split(b"<sheetData", 1)[0]
    hidden: set[int] = set()
    for found in _COLUMN_RANGE.finditer(head):
        attributes = dict(limit.XML_ATTRIBUTE.findall(found.group(1)))
        if attributes.get(b"hidden") not in (b"1", b"true"):
            continue
        first, last = int(attributes.get(b"min", b"0")), int(attributes.get(b"max", b"0"))
        if 1 <= first <= last <= 16_384:  # Excel's last column, XFD
            hidden.update(range(first - 1, last))
    return hidden


# A village's list often opens with a title block ("DATA PEKERJA RENTAN KABUPATEN BOALEMO",
# the year, a blank row) above the header row. The header is the first of the file's first
# rows that fills at least two cells and most of the widest row's: a title fills one.
LOOK_FOR_HEADER = 30
HEADER_SHARE = 0.6


def header_index(rows: list[list[str]]) -> int:
    """Where the header row is among the first rows (cells as text): 0 without a title."""
    widths = [sum(1 for cell in row if str(cell).strip()) for row in rows]
    widest = max(widths, default=0)
    if widest < 2:
        return 0
    return next(i for i, w in enumerate(widths) if w >= 2 and w >= widest * HEADER_SHARE)


# A two-row header: merged cells in the header row ("Tempat/Tgl Lahir" over "Tempat" and "Tgl
# Lahir", "Alamat" over "Desa" and "Kecamatan") name their parts in the row below, and the
# cells merged down ("Nama" over both rows) leave the row below empty. That row is words, not
# data: no digit in it (a data row has its NIK, date or amount), at least two filled cells,
# at least one under an empty header cell (a merged span's continuation) and at least one
# empty under a filled header cell (a cell merged down). A first data row without a digit
# fills the columns it has headers for, so it is not taken for one.
def is_sub_header(header: list[str], below: list[str]) -> bool:
    filled = [c.strip() for c in below if c.strip()]
    if len(filled) < 2 or any(ch.isdigit() for c in filled for ch in c):
        return False
    width = max(len(header), len(below))
    tops = [header[i].strip() if i < len(header) else "" for i in range(width)]
    parts = [below[i].strip() if i < len(below) else "" for i in range(width)]
    continues_a_span = any(part and not top for top, part in zip(tops, parts, strict=True))
    merged_down = any(top and not part for top, part in zip(tops, parts, strict=True))
    return continues_a_span and merged_down


def two_row_names(header: list[str], below: list[str]) -> list[str]:
    """Each column's name: its part's name where the row below gives one ("Tgl Lahir",
    "Desa": what the synonyms know), the header's own where it does not. A part named by a
    letter or two ("L", "P") keeps its parent's name before it."""
    names, parent = [], ""
    for i in range(max(len(header), len(below))):
        top = header[i].strip() if i < len(header) else ""
        part = below[i].strip() if i < len(below) else ""
        if top:
            parent = top
        elif not part:
            parent = ""  # an empty column ends a merged span
        if not part:
            names.append(top)
        elif len(part) <= 2 and parent:
            names.append(f"{parent} {part}")
        else:
            names.append(part)
    return names


# A totals row at the foot of a list ("JUMLAH", "Total", a sum of incomes): no person, and no
# reason to reject it as one. Only among the last few rows, and never a row with a NIK in it.
# The label is the whole cell ("JUMLAH", "Jumlah total :", "Grand Total"): a person named
# Total Simanjuntak is not one.
TOTALS = re.compile(
    r"^(?:jumlah|jml\.?|total|grand total|sub ?total)(?:\s+(?:total|seluruhnya|keseluruhan))?"
    r"\s*:?$",
    re.IGNORECASE,
)
TOTALS_AT_THE_FOOT = 3


def _without_totals(table: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    cells = original_columns(table)
    if not cells or table.height == 0:
        return table, []
    foot = table.tail(TOTALS_AT_THE_FOOT)
    dropped, notes = [], []
    for row in foot.iter_rows(named=True):
        values = [str(row[c]).strip() for c in cells if row[c] not in (None, "")]
        if any(TOTALS.match(v) for v in values) and not any(
            re.fullmatch(r"\d{15,16}", v.replace(" ", "").replace(".", "")) for v in values
        ):
            dropped.append(row[SOURCE_ROW])
            notes.append(
                _("Row %(row)s, a totals row (%(text)s), was left out.")
                % {"row": row[SOURCE_ROW], "text": "; ".join(values)[:120]}
            )
    if not dropped:
        return table, []
    return table.filter(~pl.col(SOURCE_ROW).is_in(dropped)), notes


def original_columns(table: pl.DataFrame) -> list[str]:
    """The file's own columns: not the row number, not the number-cell markers."""
    return [c for c in table.columns if c != SOURCE_ROW and not c.endswith(NUMERIC_SUFFIX)]


def _above_notes(above: list[list[str]]) -> list[str]:
    if not above:
        return []
    words = [" ".join(c.strip() for c in row if str(c).strip()) for row in above]
    shown = "; ".join(w for w in words if w)[:200]
    return [
        _("Rows 1 to %(n)s above the header row were left out: %(text)s")
        % {"n": len(above), "text": shown or _("empty")}
    ]


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


def _finish(table: pl.DataFrame, header_row: int = 1) -> pl.DataFrame:
    # Headers are trimmed, so `NIK` and ` NIK` are one name: the second becomes NIK_2, as a
    # repeated header does (in CSV, Polars would call it NIK_duplicated_0).
    names = [
        re.sub(r"_duplicated_\d+$", "", c).lstrip("\ufeff").strip() or f"kolom_{i + 1}"
        for i, c in enumerate(table.columns)
    ]
    table.columns = _unique(names)
    return table.with_row_index(SOURCE_ROW, offset=header_row + 1).with_columns(
        pl.col(SOURCE_ROW).cast(pl.Int64)
    )
