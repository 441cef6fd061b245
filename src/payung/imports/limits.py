"""What a file may be before Payung reads it: sizes a real regency file never reaches, so a
hostile or broken one is refused at once, in words, instead of taking the server down.

Every limit is a setting (PAYUNG_MAX_*, see the README). The checks that need only the file's
size and its zip directory run before any row is read; an .xlsx sheet is scanned for where its
cells really lie, because the reader allocates the whole rectangle they span (a 4.8 KB file with
cells at A1 and XFD1048576 asks for 17 billion cells).
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from payung.imports.errors import ImportRefused

MB = 1 << 20
_CHUNK = 16 * MB


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    unpacked_bytes: int
    rows: int
    columns: int
    cell_chars: int

    @classmethod
    def configured(cls) -> Limits:
        return cls(
            upload_bytes=settings.PAYUNG_MAX_UPLOAD_MB * MB,
            unpacked_bytes=settings.PAYUNG_MAX_UNPACKED_MB * MB,
            rows=settings.PAYUNG_MAX_ROWS,
            columns=settings.PAYUNG_MAX_COLUMNS,
            cell_chars=settings.PAYUNG_MAX_CELL_CHARS,
        )


def check_upload_size(size: int, limits: Limits) -> None:
    if size > limits.upload_bytes:
        raise ImportRefused(
            _("The file is %(size)s MB; at most %(limit)s MB can be imported.")
            % {"size": _mb(size), "limit": _mb(limits.upload_bytes)}
        )


def check_shape(rows: int, columns: int, limits: Limits) -> None:
    """Rows (the header not counted) and columns of a table, or of a sheet's extent."""
    if columns > limits.columns:
        raise ImportRefused(
            _("The file has %(count)d columns; at most %(limit)d can be imported.")
            % {"count": columns, "limit": limits.columns}
        )
    if rows > limits.rows:
        raise ImportRefused(
            _("The file has %(count)d rows; at most %(limit)d can be imported at once.")
            % {"count": rows, "limit": limits.rows}
        )


def check_xlsx(path: Path, limits: Limits, *, sheets: Sequence[str] | None = None) -> None:
    """The unpacked size, and the declared dimension and the real extent of the sheets the
    reader is about to load: those named in `sheets` (none for an empty list), every sheet
    without it. A name the workbook does not resolve to a part has every sheet checked."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > limits.unpacked_bytes:
                raise ImportRefused(
                    _(
                        "The workbook unpacks to %(size)s MB; at most %(limit)s MB can be "
                        "imported. Save it as CSV, or split it."
                    )
                    % {"size": _mb(unpacked), "limit": _mb(limits.unpacked_bytes)}
                )
            parts = [sheet_part(archive, name) for name in sheets or ()]
            if sheets is None or None in parts:
                parts = list(_worksheets(archive))
            for part in parts:
                assert part is not None
                with archive.open(part) as stream:
                    _check_sheet(stream, limits)
    # A damaged archive fails in many ways: a bad directory, a bad deflate stream (zlib), a cut
    # file, a compression or encryption the zip module does not know.
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportRefused(
            _("%(name)s is not a readable Excel workbook: %(reason)s")
            % {"name": path.name, "reason": str(exc)[:200]}
        ) from exc


def _worksheets(archive: zipfile.ZipFile) -> list[str]:
    return [n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)]


def first_sheet(archive: zipfile.ZipFile) -> str | None:
    """The worksheet the reader takes (the first in the workbook: sheet1.xml in every file
    Excel, LibreOffice and the Python writers make); failing that, the largest."""
    names = _worksheets(archive)
    if "xl/worksheets/sheet1.xml" in names:
        return "xl/worksheets/sheet1.xml"
    return max(names, key=lambda n: archive.getinfo(n).file_size, default=None)


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
# An XML attribute, namespace prefix and all (r:id), for the few tags read without a parser.
XML_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')


def sheet_part(archive: zipfile.ZipFile, name: str) -> str | None:
    """The worksheet part (xl/worksheets/....xml) of the sheet named `name`, from the
    workbook's sheet list and its relationships; None when there is none."""
    try:
        book = archive.read("xl/workbook.xml")
        relations = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return None
    targets = {}
    for match in _RELATION.finditer(relations):
        attributes = dict(XML_ATTRIBUTE.findall(match.group(1)))
        targets[attributes.get(b"Id", b"")] = attributes.get(b"Target", b"").decode()
    for match in _SHEET.finditer(book):
        attributes = dict(XML_ATTRIBUTE.findall(match.group(1)))
        if html.unescape(attributes.get(b"name", b"").decode()) != name:
            continue
        relation = next((v for k, v in attributes.items() if k.endswith(b":id")), b"")
        target = targets.get(relation, "").lstrip("/")
        return target if target.startswith("xl/") else f"xl/{target}" if target else None
    return None


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _check_sheet(stream: IO[bytes], limits: Limits) -> None:
    read = stream.read
    head = read(64 * 1024)
    declared = _DIMENSION.search(head)
    if declared and declared.group(3):
        _check_extent(_column_number(declared.group(3)), int(declared.group(4)), limits)
    # Tags may carry a namespace prefix (<x:c ...>), as some .NET writers do.
    root = re.search(rb"<(\w+:)?worksheet[\s>]", head)
    prefix = root.group(1) if root and root.group(1) else b""
    cell = re.compile(rb"<" + re.escape(prefix) + rb'c r="([A-Z]{1,3})(\d{1,7})"')
    opening = [b"<" + prefix + b"c" + end for end in (b" ", b">", b"/", b"\t", b"\n", b"\r")]
    widest, deepest, cells, placed = 0, 0, 0, 0
    data, rest = head, b""
    while data:
        data = rest + data
        cut = data.rfind(b"<")  # no tag crosses the cut: it carries on in the next chunk
        chunk, rest = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
        found = cell.findall(chunk)
        if found:
            widest = max(widest, *(_column_number(c) for c in {c for c, _ in found}))
            deepest = max(deepest, *(int(r) for r in {r for _, r in found}))
        placed += len(found)
        cells += sum(chunk.count(t) for t in opening)
        _check_extent(widest, deepest, limits)
        data = read(_CHUNK)
    cells += sum(rest.count(t) for t in opening)
    if cells > placed:
        # A cell without its reference is placed after the one before: its place cannot be
        # known without reading, and no spreadsheet program writes such files.
        raise ImportRefused(
            _(
                "The sheet has cells without a position (cell reference). Open the file in "
                "Excel or LibreOffice and save it again."
            )
        )


def _check_extent(columns: int, last_row: int, limits: Limits) -> None:
    check_shape(max(last_row - 1, 0), columns, limits)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",")
