"""BPJS TK claim exports: imported with row-level reasons, linked to participants and workers,
and set against the contributions each assistance programme paid. Every expected figure is
worked out by hand from the constructed claims and payments."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from payung.claims.impact import benefits, programme_impacts
from payung.claims.linking import link_claims
from payung.claims.models import Claim, ClaimStatus, ClaimType
from payung.claims.tests.builders import claims_file
from payung.imports.models import ImportIssue
from payung.imports.services import run_import
from payung.jobs.worker import run_pending
from payung.linkage.models import Link

pytestmark = pytest.mark.usefixtures("regions")


def test_claims_are_imported_with_reasons_and_an_unknown_kpj_is_kept(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    rows = (
        f"K-1,{world['died']},Ahmad,JKM,10-05-2026,20-05-2026,42.000.000,Dibayar,Siti\n"
        "K-2,99999999999,Tak Dikenal,JKK,01-06-2026,15-06-2026,5.000.000,Dibayar,\n"
        f"K-3,{world['died']},Ahmad,Liburan,10-05-2026,,1.000,Dibayar,\n"
        "K-4,12345,Pendek,JKM,10-05-2026,,1.000,Dibayar,\n"
        f"K-1,{world['died']},Ahmad,JKM,10-05-2026,20-05-2026,42.000.000,Dibayar,Siti\n"
        f"K-5,{world['hurt']},Budi,JKK,31-02-2026,,banyak,Entah,\n"
    )
    result = run_import("bpjs_claims", claims_file(tmp_path, rows))
    assert (result.rows, result.accepted, result.rejected) == (6, 3, 3)
    issues = {(i.source_row, i.code) for i in ImportIssue.objects.filter(batch_id=result.batch)}
    # the header is row 1
    assert (3, "claim_kpj_unknown") in issues
    assert (4, "claim_type_unknown") in issues
    assert (5, "kpj_invalid") in issues
    assert (6, "claim_duplicate_in_file") in issues
    assert {
        (7, "claim_date_invalid"),
        (7, "claim_amount_invalid"),
        (7, "claim_status_unknown"),
    } <= issues
    unknown = Claim.objects.get(number="K-2")
    assert unknown.participant_id is None and unknown.amount == 5_000_000  # kept, not lost
    linked = Claim.objects.get(number="K-1")
    assert linked.participant is not None and linked.participant.kpj == world["died"]
    assert linked.worker_id == Link.objects.get(participant=linked.participant).worker_id
    assert (linked.claim_type, linked.status, linked.recipient) == (
        ClaimType.JKM,
        ClaimStatus.PAID,
        "Siti",
    )


def test_a_claim_waiting_for_its_kpj_links_when_the_participation_arrives(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    run_import(
        "bpjs_claims",
        claims_file(tmp_path, "K-9,10000000999,Baru,JKK,01-06-2026,,1.000.000,Proses,\n"),
    )
    assert Claim.objects.get().participant_id is None
    export = tmp_path / "peserta.csv"
    export.write_text("KPJ,Nama,Segmen,Status\n10000000999,Baru,PU,Aktif\n", encoding="utf-8")
    run_import("participants", export)
    run_pending(jobs=False)  # the reaction to participants.changed, as the worker runs it
    claim = Claim.objects.get()
    assert claim.participant is not None and claim.participant.kpj == "10000000999"
    assert link_claims()["to_participant"] == 1


def test_a_re_import_updates_a_claim_and_keeps_its_version(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    row = f"K-1,{world['died']},Ahmad,JKM,10-05-2026,,,Proses,Siti\n"
    run_import("bpjs_claims", claims_file(tmp_path, row))
    paid = f"K-1,{world['died']},Ahmad,JKM,10-05-2026,20-05-2026,42.000.000,Dibayar,Siti\n"
    result = run_import("bpjs_claims", claims_file(tmp_path, paid))
    assert result.updated == 1
    claim = Claim.objects.get()
    assert (
        claim.status == ClaimStatus.PAID and claim.versions.get().status == ClaimStatus.IN_PROCESS
    )


def test_what_a_programme_paid_against_what_its_workers_and_families_received(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    rows = (
        f"K-1,{world['died']},Ahmad,JKM,10-05-2026,20-05-2026,42.000.000,Dibayar,Siti\n"
        f"K-2,{world['died']},Ahmad,Beasiswa,10-05-2026,01-07-2026,1.500.000,Dibayar,Anak Satu\n"
        f"K-3,{world['died']},Ahmad,Beasiswa,10-05-2026,01-07-2026,2.000.000,Dibayar,Anak Dua\n"
        f"K-4,{world['too_early']},Citra,JKM,15-01-2026,30-01-2026,42.000.000,Dibayar,Dodi\n"
        f"K-5,{world['hurt']},Budi,JKK,05-06-2026,20-06-2026,5.000.000,Dibayar,\n"
        f"K-6,{world['hurt']},Budi,JKK,20-11-2026,,7.000.000,Proses,\n"
        f"K-7,{world['unpriced']},Eka,JKM,03-08-2026,10-08-2026,,Dibayar,Fitri\n"
        f"K-8,{world['other']},Gani,JKM,01-04-2026,10-04-2026,42.000.000,Dibayar,Hana\n"
        # the first child's second school year: one child still
        f"K-9,{world['died']},Ahmad,Beasiswa,10-05-2026,01-08-2026,1.500.000,Dibayar,ANAK SATU\n"
    )
    run_import("bpjs_claims", claims_file(tmp_path, rows))
    found, sources = programme_impacts([world["programme"]])
    [(programme, impact)] = found
    assert impact.contributions_paid == 1_008_000_000
    jkm = impact.by_type[ClaimType.JKM]
    # K-1 paid 42 juta; K-7 gave no amount: the JKM benefit of PP 82/2019 (Rp 42.000.000).
    # K-4 died before the enrolment, K-8 was never in the programme.
    assert (jkm.paid_claims, jkm.paid, jkm.estimated) == (2, 84_000_000, 1)
    jkk = impact.by_type[ClaimType.JKK]
    assert (jkk.claims, jkk.paid_claims, jkk.paid, jkk.in_process) == (2, 1, 5_000_000, 1)
    assert impact.children == 2
    assert impact.benefits_paid == 84_000_000 + 5_000_000 + 5_000_000
    assert impact.heirs_paid == 84_000_000
    [(code, _label, apbd)] = sources
    assert code == "apbd" and apbd.benefits_paid == impact.benefits_paid
    # Every claim in the regency, assisted or not: K-1..K-8 but the one in process.
    everything = benefits()
    assert everything.deaths.paid_claims == 4 and everything.deaths.paid == 4 * 42_000_000
    assert everything.paid == 4 * 42_000_000 + 5_000_000 + 5_000_000
    assert everything.children == 2 and everything.total == 9 and everything.linked == 9


def test_the_command_imports_and_prints_each_programmes_impact(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    row = f"K-1,{world['died']},Ahmad,JKM,10-05-2026,20-05-2026,42.000.000,Dibayar,Siti\n"
    out = io.StringIO()
    call_command("claims", "import", str(claims_file(tmp_path, row)), "--json", stdout=out)
    assert json.loads(out.getvalue())["accepted"] == 1
    out = io.StringIO()
    call_command("claims", "impact", "--json", stdout=out)
    [programme] = json.loads(out.getvalue())
    assert programme["contributions_paid"] == 1_008_000_000
    assert (programme["jkm_claims"], programme["to_heirs"]) == (1, 42_000_000)
    with pytest.raises(CommandError):
        call_command("claims", "import")


def test_a_big_claim_export_loads_into_an_empty_table(tmp_path: Path) -> None:
    """Past imports.writer.BIG_LOAD new rows the writer drops and rebuilds the indexes and,
    on PostgreSQL, alters the table: it must not trip over a per-row deferred check."""
    rows = "".join(
        f"K-{i},{10_000_000_000 + i},Peserta {i},JHT,01-06-2026,15-06-2026,1.000.000,Dibayar,\n"
        for i in range(10_500)
    )
    result = run_import("bpjs_claims", claims_file(tmp_path, rows))
    assert (result.accepted, result.flagged) == (10_500, 10_500)  # no KPJ is known: all kept
    assert Claim.objects.count() == 10_500
