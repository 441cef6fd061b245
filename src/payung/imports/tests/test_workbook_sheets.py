"""A workbook kept one sheet per desa (issue 18): every sheet with data is imported as a batch
of its own, each row's provenance naming its sheet and its row there; a summary sheet, a
hidden sheet and an empty one are left out; or the one sheet the user names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.conftest import run_payung
from payung.imports.errors import ImportRefused
from payung.imports.models import ImportBatch, ImportIssue
from payung.imports.services import run_workbook
from payung.imports.tests.helpers import WORKER_HEADER, assert_rows_accounted
from payung.jobs.worker import run_pending
from payung.registry.models import Worker

pytestmark = pytest.mark.usefixtures("regions")

BONGO_NOL, BONGO_IV = "75.02.01.2004", "75.02.01.2005"
SITI = ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", BONGO_NOL, "Petani", "1"]
RIZAL = ["7502011203900002", "Moh. Rizal Hasan", "L", "12-03-1990", BONGO_NOL, "Nelayan", "2"]
ISKANDAR = ["7502012106790003", "Iskandar Salim", "L", "21-06-1979", BONGO_IV, "Petani", "1"]
SRI = ["7502016404040006", "Sri Wahyuni Akuba", "P", "24-04-2004", BONGO_IV, "Petani", "1"]
NAMELESS = ["7502010111950001", "", "L", "01-11-1995", BONGO_IV, "Petani", "1"]


def _workbook(path: Path) -> Path:
    """Bongo Nol with a title block; Bongo IV with a hidden helper column and a nameless row;
    a summary sheet, an empty sheet and a hidden sheet with data."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Bongo Nol"
    for row in [["DATA PEKERJA RENTAN DESA BONGO NOL"], [], WORKER_HEADER, SITI, RIZAL]:
        first.append(row)
    second = book.create_sheet("Bongo IV")
    for row in [[*WORKER_HEADER, "Cek"], *([*r, "=LEN(A2)"] for r in (ISKANDAR, SRI, NAMELESS))]:
        second.append(row)
    second.column_dimensions["H"].hidden = True
    summary = book.create_sheet("Rekap")
    for tally in [["Desa", "Jumlah"], ["Bongo Nol", 2], ["Bongo IV", 3]]:
        summary.append(tally)
    book.create_sheet("Kosong")
    hidden = book.create_sheet("Lama")
    for row in [WORKER_HEADER, ["7502011111110001", "Data Lama", "L", "11-11-1911", BONGO_IV]]:
        hidden.append(row)
    hidden.sheet_state = "hidden"
    book.save(path)
    return path


def test_every_sheet_with_data_is_a_batch_naming_its_sheet(tmp_path: Path) -> None:
    done = run_workbook("workers", _workbook(tmp_path / "desa.xlsx"))

    assert [r.file for r in done.results] == ["desa.xlsx › Bongo Nol", "desa.xlsx › Bongo IV"]
    nol, four = (assert_rows_accounted(r.batch) for r in done.results)
    assert (nol.rows, nol.accepted, nol.rejected) == (2, 2, 0)
    assert (four.rows, four.accepted, four.rejected) == (3, 2, 1)
    # Each row's provenance: the sheet, and the row on that sheet (Siti below a title block
    # on Excel's row 4; Sri on row 3 of hers; the nameless row rejected on row 4 of Bongo IV).
    siti = Worker.objects.get(name="Siti Aisyah Pakaya")
    assert (siti.source_file, siti.source_row) == ("desa.xlsx › Bongo Nol", 4)
    sri = Worker.objects.get(name="Sri Wahyuni Akuba")
    assert (sri.source_file, sri.source_row) == ("desa.xlsx › Bongo IV", 3)
    assert ImportIssue.objects.get(batch_id=four.pk, severity="rejected").source_row == 4
    # The hidden helper column of the second sheet is said to be left out.
    assert any("Cek" in w for w in four.warnings)
    # The summary sheet is left out, and why; the empty and the hidden ones are not read.
    assert len(done.skipped) == 1 and "Rekap" in done.skipped[0]
    assert not Worker.objects.filter(name="Data Lama").exists()
    assert Worker.objects.count() == 4


def test_the_sheet_the_user_names_is_the_only_one(tmp_path: Path) -> None:
    done = run_workbook("workers", _workbook(tmp_path / "desa.xlsx"), sheet="Bongo IV")
    assert [r.file for r in done.results] == ["desa.xlsx › Bongo IV"]
    assert set(Worker.objects.values_list("desa_id", flat=True)) == {BONGO_IV}
    with pytest.raises(ImportRefused, match="Bongo 4"):
        run_workbook("workers", tmp_path / "desa.xlsx", sheet="Bongo 4")


def test_a_workbook_of_one_sheet_keeps_the_plain_name(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [WORKER_HEADER, SITI]:
        sheet.append(row)
    book.create_sheet("Catatan")  # an empty second sheet
    book.save(tmp_path / "desa.xlsx")
    done = run_workbook("workers", tmp_path / "desa.xlsx")
    assert [r.file for r in done.results] == ["desa.xlsx"] and done.skipped == []


def test_no_sheet_that_fits_is_the_first_sheets_refusal(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for title in ("Rekap", "Grafik"):
        sheet = book.create_sheet(title)
        sheet.append(["Desa", "Jumlah"])
        sheet.append(["Bongo Nol", 2])
    del book["Sheet"]
    book.save(tmp_path / "rekap.xlsx")
    with pytest.raises(ImportRefused):
        run_workbook("workers", tmp_path / "rekap.xlsx")
    assert ImportBatch.objects.count() == 0


def test_the_command_imports_every_sheet_or_the_one_named(
    tmp_path: Path, initialised_folder: Path
) -> None:
    path = _workbook(tmp_path / "desa.xlsx")
    result = run_payung(initialised_folder, "import", "workers", str(path), "--json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert [b["file"] for b in printed["batches"]] == [
        "desa.xlsx › Bongo Nol",
        "desa.xlsx › Bongo IV",
    ]
    assert "Rekap" in printed["skipped"][0]
    one = run_payung(initialised_folder, "import", "workers", str(path), "--sheet", "Bongo Nol")
    assert one.returncode == 0, one.stderr
    assert "desa.xlsx › Bongo Nol" in one.stdout and "Bongo IV" not in one.stdout


def test_the_upload_page_lists_a_batch_per_sheet(
    client: Client, make_user: Any, tmp_path: Path
) -> None:
    client.force_login(make_user(Role.ANALIS))
    with _workbook(tmp_path / "desa.xlsx").open("rb") as upload:
        response = client.post("/impor/", {"kind": "workers", "file": upload, "sheet": ""})
    assert response.status_code == 302
    run_pending()
    page = client.get(response["Location"]).content.decode()
    assert page.count('data-testid="sheet-batch"') == 2
    assert "desa.xlsx › Bongo IV" in page and "Rekap" in page


def test_a_sheet_past_the_limits_is_refused_before_any_sheet_is_read(tmp_path: Path) -> None:
    """A tiny workbook whose second sheet has a cell at XFD1048576: reading every sheet is
    refused before a row is read; the sound sheet, named, is still imported."""
    book = openpyxl.Workbook()
    sound = book.active
    assert sound is not None
    sound.title = "Bongo Nol"
    for row in [WORKER_HEADER, SITI]:
        sound.append(row)
    bomb = book.create_sheet("Bongo IV")
    for row in [WORKER_HEADER, ISKANDAR]:
        bomb.append(row)
    bomb["XFD1048576"] = "x"
    path = tmp_path / "desa.xlsx"
    book.save(path)

    with pytest.raises(ImportRefused, match="16384"):
        run_workbook("workers", path)
    with pytest.raises(ImportRefused, match="16384"):
        run_workbook("workers", path, sheet="Bongo IV")
    assert not ImportBatch.objects.exists()
    done = run_workbook("workers", path, sheet="Bongo Nol")
    assert [r.file for r in done.results] == ["desa.xlsx › Bongo Nol"]
