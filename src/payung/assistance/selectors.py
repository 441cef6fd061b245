"""Reads for the assistance pages and command: programmes, per-desa progress, the money, the
last check. The pages and `payung bantuan` ask the same functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum

from payung.assistance import billing, eligibility
from payung.assistance.models import (
    HOLDING,
    Beneficiary,
    Bill,
    BpjsState,
    Payment,
    Programme,
    Reconciliation,
    Status,
)
from payung.lib.months import month_start, month_text
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


def programmes(*, year: int | None = None) -> list[Programme]:
    """Newest year first, then by name."""
    found = Programme.objects.order_by("-year", "name", "pk")
    return list(found if year is None else found.filter(year=year))


def programme(pk: int) -> Programme | None:
    return Programme.objects.filter(pk=pk).first()


def realisations(
    among: list[Programme],
) -> tuple[list[tuple[Programme, billing.Realisation]], list[tuple[str, str, billing.Realisation]]]:
    """Each programme's money (budget, committed, billed, paid, remaining) and the totals per
    funding source. Raises ContributionError when a programme's months have no rates."""
    realised = [(p, billing.realisation(p)) for p in among]
    return realised, billing.realisation_by_source(realised)


def bill_for(programme: Programme, month: dt.date) -> Bill | None:
    return programme.bills.filter(month=month_start(month)).first()


def to_reject(programme: Programme, nik: str) -> Beneficiary | None:
    """The selected or verified worker with this NIK, whom the desa may still turn down."""
    return (
        programme.beneficiaries.filter(
            worker__nik=nik, status__in=[Status.SELECTED, Status.VERIFIED]
        )
        .select_related("worker")
        .first()
    )


def summary(p: Programme) -> dict[str, Any]:
    """A programme in a line: what `list` shows and every answer about one programme begins with."""
    return {
        "id": p.pk,
        "name": p.name,
        "year": p.year,
        "funding_source": p.funding_source,
        "funder": p.funder,
        "budget_line": p.budget_line,
        "stage": p.stage,
        "quota": p.quota,
        "holding": holding_count(p),
        "budget": p.budget,
        "start_month": month_text(p.start_month),
        "months": p.months,
    }


def eligible_count(programme: Programme) -> int:
    return eligibility.eligible_workers(programme).count()


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


def places_of(worker_ids: list[int]) -> QuerySet[Beneficiary]:
    """Every programme place these registry rows held, held or not, newest programme first."""
    return (
        Beneficiary.objects.filter(worker_id__in=worker_ids)
        .select_related("programme", "updated_by")
        .order_by("-programme__year", "-programme__start_month")
    )


def enrolled_places_query(programme: Programme) -> QuerySet[Beneficiary]:
    """The programme's places that were enrolled at BPJS TK (still or since left)."""
    return Beneficiary.objects.filter(programme=programme, enrolled_on__isnull=False)


def enrolled_places(among: list[Programme]) -> list[dict[str, Any]]:
    """Every place of these programmes that was enrolled at BPJS TK (still or since left):
    programme, worker, KPJ (once reconciled) and enrolment day, for what the claims paid."""
    places = Beneficiary.objects.filter(programme__in=among, enrolled_on__isnull=False)
    return [
        dict(row) for row in places.values("programme_id", "worker_id", "bpjs_kpj", "enrolled_on")
    ]


def payments_by_programme(among: list[Programme]) -> dict[int, int]:
    """Rupiah paid to BPJS TK so far (the SP2D payments recorded), per programme."""
    rows = (
        Payment.objects.filter(programme__in=among)
        .values("programme_id")
        .annotate(paid=Sum("amount"))
        .order_by()
    )
    return {row["programme_id"]: int(row["paid"] or 0) for row in rows}


def workers_of(worker_ids: list[int]) -> QuerySet[Worker]:
    return Worker.objects.filter(pk__in=worker_ids).order_by("pk")
