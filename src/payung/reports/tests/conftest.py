"""A small constructed regency for the Regent's page, every figure countable by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from payung.assistance.billing import record_payment
from payung.assistance.models import Beneficiary, Status
from payung.assistance.tests.builders import DESA_A, World
from payung.coverage.models import Target, WorkingPopulation


@pytest.fixture
def regency() -> dict[str, Any]:
    """Ten registry workers in one desa, four of deciles 1-4 (two of them covered) and six
    of deciles 5-10 (three covered); BPS counts 40 working people, target 25 % in the year.
    A programme of quota 5 enrolled two and paid Rp 10.000.000."""
    w = World()
    month = dt.date(2026, 5, 1)
    for i in range(10):
        worker = w.worker(DESA_A, decile=2 if i < 4 else 7, nik=f"75020110019{i:05d}")
        if i in (0, 1, 4, 5, 6):
            w.participant("BPU", month, worker=worker)
    WorkingPopulation.objects.create(region_id="75.02", year=2026, workers=40)
    Target.objects.create(region_id="75.02", year=2026, rate=Decimal("0.25"))
    programme = w.programme(
        name="Bantuan BPU Nelayan", start_month=dt.date(2026, 1, 1), months=12, quota=5
    )
    for worker in list(programme_workers(w, 2)):
        Beneficiary.objects.create(
            programme=programme,
            worker=worker,
            desa_id=DESA_A,
            status=Status.ENROLLED,
            enrolled_on=dt.date(2026, 1, 1),
        )
    record_payment(
        programme, amount=10_000_000, paid_on=dt.date(2026, 1, 20), reference="SP2D-1", user=None
    )
    return {"programme": programme, "month": month}


def programme_workers(w: World, n: int) -> Any:
    return (w.poor() for _ in range(n))
