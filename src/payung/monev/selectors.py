"""Reads of monev for its pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.db.models import Count, Model, Prefetch, Q, QuerySet
from django.utils import timezone

from payung.accounts.models import Opd, User
from payung.accounts.roles import Role
from payung.monev.models import (
    Action,
    Evidence,
    Indicator,
    Instruction,
    ItemStatus,
    Period,
    Realisation,
    Recommendation,
    Snapshot,
    Target,
)

M = TypeVar("M", bound=Model)


def catalogue() -> QuerySet[Instruction]:
    """Instructions with their actions (owners) and indicators, in their order."""
    indicators = Indicator.objects.order_by("position", "code")
    actions = Action.objects.order_by("position", "code").prefetch_related(
        "owners", Prefetch("indicators", queryset=indicators)
    )
    return Instruction.objects.prefetch_related(Prefetch("actions", queryset=actions))


def periods() -> QuerySet[Period]:
    return Period.objects.all()


def _own_agency(found: QuerySet[M], user: User, opd_field: str = "opd_id") -> QuerySet[M]:
    """`found` as `user` may see it: an Operator OPD its own agency's rows only (none without
    an agency); the regency-wide roles all of them."""
    if user.role != Role.OPERATOR_OPD:
        return found
    return found.filter(**{opd_field: user.opd_id}) if user.opd_id else found.none()


def items_for(user: User, period: Period) -> QuerySet[Realisation]:
    """The period's items `user` may see: an Operator OPD its own agency's only (none without
    an agency); the regency-wide roles every agency's."""
    found = Realisation.objects.filter(period=period).select_related(
        "indicator", "indicator__action", "opd"
    )
    return _own_agency(found, user).order_by("indicator__code", "opd__short_name")


def previous_period(period: Period) -> Period | None:
    """The period of the same kind just before `period` (the last quarter of the year before
    for a first quarter)."""
    earlier = Period.objects.filter(kind=period.kind).filter(
        Q(year=period.year, number__lt=period.number) | Q(year__lt=period.year)
    )
    return earlier.order_by("-year", "-number").first()


def next_period(period: Period) -> Period | None:
    later = Period.objects.filter(kind=period.kind).filter(
        Q(year=period.year, number__gt=period.number) | Q(year__gt=period.year)
    )
    return later.order_by("year", "number").first()


@dataclass
class Completeness:
    """One OPD's items in one period: how many are filled, evidenced, submitted on time or
    late, and missing (not submitted when the deadline has passed)."""

    opd_id: int
    code: str
    name: str
    items: int = 0
    filled: int = 0
    evidenced: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    returned: int = 0
    verified: int = 0
    overdue: list[Realisation] = field(default_factory=list)


def completeness(period: Period, on: dt.date, opd_id: int | None = None) -> list[Completeness]:
    """Per OPD (only `opd_id`'s when given), judged on the day `on`."""
    items = (
        Realisation.objects.filter(period=period)
        .select_related("indicator", "opd")
        .annotate(evidence_count=Count("evidence"))
        .order_by("opd__short_name", "indicator__code")
    )
    if opd_id is not None:
        items = items.filter(opd_id=opd_id)
    rows: dict[int, Completeness] = {}
    for item in items:
        row = rows.setdefault(
            item.opd_id, Completeness(item.opd_id, item.opd.code, item.opd.short_name)
        )
        row.items += 1
        row.filled += item.value is not None
        row.evidenced += bool(item.evidence_count) or not item.indicator.evidence_required
        row.returned += item.status == ItemStatus.RETURNED
        row.verified += item.status == ItemStatus.VERIFIED
        if item.submitted_at is not None:
            if timezone.localdate(item.submitted_at) <= period.deadline:
                row.on_time += 1
            else:
                row.late += 1
        elif on > period.deadline:
            row.missing += 1
            row.overdue.append(item)
    return list(rows.values())


def fix_list(user: User) -> QuerySet[Realisation]:
    """The items returned to the user's agency, every period, with the reason."""
    if not user.opd_id:
        return Realisation.objects.none()
    return (
        Realisation.objects.filter(opd_id=user.opd_id, status=ItemStatus.RETURNED)
        .select_related("indicator", "period", "opd")
        .order_by("period__year", "period__number", "indicator__code")
    )


def to_verify(period: Period) -> QuerySet[Realisation]:
    """Bappeda's queue: the period's submitted items."""
    return (
        Realisation.objects.filter(period=period, status=ItemStatus.SUBMITTED)
        .select_related("indicator", "opd")
        .order_by("submitted_at", "opd__short_name", "indicator__code")
    )


def item_for(user: User, pk: int) -> Realisation | None:
    """One item, if `user` may see it (an Operator OPD its own agency's only)."""
    found = Realisation.objects.select_related(
        "indicator", "indicator__action", "indicator__action__instruction", "opd", "period"
    ).filter(pk=pk)
    return _own_agency(found, user).first()


def evidence_of(item: Realisation) -> QuerySet[Evidence]:
    return item.evidence.select_related("file", "added_by")


def evidence_file_for(user: User, pk: int) -> Evidence | None:
    """An evidence file, if `user` may see the item that cites it."""
    found = Evidence.objects.select_related("file", "item").filter(pk=pk, file__isnull=False)
    return _own_agency(found, user, "item__opd_id").first()


def targets_for(period: Period) -> list[tuple[Indicator, list[tuple[Opd, Target | None]]]]:
    """Every indicator with, for each OPD that owns its action, the period's target if set."""
    targets = {(t.indicator_id, t.opd_id): t for t in Target.objects.filter(period=period)}
    rows = []
    for indicator in Indicator.objects.select_related("action").prefetch_related("action__owners"):
        owners = sorted(indicator.action.owners.all(), key=lambda o: o.short_name)
        rows.append((indicator, [(o, targets.get((indicator.pk, o.pk))) for o in owners]))
    return rows


def recommendations(period: Period) -> QuerySet[Recommendation]:
    return period.recommendations.all()


def snapshots(period: Period) -> QuerySet[Snapshot]:
    """The period's snapshots, the latest first (a report is made from the latest)."""
    return (
        Snapshot.objects.filter(period=period).select_related("made_by").order_by("-made_at", "-pk")
    )


def latest_snapshot() -> Snapshot | None:
    """The newest frozen period (the Regent reads scores as they were frozen)."""
    return Snapshot.objects.order_by("-period__year", "-period__starts", "-made_at", "-pk").first()


def verified_value(indicator_code: str, year: int) -> Decimal | None:
    """The latest verified value of an indicator in a year's periods, across its owners (the
    best of them: a Perbup set by one owner is set), or None when none is verified."""
    found = (
        Realisation.objects.filter(
            indicator__code=indicator_code,
            period__year=year,
            status=ItemStatus.VERIFIED,
            value__isnull=False,
        )
        .order_by("-period__ends", "-value")
        .values_list("value", flat=True)
        .first()
    )
    return found


def latest_snapshot_of_year(year: int) -> Snapshot | None:
    return (
        Snapshot.objects.filter(period__year=year)
        .order_by("-period__starts", "-made_at", "-pk")
        .first()
    )
