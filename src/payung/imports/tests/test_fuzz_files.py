"""Fuzzing the readers (issue 14): generated and damaged CSV and XLSX bytes. Whatever comes in,
the import either refuses the file in words (ImportRefused, nothing written) or accounts for
every row, rows = accepted + rejected; nothing crashes, and no file passes the limits.
Bounded (a few dozen examples each) so the suite stays fast."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.test import override_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from payung.imports.errors import ImportRefused
from payung.imports.models import ImportBatch
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_xlsx

pytestmark = pytest.mark.usefixtures("regions")

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a failure is found again
)
LIMITS = {"PAYUNG_MAX_ROWS": 30, "PAYUNG_MAX_COLUMNS": 12, "PAYUNG_MAX_CELL_CHARS": 200}

cell = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"75\d{14}", fullmatch=True),
    st.sampled_from(["75.02.01.2004", "Bongo Nol", "05-07-1985", "Rp 1.500.000", "=1+1", ""]),
)
row = st.lists(cell, min_size=0, max_size=14)


def _check(path: Path) -> None:
    before = ImportBatch.objects.count()
    try:
        result = run_import("workers", path)
    except ImportRefused as refusal:
        assert str(refusal)  # a reason for the person
        assert ImportBatch.objects.count() == before  # nothing written
        return
    assert result.rows == result.accepted + result.rejected
    assert result.rows <= LIMITS["PAYUNG_MAX_ROWS"]


@override_settings(**LIMITS)
@FUZZ
@given(rows=st.lists(row, max_size=40), separator=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))  # fmt: skip
def test_generated_csv(
    tmp_path: Path, rows: list[list[str]], separator: str, encoding: str
) -> None:
    text = "\n".join(separator.join(r) for r in [WORKER_HEADER, *rows])
    path = tmp_path / "desa.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _check(path)


@override_settings(**LIMITS)
@FUZZ
@given(data=st.binary(max_size=4096))
@example(data=b"\x1f\x8b\x01\x01")  # found by a longer run: gzip magic, which Polars unpacks
def test_arbitrary_bytes_as_csv(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "desa.csv"
    path.write_bytes(data)
    _check(path)


def _workbook(rows: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for r in [WORKER_HEADER, *rows]:
        sheet.append([c.replace("\x00", "") for c in r])
    workbook.save(buffer)
    return buffer.getvalue()


VALID_XLSX = _workbook([["7502014507850001", "Siti", "P", "05-07-1985", "75.02.01.2004"]])


@override_settings(**LIMITS)
@FUZZ
@given(rows=st.lists(row.map(lambda r: [c for c in r if c.isprintable()]), max_size=40))
def test_generated_xlsx(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "desa.xlsx"
    try:
        path.write_bytes(_workbook(rows))
    except (ValueError, IllegalCharacterError):
        return  # openpyxl itself cannot write such a cell: no file to import
    _check(path)


@override_settings(**LIMITS)
@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)),
                      min_size=1, max_size=8))  # fmt: skip
@example(flips=[(2430, 1)])  # found by a longer run: a broken deflate stream (zlib.error)
def test_damaged_xlsx(tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    data = bytearray(VALID_XLSX)
    for at, value in flips:
        data[at] = value
    path = tmp_path / "desa.xlsx"
    path.write_bytes(bytes(data))
    _check(path)


@override_settings(**LIMITS)
@FUZZ
@given(last_row=st.integers(1, 2_000_000), column=st.sampled_from(["A", "L", "M", "AA", "XFD"]))
def test_a_cell_anywhere_never_passes_the_limits(
    tmp_path: Path, last_row: int, column: str
) -> None:
    path = write_xlsx(tmp_path / "desa.xlsx", [WORKER_HEADER])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    ref = f"{column}{last_row + 1}"
    far = f'<row r="{last_row + 1}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", far.encode() + b"</sheetData>"
    )
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w") as copy:
        for name, data in parts.items():
            copy.writestr(name, data)
    too_big = last_row > LIMITS["PAYUNG_MAX_ROWS"] or column not in ("A", "L")
    if too_big:
        with pytest.raises(ImportRefused):
            run_import("workers", path)
    else:
        _check(path)
