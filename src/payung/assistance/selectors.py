"""Reads for the assistance pages and command: per-desa progress, the money, the last check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from payung.assistance.models import (
    HOLDING,
    Beneficiary,
    BpjsState,
    Programme,
    Reconciliation,
    Status,
)
from payung.linkage.selectors import canonical_workers
from payung.registry.models import Worker


@dataclass(frozen=True)
class DesaProgress:
    code: str
    name: str
    kecamatan: str
    counts: dict[str, int]

    @property
    def waiting(self) -> int:
        return self.counts.get(Status.SELECTED, 0)


def by_desa(programme: Programme) -> list[DesaProgress]:
    rows = (
        programme.beneficiaries.values("desa_id", "desa__name", "desa__parent__name", "status")
        .annotate(n=Count("id"))
        .order_by("desa_id")
    )
    found: dict[str, DesaProgress] = {}
    for row in rows:
        code = row["desa_id"]
        if code not in found:
            found[code] = DesaProgress(code, row["desa__name"], row["desa__parent__name"] or "", {})
        found[code].counts[row["status"]] = row["n"]
    return list(found.values())


def worker_by_nik(nik: str) -> Worker | None:
    """The registry worker (counted once) a NIK names, for adding by hand."""
    return canonical_workers().filter(nik=nik).order_by("pk").first()


def status_counts(programme: Programme) -> dict[str, int]:
    counts = dict(programme.beneficiaries.values_list("status").annotate(n=Count("id")).order_by())
    return {s.value: counts.get(s.value, 0) for s in Status}


def holding_count(programme: Programme) -> int:
    return programme.beneficiaries.filter(status__in=HOLDING).count()


def desa_list(programme: Programme, desa_code: str) -> QuerySet[Beneficiary]:
    return (
        programme.beneficiaries.filter(desa_id=desa_code)
        .select_related("worker", "replaces__worker")
        .order_by(
            # Those still to decide first, then by priority.
            "status",
            "rank",
            "worker__name",
        )  # fmt: skip
    )


def last_reconciliation(programme: Programme) -> Reconciliation | None:
    return programme.reconciliations.order_by("-run_at").first()


ATTENTION_SHOWN = 100


def attention(programme: Programme) -> dict[str, Any]:
    """Enrolled workers the last reconciliation says need action: covered elsewhere (to take
    out) first, then lapsed (to chase). Not found is expected until BPJS TK's next export."""
    flagged = programme.beneficiaries.filter(
        status=Status.ENROLLED,
        bpjs_state__in=[BpjsState.COVERED_ELSEWHERE, BpjsState.LAPSED],
    )
    return {
        "flagged": flagged.select_related("worker", "desa").order_by("bpjs_state", "desa_id")[
            :ATTENTION_SHOWN
        ],
        "n": flagged.count(),
    }
