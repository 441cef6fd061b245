"""The status rule (domain brief, "Participant status") on hand-made participations."""

from __future__ import annotations

import datetime as dt

import pytest

from payung.coverage import selectors, services
from payung.coverage.tests.helpers import Builder

pytestmark = pytest.mark.usefixtures("regions")

OCT = dt.date(2026, 10, 1)


def covered(month: dt.date = OCT) -> int:
    return selectors.region_row(month, "75.02", live=True).active


def test_paid_through_the_month_is_active_and_a_month_behind_is_not_for_wage_earners() -> None:
    b = Builder()
    b.participant("PU", dt.date(2026, 10, 1), worker=b.worker())
    b.participant("PU", dt.date(2026, 9, 1), worker=b.worker())
    b.participant("JAKON", dt.date(2026, 9, 1), worker=b.worker())
    b.participant("PU", dt.date(2026, 12, 1), worker=b.worker())  # paid ahead
    assert covered() == 2
    assert covered(dt.date(2026, 9, 1)) == 4


def test_bpu_keeps_cover_for_the_grace_months_set_by_the_administrator() -> None:
    b = Builder()
    for month in (10, 9, 8, 7, 6):  # paid through October, September, … June
        b.participant("BPU", dt.date(2026, month, 1), worker=b.worker())
    # Default grace: three months (BPJS TK's procedure ends a BPU participation after more
    # than 3 months in arrears): October and the three months behind it, not June.
    assert covered() == 4
    services.set_bpu_grace_months(months=1)
    assert covered() == 2
    services.set_bpu_grace_months(months=0)
    assert covered() == 1


def test_last_paid_wins_over_the_flag_and_the_flag_decides_only_without_a_month() -> None:
    b = Builder()
    b.participant("PU", dt.date(2026, 10, 1), status="NON_AKTIF", worker=b.worker())
    b.participant("PU", dt.date(2026, 5, 1), status="AKTIF", worker=b.worker())
    b.participant("PU", None, status="AKTIF", worker=b.worker())
    b.participant("PU", None, status="NON_AKTIF", worker=b.worker())
    assert covered() == 2


def test_a_worker_counts_once_however_many_rows_and_participations() -> None:
    b = Builder()
    first = b.worker()
    again = b.worker(desa="75.02.04.2001")  # the same person listed by a second village
    b.duplicate(again, first)
    b.participant("PU", OCT, worker=first)
    b.participant("JAKON", OCT, worker=first)
    alone = b.worker()
    b.participant("BPU", OCT, worker=alone)
    row = selectors.region_row(OCT, "75.02", live=True)
    assert (row.workers, row.active) == (2, 2)
    assert (row.active_pu, row.active_bpu, row.active_jakon) == (1, 1, 1)
    by_kec = {r.key: (r.workers, r.active) for r in selectors.breakdown("kecamatan", OCT)}
    assert by_kec == {"75.02.01": (2, 2)}  # the duplicate's own desa does not count it


def test_a_participation_linked_to_a_duplicate_row_covers_the_canonical_worker() -> None:
    b = Builder()
    first = b.worker()
    again = b.worker()
    b.duplicate(again, first)
    b.participant("BPU", OCT, worker=again)
    row = selectors.region_row(OCT, "75.02", live=True)
    assert (row.workers, row.active) == (1, 1)


def test_unlinked_participants_count_only_in_the_official_figure() -> None:
    b = Builder()
    b.worker()
    b.participant("BPU", OCT, region_code="75.02.01.2004")
    b.participant("BPU", OCT, region_code="75.02.01")  # only the kecamatan was recorded
    b.participant("BPU", OCT, region_code="75.01.01.2001")  # another regency
    b.participant("BPU", dt.date(2025, 1, 1), region_code="75.02.01.2004")  # lapsed
    [kec] = [r for r in selectors.breakdown("kecamatan", OCT) if r.key == "75.02.01"]
    assert (kec.workers, kec.active, kec.participants_active) == (1, 0, 2)
    desa = {r.key: r.participants_active for r in selectors.breakdown("desa", OCT)}
    assert desa["75.02.01.2004"] == 1
