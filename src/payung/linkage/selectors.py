"""Reads of the linkage result, for coverage and the assistance programme."""

from __future__ import annotations

from django.db.models import QuerySet

from payung.linkage.models import Link, WorkerDuplicate
from payung.registry.models import Worker


def links() -> QuerySet[Link]:
    return Link.objects.all()


def canonical_workers() -> QuerySet[Worker]:
    """Registry workers counted once: rows that duplicate an earlier row are left out."""
    return Worker.objects.exclude(pk__in=WorkerDuplicate.objects.values("worker_id"))
