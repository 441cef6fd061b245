"""Files made to hurt the reader (issue 14, items 4, 5 and 13): each is refused in words, before
a row is read, and nothing is written."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from django.test import Client, override_settings

from payung.accounts.roles import Role
from payung.imports.errors import ImportRefused
from payung.imports.models import ImportBatch, ImportIssue, ImportRow
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv, write_xlsx

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"
SITI = ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", DESA, "Petani", "1500000"]


def _rewrite_sheet(path: Path, change: object) -> Path:
    """The same workbook with its first sheet's XML passed through `change`."""
    out = path.with_name("changed-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)  # type: ignore[operator]
            copy.writestr(item, data)
    return out


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(ImportRefused) as refusal:
        run_import("workers", path)
    message = str(refusal.value)
    for word in words:
        assert word in message, message
    assert not ImportBatch.objects.exists()
    return message


def test_a_tiny_workbook_with_a_cell_at_xfd1048576_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    write_xlsx(path, [WORKER_HEADER, SITI])
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    sheet["XFD1048576"] = "x"
    workbook.save(path)
    assert path.stat().st_size < 10_000
    _refused(path, "16384")


def test_a_far_cell_is_found_even_when_the_declared_dimension_lies(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "desa.xlsx", [WORKER_HEADER, SITI])
    far = b'<row r="900000"><c r="ZZ900000" t="inlineStr"><is><t>x</t></is></c></row>'

    def lie(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]+"\s*/>', b'<dimension ref="A1:G2"/>', xml)
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    _refused(_rewrite_sheet(path, lie), "702")  # ZZ is column 702


def test_cells_without_a_position_are_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "desa.xlsx", [WORKER_HEADER, SITI])
    placeless = b'<row r="3">' + b'<c t="inlineStr"><is><t>x</t></is></c>' * 50 + b"</row>"

    def strip(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", placeless + b"</sheetData>")

    _refused(_rewrite_sheet(path, strip), "Excel")


@override_settings(PAYUNG_MAX_UNPACKED_MB=1)
def test_a_workbook_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    rows = [WORKER_HEADER] + [[*SITI[:1], "A" * 200, *SITI[2:]] for _ in range(8000)]
    path = write_xlsx(tmp_path / "besar.xlsx", rows)
    assert path.stat().st_size < 1 << 20  # small on disk, big unpacked
    _refused(path, "MB")


@override_settings(PAYUNG_MAX_UPLOAD_MB=1)
def test_a_file_over_the_upload_limit_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "besar.csv", [WORKER_HEADER] + [SITI] * 15_000)
    assert path.stat().st_size > 1 << 20
    _refused(path, "1,0 MB")


@override_settings(PAYUNG_MAX_UPLOAD_MB=1)
def test_the_upload_page_refuses_a_file_over_the_limit_at_once(
    tmp_path: Path, make_user: object
) -> None:
    client = Client()
    client.force_login(make_user(Role.ANALIS))  # type: ignore[operator]
    path = write_csv(tmp_path / "besar.csv", [WORKER_HEADER] + [SITI] * 15_000)
    with path.open("rb") as upload:
        response = client.post("/impor/", {"kind": "workers", "file": upload})
    assert response.status_code == 200
    assert "1,0 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


@override_settings(PAYUNG_MAX_ROWS=100)
def test_too_many_rows_are_refused(tmp_path: Path) -> None:
    _refused(write_csv(tmp_path / "desa.csv", [WORKER_HEADER] + [SITI] * 101), "101", "100")


@override_settings(PAYUNG_MAX_COLUMNS=20)
def test_too_many_columns_are_refused(tmp_path: Path) -> None:
    header = WORKER_HEADER + [f"x{i}" for i in range(20)]
    _refused(write_csv(tmp_path / "desa.csv", [header, SITI + [""] * 20]), "27", "20")


def test_a_20_mb_cell_is_refused(tmp_path: Path) -> None:
    huge = [*SITI[:5], "P" * 20_000_000, SITI[6]]
    _refused(write_csv(tmp_path / "desa.csv", [WORKER_HEADER, huge]), "Pekerjaan", "1000")


def test_a_folder_given_as_the_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "desa.csv"
    folder.mkdir()
    _refused(folder, "folder")


def test_a_header_written_twice_with_a_space_is_read(tmp_path: Path) -> None:
    header = ["NIK", " NIK", *WORKER_HEADER[1:]]
    path = write_csv(tmp_path / "desa.csv", [header, [SITI[0], "7502014507850002", *SITI[1:]]])
    result = run_import("workers", path)
    assert result.accepted == 1
    assert any("NIK_2" in warning for warning in result.warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_csv_is_read(tmp_path: Path, encoding: str) -> None:
    siti = [*SITI[:1], "Siti Aisyah Pākaya", *SITI[2:]]
    text = "\n".join("\t".join(row) for row in [WORKER_HEADER, siti]) + "\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode(encoding))
    result = run_import("workers", path)
    assert (result.rows, result.accepted) == (1, 1)


def test_a_row_with_many_issues_is_stored_once(tmp_path: Path) -> None:
    bad = ["7502014507850", "Ani", "X", "bukan tanggal", DESA, "Petani", "abc"]
    path = write_csv(tmp_path / "desa.csv", [WORKER_HEADER, bad])
    batch = run_import("workers", path).batch
    assert ImportIssue.objects.filter(batch_id=batch).count() >= 4
    assert list(ImportRow.objects.filter(batch_id=batch).values_list("source_row", flat=True)) == [
        2
    ]
