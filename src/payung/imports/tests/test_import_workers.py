"""Importing village worker lists: real files, every row accounted for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from payung.imports.errors import ImportRefused
from payung.imports.models import ImportIssue
from payung.imports.services import run_import
from payung.imports.tests.helpers import (
    WORKER_HEADER,
    assert_rows_accounted,
    write_csv,
    write_xlsx,
)
from payung.registry.models import Worker, WorkerVersion

pytestmark = pytest.mark.usefixtures("regions")

# Real Kemendagri codes: 75.02.01 Paguyaman, desa 2004 Bongo Nol.
DESA = "75.02.01.2004"
SITI = ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", DESA, "Petani", "1500000"]
RIZAL = ["7502011203900002", "Moh. Rizal Hasan", "L", "12/03/1990", DESA, "Nelayan", "2.000.000"]


def codes(batch: int) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for row, code in ImportIssue.objects.filter(batch_id=batch).values_list("source_row", "code"):
        found.setdefault(row, set()).add(code)
    return found


@pytest.mark.parametrize(("sep", "bom"), [(",", False), (";", False), (";", True), ("\t", True)])
def test_csv_with_either_separator_and_a_bom(tmp_path: Path, sep: str, bom: bool) -> None:
    path = write_csv(tmp_path / "desa.csv", [WORKER_HEADER, SITI, RIZAL], sep=sep, bom=bom)
    result = run_import("workers", path)
    assert (result.rows, result.accepted, result.rejected, result.flagged) == (2, 2, 0, 0)
    siti = Worker.objects.get(nik=SITI[0])
    assert (siti.sex, siti.birth_date, siti.desa_id, siti.income) == (
        "P",
        dt.date(1985, 7, 5),
        DESA,
        1_500_000,
    )
    assert siti.source_row == 2 and siti.source_file == "desa.csv"
    assert Worker.objects.get(nik=RIZAL[0]).income == 2_000_000


def test_xlsx_with_text_and_numeric_nik_cells(tmp_path: Path) -> None:
    numeric_nik = 7502014507850001  # what Excel does to a NIK typed into a General cell
    path = write_xlsx(
        tmp_path / "desa.xlsx",
        [
            WORKER_HEADER,
            [
                "7502011203900002",
                "Moh. Rizal Hasan",
                "L",
                dt.datetime(1990, 3, 12),
                DESA,
                "nelayan",
                2000000,
            ],
            [numeric_nik, "Siti Aisyah Pakaya", "P", "05-07-1985", DESA, "petani", "1500000"],
            [7.50201e15, "Nurain Katili", "P", 32143, DESA, "petani", None],
        ],
    )
    result = run_import("workers", path)
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted, batch.flagged) == (3, 3, 2)
    assert Worker.objects.get(name="Moh. Rizal Hasan").nik_status == "valid"
    assert Worker.objects.get(name="Siti Aisyah Pakaya").nik_status == "excel_numeric"
    nurain = Worker.objects.get(name="Nurain Katili")
    assert nurain.nik_status == "excel_numeric" and nurain.nik is None
    assert nurain.birth_date == dt.date(1988, 1, 1)  # Excel serial 32143
    assert codes(result.batch)[3] == {"nik_excel_numeric"}
    assert any("Excel" in w for w in result.warnings)


def test_bad_worker_rows_are_kept_and_flagged_or_rejected_with_reasons(tmp_path: Path) -> None:
    rows = [
        WORKER_HEADER,
        SITI,  # 2: fine
        ["", "Yusuf Daud", "L", "01-01-1980", DESA, "petani", ""],  # 3: NIK missing -> kept
        ["750201120390002", "Hamzah Ismail", "L", "12-03-1990", DESA, "petani", ""],  # 4: 15 digits
        ["7.50201E+15", "Nurain Katili", "P", "01-01-1988", DESA, "petani", ""],  # 5: scientific
        ["7502011203900000", "Ramli Lasena", "L", "12-03-1990", DESA, "petani", ""],  # 6: 0000
        ["7502014507850001", "Siti A. Pakaya", "P", "05-07-1985", DESA, "petani", ""],  # 7: dup
        ["7502011203900003", "", "L", "12-03-1990", DESA, "petani", ""],  # 8: no name
        ["7502011203900004", "Ali Usman", "L", "12-03-1990", "Desa Entah", "petani", ""],  # 9
        ["7502011203900005", "Ali Nento", "L", "31-02-1990", DESA, "petani", "banyak"],  # 10
        ["", "", "", "", "", "", ""],  # 11: empty row
    ]
    result = run_import("workers", write_csv(tmp_path / "desa.csv", rows))
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted, batch.rejected) == (10, 7, 3)
    found = codes(result.batch)
    assert found[3] == {"nik_missing"}
    assert found[4] == {"nik_length_15"}
    assert found[5] == {"nik_excel_scientific"}
    assert found[6] == {"nik_serial_zero"}
    assert found[7] == {"nik_duplicate_in_file"}
    assert found[8] == {"name_missing"}
    assert found[9] == {"desa_unknown"}
    assert found[10] == {"birth_date_invalid", "income_invalid"}
    assert found[11] == {"empty_row"}
    assert 2 not in found
    kept = set(Worker.objects.values_list("source_row", flat=True))
    assert kept == {2, 3, 4, 5, 6, 7, 10}
    assert Worker.objects.get(source_row=7).nik is None  # the NIK stays with row 2's worker


def test_desa_by_code_without_dots_or_by_name(tmp_path: Path) -> None:
    rows = [
        ["NIK", "Nama", "Desa"],
        ["7502014507850001", "Siti Aisyah Pakaya", "7502012004"],
        ["7502011203900002", "Rizal Hasan", "bongo  nol"],
    ]
    run_import("workers", write_csv(tmp_path / "d.csv", rows))
    assert set(Worker.objects.values_list("desa_id", flat=True)) == {DESA}


def test_reimporting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    rows = [WORKER_HEADER, SITI, RIZAL, ["", "Yusuf Daud", "L", "01-01-1980", DESA, "petani", ""]]
    path = write_csv(tmp_path / "desa.csv", rows)
    run_import("workers", path)
    before = list(Worker.objects.order_by("id").values())
    again = run_import("workers", path)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert list(Worker.objects.order_by("id").values()) == before
    assert WorkerVersion.objects.count() == 0


def test_a_corrected_file_updates_the_same_workers_and_keeps_history(tmp_path: Path) -> None:
    first = [
        WORKER_HEADER,
        SITI,
        ["750201120390002", "Rizal Hasan", "L", "12-03-1990", DESA, "", ""],
    ]
    run_import("workers", write_csv(tmp_path / "v1.csv", first))
    rizal_id = Worker.objects.get(name="Rizal Hasan").pk

    corrected_siti = [*SITI[:5], "Pemanjat kelapa", "1000000"]
    corrected_rizal = ["7502011203900002", "Rizal Hasan", "L", "12-03-1990", DESA, "", ""]
    result = run_import(
        "workers", write_csv(tmp_path / "v2.csv", [WORKER_HEADER, corrected_siti, corrected_rizal])
    )
    assert (result.inserted, result.updated) == (0, 2)
    assert Worker.objects.count() == 2
    siti = Worker.objects.get(nik=SITI[0])
    assert (siti.occupation, siti.income) == ("pemanjat kelapa", 1_000_000)
    old = WorkerVersion.objects.get(worker=siti)
    assert (old.occupation, old.income, old.source_file) == ("petani", 1_500_000, "v1.csv")
    rizal = Worker.objects.get(pk=rizal_id)  # the corrected NIK landed on the same worker
    assert (rizal.nik, rizal.nik_status) == ("7502011203900002", "valid")
    assert WorkerVersion.objects.get(worker=rizal).nik_status == "length_15"


def test_unknown_headers_are_refused_with_the_columns_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["Kolom A", "Kolom B"], ["1", "2"]])
    with pytest.raises(ImportRefused) as refused:
        run_import("workers", path)
    assert "Kolom A" in str(refused.value) and "--map" in str(refused.value)


def test_map_names_the_columns_it_cannot_recognise(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "x.csv", [["Identitas", "Orang", "Kampung"], [SITI[0], "Siti Aisyah", DESA]]
    )
    result = run_import(
        "workers", path, overrides={"nik": "Identitas", "name": "Orang", "desa": "Kampung"}
    )
    assert result.accepted == 1
    assert Worker.objects.get().nik == SITI[0]


def test_map_to_a_missing_column_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [WORKER_HEADER, SITI])
    with pytest.raises(ImportRefused, match="Tidak Ada"):
        run_import("workers", path, overrides={"nik": "Tidak Ada"})


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportRefused):
        run_import("workers", path)
    assert Worker.objects.count() == 0


def test_header_only_gives_zero_rows_and_says_so(tmp_path: Path) -> None:
    result = run_import("workers", write_csv(tmp_path / "h.csv", [WORKER_HEADER]))
    assert (result.rows, result.accepted, result.rejected) == (0, 0, 0)
    assert result.warnings


def test_a_pdf_renamed_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "daftar.xlsx"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    with pytest.raises(ImportRefused, match="PDF"):
        run_import("workers", path)


def test_a_damaged_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportRefused):
        run_import("workers", path)


def test_issue_workbook_has_a_reason_for_every_problem_row(tmp_path: Path) -> None:
    from payung.imports.rejects import write_issue_workbook

    rows = [
        WORKER_HEADER,
        SITI,
        ["7.50201E+15", "Nurain Katili", "P", "01-01-1988", DESA, "", ""],
        ["7502011203900003", "", "L", "12-03-1990", DESA, "", ""],
    ]
    result = run_import("workers", write_csv(tmp_path / "d.csv", rows))
    target = tmp_path / "perbaikan.xlsx"
    assert write_issue_workbook(result.batch, target, full_nik=False) == 2
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:3] == ("Baris", "Status", "Alasan")
    assert [r[0] for r in table[1:]] == [3, 4]
    assert all(r[2] for r in table[1:])
    assert table[2][3] == "750201**********"  # masked for a role that may not see the NIK
