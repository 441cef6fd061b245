from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from payung.imports.services import run_import
from payung.imports.tests.helpers import assert_rows_accounted, write_csv
from payung.jobs.worker import run_pending
from payung.participants.models import Participant, ParticipantVersion

pytestmark = pytest.mark.usefixtures("regions")

HEADER = [
    "No KPJ", "NIK", "Nama Peserta", "Tgl Lahir", "Segmen", "Status Kepesertaan", "Program",
    "Bulan Terakhir Bayar", "NPP", "Kode Wilayah",
]  # fmt: skip
SITI = [
    "12345678901", "7502014507850001", "SITI AISYAH PAKAYA", "05-07-1985", "BPU", "AKTIF",
    '"JKK, JKM"', "2025-10", "", "7502012004",
]  # fmt: skip


def test_participants_are_read_with_their_segments_status_and_months(tmp_path: Path) -> None:
    rows = [
        HEADER,
        SITI,
        ["12345678902", "7502011203900002", "Moh Rizal Hasan", "12-03-1990", "Penerima Upah",
         "NON AKTIF", '"JKK, JKM, JHT, JP"', "03-2025", "12345678", "75.02.01.2004"],
    ]  # fmt: skip
    result = run_import("participants", write_csv(tmp_path / "bpjs.csv", rows))
    assert (result.rows, result.accepted, result.rejected, result.flagged) == (2, 2, 0, 0)
    siti = Participant.objects.get(kpj="12345678901")
    assert (siti.segment, siti.status, siti.programs) == ("BPU", "AKTIF", "JKK,JKM")
    assert siti.last_paid == dt.date(2025, 10, 1) and siti.region_code == "75.02.01.2004"
    rizal = Participant.objects.get(kpj="12345678902")
    assert (rizal.segment, rizal.status, rizal.programs) == ("PU", "NON_AKTIF", "JKK,JKM,JHT,JP")
    assert rizal.last_paid == dt.date(2025, 3, 1) and rizal.employer_npp == "12345678"


def test_bad_participant_rows(tmp_path: Path) -> None:
    rows = [
        HEADER,
        SITI,
        SITI,  # 3: same KPJ again -> rejected
        ["1234", *SITI[1:]],  # 4: KPJ too short -> rejected
        ["", *SITI[1:]],  # 5: no KPJ -> rejected
        ["12345678903", "", "Budi", "12-03-1990", "PNS", "entah", "", "13-2025", "", ""],  # 6
    ]
    result = run_import("participants", write_csv(tmp_path / "bpjs.csv", rows))
    batch = assert_rows_accounted(result.batch)
    assert (batch.rows, batch.accepted, batch.rejected) == (5, 2, 3)
    issues = set(batch.issues.values_list("source_row", "code"))
    assert {(3, "kpj_duplicate_in_file"), (4, "kpj_invalid"), (5, "kpj_missing")} <= issues
    assert {(6, "segment_unknown"), (6, "status_unknown"), (6, "last_paid_invalid")} <= issues
    assert (6, "nik_missing") in issues


def test_a_new_export_updates_by_kpj_and_keeps_history(tmp_path: Path) -> None:
    run_import("participants", write_csv(tmp_path / "sep.csv", [HEADER, SITI]))
    lapsed = [*SITI[:5], "NON AKTIF", SITI[6], "2025-11", "", SITI[9]]
    again = run_import("participants", write_csv(tmp_path / "okt.csv", [HEADER, lapsed]))
    assert (again.inserted, again.updated) == (0, 1)
    now = Participant.objects.get(kpj=SITI[0])
    assert (now.status, now.last_paid) == ("NON_AKTIF", dt.date(2025, 11, 1))
    before = ParticipantVersion.objects.get(participant=now)
    assert (before.status, before.last_paid) == ("AKTIF", dt.date(2025, 10, 1))


def test_a_participant_import_takes_a_coverage_snapshot(tmp_path: Path) -> None:
    from payung.coverage.models import Snapshot

    result = run_import("participants", write_csv(tmp_path / "bpjs.csv", [HEADER, SITI]))
    assert not Snapshot.objects.exists()  # a reaction: it runs after the commit, in the worker
    # The snapshot, the reconciliation of assistance programmes, their priority lists, and
    # employers' compliance (the workers each employer has registered), and the claims that
    # wait for their KPJ.
    assert run_pending() == 5
    snapshot = Snapshot.objects.get()
    assert snapshot.month == dt.date(2025, 10, 1)  # SITI's last paid month, the export's month
    assert snapshot.trigger == f"import:{result.batch}"
    assert snapshot.participants_active == 1  # SITI: BPU, paid through 2025-10, in Boalemo
