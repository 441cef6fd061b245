"""Run the linkage and keep what reviewers decide: read in bulk, compute, write in one go."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.utils import timezone

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.imports import repeat
from payung.imports.writer import read_frame
from payung.linkage import engine, store
from payung.linkage.events import LINKS_CHANGED
from payung.linkage.models import (
    Decision,
    DeduplicatedRegistry,
    Link,
    ReviewPair,
    WorkerDuplicate,
)
from payung.participants.models import Participant
from payung.registry.models import Worker

WORKER_SQL = (
    "SELECT id, batch_id, source_row, nik_raw, nik_status, name, sex, "
    "CAST(birth_date AS TEXT) AS birth_date, desa_id, occupation FROM registry_worker"
)
PARTICIPANT_SQL = (
    "SELECT id, nik_raw, name, CAST(birth_date AS TEXT) AS birth_date, segment, region_code, "
    "CAST(last_paid AS TEXT) AS last_paid FROM participants_participant"
)
EXPORT_SQL = (
    "SELECT p.kpj, w.source_row AS worker_source_row, l.method, l.score "
    "FROM linkage_link l JOIN participants_participant p ON p.id = l.participant_id "
    "JOIN registry_worker w ON w.id = l.worker_id"
)
EXPORT_SCHEMA = {
    "kpj": pl.String,
    "worker_source_row": pl.Int64,
    "method": pl.String,
    "score": pl.Float64,
}
WORKER_SCHEMA = {
    "id": pl.Int64,
    "batch_id": pl.Int64,
    "source_row": pl.Int64,
    "nik_raw": pl.String,
    "nik_status": pl.String,
    "name": pl.String,
    "sex": pl.String,
    "birth_date": pl.Date,
    "desa_id": pl.String,
    "occupation": pl.String,
}
PARTICIPANT_SCHEMA = {
    "id": pl.Int64,
    "nik_raw": pl.String,
    "name": pl.String,
    "birth_date": pl.Date,
    "segment": pl.String,
    "region_code": pl.String,
    "last_paid": pl.Date,
}


# What a run writes, as it compares them with the stored rows.
LINK_COLUMNS = {
    "participant_id": pl.Int64,
    "worker_id": pl.Int64,
    "segment": pl.String,
    "method": pl.String,
    "score": pl.Float64,
    "explanation": pl.String,
}
DUPLICATE_COLUMNS = {
    "worker_id": pl.Int64,
    "canonical_id": pl.Int64,
    "method": pl.String,
    "score": pl.Float64,
}
REVIEW_COLUMNS = {
    "participant_id": pl.Int64,
    "worker_id": pl.Int64,
    "method": pl.String,
    "score": pl.Float64,
    "explanation": pl.String,
    "decision": pl.String,
}


@dataclass
class LinkageResult:
    linked: int
    review: int
    unlinked: int
    duplicates: int
    by_method: dict[str, int] = field(default_factory=dict)
    # The registry as the last run left it: its duplicates were kept, not searched again.
    registry_unchanged: bool = False
    seconds: float = 0.0
    # Where the seconds went: reading the tables, the cascade, writing what changed.
    phases: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_workers() -> pl.DataFrame:
    frame = read_frame(WORKER_SQL, WORKER_SCHEMA)
    # The earliest row of a person is the canonical one: by list, then by row in the list.
    return frame.with_columns(
        pl.struct("batch_id", "source_row", "id").rank("ordinal").cast(pl.Int64).alias("order")
    )


def read_participants() -> pl.DataFrame:
    return read_frame(PARTICIPANT_SQL, PARTICIPANT_SCHEMA)


def read_decisions() -> pl.DataFrame:
    rows = list(
        ReviewPair.objects.exclude(decision=Decision.PENDING).values_list(
            "participant_id", "worker_id", "decision"
        )
    )
    return pl.DataFrame(
        rows,
        schema={"participant_id": pl.Int64, "worker_id": pl.Int64, "decision": pl.String},
        orient="row",
    )


def run_linkage(*, user: User | None = None) -> LinkageResult:
    """Link every participant to at most one registry worker and deduplicate the registry.

    Replaces the previous links and duplicates and the pending review queue; decided review
    pairs stay and bind this run. Same data and decisions, same result. Announces
    LINKS_CHANGED in its transaction: links decide who in the registry is covered (coverage
    takes the month's snapshot again) and which enrolled assistance workers BPJS TK reports
    active (reconciliation)."""
    started = time.perf_counter()
    with transaction.atomic():
        # Nobody changes the registry, the BPJS list or a decision until the run is written:
        # the ids read are the ids that exist at commit (store.sync relies on it) and no
        # reviewer's decision falls between reading and writing.
        store.hold(Worker, Participant, ReviewPair)
        workers = read_workers()
        participants = read_participants()
        decisions = read_decisions()
        registry = f"{repeat.code_version()[:16]} {repeat.table_state(Worker)}"
        kept = _duplicates_if_unchanged(registry)
        read = time.perf_counter()
        result = engine.link(workers, participants, decisions, duplicates=kept)
        linked = time.perf_counter()
        now = timezone.now().isoformat()
        review = result.review.join(
            decisions.select("participant_id", "worker_id"),
            on=["participant_id", "worker_id"],
            how="anti",
        ).with_columns(pl.lit(Decision.PENDING.value).alias("decision"))
        known = {
            "participant_id": participants["id"],
            "worker_id": workers["id"],
            "canonical_id": workers["id"],
        }
        # Every table the writes below may alter, and those their keys name, in one go.
        store.lock(Worker, Participant, WorkerDuplicate, Link, ReviewPair)
        # Only what changed is written: an unchanged link keeps its row and its linked_at.
        store.sync(WorkerDuplicate, result.duplicates, schema=DUPLICATE_COLUMNS, known=known)
        store.sync(Link, result.links, schema=LINK_COLUMNS, stamps={"linked_at": now}, known=known)
        store.sync(
            ReviewPair,
            review,
            schema=REVIEW_COLUMNS,
            stamps={"created_at": now},
            where=f"decision = '{Decision.PENDING.value}'",
            known=known,
        )
        DeduplicatedRegistry.objects.update_or_create(pk=1, defaults={"state": registry})
        by_method = {
            str(row["method"]): int(row["len"])
            for row in result.links.group_by("method").len().sort("method").iter_rows(named=True)
        }
        written = time.perf_counter()
        outcome = LinkageResult(
            linked=result.links.height,
            review=review.height,
            unlinked=participants.height - result.links.height,
            duplicates=result.duplicates.height,
            by_method=by_method,
            registry_unchanged=kept is not None,
            seconds=round(written - started, 3),
            phases={
                "read": round(read - started, 3),
                "link": round(linked - read, 3),
                "write": round(written - linked, 3),
            },
        )
        audit = record_audit(
            action="linkage.run", user=user, target="linkage", details=outcome.as_dict()
        )
        LINKS_CHANGED.announce(user=user, run=audit.pk)
    return outcome


def _duplicates_if_unchanged(registry: str) -> pl.DataFrame | None:
    """The stored duplicates, when the last run deduplicated the registry as it stands now
    (`registry`: the code and the table's state): deduplication is a function of the registry
    alone (engine.deduplicate), about 40% of a run's work at 1M workers."""
    if not DeduplicatedRegistry.objects.filter(pk=1, state=registry).exists():
        return None
    return read_frame(
        f"SELECT {', '.join(DUPLICATE_COLUMNS)} FROM linkage_workerduplicate", DUPLICATE_COLUMNS
    )


def export_links(path: Path) -> int:
    """Write the links as kpj, worker_source_row, method, score: anyone can score them against
    a truth file. `worker_source_row` is the row number in the worker's own file."""
    frame = read_frame(EXPORT_SQL, EXPORT_SCHEMA).sort("kpj")
    frame.write_csv(path)
    return frame.height


def decide_review(*, pair: ReviewPair, decision: str, user: User) -> ReviewPair:
    """Record a reviewer's decision. An acceptance links the pair now when neither side is
    taken; either way the decision binds every later run (engine.link reads it)."""
    if decision not in (Decision.ACCEPTED, Decision.REJECTED):
        raise ValueError(f"unknown decision {decision!r}")
    with transaction.atomic():
        pair.decision = decision
        pair.decided_by = user
        pair.decided_at = timezone.now()
        pair.save(update_fields=["decision", "decided_by", "decided_at"])
        participant = pair.participant
        if decision == Decision.ACCEPTED:
            free = not Link.objects.filter(participant=participant).exists() and (
                not Link.objects.filter(worker=pair.worker, segment=participant.segment).exists()
            )
            if free:
                Link.objects.create(
                    participant=participant,
                    worker=pair.worker,
                    segment=participant.segment,
                    method="review",
                    score=pair.score,
                )
        else:
            Link.objects.filter(participant=participant, worker=pair.worker).delete()
        audit = record_audit(
            action=f"linkage.review.{decision}",
            user=user,
            target=f"participant:{participant.kpj}",
            details={"worker": pair.worker_id, "score": pair.score},
        )
        LINKS_CHANGED.announce(user=user, run=audit.pk)
    return pair


def record_unlinked_export(user: User, rows: int, filters: dict[str, str]) -> None:
    """The participants without a worker leaving Payung as a file (UU 27/2022, PDP)."""
    record_audit(
        action="linkage.unlinked_exported",
        user=user,
        target="list:unlinked",
        details={"rows": rows, "filters": filters},
    )
