"""Reads of the registry for its pages."""

from __future__ import annotations

from django.db.models import QuerySet

from payung.registry.models import ChangeRequest


def pending_changes() -> QuerySet[ChangeRequest]:
    return (
        ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING)
        .select_related("worker", "requested_by", "opd", "batch")
        .order_by("created_at")
    )


def decided_changes(limit: int = 50) -> QuerySet[ChangeRequest]:
    return (
        ChangeRequest.objects.exclude(status=ChangeRequest.Status.PENDING)
        .select_related("worker", "decided_by", "opd")
        .order_by("-decided_at")[:limit]
    )
