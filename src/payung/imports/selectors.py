"""Reads of the import machinery: which kinds a user may import, which batches they may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from payung.accounts.permissions import may
from payung.imports.kinds import KINDS, ImportKind
from payung.imports.models import ImportBatch


def kinds_for(user: Any) -> list[ImportKind]:
    return [kind for kind in KINDS.values() if may(user, kind.action)]


def uploadable_for(user: Any) -> list[ImportKind]:
    """The kinds `user` may upload from the import page (not from a page of their own)."""
    return [kind for kind in kinds_for(user) if not kind.own_page]


def batches_for(user: Any) -> QuerySet[ImportBatch]:
    """The batches of the kinds `user` may import: every agency's for the roles that work across
    agencies, else only those imported by someone of the user's own agency."""
    batches = ImportBatch.objects.filter(kind__in=[kind.name for kind in kinds_for(user)])
    if may(user, "import.all_agencies"):
        return batches
    opd = getattr(user, "opd_id", None)
    return batches.filter(imported_by__opd_id=opd) if opd is not None else batches.none()
