"""A programme's standing: the workers it could still take, ranked, worked out once and stored.

Finding who is eligible and ranking them reads the whole registry: 0.9 s to count and 1.6 s to
rank at a million workers. The programme page and its priority list showed it live, so 50
people browsing needed five cores for those two pages alone (benchmarks/load_bench.py). The
answer changes only when the data it reads change, so it is worked out then and stored:
- after an import, a linkage run or a review decision, by the reaction `standing_after_change`
  (assistance.tasks), which the worker runs shortly after the write;
- in the transaction of every assistance write that changes who a programme may take (a new
  or edited programme, a selection, a worker added, rejected or leaving), for that programme
  and those whose months overlap it (a worker funded by one is barred from the other).
Pages read the stored list and say when it was worked out. Selecting still works the list out
afresh (services.select): a decision never rests on a stored copy.
"""

from __future__ import annotations

import polars as pl
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from payung.assistance import eligibility, priority
from payung.assistance.models import Candidate, Programme, Standing
from payung.imports import writer


def refresh(programme: Programme) -> int:
    """Work out and store `programme`'s priority list; returns how many are eligible."""
    with transaction.atomic():
        # One refresh of a programme at a time: the list is replaced whole.
        Programme.objects.select_for_update().filter(pk=programme.pk).exists()
        ranked = priority.priority_list(programme, eligibility.eligible_workers(programme))
        Candidate.objects.filter(programme=programme).delete()
        rows = ranked.select(
            pl.lit(programme.pk, dtype=pl.Int64).alias("programme_id"),
            pl.col("id").alias("worker_id"),
            "desa_id",
            "rank",
            "score",
        )
        writer.bulk_load(str(Candidate._meta.db_table), rows, rows.columns)
        writer.analyze_if_changed(str(Candidate._meta.db_table), changed=rows.height, before=0)
        Standing.objects.update_or_create(
            programme=programme,
            defaults={"eligible": ranked.height, "computed_at": timezone.now()},
        )
    return ranked.height


def refresh_after_write(programme: Programme) -> None:
    """After a write to `programme`: its own list and those of the programmes it overlaps."""
    refresh(programme)
    for other in eligibility.overlapping(programme):
        refresh(other)


def refresh_all() -> int:
    """Every programme's list (after a change to the registry, the BPJS list or the links)."""
    programmes = list(Programme.objects.order_by("pk"))
    for programme in programmes:
        refresh(programme)
    return len(programmes)


def of(programme: Programme) -> Standing:
    """The stored standing, worked out now if there is none yet or the programme was edited
    since (a page's first look after an upgrade, or a refresh still queued)."""
    found = Standing.objects.filter(programme=programme).first()
    if found is None or found.computed_at < programme.updated_at:
        refresh(programme)
        found = Standing.objects.get(programme=programme)
    return found


def listed(programme: Programme) -> QuerySet[Candidate]:
    """The stored list, best first."""
    return Candidate.objects.filter(programme=programme).order_by("rank")
