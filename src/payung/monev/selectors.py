"""Reads of monev for its pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from payung.accounts.models import User
from payung.accounts.roles import Role
from payung.monev.models import Action, Indicator, Instruction, Period, Realisation, Target


def catalogue() -> QuerySet[Instruction]:
    """Instructions with their actions (owners) and indicators, in their order."""
    indicators = Indicator.objects.order_by("position", "code")
    actions = Action.objects.order_by("position", "code").prefetch_related(
        "owners", Prefetch("indicators", queryset=indicators)
    )
    return Instruction.objects.prefetch_related(Prefetch("actions", queryset=actions))


def periods() -> QuerySet[Period]:
    return Period.objects.all()


def items_for(user: User, period: Period) -> QuerySet[Realisation]:
    """The period's items `user` may see: an Operator OPD its own agency's only (none without
    an agency); the regency-wide roles every agency's."""
    found = Realisation.objects.filter(period=period).select_related(
        "indicator", "indicator__action", "opd"
    )
    if user.role == Role.OPERATOR_OPD:
        found = found.filter(opd_id=user.opd_id) if user.opd_id else found.none()
    return found.order_by("indicator__code", "opd__short_name")


def targets_of(items: list[Realisation]) -> dict[tuple[int, int, int], Target]:
    """The targets of these items, by (indicator, OPD, period)."""
    found = Target.objects.filter(
        indicator_id__in={i.indicator_id for i in items},
        opd_id__in={i.opd_id for i in items},
        period_id__in={i.period_id for i in items},
    )
    return {(t.indicator_id, t.opd_id, t.period_id): t for t in found}
