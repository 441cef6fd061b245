"""Writes to the contribution tables: a regulation change is a new version, never an edit."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from payung.contributions.models import RateRule, WageCap


@transaction.atomic
def add_rate_rule_version(
    *,
    previous: RateRule,
    effective_from: datetime.date,
    regulation: str,
    article: str = "",
    rate_percent: Decimal | None = None,
    flat_amount: int | None = None,
    verified: bool = False,
    note: str = "",
) -> RateRule:
    """A new version of ``previous`` from ``effective_from``; ``previous`` stays as it was,
    so every figure computed for a date before the new start is unchanged."""
    if effective_from <= previous.effective_from:
        raise ValidationError(
            f"a new version must start after {previous.effective_from.isoformat()}"
        )
    if (
        effective_from < timezone.localdate()
        and RateRule.objects.filter(
            segment=previous.segment,
            programme=previous.programme,
            payer=previous.payer,
            risk_group=previous.risk_group,
            effective_from__gt=effective_from,
        ).exists()
    ):
        raise ValidationError("a later version already exists; add the change after it")
    rule = RateRule(
        segment=previous.segment,
        programme=previous.programme,
        payer=previous.payer,
        risk_group=previous.risk_group,
        capped=previous.capped,
        label=previous.label,
        rate_percent=rate_percent if flat_amount is None else None,
        flat_amount=flat_amount,
        effective_from=effective_from,
        regulation=regulation,
        article=article,
        verified=verified,
        note=note,
    )
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def add_wage_cap(
    *,
    programme: str,
    amount: int,
    effective_from: datetime.date,
    regulation: str,
    article: str = "",
    verified: bool = False,
    note: str = "",
) -> WageCap:
    """A new yearly cap (JP: each March, PP 45/2015 Pasal 29 ayat (3))."""
    cap = WageCap(
        programme=programme,
        amount=amount,
        effective_from=effective_from,
        regulation=regulation,
        article=article,
        verified=verified,
        note=note,
    )
    cap.full_clean()
    cap.save()
    return cap
