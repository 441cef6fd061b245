"""Reads of the claims: the case register the Regent's office follows, and the claims still
waiting for their participation."""

from __future__ import annotations

from django.db.models import QuerySet

from payung.claims.models import CASE_TYPES, Claim


def cases(*, claim_type: str = "", status: str = "") -> QuerySet[Claim]:
    """JKM and JKK claims, newest event first, with the worker's desa where linked."""
    found = Claim.objects.filter(claim_type__in=CASE_TYPES).select_related("worker__desa__parent")
    if claim_type:
        found = found.filter(claim_type=claim_type)
    if status:
        found = found.filter(status=status)
    return found.order_by("-event_date", "key")


def unlinked() -> QuerySet[Claim]:
    """Claims whose KPJ is in no participant export imported yet."""
    return Claim.objects.filter(participant_id__isnull=True).order_by("-event_date", "key")
