"""Reads of the linkage result, for coverage and the assistance programme, and its quality."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from payung.imports.nik import status_label
from payung.linkage.engine import LINK_ODDS, REVIEW_ODDS
from payung.linkage.explain import Explanation, decode
from payung.linkage.models import Decision, Link, Method, ReviewPair, WorkerDuplicate
from payung.linkage.nik_match import with_nik_columns
from payung.participants.models import Participant
from payung.registry.models import Worker


def links() -> QuerySet[Link]:
    return Link.objects.all()


def canonical_workers() -> QuerySet[Worker]:
    """Registry workers counted once: rows that duplicate an earlier row are left out."""
    return Worker.objects.exclude(pk__in=WorkerDuplicate.objects.values("worker_id"))


def sex_by_nik(nik_raws: list[str]) -> list[str]:
    """L or P as each NIK's birth day says (a woman's day + 40), '' where it cannot: the sex a
    BPJS export (which has no sex column) is compared by."""
    frame = with_nik_columns(pl.DataFrame({"nik_raw": nik_raws}, schema={"nik_raw": pl.String}))
    return [sex or "" for sex in frame["nik_sex"].to_list()]


def pending_reviews() -> QuerySet[ReviewPair]:
    return (
        ReviewPair.objects.filter(decision=Decision.PENDING)
        .select_related("participant", "worker", "worker__desa")
        .order_by("-score", "participant_id")
    )


def quality() -> dict[str, Any]:
    """Links by method, the review backlog, and the NIK problems linkage saw through."""
    by_method = {
        row["method"]: row["n"] for row in Link.objects.values("method").annotate(n=Count("id"))
    }
    reviews = {
        row["decision"]: row["n"]
        for row in ReviewPair.objects.values("decision").annotate(n=Count("id"))
    }
    worker_problems = (
        Link.objects.exclude(worker__nik_status="valid")
        .values("worker__nik_status")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    participant_problems = (
        Link.objects.exclude(participant__nik_status="valid")
        .values("participant__nik_status")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    duplicates = WorkerDuplicate.objects.aggregate(
        n=Count("id"), fuzzy=Count("id", filter=~Q(method="exact_nik"))
    )
    return {
        "by_method": by_method,
        # (code, label, count): the page shows the method's name, not its code.
        "methods": [(m, Method(m).label, n) for m, n in sorted(by_method.items())],
        "linked": sum(by_method.values()),
        "reviews": reviews,
        "pending": reviews.get(Decision.PENDING, 0),
        # (code, what it means, count)
        "worker_problems": [
            (r["worker__nik_status"], status_label(r["worker__nik_status"]), r["n"])
            for r in worker_problems
        ],
        "participant_problems": [
            (r["participant__nik_status"], status_label(r["participant__nik_status"]), r["n"])
            for r in participant_problems
        ],
        "duplicates": duplicates["n"],
    }


def same_person(worker_id: int) -> list[int]:
    """The registry rows of one person: the canonical row and the rows found to duplicate it,
    whichever of them `worker_id` is; the canonical first."""
    canonical = (
        WorkerDuplicate.objects.filter(worker_id=worker_id)
        .values_list("canonical_id", flat=True)
        .first()
    ) or worker_id
    duplicates = WorkerDuplicate.objects.filter(canonical_id=canonical).order_by("worker_id")
    return [canonical, *duplicates.values_list("worker_id", flat=True)]


def links_of(worker_ids: list[int]) -> QuerySet[Link]:
    return (
        Link.objects.filter(worker_id__in=worker_ids)
        .select_related("participant")
        .order_by("-participant__last_paid", "participant__kpj")
    )


def reviews_of(worker_ids: list[int]) -> QuerySet[ReviewPair]:
    """Every review pair of these rows, decided or not, with who decided it."""
    return (
        ReviewPair.objects.filter(worker_id__in=worker_ids)
        .select_related("participant", "decided_by")
        .order_by("-created_at")
    )


def unlinked_participants(*, segment: str = "", region: str = "") -> QuerySet[Participant]:
    """BPJS TK participants linked to no registry worker: people the registry does not hold
    (or holds under a NIK and name too far apart), of a segment, recorded in a region."""
    found = Participant.objects.filter(link__isnull=True)
    if segment:
        found = found.filter(segment=segment)
    if region:
        found = found.filter(Q(region_code=region) | Q(region_code__startswith=region + "."))
    waiting = ReviewPair.objects.filter(participant=OuterRef("pk"), decision=Decision.PENDING)
    return found.annotate(in_review=Exists(waiting)).order_by("name", "kpj")


def explained(pair: Link | ReviewPair) -> Explanation | None:
    """Each field's part of a link's or review pair's weight, as the run that made it found."""
    return decode(pair.explanation, link_odds=LINK_ODDS, review_odds=REVIEW_ODDS)
