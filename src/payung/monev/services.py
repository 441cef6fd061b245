"""Writes of monev. Each model keeps its own history (django-simple-history); a write that
matters to the trail also records an audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from payung.accounts.models import Opd, User
from payung.accounts.services import record_audit
from payung.lib.months import add_months
from payung.monev import selectors, snapshots, sources
from payung.monev.catalogue import INSTRUCTIONS
from payung.monev.models import (
    Action,
    Indicator,
    Instruction,
    ItemStatus,
    Period,
    PeriodKind,
    Realisation,
    Snapshot,
)


@transaction.atomic
def seed_catalogue() -> int:
    """Create the seeded instructions, actions and indicators that are missing, by code; never
    overwrite what an Administrator edited. Returns how many rows it created."""
    created = 0
    opds = {o.code: o for o in Opd.objects.all()}
    for i, seed in enumerate(INSTRUCTIONS):
        instruction, made = Instruction.objects.get_or_create(
            code=seed["code"],
            defaults={
                "text": seed["text"], "wording": seed["wording"],
                "legal_reference": seed["legal_reference"], "position": i,
                "weight": Decimal(seed["weight"]),
            },
        )  # fmt: skip
        created += made
        for j, a in enumerate(seed["actions"]):
            action, made = Action.objects.get_or_create(
                code=a["code"],
                defaults={
                    "instruction": instruction, "title": a["title"], "position": j,
                    "weight": Decimal(a["weight"]),
                },
            )  # fmt: skip
            if made:
                action.owners.set([opds[c] for c in a["owners"] if c in opds])
            created += made
            for k, ind in enumerate(a["indicators"]):
                _indicator, made = Indicator.objects.get_or_create(
                    code=ind["code"],
                    defaults={
                        "action": action, "name": ind["name"], "kind": ind["kind"],
                        "unit": ind["unit"], "numerator": ind.get("numerator", ""),
                        "denominator": ind.get("denominator", ""),
                        "source": ind.get("source", ""), "position": k,
                        "weight": Decimal(ind["weight"]),
                    },
                )  # fmt: skip
                created += made
    return created


def quarter(year: int, number: int) -> Period:
    """The quarter, made with the regency's usual window if it is new: entry opens the day
    after the quarter, submissions are due 15 days after it, entry closes after 30."""
    if not 1 <= number <= 4:
        raise ValueError(f"a quarter is 1 to 4, not {number}")
    starts = dt.date(year, 3 * number - 2, 1)
    ends = add_months(starts, 3) - dt.timedelta(days=1)
    period, _made = Period.objects.get_or_create(
        kind=PeriodKind.QUARTER,
        year=year,
        number=number,
        defaults={
            "starts": starts, "ends": ends, "opens": ends + dt.timedelta(days=1),
            "deadline": ends + dt.timedelta(days=15), "closes": ends + dt.timedelta(days=30),
        },
    )  # fmt: skip
    return period


@dataclass
class Computed:
    filled: int = 0  # items Payung filled (or filled again)
    kept: int = 0  # items already verified: left as they were
    waiting: list[str] = field(default_factory=list)  # indicators without data yet


@transaction.atomic
def compute_period(period: Period, *, user: User | None = None) -> Computed:
    """Fill every indicator Payung computes, for each OPD that owns its action, with the
    figures of the period's last month, frozen with what they came from. A verified item is
    never changed; an item not yet verified takes the fresh figure."""
    if period.locked:
        raise ValueError(f"period {period} is locked")
    result = Computed()
    for indicator in Indicator.objects.exclude(source="").select_related("action"):
        found = sources.figure(indicator.source, period.ends)
        if found is None or found.value is None:
            result.waiting.append(indicator.code)
            continue
        for opd in indicator.action.owners.all():
            item, _made = Realisation.objects.get_or_create(
                indicator=indicator, opd=opd, period=period
            )
            if item.status == ItemStatus.VERIFIED:
                result.kept += 1
                continue
            item.value, item.numerator, item.denominator = (
                found.value, found.numerator, found.denominator
            )  # fmt: skip
            item.computed, item.inputs = True, found.inputs
            item._change_reason = "computed at the period's close"  # type: ignore[attr-defined]
            item.save()
            result.filled += 1
    record_audit(
        action="monev.computed",
        user=user,
        target=f"period:{period.pk}",
        details={"filled": result.filled, "kept": result.kept, "waiting": result.waiting},
    )
    return result


@transaction.atomic
def open_period(period: Period, *, user: User | None = None) -> int:
    """Make the period's items: one per indicator and OPD that owns its action, each a draft
    for the OPD to fill. Items already there are kept. Returns how many it made."""
    made = 0
    for indicator in Indicator.objects.prefetch_related("action__owners"):
        for opd in indicator.action.owners.all():
            _item, new = Realisation.objects.get_or_create(
                indicator=indicator, opd=opd, period=period
            )
            made += new
    record_audit(
        action="monev.opened", user=user, target=f"period:{period.pk}", details={"items": made}
    )
    return made


@transaction.atomic
def close_period(period: Period, *, user: User | None = None) -> Snapshot:
    """Compute what Payung computes, lock the period and freeze its scores in a snapshot."""
    computed = compute_period(period, user=user)
    period.locked = True
    period._change_reason = "closed"  # type: ignore[attr-defined]
    period.save()
    made = take_snapshot(period, user=user)
    record_audit(
        action="monev.closed",
        user=user,
        target=f"period:{period.pk}",
        details={"filled": computed.filled, "snapshot": made.pk},
    )
    return made


def take_snapshot(period: Period, *, user: User | None = None) -> Snapshot:
    data = snapshots.freeze(period, selectors.previous_period(period))
    return Snapshot.objects.create(period=period, made_by=user, data=data)


def report_snapshot(period: Period, *, user: User | None = None, fresh: bool = False) -> Snapshot:
    """The snapshot a report is made from: the latest one of the period (a closed period's is
    the one its close froze), or a new one when there is none or `fresh` is asked for."""
    latest = Snapshot.objects.filter(period=period).order_by("-made_at", "-pk").first()
    if latest is not None and not fresh:
        return latest
    made = take_snapshot(period, user=user)
    record_audit(
        action="monev.snapshot", user=user, target=f"period:{period.pk}",
        details={"snapshot": made.pk, "locked": period.locked},
    )  # fmt: skip
    return made
