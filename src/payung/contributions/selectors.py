"""Reads of the contribution and benefit tables: which version is in force on a date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from payung.contributions.models import Benefit, Bracket, RateRule, Relief, WageCap


def rates_in_force(segment: str, on_date: datetime.date) -> list[RateRule]:
    """For each key (programme, payer, risk group) the version with the latest start ≤ date."""
    chosen: dict[tuple[str, str, int | None], RateRule] = {}
    rows = RateRule.objects.filter(segment=segment, effective_from__lte=on_date).order_by(
        "-effective_from"
    )
    for row in rows:
        chosen.setdefault((row.programme, row.payer, row.risk_group), row)
    return list(chosen.values())


def brackets_in_force(segment: str, programme: str, on_date: datetime.date) -> list[Bracket]:
    """The whole bracket table with the latest start ≤ date, lowest bracket first."""
    latest = (
        Bracket.objects.filter(segment=segment, programme=programme, effective_from__lte=on_date)
        .order_by("-effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(
        Bracket.objects.filter(
            segment=segment, programme=programme, effective_from=latest
        ).order_by("lower")
    )


def reliefs_in_force(segment: str, sector: str, on_date: datetime.date) -> list[Relief]:
    """The temporary cuts of `segment` for `sector` whose months include the date."""
    return list(
        Relief.objects.filter(
            segment=segment, sector=sector, effective_from__lte=on_date, until__gte=on_date
        ).order_by("effective_from")
    )


def wage_cap_in_force(programme: str, on_date: datetime.date) -> WageCap | None:
    return (
        WageCap.objects.filter(programme=programme, effective_from__lte=on_date)
        .order_by("-effective_from")
        .first()
    )


def benefits_in_force(
    on_date: datetime.date | None = None, programme: str | None = None
) -> list[Benefit]:
    """Every benefit as it stands on the date (today by default), in display order."""
    from django.utils import timezone

    day = on_date or timezone.localdate()
    rows = Benefit.objects.filter(effective_from__lte=day).select_related("parent")
    if programme:
        rows = rows.filter(programme=programme)
    chosen: dict[str, Benefit] = {}
    for row in rows.order_by("-effective_from"):
        chosen.setdefault(row.code, row)
    return sorted(chosen.values(), key=lambda b: (b.programme, b.position, b.code))


@dataclass(frozen=True)
class DeathBenefit:
    """The JKM death benefit, total and parts, as letters and pages quote it."""

    total: int
    parts: tuple[Benefit, ...]
    citation: str


def jkm_death_benefit(on_date: datetime.date | None = None) -> DeathBenefit | None:
    benefits = {b.code: b for b in benefits_in_force(on_date, "jkm")}
    total = benefits.get("jkm-death")
    if total is None or total.amount is None:
        return None
    parts = tuple(
        b for b in benefits.values() if b.parent is not None and b.parent.code == "jkm-death"
    )
    return DeathBenefit(total=total.amount, parts=parts, citation=total.citation)
