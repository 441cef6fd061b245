"""The demo's assistance programmes: one running since January (its desa verified but for a
few still deciding, enrolled at BPJS TK on 1 January, each month billed and paid), one draft
to compare in the simulator. Made through the same services a user's clicks go through."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from payung.assistance import billing, services
from payung.assistance.models import Programme, Status
from payung.lib.months import add_months, month_start

VULNERABLE = ["petani", "nelayan", "pemanjat kelapa", "buruh harian lepas", "peternak"]


def ensure_demo_programmes() -> list[str]:
    if Programme.objects.exists():
        return []
    year = timezone.localdate().year
    main = services.create_programme(
        user=None,
        name=f"Bantuan Iuran BPU Pekerja Rentan {year}",
        year=year,
        funding_source="apbd",
        budget_line="5.1.02.01.01 Belanja iuran jaminan sosial",
        budget=1_008_000_000,
        quota=5000,
        start_month=dt.date(year, 1, 1),
        months=12,
        occupations=VULNERABLE,
        max_decile=4,
        min_age=18,
        max_age=60,
    )
    selected = services.select(main, user=None)
    enrolled, paid = run_since_january(main)
    services.create_programme(
        user=None,
        name=f"CSR nelayan dan pemanjat kelapa {year}",
        year=year,
        funding_source="csr",
        funder="PT Bank SulutGo (contoh)",
        budget=201_600_000,
        quota=1000,
        start_month=dt.date(year, 7, 1),
        months=6,
        occupations=["nelayan", "pemanjat kelapa"],
        max_decile=6,
    )
    return [
        f"assistance: {main.name}: {selected.selected} of {selected.eligible} eligible selected,"
        f" {enrolled} enrolled, Rp {paid:,} paid; a CSR draft to compare in the simulator"
    ]


UNDECIDED_DESA = 3  # still deciding on their lists: the verification step stays to be seen


def run_since_january(programme: Programme) -> tuple[int, int]:
    """Verify every desa's list but the last few, enrol on the first day of the programme,
    and bill and pay each month up to this one. Returns (enrolled, rupiah paid)."""
    desa = sorted(
        set(
            programme.beneficiaries.filter(status=Status.SELECTED).values_list("desa_id", flat=True)
        )
    )
    for code in desa[:-UNDECIDED_DESA] if len(desa) > UNDECIDED_DESA else desa:
        services.verify_desa(programme, code, user=None)
    enrolled = services.mark_enrolled(programme, user=None, on=programme.start_month)
    paid = 0
    this_month = month_start(timezone.localdate())
    month = programme.start_month
    while month <= min(this_month, programme.end_month):
        bill = billing.issue_bill(programme, month, user=None)
        billing.record_payment(
            programme,
            amount=bill.amount,
            paid_on=month + dt.timedelta(days=19),
            reference=f"SP2D/{month:%Y}/{month:%m}/BPU",
            user=None,
            bill=bill,
        )
        paid += bill.amount
        month = add_months(month, 1)
    return enrolled, paid
