"""Jumlah tanggungan in village worker lists: read when it is a count, flagged when it is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import translation

from payung.imports.headers import match_columns
from payung.imports.models import ImportIssue
from payung.imports.rejects import write_issue_workbook
from payung.imports.services import run_import
from payung.imports.tests.helpers import assert_rows_accounted, write_csv, write_xlsx
from payung.registry.importer import REQUIRED, WORKER_SYNONYMS
from payung.registry.models import Worker, WorkerVersion

pytestmark = pytest.mark.usefixtures("regions")

# Real Kemendagri codes: 75.02.01 Paguyaman, desa 2004 Bongo Nol.
DESA = "75.02.01.2004"
HEADER = ["NIK", "Nama Lengkap", "JK", "Tgl Lahir", "Kode Desa", "Jumlah Tanggungan"]


def man(serial: int, name: str, dependants: Any) -> list[Any]:
    """A man born 12-03-1990 in Paguyaman, with a valid NIK of his own."""
    return [f"750201120390{serial:04d}", name, "L", "12-03-1990", DESA, dependants]


def flags(batch: int) -> dict[int, tuple[str, str]]:
    issues = ImportIssue.objects.filter(batch_id=batch, code="dependants_invalid")
    return {i.source_row: (i.field, i.value) for i in issues}


def stored() -> dict[str, int | None]:
    return dict(Worker.objects.values_list("name", "dependants"))


@pytest.mark.parametrize(
    "header",
    [
        "Jumlah Tanggungan",
        "TANGGUNGAN",
        "Jml. Tanggungan",
        "Jumlah Anggota Keluarga Tanggungan",
        "Dependants",
        "dependents",
    ],
)
def test_dependants_header_synonyms_are_recognised(header: str) -> None:
    match = match_columns(["Nama", "Desa", header], WORKER_SYNONYMS, REQUIRED, {})
    assert match.columns["dependants"] == header
    assert match.ignored == []


def test_csv_dependants_are_stored_and_bad_counts_kept_with_a_flag(tmp_path: Path) -> None:
    rows = [
        HEADER,
        man(1, "Abdul Gani", "0"),  # 2
        man(2, "Budi Hasan", "3"),  # 3
        man(3, "Candra Lasena", " 4 "),  # 4
        man(4, "Dedi Katili", "30"),  # 5: the largest count taken
        man(5, "Eko Pakaya", ""),  # 6: not given, no flag
        man(6, "Fajar Daud", "31"),  # 7
        man(7, "Gani Usman", "-1"),  # 8
        man(8, "Hadi Nento", "dua"),  # 9
        man(9, "Irfan Mohi", "2.5"),  # 10
        ["7502011203900010", "", "L", "12-03-1990", DESA, "2"],  # 11: no name, rejected
    ]
    result = run_import("workers", write_csv(tmp_path / "desa.csv", rows))

    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted, batch.rejected, batch.flagged) == (10, 9, 1, 4)
    assert stored() == {
        "Abdul Gani": 0,
        "Budi Hasan": 3,
        "Candra Lasena": 4,
        "Dedi Katili": 30,
        "Eko Pakaya": None,
        "Fajar Daud": None,
        "Gani Usman": None,
        "Hadi Nento": None,
        "Irfan Mohi": None,
    }
    assert flags(result.batch) == {
        7: ("dependants", "31"),
        8: ("dependants", "-1"),
        9: ("dependants", "dua"),
        10: ("dependants", "2.5"),
    }


def test_the_village_is_told_why_a_count_was_not_taken(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "desa.csv", [HEADER, man(1, "Hadi Nento", "dua")])
    result = run_import("workers", path)
    target = tmp_path / "perbaikan.xlsx"
    with translation.override("en"):
        assert write_issue_workbook(result.batch, target, full_nik=False) == 1
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert (row[0], row[2]) == (
        2,
        "Dependants (tanggungan) 'dua' is not a whole number from 0 to 30. "
        "The value stored before, if there is one, is kept.",
    )
    assert row[3 + HEADER.index("Jumlah Tanggungan")] == "dua"


def test_xlsx_dependants_in_number_and_text_cells(tmp_path: Path) -> None:
    header = [*HEADER[:-1], "Jml. Tanggungan"]
    rows: list[list[Any]] = [
        header,
        man(1, "Abdul Gani", 2),  # 2: a number cell
        man(2, "Budi Hasan", 5.0),  # 3: a number cell Excel holds as a float
        man(3, "Candra Lasena", "6"),  # 4: a text cell
        man(4, "Dedi Katili", None),  # 5: empty cell
        man(5, "Eko Pakaya", 45),  # 6: too many
        man(6, "Fajar Daud", 1.5),  # 7: not whole
        man(7, "Gani Usman", "tiga orang"),  # 8
        [None, None, None, None, DESA, 1],  # 9: no name, rejected
    ]
    result = run_import("workers", write_xlsx(tmp_path / "desa.xlsx", rows))

    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted, batch.rejected, batch.flagged) == (8, 7, 1, 3)
    assert stored() == {
        "Abdul Gani": 2,
        "Budi Hasan": 5,
        "Candra Lasena": 6,
        "Dedi Katili": None,
        "Eko Pakaya": None,
        "Fajar Daud": None,
        "Gani Usman": None,
    }
    assert flags(result.batch) == {
        6: ("dependants", "45"),
        7: ("dependants", "1.5"),
        8: ("dependants", "tiga orang"),
    }


def test_a_corrected_count_updates_the_worker_and_keeps_the_old_one(tmp_path: Path) -> None:
    first = [HEADER, man(1, "Abdul Gani", "2"), man(2, "Budi Hasan", "1"), man(3, "Candra", "4")]
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    run_import("workers", write_csv(tmp_path / "v1" / "desa.csv", first))
    abdul, budi = Worker.objects.get(name="Abdul Gani"), Worker.objects.get(name="Budi Hasan")

    # The village sends the same file back with two counts corrected.
    second = [HEADER, man(1, "Abdul Gani", "3"), man(2, "Budi Hasan", ""), man(3, "Candra", "4")]
    result = run_import("workers", write_csv(tmp_path / "v2" / "desa.csv", second))

    assert (result.inserted, result.updated, result.unchanged) == (0, 2, 1)
    assert Worker.objects.count() == 3
    assert stored() == {"Abdul Gani": 3, "Budi Hasan": None, "Candra": 4}
    old_abdul = WorkerVersion.objects.get(worker=abdul)
    assert (old_abdul.dependants, old_abdul.replaced_by_batch_id) == (2, result.batch)
    assert WorkerVersion.objects.get(worker=budi).dependants == 1
    assert WorkerVersion.objects.count() == 2

    again = run_import("workers", tmp_path / "v2" / "desa.csv")
    assert (again.updated, again.unchanged) == (0, 3)
    assert WorkerVersion.objects.count() == 2
