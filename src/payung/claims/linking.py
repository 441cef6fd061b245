"""A claim's participation (by its KPJ) and registry worker (through that participation's
link), set in two statements over all claims: after a claim import, and after participants
or links change (tasks.relink_after_change)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, Q, Subquery

from payung.claims.models import Claim
from payung.linkage.selectors import links
from payung.participants.models import Participant

CHUNK = 5000  # KPJs per query: well under SQLite's limit of bound parameters


def known_kpjs(kpjs: Iterable[str]) -> set[str]:
    """Which of these KPJs some imported participant export holds."""
    wanted = list(kpjs)
    found: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found.update(Participant.objects.filter(kpj__in=chunk).values_list("kpj", flat=True))
    return found


def link_claims() -> dict[str, int]:
    """Point every claim at its participant and worker; returns how many are linked each way.
    Only rows whose link differs are written."""
    participant = Participant.objects.filter(kpj=OuterRef("kpj")).values("pk")[:1]
    Claim.objects.exclude(participant_id=Subquery(participant)).update(
        participant_id=Subquery(participant)
    )
    # A claim without a participation (its KPJ unknown, or the participant deleted) has no
    # worker either.
    Claim.objects.filter(participant_id__isnull=True, worker_id__isnull=False).update(
        worker_id=None
    )
    worker = links().filter(participant_id=OuterRef("participant_id")).values("worker_id")[:1]
    Claim.objects.filter(participant_id__isnull=False).exclude(
        Q(worker_id=Subquery(worker))
    ).update(worker_id=Subquery(worker))
    return {
        "claims": Claim.objects.count(),
        "to_participant": Claim.objects.filter(participant_id__isnull=False).count(),
        "to_worker": Claim.objects.filter(worker_id__isnull=False).count(),
    }
