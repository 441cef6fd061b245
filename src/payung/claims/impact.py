"""What the contributions the regency paid brought back: the benefits BPJS TK paid on the
claims of the workers each assistance programme enrolled, and to their families.

A claim is the programme's when the worker it names (by the KPJ the reconciliation found, or
by the registry worker its participation is linked to) held an enrolled place, and the event
(a death, an accident) fell on or after the enrolment and within the months the programme
paid for. A scholarship follows the death or accident it comes from: it is the programme's
when that claim is, whenever the school year falls. A claim that gives no amount is priced
from the benefit table in force on its event date (contributions.selectors), never from a
figure written here, and counted as estimated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Concat, Upper

from payung.assistance import selectors as assistance
from payung.assistance.models import FundingSource, Programme
from payung.claims.models import Claim, ClaimStatus, ClaimType
from payung.contributions.selectors import jkm_death_benefit
from payung.lib.months import add_months

# The claims a scholarship is paid after: the participant died, of illness or at work.
DEATHS = (ClaimType.JKM, ClaimType.JKK)


def death_benefit(event_date: dt.date | None, paid_date: dt.date | None) -> int | None:
    """What a paid JKM claim without an amount paid: the benefit table's JKM death benefit
    in force on the day of the death (else of the payment)."""
    benefit = jkm_death_benefit(event_date or paid_date)
    return benefit.total if benefit else None


@dataclass
class Tally:
    """Claims of one type: how many, what was paid on them, how many still in process."""

    claims: int = 0
    paid_claims: int = 0
    paid: int = 0  # rupiah
    estimated: int = 0  # paid claims priced from the benefit table (the export gave no amount)
    in_process: int = 0
    recipients: set[str] = field(default_factory=set)  # scholarships: the children

    def add(self, claim: dict[str, Any]) -> None:
        self.claims += 1
        if claim["status"] == ClaimStatus.IN_PROCESS:
            self.in_process += 1
        if claim["status"] != ClaimStatus.PAID:
            return
        self.paid_claims += 1
        amount = claim["amount"]
        if amount is None and claim["claim_type"] == ClaimType.JKM:
            amount = death_benefit(claim["event_date"], claim["paid_date"])
            self.estimated += amount is not None
        self.paid += amount or 0
        if claim["claim_type"] == ClaimType.SCHOLARSHIP:
            self.recipients.add(f"{claim['kpj']}/{(claim['recipient'] or claim['key']).upper()}")


@dataclass
class Impact:
    """Contributions paid against benefits received, for a programme or a funding source."""

    contributions_paid: int = 0
    by_type: dict[str, Tally] = field(default_factory=dict)

    def tally(self, claim_type: str) -> Tally:
        return self.by_type.setdefault(claim_type, Tally())

    @property
    def benefits_paid(self) -> int:
        return sum(t.paid for t in self.by_type.values())

    @property
    def children(self) -> int:
        return len(self.tally(ClaimType.SCHOLARSHIP).recipients)

    @property
    def heirs_paid(self) -> int:
        """Rupiah the families of the dead received (JKM)."""
        return self.tally(ClaimType.JKM).paid

    @property
    def ratio(self) -> float | None:
        """Benefits per rupiah of contributions."""
        return self.benefits_paid / self.contributions_paid if self.contributions_paid else None

    def merge(self, other: Impact) -> None:
        self.contributions_paid += other.contributions_paid
        for claim_type, theirs in other.by_type.items():
            mine = self.tally(claim_type)
            mine.claims += theirs.claims
            mine.paid_claims += theirs.paid_claims
            mine.paid += theirs.paid
            mine.estimated += theirs.estimated
            mine.in_process += theirs.in_process
            mine.recipients |= theirs.recipients


FIELDS = ("key", "kpj", "claim_type", "status", "amount", "event_date", "paid_date", "recipient")


def claims_of(programme: Programme) -> list[dict[str, Any]]:
    """The programme's claims (see the module's doc), as rows of FIELDS. The claims are found
    in SQL (by the places' KPJs and workers, a semi-join on indexed columns); only their own
    places are then read, not the programme's thousands."""
    places = assistance.enrolled_places_query(programme)
    named = Claim.objects.filter(
        Q(kpj__in=places.exclude(bpjs_kpj="").values("bpjs_kpj"))
        | Q(worker_id__in=places.values("worker_id"))
    )
    rows = list(named.values(*FIELDS, "worker_id"))
    if not rows:
        return []
    mine = places.filter(
        Q(bpjs_kpj__in={r["kpj"] for r in rows})
        | Q(worker_id__in={r["worker_id"] for r in rows if r["worker_id"]})
    ).values("worker_id", "bpjs_kpj", "enrolled_on")
    enrolled_by_kpj = {p["bpjs_kpj"]: p["enrolled_on"] for p in mine if p["bpjs_kpj"]}
    enrolled_by_worker = {p["worker_id"]: p["enrolled_on"] for p in mine}
    ends = add_months(programme.end_month, 1)  # the day after the last month paid for

    def covered(row: dict[str, Any]) -> bool:
        day = row["event_date"]
        enrolled = enrolled_by_kpj.get(row["kpj"]) or enrolled_by_worker.get(row["worker_id"])
        return day is not None and enrolled is not None and enrolled <= day < ends

    deaths = {r["kpj"] for r in rows if r["claim_type"] in DEATHS and covered(r)}
    return [
        r
        for r in rows
        if (r["claim_type"] == ClaimType.SCHOLARSHIP and r["kpj"] in deaths) or covered(r)
    ]


def programme_impacts(
    among: Iterable[Programme],
) -> tuple[list[tuple[Programme, Impact]], list[tuple[str, str, Impact]]]:
    """Each programme's impact, and the totals per funding source (in FundingSource's order)."""
    programmes = list(among)
    paid = assistance.payments_by_programme(programmes)
    found = []
    for programme in programmes:
        impact = Impact(contributions_paid=paid.get(programme.pk, 0))
        for claim in claims_of(programme):
            impact.tally(claim["claim_type"]).add(claim)
        found.append((programme, impact))
    by_source: dict[str, Impact] = {}
    for programme, impact in found:
        by_source.setdefault(programme.funding_source, Impact()).merge(impact)
    labels = dict(FundingSource.choices)
    sources = [(code, str(labels[code]), by_source[code]) for code in labels if code in by_source]
    return found, sources


@dataclass(frozen=True)
class Benefits:
    """Every claim BPJS TK paid in the regency, assisted or not: what reached families."""

    by_type: dict[str, Tally]
    linked: int  # claims whose KPJ found its participation
    total: int
    children: int  # on scholarships that were paid, each child once

    @property
    def paid(self) -> int:
        return sum(t.paid for t in self.by_type.values())

    @property
    def deaths(self) -> Tally:
        return self.by_type.get(ClaimType.JKM, Tally())


def benefits(since: dt.date | None = None) -> Benefits:
    """Claims per type in one grouped query (the Regent's page reads this), from `since` (by
    paid date, else event date) when given."""
    claims: QuerySet[Claim] = Claim.objects.all()
    if since is not None:
        claims = claims.filter(
            Q(paid_date__gte=since) | Q(paid_date__isnull=True, event_date__gte=since)
        )
    by_type: dict[str, Tally] = {}
    linked = total = unpriced = children = 0
    grouped = claims.values("claim_type", "status").annotate(
        n=Count("id"),
        rupiah=Sum("amount"),
        with_participant=Count("id", filter=Q(participant_id__isnull=False)),
        without_amount=Count("id", filter=Q(amount__isnull=True)),
        # a child paid for two school years is one child
        children=Count(Concat("kpj", Value("/"), Upper("recipient")), distinct=True),
    )
    for row in grouped.order_by():
        tally = by_type.setdefault(row["claim_type"], Tally())
        tally.claims += row["n"]
        total += row["n"]
        linked += row["with_participant"]
        if row["status"] == ClaimStatus.IN_PROCESS:
            tally.in_process += row["n"]
        if row["status"] == ClaimStatus.PAID:
            tally.paid_claims += row["n"]
            tally.paid += int(row["rupiah"] or 0)
            if row["claim_type"] == ClaimType.JKM:
                unpriced += row["without_amount"]
            if row["claim_type"] == ClaimType.SCHOLARSHIP:
                children = row["children"]
    if unpriced:
        _price_unpriced_deaths(claims, by_type)
    return Benefits(by_type=by_type, linked=linked, total=total, children=children)


def _price_unpriced_deaths(claims: QuerySet[Claim], by_type: dict[str, Tally]) -> None:
    """A paid JKM claim without an amount is priced from the benefit table of its day."""
    unpriced = claims.filter(
        claim_type=ClaimType.JKM, status=ClaimStatus.PAID, amount__isnull=True
    ).values_list("event_date", "paid_date")
    tally = by_type.get(ClaimType.JKM)
    for event_date, paid_date in unpriced:
        amount = death_benefit(event_date, paid_date)
        if tally is not None and amount is not None:
            tally.paid += amount
            tally.estimated += 1
