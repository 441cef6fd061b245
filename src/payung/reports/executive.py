"""The Regent's page in one read: coverage against the year's target, the protection of the
poor beside the poverty rate, the money per funding source, the programmes' status, the
benefits that reached families, monev and employers' compliance, and what needs attention.

Each block is read from the owning app's selectors, and each is None (shown as "not yet")
when its app has no data: the page works on the first day, before employers or monev exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from payung.assistance import selectors as assistance
from payung.assistance.billing import Realisation
from payung.assistance.models import HOLDING, Programme, Status
from payung.claims import impact
from payung.claims.models import ClaimStatus, ClaimType
from payung.contributions.calculator import ContributionError
from payung.coverage import selectors as coverage
from payung.coverage.facts import UNKNOWN, decile_band
from payung.coverage.selectors import Row, TrendPoint
from payung.employers import jakon
from payung.employers import selectors as employers
from payung.employers.follow_up import overdue
from payung.lib.numbers import grouped, rupiah
from payung.monev import selectors as monev
from payung.outreach import tracing
from payung.reports.models import PovertyRate

TREND_MONTHS = 12
LAGGING_SHOWN = 5


@dataclass(frozen=True)
class Link:
    """A line of the attention list, or any figure's explanation: words and where they lead."""

    text: str
    url: str


@dataclass
class CoverageBlock:
    row: Row  # the regency in the month: registry coverage and official UCJ
    trend: list[TrendPoint]
    official: bool  # the target and gap are on the official UCJ (BPS working population)

    @property
    def share(self) -> float | None:
        return self.row.ucj if self.official else self.row.coverage

    @property
    def gap(self) -> int | None:
        return self.row.gap_official if self.official else self.row.gap_registry

    @property
    def change(self) -> float | None:
        """Registry coverage now against the first month of the trend."""
        if len(self.trend) < 2:
            return None
        return self.trend[-1].coverage - self.trend[0].coverage


@dataclass
class Group:
    active: int = 0
    workers: int = 0

    @property
    def share(self) -> float | None:
        return self.active / self.workers if self.workers else None


@dataclass
class PoorBlock:
    poor: Group  # deciles 1-4
    rest: Group  # deciles 5-10
    unknown: int  # workers whose decile the registry does not know
    poverty: PovertyRate | None  # the latest year entered, up to the month's


@dataclass
class ProgrammeLine:
    programme: Programme
    enrolled: int
    holding: int
    realisation: Realisation | None  # None when its months have no contribution rates


@dataclass
class MoneyBlock:
    programmes: list[ProgrammeLine]
    by_source: list[tuple[str, str, Realisation]]
    error: str = ""

    @property
    def total(self) -> Realisation | None:
        if not self.by_source:
            return None
        parts = [r for _c, _l, r in self.by_source]
        return Realisation(
            budget=sum(r.budget for r in parts),
            committed=sum(r.committed for r in parts),
            billed=sum(r.billed for r in parts),
            paid=sum(r.paid for r in parts),
        )


@dataclass
class MonevBlock:
    period: str
    period_id: int
    score: str | None
    light: str
    lagging: list[dict[str, Any]]
    taken: str


@dataclass
class EmployersBlock:
    compliant: tuple[int, int] | None  # (compliant, obliged businesses)
    jakon: tuple[int, int] | None  # (registered, projects)
    overdue: int

    @property
    def compliant_share(self) -> float | None:
        if not self.compliant or not self.compliant[1]:
            return None
        return self.compliant[0] / self.compliant[1]


@dataclass
class Executive:
    month: dt.date
    year: int
    coverage: CoverageBlock
    poor: PoorBlock
    money: MoneyBlock
    benefits: impact.Benefits
    assisted: impact.Impact  # the year's programmes' impact, summed
    monev: MonevBlock | None
    employers: EmployersBlock | None
    attention: list[Link] = field(default_factory=list)


def _coverage(month: dt.date) -> CoverageBlock:
    row = coverage.region_row(month, coverage.regency_code())
    trend = coverage.trend()[-TREND_MONTHS:]
    return CoverageBlock(row=row, trend=trend, official=bool(row.working_population))


def _poor(month: dt.date) -> PoorBlock:
    """Deciles 1-4 beside 5-10, banded as the coverage app bands them (one rule)."""
    bands = {"1-4": Group(), "5-10": Group(), UNKNOWN: Group()}
    for row in coverage.breakdown("decile", month):
        band = bands[decile_band(int(row.key)) if row.key.isdigit() else UNKNOWN]
        band.active += row.active
        band.workers += row.workers
    poverty = PovertyRate.objects.filter(year__lte=month.year).order_by("-year").first()
    return PoorBlock(
        poor=bands["1-4"], rest=bands["5-10"], unknown=bands[UNKNOWN].workers, poverty=poverty
    )


def _money(programmes: list[Programme]) -> MoneyBlock:
    error = ""
    realised: list[tuple[Programme, Realisation | None]]
    try:
        found, by_source = assistance.realisations(programmes)
        realised = list(found)
    except ContributionError as exc:
        realised, by_source, error = [(p, None) for p in programmes], [], str(exc)
    lines = []
    for programme, realisation in realised:
        counts = assistance.status_counts(programme)
        lines.append(
            ProgrammeLine(
                programme=programme,
                enrolled=counts[Status.ENROLLED],
                holding=sum(counts[status] for status in HOLDING),
                realisation=realisation,
            )
        )
    return MoneyBlock(programmes=lines, by_source=by_source, error=error)


def _assisted(programmes: list[Programme]) -> impact.Impact:
    total = impact.Impact()
    for _programme, found in impact.programme_impacts(programmes)[0]:
        total.merge(found)
    return total


def _monev() -> MonevBlock | None:
    snapshot = monev.latest_snapshot()
    if snapshot is None:
        return None
    data = snapshot.data
    scored = [o for o in data["opds"] if o["score"] is not None]
    lagging = sorted(scored, key=lambda o: Decimal(o["score"]))[:LAGGING_SHOWN]
    return MonevBlock(
        period=data["period"],
        period_id=data["period_id"],
        score=data["regency"]["score"],
        light=data["regency"]["light"],
        lagging=[o for o in lagging if o["light"] != "green"],
        taken=data["taken"],
    )


def _employers() -> EmployersBlock | None:
    compliant = employers.compliant_share()
    registered = jakon.registered_share()
    late = len(overdue())
    if compliant is None and registered is None and not late:
        return None
    return EmployersBlock(compliant=compliant, jakon=registered, overdue=late)


def _attention(page: Executive) -> list[Link]:
    """This month's to-do for the Regent's office, most pressing first."""
    found = []
    gap = page.coverage.gap
    if gap:
        months_left = 13 - timezone.localdate().month  # this month included
        found.append(
            Link(
                ngettext(
                    "%(gap)s worker still to protect to reach this year's target, with"
                    " %(months)s month left.",
                    "%(gap)s workers still to protect to reach this year's target, with"
                    " %(months)s months left.",
                    months_left,
                )
                % {"gap": grouped(gap), "months": months_left},
                reverse("coverage:dashboard"),
            )
        )
    waiting = page.benefits.by_type.get(ClaimType.JKM)
    if waiting and waiting.in_process:
        found.append(
            Link(
                ngettext(
                    "%(n)s family is waiting for its JKM death benefit.",
                    "%(n)s families are waiting for their JKM death benefit.",
                    waiting.in_process,
                )
                % {"n": waiting.in_process},
                reverse("claims:cases") + f"?jenis={ClaimType.JKM}&status={ClaimStatus.IN_PROCESS}",
            )
        )
    for line in page.money.programmes:
        if line.holding < line.programme.quota:
            short = line.programme.quota - line.holding
            found.append(
                Link(
                    _("%(name)s: %(short)s places of %(quota)s not yet filled.")
                    % {
                        "name": line.programme.name,
                        "short": grouped(short),
                        "quota": grouped(line.programme.quota),
                    },
                    reverse("assistance:detail", args=[line.programme.pk]),
                )
            )
        flagged = assistance.attention(line.programme)["n"]
        if flagged:
            found.append(
                Link(
                    ngettext(
                        "%(name)s: %(n)s enrolled worker lapsed or is covered elsewhere.",
                        "%(name)s: %(n)s enrolled workers lapsed or are covered elsewhere.",
                        flagged,
                    )
                    % {"name": line.programme.name, "n": grouped(flagged)},
                    reverse("assistance:detail", args=[line.programme.pk]),
                )
            )
    if page.monev and page.monev.lagging:
        found.append(
            Link(
                _("Monev %(period)s: %(opds)s lag behind.")
                % {
                    "period": page.monev.period,
                    "opds": ", ".join(o["name"] for o in page.monev.lagging),
                },
                reverse("monev:league", args=[page.monev.period_id]),
            )
        )
    if page.employers and page.employers.overdue:
        found.append(
            Link(
                ngettext(
                    "%(n)s employer's follow-up is past its deadline.",
                    "%(n)s employers' follow-ups are past their deadline.",
                    page.employers.overdue,
                )
                % {"n": page.employers.overdue},
                reverse("employers:overdue"),
            )
        )
    if page.employers and page.employers.jakon:
        registered, projects = page.employers.jakon
        if registered < projects:
            found.append(
                Link(
                    ngettext(
                        "%(n)s APBD construction project has no Jakon registration.",
                        "%(n)s APBD construction projects have no Jakon registration.",
                        projects - registered,
                    )
                    % {"n": projects - registered},
                    reverse("employers:projects"),
                )
            )
    for trace in tracing.not_honoured():
        found.append(
            Link(
                _("%(company)s's pledge (%(amount)s, %(workers)s workers) was not honoured.")
                % {
                    "company": trace.pledge.company,
                    "amount": rupiah(trace.pledge.amount),
                    "workers": grouped(trace.pledge.workers),
                },
                reverse("outreach:index"),
            )
        )
    unlinked = page.benefits.total - page.benefits.linked
    if unlinked:
        found.append(
            Link(
                ngettext(
                    "%(n)s claim names a KPJ not yet in any participant export.",
                    "%(n)s claims name a KPJ not yet in any participant export.",
                    unlinked,
                )
                % {"n": unlinked},
                reverse("claims:index"),
            )
        )
    return found


def executive(month: dt.date | None = None) -> Executive:
    month = month or coverage.default_month()
    programmes = [p for p in assistance.programmes(year=month.year)]
    page = Executive(
        month=month,
        year=month.year,
        coverage=_coverage(month),
        poor=_poor(month),
        money=_money(programmes),
        benefits=impact.benefits(),
        assisted=_assisted(programmes),
        monev=_monev(),
        employers=_employers(),
    )
    page.attention = _attention(page)
    return page
