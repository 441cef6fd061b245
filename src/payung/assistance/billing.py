"""Monthly bills, payments and budget realisation of assistance programmes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.assistance import money
from payung.assistance.models import (
    HOLDING,
    Beneficiary,
    Bill,
    BpjsState,
    FundingSource,
    Payment,
    Programme,
    Status,
)
from payung.assistance.services import AssistanceError, audit, locked
from payung.contributions.calculator import rp
from payung.lib.months import add_months, month_start


def billable(programme: Programme, month: dt.date) -> tuple[int, int]:
    """(workers to pay for in `month`, enrolled workers left out because the last
    reconciliation found them covered elsewhere: paying for them would subsidise twice)."""
    enrolled = Beneficiary.objects.filter(
        programme=programme,
        status=Status.ENROLLED,
        enrolled_on__lt=add_months(month_start(month), 1),
    )
    excluded = enrolled.filter(bpjs_state=BpjsState.COVERED_ELSEWHERE).count()
    return enrolled.count() - excluded, excluded


@transaction.atomic
def issue_bill(programme: Programme, month: dt.date, *, user: User | None) -> Bill:
    programme = locked(programme)
    month = month_start(month)
    if month not in programme.month_list():
        raise AssistanceError(
            _("%(month)s is outside the programme's months.") % {"month": month.strftime("%m-%Y")}
        )
    if Bill.objects.filter(programme=programme, month=month).exists():
        raise AssistanceError(
            _("The bill for %(month)s already exists.") % {"month": month.strftime("%m-%Y")}
        )
    workers, excluded = billable(programme, month)
    if workers == 0:
        raise AssistanceError(_("No enrolled workers to bill for this month."))
    package = money.monthly(programme, month)
    bill = Bill.objects.create(
        programme=programme,
        month=month,
        workers=workers,
        per_worker=package.monthly_total,
        amount=workers * package.monthly_total,
        excluded=excluded,
        regulation="; ".join(sorted({line.regulation for line in package.lines})),
        created_by=user,
    )
    audit(user, "bill", programme, month=month.isoformat(), workers=workers,
           amount=bill.amount, excluded=excluded)  # fmt: skip
    return bill


@transaction.atomic
def record_payment(
    programme: Programme,
    *,
    amount: int,
    paid_on: dt.date,
    reference: str,
    user: User | None,
    bill: Bill | None = None,
    note: str = "",
) -> Payment:
    programme = locked(programme)  # two payments at once cannot both pass the budget check
    reference = reference.strip()
    if amount <= 0:
        raise AssistanceError(_("A payment must be more than Rp 0."))
    if not reference:
        raise AssistanceError(_("Give the payment's reference (SP2D or transfer number)."))
    if bill is not None and bill.programme_id != programme.pk:
        raise AssistanceError(_("That bill belongs to another programme."))
    if bill is not None:
        # Paying ahead (3, 6 or 12 months, as BPU allows) is a payment without a bill.
        outstanding = bill.amount - int(bill.payments.aggregate(s=Sum("amount"))["s"] or 0)
        if amount > outstanding:
            raise AssistanceError(
                _("The bill of %(month)s has %(left)s left to pay; record more as a payment "
                  "without a bill (paid ahead).")
                % {"month": bill.month.strftime("%m-%Y"), "left": rp(outstanding)}
            )  # fmt: skip
    if Payment.objects.filter(programme=programme, reference=reference).exists():
        raise AssistanceError(
            _("A payment with reference %(ref)s is already recorded.") % {"ref": reference}
        )
    paid = _paid(programme)
    if paid + amount > programme.budget:
        raise AssistanceError(_("This payment would take the programme over its budget."))
    payment = Payment.objects.create(
        programme=programme, bill=bill, amount=amount, paid_on=paid_on,
        reference=reference, note=note.strip(), recorded_by=user,
    )  # fmt: skip
    audit(user, "pay", programme, amount=amount, paid_on=paid_on.isoformat(),
           reference=reference, bill=bill.month.isoformat() if bill else None)  # fmt: skip
    return payment


def _paid(programme: Programme) -> int:
    return int(programme.payments.aggregate(s=Sum("amount"))["s"] or 0)


@dataclass(frozen=True)
class Realisation:
    """Budget against money: committed = what is billed plus what the workers holding a place
    will cost in the months not yet billed; billed and paid so far; remaining = budget − paid."""

    budget: int
    committed: int
    billed: int
    paid: int

    @property
    def remaining(self) -> int:
        return self.budget - self.paid

    @property
    def paid_share(self) -> float:
        return self.paid / self.budget if self.budget else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "budget": self.budget,
            "committed": self.committed,
            "billed": self.billed,
            "paid": self.paid,
            "remaining": self.remaining,
        }


def realisation(programme: Programme, prices: dict[dt.date, int] | None = None) -> Realisation:
    """`prices`: money.prices(programme), when the caller has them already."""
    places = Beneficiary.objects.filter(programme=programme, status__in=HOLDING).count()
    billed = int(programme.bills.aggregate(s=Sum("amount"))["s"] or 0)
    billed_months = set(programme.bills.values_list("month", flat=True))
    if prices is None:
        prices = money.prices(programme)
    to_come = sum(price for month, price in prices.items() if month not in billed_months)
    return Realisation(
        budget=programme.budget,
        committed=billed + places * to_come,
        billed=billed,
        paid=_paid(programme),
    )


def realisation_by_source(
    realised: Iterable[tuple[Programme, Realisation]],
) -> list[tuple[str, str, Realisation]]:
    """Totals per funding source (code, label, figures), in the order of FundingSource, of
    programmes whose realisation the caller has already computed."""
    totals: dict[str, list[int]] = {}
    for programme, r in realised:
        row = totals.setdefault(programme.funding_source, [0, 0, 0, 0])
        for i, value in enumerate((r.budget, r.committed, r.billed, r.paid)):
            row[i] += value
    return [
        (source.value, str(source.label), Realisation(*totals[source.value]))
        for source in FundingSource
        if source.value in totals
    ]
