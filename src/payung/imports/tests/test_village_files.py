"""Files as villages really make them (issue 18): a title block and blank rows above the
header row, in a workbook and in a CSV Excel saved; the rows above are left out and said so,
every data row keeps its own line number, and rows in = accepted + rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from payung.imports.models import ImportIssue
from payung.imports.reading import header_index
from payung.imports.services import run_import
from payung.imports.tests.helpers import (
    WORKER_HEADER,
    assert_rows_accounted,
    write_csv,
    write_xlsx,
)
from payung.registry.models import Worker

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"
SITI = ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", DESA, "Petani", "1500000"]
RIZAL = ["7502011203900002", "Moh. Rizal Hasan", "L", "12/03/1990", DESA, "Nelayan", "2.000.000"]
NAMELESS = ["7502011203900003", "", "L", "12/03/1990", DESA, "Nelayan", "2.000.000"]
TITLE = [["DATA PEKERJA RENTAN KABUPATEN BOALEMO"], ["Desa Bongo Nol, Tahun 2025"], []]


def test_a_workbook_with_a_title_block_above_its_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "desa.xlsx", [*TITLE, WORKER_HEADER, SITI, RIZAL, NAMELESS])
    result = run_import("workers", path)
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted, batch.rejected) == (3, 2, 1)
    assert set(Worker.objects.values_list("name", flat=True)) == {
        "Siti Aisyah Pakaya",
        "Moh. Rizal Hasan",
    }
    # Siti is on Excel's row 5 (three title rows, the header on row 4), the nameless on row 7.
    assert Worker.objects.get(name="Siti Aisyah Pakaya").source_row == 5
    assert ImportIssue.objects.get(batch_id=batch.pk, severity="rejected").source_row == 7
    [note] = [w for w in batch.warnings if "DATA PEKERJA RENTAN" in w]
    assert "1" in note and "3" in note  # rows 1 to 3 left out, in the file's words


def test_a_csv_saved_from_such_a_workbook(tmp_path: Path) -> None:
    rows = [["DATA PEKERJA RENTAN KABUPATEN BOALEMO", "", "", "", "", "", ""],
            [""] * 7, WORKER_HEADER, SITI, RIZAL]  # fmt: skip
    result = run_import("workers", write_csv(tmp_path / "desa.csv", rows, sep=";"))
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted) == (2, 2)
    assert Worker.objects.get(name="Moh. Rizal Hasan").source_row == 5


def test_a_plain_file_still_starts_at_its_first_row(tmp_path: Path) -> None:
    result = run_import("workers", write_csv(tmp_path / "desa.csv", [WORKER_HEADER, SITI]))
    assert Worker.objects.get().source_row == 2
    assert not any("header row" in w for w in assert_rows_accounted(result.batch).warnings)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["Judul"], [], ["NIK", "Nama", "Desa"], ["1", "A", "x"]], 2),
        ([["NIK", "Nama", "Desa"], ["1", "A", "x"]], 0),
        ([["Judul", "", ""], ["NIK", "Nama", ""], ["1", "A", "x"]], 1),  # 2 of 3 filled
        ([["only one column"], ["a"], ["b"]], 0),  # nothing is wide: the first row
        ([], 0),
    ],
)
def test_where_the_header_row_is(rows: list[list[str]], expected: int) -> None:
    assert header_index(rows) == expected


def test_niks_and_dates_as_people_type_them(tmp_path: Path) -> None:
    rows = [
        WORKER_HEADER,
        ["7502 0145 0785 0001", "Hj. Siti Aisyah, S.Pd.", "P", "5 Juli 1985", DESA, "Guru", "1"],
        ["'7502011203900002", "Moh. Rizal", "L", "12-Mar-90", DESA, "Nelayan", "2.000.000"],
        ["7502.0112.0390.0003", "Drs. H. Yusuf", "L", "12/3/90", DESA, "Petani", "1.500.000"],
    ]
    result = run_import("workers", write_xlsx(tmp_path / "desa.xlsx", rows))
    batch = assert_rows_accounted(result.batch)
    assert (batch.accepted, batch.flagged) == (3, 0), list(
        ImportIssue.objects.filter(batch_id=batch.pk).values_list("code", "value")
    )
    stored = dict(Worker.objects.values_list("nik", "birth_date"))
    assert set(stored) == {"7502014507850001", "7502011203900002", "7502011203900003"}
    assert str(stored["7502011203900003"]) == "1990-03-12"  # not the year 90
    # the name is kept as written, titles and all, for the page and the letters
    assert Worker.objects.filter(name="Hj. Siti Aisyah, S.Pd.").exists()


FILES = Path(__file__).parent / "files"  # made by LibreOffice from an openpyxl workbook


@pytest.mark.parametrize("name", ["desa-lama.xls", "desa-lama.ods"])
def test_old_excel_and_opendocument_workbooks(tmp_path: Path, name: str) -> None:
    """Excel 97-2003 and LibreOffice's own format, each with a title row and a blank row above
    the header (the files were converted by LibreOffice, not written by Payung's tests)."""
    result = run_import("workers", FILES / name)
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted) == (2, 2)
    assert Worker.objects.get(name="Moh. Rizal Hasan").source_row == 5
    assert any("DATA PEKERJA RENTAN DESA BONGO NOL" in w for w in batch.warnings)


def test_an_old_workbook_named_xlsx_is_still_read(tmp_path: Path) -> None:
    misnamed = tmp_path / "desa.xlsx"
    misnamed.write_bytes((FILES / "desa-lama.xls").read_bytes())
    assert assert_rows_accounted(run_import("workers", misnamed).batch).accepted == 2


def test_a_totals_row_at_the_foot_is_left_out_and_said_so(tmp_path: Path) -> None:
    total = ["", "JUMLAH", "", "", "", "", "3.500.000"]
    named = ["7502011203900004", "Total Simanjuntak", "L", "12-03-1990", DESA, "Petani", "1"]
    rows = [WORKER_HEADER, SITI, named, RIZAL, total]
    result = run_import("workers", write_xlsx(tmp_path / "desa.xlsx", rows))
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted, batch.rejected) == (3, 3, 0)
    assert Worker.objects.filter(name="Total Simanjuntak").exists()  # a person, kept
    assert any("5" in w and "JUMLAH" in w for w in batch.warnings)  # row 5, named


def _merged_header_workbook(path: Path, rows: list[list[str]]) -> Path:
    """A list as a village office lays it out in Excel: a title, then a two-row header whose
    'No', 'NIK', 'Nama' … are merged down over both rows and whose 'Tempat/Tgl Lahir' and
    'Alamat' are merged across their parts."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DATA PEKERJA RENTAN DESA BONGO NOL"])
    sheet.append([])
    sheet.append(["No", "NIK", "Nama", "Jenis Kelamin", "Tempat/Tgl Lahir", None, "Alamat",
                  None, "Pekerjaan", "Penghasilan"])  # fmt: skip
    sheet.append([None, None, None, None, "Tempat", "Tgl Lahir", "Desa", "Kecamatan", None, None])
    for column in "ABCDIJ":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("E3:F3")
    sheet.merge_cells("G3:H3")
    for n, row in enumerate(rows, start=1):
        sheet.append([n, *row])
    book.save(path)
    return path


def test_a_two_row_header_with_merged_cells(tmp_path: Path) -> None:
    siti = ["7502014507850001", "Siti Aisyah Pakaya", "P", "Tilamuta", "05-07-1985", DESA,
            "Paguyaman", "Petani", "1500000"]  # fmt: skip
    rizal = ["7502011203900002", "Moh. Rizal Hasan", "L", "Boalemo", "12/03/1990", DESA,
             "Paguyaman", "Nelayan", "2.000.000"]  # fmt: skip
    nameless = ["7502011203900003", "", "L", "Boalemo", "12/03/1990", DESA, "Paguyaman",
                "Nelayan", "2.000.000"]  # fmt: skip
    path = _merged_header_workbook(tmp_path / "desa.xlsx", [siti, rizal, nameless])
    result = run_import("workers", path)
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted, batch.rejected) == (3, 2, 1)
    worker = Worker.objects.get(name="Siti Aisyah Pakaya")
    # The parts under the merged cells are the columns: 'Tgl Lahir' the birth date, 'Desa'
    # the desa; the first person is on Excel's row 5, after the two header rows.
    assert str(worker.birth_date) == "1985-07-05" and worker.desa_id == DESA
    assert worker.source_row == 5
    assert ImportIssue.objects.get(batch_id=batch.pk, severity="rejected").source_row == 7
    [note] = [w for w in batch.warnings if "3" in w and "4" in w and "Tgl Lahir" in w]
    assert "Kecamatan" in note


def test_a_first_data_row_without_digits_is_not_taken_for_a_header_part() -> None:
    from payung.imports.reading import is_sub_header, two_row_names

    header = ["Nama", "Desa", "Pekerjaan", ""]
    assert not is_sub_header(header, ["Siti", "Bongo Nol", "Petani", "aktif"])
    assert not is_sub_header(["NIK", "Nama"], ["7502014507850001", "Siti"])
    parts = ["", "Tempat", "Tgl Lahir", "L", "P"]
    assert is_sub_header(["Nama", "Tempat/Tgl Lahir", "", "Jenis Kelamin", ""], parts)
    assert two_row_names(["Nama", "Tempat/Tgl Lahir", "", "Jenis Kelamin", ""], parts) == [
        "Nama", "Tempat", "Tgl Lahir", "Jenis Kelamin L", "Jenis Kelamin P",
    ]  # fmt: skip


def test_hidden_helper_columns_are_left_out_and_said(tmp_path: Path) -> None:
    """A clerk's hidden helper columns (a lookup, a running number) are not data: they are
    left out and named in the batch's warnings; the visible columns import as before."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*WORKER_HEADER, "Bantu Cari", "Urut"])
    sheet.append([*SITI, "=VLOOKUP(A2,Sheet2!A:B,2,0)", "1"])
    sheet.append([*RIZAL, "#N/A", "2"])
    sheet.column_dimensions.group("H", "I", hidden=True)  # one <col min="8" max="9"> range
    path = tmp_path / "desa.xlsx"
    book.save(path)
    from payung.imports.reading import hidden_columns, read_table

    assert hidden_columns(path) == {7, 8}
    assert "Bantu Cari" not in read_table(path).columns
    result = run_import("workers", path)
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted) == (2, 2)
    [note] = [w for w in batch.warnings if "Bantu Cari" in w]
    assert "Urut" in note
