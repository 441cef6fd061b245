"""No worker is subsidised twice, whatever the path: selection, by hand, replacement, a file,
and the next participant import (reconciliation and billing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from payung.accounts.roles import Role
from payung.assistance import billing, eligibility, reconciliation, services
from payung.assistance.models import Beneficiary, BpjsState, Status
from payung.assistance.services import AssistanceError
from payung.assistance.tests.builders import DESA_A, LONG_AGO, THIS_MONTH, World
from payung.imports.services import run_import
from payung.imports.tests.helpers import write_csv
from payung.jobs.worker import run_pending
from payung.lib.months import add_months
from payung.linkage.models import Link, ReviewPair
from payung.linkage.services import decide_review, run_linkage
from payung.linkage.tests.builders import PARTICIPANT_HEADER
from payung.registry.models import Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(regions: None) -> Iterator[World]:
    # The services' refusals read in English here; the pages' tests check the Indonesian.
    with translation.override("en"):
        yield World()


def selected_ids(programme) -> set[int]:  # type: ignore[no-untyped-def]
    return set(
        Beneficiary.objects.filter(
            programme=programme, status__in=["selected", "verified"]
        ).values_list("worker_id", flat=True)
    )


def test_selection_leaves_out_everyone_already_covered(world: World) -> None:
    free = world.poor()
    pu = world.poor()
    world.active(pu, "PU")
    bpu = world.poor()
    world.active(bpu, "BPU")
    jakon = world.poor()
    world.active(jakon, "JAKON")
    lapsed = world.poor()
    world.participant("BPU", LONG_AGO, status="NON_AKTIF", worker=lapsed)
    # Active under the same NIK but not (yet) linked: caught by the NIK.
    unlinked = world.poor()
    p = world.participant("PU", THIS_MONTH)
    p.nik = unlinked.nik
    p.save()
    # Covered through a duplicate registry row of the same person.
    canonical = world.poor()
    repeat = world.poor(nik=None, nik_status="missing")
    world.duplicate(repeat, canonical)
    world.active(repeat, "PU")

    programme = world.programme(quota=10)
    result = services.select(programme, user=None)

    assert selected_ids(programme) == {free.pk, lapsed.pk}
    assert result.eligible == 2 and result.selected == 2


def test_other_programme_in_the_same_months_keeps_its_workers(world: World) -> None:
    a, b, c = world.poor(), world.poor(), world.poor()
    first = world.programme(name="APBD", quota=2)
    services.select(first, user=None)
    taken = selected_ids(first)
    assert len(taken) == 2

    overlapping = world.programme(name="CSR", funding_source="csr", funder="PT Gorontalo",
                                  start_month=add_months(THIS_MONTH, 6))  # fmt: skip
    services.select(overlapping, user=None)
    assert selected_ids(overlapping) == {a.pk, b.pk, c.pk} - taken

    # Starts when the first ends, but overlaps the CSR programme's second half.
    later = world.programme(name="Next year", start_month=add_months(THIS_MONTH, 12))
    services.select(later, user=None)
    assert selected_ids(later) == taken


def test_a_worker_added_by_hand_must_not_be_covered_or_funded(world: World) -> None:
    covered = world.poor()
    world.active(covered, "PU")
    funded = world.poor()
    other = world.programme(name="Other", quota=1)
    services.select(other, user=None)
    assert selected_ids(other) == {funded.pk}
    programme = world.programme(quota=5)

    with pytest.raises(AssistanceError, match="active BPJS TK participant"):
        services.add_worker(programme, covered, user=None, reason="desa proposal")
    with pytest.raises(AssistanceError, match="funded by another programme"):
        services.add_worker(programme, funded, user=None, reason="desa proposal")
    assert not Beneficiary.objects.filter(programme=programme).exists()

    fine = world.poor()
    added = services.add_worker(programme, fine, user=None, reason="desa proposal")
    assert added.source == "manual" and added.worker_id == fine.pk
    with pytest.raises(AssistanceError, match="already in this programme"):
        services.add_worker(programme, fine, user=None, reason="again")


def test_a_replacement_skips_the_covered_and_the_funded(world: World) -> None:
    chosen = world.poor(decile=1)
    covered = world.poor(decile=1)  # would be next in line if not covered
    world.active(covered, "BPU")
    funded = world.poor(decile=1)
    other = world.programme(name="Other", quota=1)
    # `funded` goes to the other programme: add by hand so it is that one.
    services.add_worker(other, funded, user=None, reason="x")
    next_best = world.poor(decile=2)
    programme = world.programme(quota=1)
    services.select(programme, user=None)
    assert selected_ids(programme) == {chosen.pk}

    first = Beneficiary.objects.get(programme=programme, worker=chosen)
    new = services.reject(first, user=None, reason="pindah ke luar daerah")
    assert new is not None and new.worker_id == next_best.pk
    assert new.source == "replacement" and new.replaces_id == first.pk


def test_a_file_of_niks_refuses_the_covered_and_counts_every_row(
    world: World, tmp_path: Path
) -> None:
    fine = world.poor()
    covered = world.poor()
    world.active(covered, "PU")
    path = tmp_path / "usulan-dinsos.csv"
    path.write_text(
        "No,NIK,Nama\n"
        f"1,{fine.nik},A\n"
        f"2,{covered.nik},B\n"
        "3,7502019999999999,C\n"
        "4,75020112,D\n"
        f"5,{fine.nik},A again\n",
        encoding="utf-8",
    )
    programme = world.programme(quota=5)
    result = services.add_from_file(programme, path, user=None, reason="usulan Dinas Sosial")

    assert result.rows == 5 == result.added + len(result.refused)
    assert selected_ids(programme) == {fine.pk}
    reasons = {row: why for row, _nik, why in result.refused}
    assert "active BPJS TK participant" in reasons[3]
    assert "no worker" in reasons[4]
    assert "16-digit" in reasons[5]
    assert "repeated" in reasons[6]


def test_gaining_pu_cover_stops_the_bill_and_the_worker_is_replaced(world: World) -> None:
    a, b = world.poor(decile=1), world.poor(decile=1)
    spare = world.poor(decile=3)
    programme = world.programme(quota=2, start_month=THIS_MONTH)
    services.select(programme, user=None)
    services.verify_desa(programme, DESA_A, user=None)
    services.mark_enrolled(programme, user=None, on=THIS_MONTH)
    world.active(a, "BPU")  # the enrolment reached BPJS TK
    world.active(b, "PU")  # b found a job: the employer pays now

    run = reconciliation.reconcile(programme)
    assert run.counts[BpjsState.ACTIVE] == 1 and run.counts[BpjsState.COVERED_ELSEWHERE] == 1
    bill = billing.issue_bill(programme, THIS_MONTH, user=None)
    assert (bill.workers, bill.excluded) == (1, 1)
    assert bill.amount == bill.per_worker

    outcome = reconciliation.settle_covered_elsewhere(programme, user=None)
    assert outcome == {"left": 1, "replaced": 1, "no_replacement": 0}
    left = Beneficiary.objects.get(programme=programme, worker=b)
    assert left.status == Status.LEFT
    assert Beneficiary.objects.get(programme=programme, replaces=left).worker_id == spare.pk


def born(worker: Worker) -> str:
    """The birth date a man's NIK encodes (DDMMYY after the area code), as dd-mm-yyyy."""
    nik = str(worker.nik)
    return f"{nik[6:8]}-{nik[8:10]}-19{nik[10:12]}"


def test_the_next_participant_import_reconciles_and_the_bill_follows(
    world: World, tmp_path: Path
) -> None:
    """Through the real import: the export shows one enrolled worker in BPU as intended and
    another now employed (PU); the import reconciles by itself and the bill drops the second."""
    a, b = world.poor(decile=1), world.poor(decile=1)
    programme = world.programme(quota=2)
    services.select(programme, user=None)
    services.verify_desa(programme, DESA_A, user=None)
    services.mark_enrolled(programme, user=None, on=THIS_MONTH)
    paid = THIS_MONTH.strftime("%Y-%m")
    export = write_csv(tmp_path / "bpjs.csv", [
        PARTICIPANT_HEADER,
        ["10000000101", str(a.nik), a.name, born(a), "BPU", "AKTIF", "JKK JKM", paid, "", DESA_A],
        ["10000000102", str(b.nik), b.name, born(b), "PU", "AKTIF", "JKK JKM JHT JP", paid,
         "12345678", DESA_A],
    ])  # fmt: skip
    run_import("participants", export)
    run_pending()  # the reconciliation the import announced, as the worker runs it

    states = dict(
        Beneficiary.objects.filter(programme=programme).values_list("worker_id", "bpjs_state")
    )
    assert states == {a.pk: BpjsState.ACTIVE, b.pk: BpjsState.COVERED_ELSEWHERE}
    bill = billing.issue_bill(programme, THIS_MONTH, user=None)
    assert (bill.workers, bill.excluded) == (1, 1)


def test_next_years_programme_may_renew_its_own_enrolled_workers(world: World) -> None:
    """January: last year's programme paid through December, so its workers still look active
    in BPU. That cover is the regency's own and ending: they may be renewed. Anyone active in
    BPU on their own money, or in PU, still may not."""
    renewed, employed = world.poor(decile=1), world.poor(decile=1)
    self_paying = world.poor(decile=1)
    last_year = world.programme(name="2025", start_month=add_months(THIS_MONTH, -12), quota=2)
    services.select(last_year, user=None)
    services.verify_desa(last_year, DESA_A, user=None)
    services.mark_enrolled(last_year, user=None, on=add_months(THIS_MONTH, -12))
    assert selected_ids(last_year) == set()  # all enrolled now
    world.active(renewed, "BPU")
    world.active(employed, "BPU")
    world.active(employed, "PU")
    world.active(self_paying, "BPU")

    this_year = world.programme(name="2026", quota=5)
    services.select(this_year, user=None)
    assert selected_ids(this_year) == {renewed.pk}


def test_a_linkage_run_reconciles_the_enrolled_workers(world: World) -> None:
    """A worker enrolled without a valid NIK is found through linkage, not by NIK."""
    worker = world.poor(nik=None, nik_status="missing", decile=1)
    programme = world.programme(quota=1, require_valid_nik=False)
    services.select(programme, user=None)
    services.verify_desa(programme, DESA_A, user=None)
    services.mark_enrolled(programme, user=None, on=THIS_MONTH)
    world.active(worker, "PU")  # a link as `payung link` would keep it (a review decision)
    ReviewPair.objects.create(
        participant=Link.objects.get(worker=worker).participant, worker=worker,
        method="probabilistic", score=0.9, decision="accepted",
    )  # fmt: skip

    run_linkage()
    run_pending()  # the reconciliation the run announced, as the worker runs it

    assert Beneficiary.objects.get(worker=worker).bpjs_state == BpjsState.COVERED_ELSEWHERE


def test_payments_never_exceed_a_bill_or_the_budget(world: World) -> None:
    world.poor(decile=1)
    programme = world.programme(quota=1, budget=16_800 * 12)
    services.select(programme, user=None)
    services.verify_desa(programme, DESA_A, user=None)
    services.mark_enrolled(programme, user=None, on=THIS_MONTH)
    bill = billing.issue_bill(programme, THIS_MONTH, user=None)
    pay: dict[str, Any] = {"paid_on": THIS_MONTH, "user": None}

    with pytest.raises(AssistanceError, match="left to pay"):
        billing.record_payment(programme, amount=bill.amount + 1, reference="A", bill=bill, **pay)
    billing.record_payment(programme, amount=bill.amount, reference="A", bill=bill, **pay)
    with pytest.raises(AssistanceError, match="already recorded"):
        billing.record_payment(programme, amount=1, reference="A", **pay)
    # Eleven months paid ahead fill the budget exactly; one rupiah more is refused.
    billing.record_payment(programme, amount=16_800 * 11, reference="B", **pay)
    with pytest.raises(AssistanceError, match="over its budget"):
        billing.record_payment(programme, amount=1, reference="C", **pay)
    assert billing.realisation(programme).remaining == 0


def test_a_file_longer_than_sqlite_takes_parameters_is_read_whole(
    world: World, tmp_path: Path
) -> None:
    """40,000 NIKs: more than SQLite accepts as parameters of one query (32,766)."""
    fine = world.poor()
    path = tmp_path / "besar.csv"
    unknown = [f"75020299{i:08d}" for i in range(40_000)]  # nobody in the registry
    path.write_text("NIK\n" + "".join(f"{nik}\n" for nik in [*unknown, fine.nik]))
    programme = world.programme()
    result = services.add_from_file(programme, path, user=None, reason="x")
    assert (result.rows, result.added, len(result.refused)) == (40_001, 1, 40_000)
    assert Beneficiary.objects.get().worker == fine


def test_no_subsidy_on_a_doubt_until_the_review_pair_is_decided(
    world: World, make_user: Any
) -> None:
    """Issue 18's leak: a pending review pair counted as "not covered", so selection took a
    worker who in truth pays BPU already ("Yanii" against "YANTI", the birth year off)."""
    doubtful = world.poor(name="Yanii")
    active = world.participant("BPU", THIS_MONTH)  # not linked: the pair waits in review
    pair = ReviewPair.objects.create(
        participant=active, worker=doubtful, method="probabilistic", score=0.6
    )
    lapsed_doubt = world.poor(name="Rudi")  # a pair to a participation no longer active
    old = world.participant("BPU", LONG_AGO, status="NON_AKTIF")
    ReviewPair.objects.create(participant=old, worker=lapsed_doubt, method="probabilistic",
                              score=0.6)  # fmt: skip
    free = world.poor()
    programme = world.programme(quota=10)
    assert set(eligibility.held_workers(programme)) == {doubtful}
    assert "held" in " ".join(eligibility.why_not(programme, doubtful))
    services.select(programme, user=None)
    assert selected_ids(programme) == {free.pk, lapsed_doubt.pk}
    with pytest.raises(AssistanceError):  # nor by hand
        services.add_worker(programme, doubtful, reason="usulan desa", user=None)

    client = Client()
    client.force_login(make_user(Role.ANALIS))
    page = client.get(f"/bantuan/{programme.pk}/").content.decode()
    assert 'data-testid="held"' in page and "Yanii" in page

    decide_review(pair=pair, decision="rejected", user=make_user(Role.ANALIS, "reviewer"))
    assert eligibility.why_not(programme, doubtful) == []  # released


def test_an_exact_nik_bars_whatever_the_export_flagged(world: World) -> None:
    """A participant's NIK flagged (its birth date disagrees with the export's column) is
    still the same sixteen digits: the worker with them is covered."""
    worker = world.poor()
    flagged = world.participant("BPU", THIS_MONTH)
    flagged.nik, flagged.nik_status = worker.nik, "birth_date_mismatch"
    flagged.save()
    programme = world.programme(quota=10)
    assert "already an active BPJS TK participant" in eligibility.why_not(programme, worker)
