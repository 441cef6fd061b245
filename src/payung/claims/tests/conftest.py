"""A small world of assisted workers, shared by the claims tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from payung.assistance.billing import record_payment
from payung.assistance.models import Beneficiary, Status
from payung.assistance.tests.builders import World


@pytest.fixture
def world() -> dict[str, Any]:
    """A 2026 APBD programme that paid Rp 1.008.000.000, with four enrolled farmers:
    - `died` enrolled 1 Feb (its KPJ known from the reconciliation), died in May;
    - `too_early` enrolled 1 Feb, died in January, before the programme covered them;
    - `hurt` enrolled 1 Mar, KPJ not reconciled, linked through the registry, hurt in June;
    - `unpriced` enrolled 1 Feb, died in August; the export gives no amount.
    And `other`, a PU worker of no programme, who died in April."""
    w = World()
    programme = w.programme(start_month=dt.date(2026, 1, 1), months=12, quota=10)
    people = {}
    for name, enrolled, reconciled in [
        ("died", dt.date(2026, 2, 1), True),
        ("too_early", dt.date(2026, 2, 1), True),
        ("hurt", dt.date(2026, 3, 1), False),
        ("unpriced", dt.date(2026, 2, 1), True),
    ]:
        worker = w.poor()
        participant = w.participant("BPU", dt.date(2026, 5, 1), worker=worker)
        Beneficiary.objects.create(
            programme=programme,
            worker=worker,
            desa_id=worker.desa_id,
            status=Status.ENROLLED,
            enrolled_on=enrolled,
            bpjs_kpj=participant.kpj if reconciled else "",
        )
        people[name] = participant.kpj
    people["other"] = w.participant("PU", dt.date(2026, 5, 1), worker=w.poor()).kpj
    record_payment(
        programme,
        amount=1_008_000_000,
        paid_on=dt.date(2026, 1, 20),
        reference="SP2D-001",
        user=None,
    )
    return {"programme": programme, **people}
