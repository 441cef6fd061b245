"""Writes of the reports app, each audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.reports import monthly
from payung.reports.models import (
    MonthlyReport,
    ParitranaArea,
    ParitranaEntry,
    ParitranaItem,
    PovertyRate,
    Trigger,
)


def save_poverty_rate(
    *, year: int, rate: Decimal, target: Decimal | None, source: str, user: User | None
) -> PovertyRate:
    """The year's poverty rate, replaced when entered again (the audit keeps the old one)."""
    before = PovertyRate.objects.filter(year=year).first()
    saved, _created = PovertyRate.objects.update_or_create(
        year=year,
        defaults={"rate": rate, "target": target, "source": source.strip(), "entered_by": user},
    )
    record_audit(
        action="reports.poverty_rate",
        user=user,
        target=str(year),
        details={
            "rate": str(rate),
            "target": None if target is None else str(target),
            "source": saved.source,
            "before": None
            if before is None
            else {"rate": str(before.rate), "target": str(before.target), "source": before.source},
        },
    )
    return saved


def make_monthly_report(
    *, month: dt.date | None = None, user: User | None, trigger: str = Trigger.ON_DEMAND
) -> MonthlyReport:
    """Freeze this month's figures (or `month`'s) into a report kept in the list."""
    data = monthly.freeze(month)
    report = MonthlyReport.objects.create(
        month=dt.date.fromisoformat(data["month"]), made_by=user, trigger=trigger, data=data
    )
    record_audit(
        action="reports.monthly",
        user=user,
        target=str(report.pk),
        details={"month": data["month"], "trigger": trigger},
    )
    return report


def save_paritrana_entry(
    *, item: ParitranaItem, year: int, achievement: Decimal, evidence: str, user: User | None
) -> ParitranaEntry:
    """What the regency enters for an item in a year, with its evidence (audited)."""
    saved, _created = ParitranaEntry.objects.update_or_create(
        item=item,
        year=year,
        defaults={"achievement": achievement, "evidence": evidence.strip(), "entered_by": user},
    )
    record_audit(
        action="reports.paritrana_entry",
        user=user,
        target=f"{item.code}:{year}",
        details={"achievement": str(achievement), "evidence": saved.evidence},
    )
    return saved


@transaction.atomic
def set_paritrana_weights(
    *, areas: dict[str, Decimal], items: dict[str, Decimal], user: User | None
) -> None:
    """New assumed weights (by area and item code), the old ones kept in the audit trail."""
    before = {
        "areas": {a.code: str(a.weight) for a in ParitranaArea.objects.all()},
        "items": {i.code: str(i.weight) for i in ParitranaItem.objects.all()},
    }
    for code, weight in areas.items():
        ParitranaArea.objects.filter(code=code).update(weight=weight)
    for code, weight in items.items():
        ParitranaItem.objects.filter(code=code).update(weight=weight)
    record_audit(
        action="reports.paritrana_weights",
        user=user,
        details={
            "before": before,
            "after": {
                "areas": {k: str(v) for k, v in areas.items()},
                "items": {k: str(v) for k, v in items.items()},
            },
        },
    )
