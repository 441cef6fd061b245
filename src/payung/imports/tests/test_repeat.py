"""The same file imported again into a table nothing wrote since repeats the earlier batch
(imports.repeat): same figures and issues, every accepted row unchanged, nothing written or
announced. Anything that could make the full path come out otherwise takes the full path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.imports.models import ImportBatch, ImportIssue, ImportRow
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, assert_rows_accounted, write_csv
from payung.linkage.tests.builders import PARTICIPANT_HEADER, RIZAL, new_kpj
from payung.regions.models import Region
from payung.registry.models import ChangeRequest, Worker, WorkerVersion

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"
SITI = ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", DESA, "Petani", "1500000"]
# Kept, flagged twice: a NIK cut to 15 digits and an income that is no number.
YUSUF = ["750201010180000", "Yusuf Daud", "L", "01-01-1980", DESA, "Nelayan", "banyak"]
NO_DESA = ["7502011203900002", "Rizal Hasan", "L", "12-03-1990", "", "Petani", ""]  # rejected


def _list(tmp_path: Path, *rows: list[str], name: str = "desa.csv") -> Path:
    return write_csv(tmp_path / name, [WORKER_HEADER, SITI, YUSUF, NO_DESA, *rows])


def _issues(batch: int) -> list[tuple[int, str, str, str, str]]:
    return list(
        ImportIssue.objects.filter(batch_id=batch)
        .order_by("source_row", "code")
        .values_list("source_row", "severity", "code", "field", "value")
    )


def _problem_rows(batch: int) -> list[tuple[int, Any]]:
    rows = ImportRow.objects.filter(batch_id=batch).order_by("source_row")
    return list(rows.values_list("source_row", "raw"))


def _same_as(batch: int) -> int | None:
    return ImportBatch.objects.get(pk=batch).same_as_id


def test_the_same_file_again_repeats_its_batch(tmp_path: Path) -> None:
    path = _list(tmp_path)
    first = run_import("workers", path)
    assert (first.rows, first.accepted, first.rejected, first.flagged) == (3, 2, 1, 1)
    stored = list(Worker.objects.order_by("pk").values())
    DBTaskResult.objects.all().delete()  # the first import's reactions

    again = run_import("workers", path)
    assert _same_as(again.batch) == first.batch
    assert (again.rows, again.accepted, again.rejected, again.flagged) == (3, 2, 1, 1)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert again.warnings == first.warnings
    assert_rows_accounted(again.batch)
    # The issues (the file sent back to the village) are the first batch's, as its own.
    assert _issues(again.batch) == _issues(first.batch)
    assert {code for _, _, code, _, _ in _issues(again.batch)} == {
        "desa_missing",
        "nik_length_15",
        "income_invalid",
    }
    assert _problem_rows(again.batch) == _problem_rows(first.batch) != []
    assert list(Worker.objects.order_by("pk").values()) == stored
    assert WorkerVersion.objects.count() == 0
    assert not DBTaskResult.objects.exists()  # nothing changed: no reaction
    audit = AuditEvent.objects.filter(action="import.workers").latest("pk")
    assert audit.details["same_as"] == first.batch

    third = run_import("workers", path)  # a repeat can be repeated
    assert _same_as(third.batch) in (first.batch, again.batch)
    assert _issues(third.batch) == _issues(first.batch)


def test_a_changed_cell_is_validated_and_written(tmp_path: Path) -> None:
    first = run_import("workers", _list(tmp_path))
    moved = [*SITI[:5], "Pemanjat kelapa", SITI[6]]
    path = write_csv(tmp_path / "desa.csv", [WORKER_HEADER, moved, YUSUF, NO_DESA])
    again = run_import("workers", path)
    assert _same_as(again.batch) is None
    assert (again.inserted, again.updated, again.unchanged) == (0, 1, 1)
    assert Worker.objects.get(nik=SITI[0]).occupation == "pemanjat kelapa"
    assert _issues(again.batch) == _issues(first.batch)


def test_the_same_rows_under_another_name_are_a_new_source(tmp_path: Path) -> None:
    run_import("workers", _list(tmp_path))
    renamed = _list(tmp_path, name="desa-bulan-ini.csv")
    again = run_import("workers", renamed)
    assert _same_as(again.batch) is None
    assert again.updated == 2  # each row now names its new file
    assert set(Worker.objects.values_list("source_file", flat=True)) == {"desa-bulan-ini.csv"}


def test_a_write_since_takes_the_full_path(tmp_path: Path) -> None:
    """Another list that changed a worker since: the first list again puts its values back,
    as it did before repeats existed."""
    path = _list(tmp_path)
    run_import("workers", path)
    other = write_csv(tmp_path / "lain.csv", [WORKER_HEADER, [*SITI[:5], "Buruh", SITI[6]]])
    assert run_import("workers", other).updated == 1

    again = run_import("workers", path)
    assert _same_as(again.batch) is None
    assert (again.updated, again.unchanged) == (1, 1)
    assert Worker.objects.get(nik=SITI[0]).occupation == "petani"


def test_a_worker_gone_since_is_brought_back(tmp_path: Path) -> None:
    path = _list(tmp_path)
    run_import("workers", path)
    Worker.objects.filter(nik=SITI[0]).delete()
    again = run_import("workers", path)
    assert _same_as(again.batch) is None
    assert (again.inserted, again.unchanged) == (1, 1)
    assert Worker.objects.filter(nik=SITI[0]).exists()


def test_an_approved_change_request_since_takes_the_full_path(
    tmp_path: Path, make_user: Any
) -> None:
    """An Analis approved an operator's change after the list came: the list again restores
    what it says, the change being an update like any other (kept as a version)."""
    path = _list(tmp_path)
    run_import("workers", path)
    operator = make_user(Role.OPERATOR_OPD, username="operator-pmd", opd_code="dinas-pmd")
    changed = write_csv(tmp_path / "pmd.csv", [WORKER_HEADER, [*SITI[:5], "Buruh", SITI[6]]])
    run_import("workers", changed, user=operator)
    request = ChangeRequest.objects.get()
    analis = Client()
    analis.force_login(make_user(Role.ANALIS))
    analis.post(f"/registri/perubahan/{request.pk}/", {"decision": "approve"})
    assert Worker.objects.get(nik=SITI[0]).occupation == "buruh"

    again = run_import("workers", path)
    assert _same_as(again.batch) is None
    assert again.updated == 1
    assert Worker.objects.get(nik=SITI[0]).occupation == "petani"


def test_an_operators_import_is_never_a_repeat(tmp_path: Path, make_user: Any) -> None:
    """An Operator OPD's changes to other agencies' workers are held, not written: a repeat
    would skip holding them, so the operator's imports are validated in full."""
    operator = make_user(Role.OPERATOR_OPD, username="operator-pmd", opd_code="dinas-pmd")
    path = _list(tmp_path)
    first = run_import("workers", path, user=operator)
    again = run_import("workers", path, user=operator)
    assert _same_as(again.batch) is None
    assert ImportBatch.objects.get(pk=first.batch).content_key == ""
    assert (again.inserted, again.unchanged) == (0, 2)
    # Nor does an Analis repeat the operator's batch: it kept no key.
    analis = run_import("workers", path, user=make_user(Role.ANALIS))
    assert _same_as(analis.batch) is None


def test_a_new_desa_since_takes_the_full_path(tmp_path: Path) -> None:
    """Validation reads the desa list: a row of an unknown desa may be known now."""
    unknown = ["", "Ani Lasido", "P", "02-02-1992", "75.02.01.2999", "Petani", ""]
    path = _list(tmp_path, unknown)
    first = run_import("workers", path)
    assert first.rejected == 2
    kecamatan = Region.objects.get(code="75.02.01")
    Region.objects.create(code="75.02.01.2999", name="DESA BARU", level=4, parent=kecamatan)
    again = run_import("workers", path)
    assert _same_as(again.batch) is None
    assert (again.rejected, again.inserted) == (1, 1)


def test_the_same_bpjs_export_again_repeats_its_batch(tmp_path: Path) -> None:
    export = write_csv(
        tmp_path / "bpjs.csv",
        [PARTICIPANT_HEADER, RIZAL.participant_row(new_kpj()), RIZAL.participant_row("")],
    )
    first = run_import("participants", export)
    assert (first.accepted, first.rejected) == (1, 1)
    again = run_import("participants", export)
    assert _same_as(again.batch) == first.batch
    assert (again.inserted, again.updated, again.unchanged, again.rejected) == (0, 0, 1, 1)
    assert _issues(again.batch) == _issues(first.batch)


def test_the_batch_page_says_which_import_it_repeats(tmp_path: Path, make_user: Any) -> None:
    path = _list(tmp_path)
    first = run_import("workers", path)
    again = run_import("workers", path)
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    page = client.get(f"/impor/batch/{again.batch}/").content.decode()
    assert f'href="/impor/batch/{first.batch}/"' in page
    assert "tidak diperiksa ulang" in page
    assert "Yusuf Daud" in page  # its problems listed as the first batch's were
    earlier = client.get(f"/impor/batch/{first.batch}/").content.decode()
    assert 'data-testid="same-as"' not in earlier


def test_the_same_file_in_another_language_has_its_warnings_in_that_language(
    tmp_path: Path,
) -> None:
    """A batch's warnings are written in the importer's language: an English user's import of
    a file first imported in Indonesian is not a repeat of it."""
    header = [*WORKER_HEADER, "Catatan RT"]
    path = write_csv(tmp_path / "desa.csv", [header, [*SITI, "pindahan"]])
    with translation.override("id"):
        first = run_import("workers", path)
        assert _same_as(run_import("workers", path).batch) == first.batch
    with translation.override("en"):
        again = run_import("workers", path)
    assert _same_as(again.batch) is None
    assert any("Catatan RT" in w and w.startswith("Columns not used") for w in again.warnings)
    assert not any(w.startswith("Columns not used") for w in first.warnings)
