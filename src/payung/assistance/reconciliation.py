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

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.assistance import services
from payung.assistance.eligibility import active_participants
from payung.assistance.models import Beneficiary, BpjsState, Programme, Reconciliation, Status
from payung.coverage.selectors import reporting_month
from payung.imports.models import ImportBatch
from payung.linkage.models import Link, WorkerDuplicate
from payung.participants.models import Participant, Segment
from payung.registry.models import Worker

# When a worker has several participations, the one that matters most wins.
WEIGHT = {BpjsState.COVERED_ELSEWHERE: 3, BpjsState.ACTIVE: 2, BpjsState.LAPSED: 1}


def participations(worker_ids: list[int]) -> set[tuple[int, int]]:
    """(worker id, participant id): by link, by a duplicate registry row's link, by NIK."""
    pairs = set(
        Link.objects.filter(worker_id__in=worker_ids).values_list("worker_id", "participant_id")
    )
    canonical_of = dict(
        WorkerDuplicate.objects.filter(canonical_id__in=worker_ids).values_list(
            "worker_id", "canonical_id"
        )
    )
    for row_id, participant_id in Link.objects.filter(worker_id__in=canonical_of).values_list(
        "worker_id", "participant_id"
    ):
        pairs.add((canonical_of[row_id], participant_id))
    workers_of: dict[str, list[int]] = {}
    for worker_id, nik in Worker.objects.filter(
        pk__in=worker_ids, nik_status="valid", nik__isnull=False
    ).values_list("pk", "nik"):
        workers_of.setdefault(str(nik), []).append(worker_id)
    for nik, participant_id in Participant.objects.filter(
        nik_status="valid", nik__in=list(workers_of)
    ).values_list("nik", "pk"):
        pairs.update((worker_id, participant_id) for worker_id in workers_of[str(nik)])
    return pairs


def states(worker_ids: list[int], month: dt.date) -> dict[int, tuple[str, str]]:
    """worker id -> (BpjsState, KPJ of the participation that decided it)."""
    pairs = participations(worker_ids)
    ids = {p for _, p in pairs}
    facts = {
        pk: (segment, kpj)
        for pk, segment, kpj in Participant.objects.filter(pk__in=ids).values_list(
            "pk", "segment", "kpj"
        )
    }
    active = set(active_participants(month).filter(pk__in=ids).values_list("pk", flat=True))
    found: dict[int, tuple[str, str]] = {w: (BpjsState.NOT_FOUND, "") for w in worker_ids}
    for worker_id, participant_id in sorted(pairs):
        segment, kpj = facts[participant_id]
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
    enrolled = list(Beneficiary.objects.filter(programme=programme, status=Status.ENROLLED))
    found = states([b.worker_id for b in enrolled], month)
    now = timezone.now()
    for beneficiary in enrolled:
        beneficiary.bpjs_state, beneficiary.bpjs_kpj = found[beneficiary.worker_id]
        beneficiary.reconciled_at = now
    Beneficiary.objects.bulk_update(enrolled, ["bpjs_state", "bpjs_kpj", "reconciled_at"])
    counts = Counter(b.bpjs_state for b in enrolled)
    run = Reconciliation.objects.create(
        programme=programme,
        batch=batch,
        month=month,
        counts={str(state.value): counts.get(state.value, 0) for state in BpjsState if state},
    )
    services.audit(user, "reconcile", programme, month=month.isoformat(), **run.counts)
    return run


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
