"""Reads of accounts for other apps' pages."""

from __future__ import annotations

from django.db.models import QuerySet

from payung.accounts.models import AuditEvent


def audit_of(target: str, limit: int = 100) -> QuerySet[AuditEvent]:
    """The latest audit events about one record (`worker:12`), newest first."""
    return AuditEvent.objects.filter(target=target).order_by("-at")[:limit]
