"""Reads of monev for its pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from payung.monev.models import Action, Indicator, Instruction


def catalogue() -> QuerySet[Instruction]:
    """Instructions with their actions (owners) and indicators, in their order."""
    indicators = Indicator.objects.order_by("position", "code")
    actions = Action.objects.order_by("position", "code").prefetch_related(
        "owners", Prefetch("indicators", queryset=indicators)
    )
    return Instruction.objects.prefetch_related(Prefetch("actions", queryset=actions))
