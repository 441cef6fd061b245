"""Compare a programme's enrolled workers with the latest BPJS TK participant data.

For each enrolled worker, its participations (through linkage, also of a duplicate registry row,
and by valid NIK) in the reporting month say one of:
- active BPU: enrolled as intended;
- active PU or Jakon: covered elsewhere (an employer or a project pays): should leave the
  programme, and is no longer billed (never subsidise someone already covered);
- a BPU participation that is not active: lapsed (a missed payment?);
- none of these: not found (the enrolment has not reached BPJS TK, or a wrong NIK).
A handful of queries whatever the number of workers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.assistance import services
from payung.assistance.models import Beneficiary, BpjsState, Programme, Reconciliation, Status
from payung.coverage.selectors import active_participants, reporting_month
from payung.imports.models import ImportBatch
from payung.imports.writer import execute, staged
from payung.linkage.models import Link, WorkerDuplicate
from payung.participants.models import Participant, Segment
from payung.registry.models import Worker

# When a worker has several participations, the one that matters most wins.
WEIGHT = {BpjsState.COVERED_ELSEWHERE: 3, BpjsState.ACTIVE: 2, BpjsState.LAPSED: 1}


Pair = tuple[int, int, str, str]  # worker id, participant id, segment, KPJ


def participations(workers: QuerySet[Any]) -> tuple[list[Pair], Q]:
    """The participations of `workers` (a query of worker ids): by link, by a duplicate
    registry row's link, by valid NIK; and the same as a condition on participants. Queries
    nest, so no list of ids is sent back to the database (SQLite caps the parameters)."""
    fields = ("participant_id", "participant__segment", "participant__kpj")
    pairs: list[Pair] = list(
        Link.objects.filter(worker_id__in=workers).values_list("worker_id", *fields)
    )
    duplicates = WorkerDuplicate.objects.filter(canonical_id__in=workers)
    canonical_of = dict(duplicates.values_list("worker_id", "canonical_id"))
    pairs += [
        (canonical_of[row], participant, segment, kpj)
        for row, participant, segment, kpj in Link.objects.filter(
            worker_id__in=duplicates.values("worker_id")
        ).values_list("worker_id", *fields)
    ]
    with_nik = Worker.objects.filter(pk__in=workers, nik_status="valid", nik__isnull=False)
    workers_of: dict[str, list[int]] = {}
    for nik, worker_id in with_nik.values_list("nik", "pk"):
        workers_of.setdefault(str(nik), []).append(worker_id)
    by_nik = Participant.objects.filter(nik_status="valid", nik__in=with_nik.values("nik"))
    pairs += [
        (worker_id, participant, segment, kpj)
        for nik, participant, segment, kpj in by_nik.values_list("nik", "pk", "segment", "kpj")
        for worker_id in workers_of[str(nik)]
    ]
    condition = (
        Q(link__worker_id__in=workers)
        | Q(link__worker_id__in=duplicates.values("worker_id"))
        | Q(nik_status="valid", nik__in=with_nik.values("nik"))
    )
    return pairs, condition


def states(workers: QuerySet[Any], month: dt.date) -> dict[int, tuple[str, str]]:
    """worker id -> (BpjsState, KPJ of the participation that decided it), for every worker
    of `workers` (a query of worker ids)."""
    pairs, condition = participations(workers)
    active = set(active_participants(month).filter(condition).values_list("pk", flat=True))
    found: dict[int, tuple[str, str]] = {
        w: (BpjsState.NOT_FOUND, "") for w in workers.values_list("worker_id", flat=True)
    }
    for worker_id, participant_id, segment, kpj in sorted(set(pairs)):
        if participant_id in active:
            state = BpjsState.ACTIVE if segment == Segment.BPU else BpjsState.COVERED_ELSEWHERE
        elif segment == Segment.BPU:
            state = BpjsState.LAPSED
        else:
            continue
        if WEIGHT[state] > WEIGHT.get(found[worker_id][0], 0):  # type: ignore[call-overload]
            found[worker_id] = (state, kpj)
    return found


@transaction.atomic
def reconcile(
    programme: Programme,
    *,
    user: User | None = None,
    month: dt.date | None = None,
    batch: ImportBatch | None = None,
) -> Reconciliation:
    month = month or reporting_month()
    in_programme = Beneficiary.objects.filter(programme=programme, status=Status.ENROLLED)
    found = states(in_programme.values("worker_id"), month)
    _write(programme, found)
    counts = Counter(state for state, _kpj in found.values())
    run = Reconciliation.objects.create(
        programme=programme,
        batch=batch,
        month=month,
        counts={str(state.value): counts.get(state.value, 0) for state in BpjsState if state},
    )
    services.audit(user, "reconcile", programme, month=month.isoformat(), **run.counts)
    return run


STAGE = "assistance_reconcile_stage"


def _write(programme: Programme, found: dict[int, tuple[str, str]]) -> None:
    """One UPDATE for every enrolled worker: the findings go through a temporary table, as the
    import's do (an ORM bulk_update of 50,000 rows takes SQLite minutes)."""
    seen = [(w, state, kpj) for w, (state, kpj) in found.items() if state != BpjsState.NOT_FOUND]
    frame = pl.DataFrame(
        seen, schema={"worker_id": pl.Int64, "state": pl.String, "kpj": pl.String}, orient="row"
    )
    types = {"worker_id": "bigint PRIMARY KEY", "state": "varchar(20)", "kpj": "varchar(11)"}
    with staged(STAGE, types, frame):
        mine = (
            f"(SELECT s.{{}} FROM {STAGE} s WHERE s.worker_id = assistance_beneficiary.worker_id)"
        )
        execute(
            f"""UPDATE assistance_beneficiary
            SET bpjs_state = COALESCE({mine.format("state")}, %s),
                bpjs_kpj = COALESCE({mine.format("kpj")}, ''),
                reconciled_at = %s
            WHERE programme_id = %s AND status = %s""",
            [BpjsState.NOT_FOUND.value, timezone.now(), programme.pk, Status.ENROLLED.value],
        )


def reconcile_all(
    *, user: User | None = None, batch: ImportBatch | None = None
) -> list[Reconciliation]:
    """Every programme with enrolled workers: called after each participant import and
    linkage run, so the programme pages always show the latest export's verdict."""
    programmes = Programme.objects.filter(beneficiaries__status=Status.ENROLLED).distinct()
    return [reconcile(p, user=user, batch=batch) for p in programmes]


def settle_covered_elsewhere(programme: Programme, *, user: User | None) -> dict[str, Any]:
    """Take out every enrolled worker found covered elsewhere, each replaced by the next on the
    priority list (same desa first); the replacements go to their desa for verification."""
    leaving = Beneficiary.objects.filter(
        programme=programme, status=Status.ENROLLED, bpjs_state=BpjsState.COVERED_ELSEWHERE
    )
    reason = _("covered elsewhere (PU or Jakon) per the BPJS TK export")
    replaced = missing = 0
    for beneficiary in leaving:
        new = services.leave(beneficiary, user=user, reason=reason, replace=True)
        replaced += new is not None
        missing += new is None
    return {"left": replaced + missing, "replaced": replaced, "no_replacement": missing}
