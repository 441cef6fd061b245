"""A bad cell never erases a good stored value (issue 14, item 10): the row's good cells
update, the flagged one keeps what was stored, and the issue says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from payung.imports.messages import describe
from payung.imports.models import ImportIssue
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv
from payung.participants.models import Participant
from payung.registry.models import Worker

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"
NIK = "7502014507850001"
HEADER = [*WORKER_HEADER, "Desil", "Jumlah Tanggungan"]


def test_a_worker_keeps_income_decile_and_birth_date_when_their_cells_are_bad(
    tmp_path: Path,
) -> None:
    good = [NIK, "Siti Aisyah", "P", "05-07-1985", DESA, "Petani", "1.500.000", "2", "3"]
    run_import("workers", write_csv(tmp_path / "a.csv", [HEADER, good]))
    bad = [NIK, "Siti Aisyah Pakaya", "P", "31-31-1985", DESA, "Nelayan", "abc", "99", "-4"]
    result = run_import("workers", write_csv(tmp_path / "b.csv", [HEADER, bad]))
    assert (result.updated, result.flagged) == (1, 1)
    siti = Worker.objects.get(nik=NIK)
    # The good cells updated ...
    assert (siti.name, siti.occupation) == ("Siti Aisyah Pakaya", "nelayan")
    # ... the bad ones kept what was stored.
    assert siti.income == 1_500_000
    assert (siti.decile, siti.dependants) == (2, 3)
    assert siti.birth_date == dt.date(1985, 7, 5)
    issue = ImportIssue.objects.get(batch_id=result.batch, code="income_invalid")
    said = describe(issue.code, issue.value, severity=issue.severity, field=issue.field)
    assert "disimpan sebelumnya" in said  # "Nilai yang disimpan sebelumnya ... tetap dipakai"


def test_only_bad_cells_make_no_change_at_all(tmp_path: Path) -> None:
    good = [NIK, "Siti", "P", "05-07-1985", DESA, "Petani", "1500000", "2", "3"]
    run_import("workers", write_csv(tmp_path / "a.csv", [HEADER, good]))
    bad = [NIK, "Siti", "P", "05-07-1985", DESA, "Petani", "abc", "2", "3"]
    again = tmp_path / "again"
    again.mkdir()  # the same file name: where a row came from is compared too
    result = run_import("workers", write_csv(again / "a.csv", [HEADER, bad]))
    assert (result.updated, result.unchanged) == (0, 1)


PARTICIPANT_HEADER = [
    "No KPJ", "NIK", "Nama Peserta", "Tgl Lahir", "Segmen", "Status Kepesertaan",
    "Bulan Terakhir Bayar", "Kode Wilayah",
]  # fmt: skip


def test_a_participant_keeps_segment_status_and_last_paid_when_their_cells_are_bad(
    tmp_path: Path,
) -> None:
    good = ["12345678901", NIK, "SITI", "05-07-1985", "BPU", "AKTIF", "2025-10", "7502012004"]
    run_import("participants", write_csv(tmp_path / "a.csv", [PARTICIPANT_HEADER, good]))
    bad = ["12345678901", NIK, "SITI A", "05-07-1985", "XYZ", "MUNGKIN", "bulan", "7502012004"]
    result = run_import("participants", write_csv(tmp_path / "b.csv", [PARTICIPANT_HEADER, bad]))
    assert result.updated == 1
    siti = Participant.objects.get(kpj="12345678901")
    assert siti.name == "SITI A"
    assert (siti.segment, siti.status) == ("BPU", "AKTIF")
    assert siti.last_paid == dt.date(2025, 10, 1)
    assert siti.region_code == "75.02.01.2004"
