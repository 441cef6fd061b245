"""Reads of coverage: figures by region and dimension, official UCJ, targets, gaps, trend.

Both definitions, side by side (domain brief, "Coverage"):
- registry coverage: canonical registry workers with an active participation / registry workers;
- official UCJ: active participants recorded in the region, linked or not / BPS working population.

Figures are roll-ups of facts (facts.py). A month with a stored snapshot is read from it (small
tables, fast at a million workers); any other month is computed from the tables.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Max, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.contributions.calculator import ContributionError, calculate_bpu
from payung.coverage import facts as factlib
from payung.coverage.facts import UNKNOWN, Fact
from payung.coverage.models import (
    DEFAULT_BPU_GRACE_MONTHS,
    CoverageSettings,
    Snapshot,
    SnapshotFact,
    SnapshotParticipants,
    Target,
    WorkingPopulation,
)
from payung.coverage.status import active_sql
from payung.lib.months import month_start
from payung.linkage.models import WorkerDuplicate
from payung.linkage.selectors import links
from payung.participants.models import Participant, Segment
from payung.regions import codes
from payung.regions.models import Level, Region
from payung.registry.models import Worker

REGION_LEVELS = tuple(codes.DEPTHS)  # kabupaten, kecamatan, desa
SEGMENTS = (Segment.PU.value, Segment.BPU.value, Segment.JAKON.value)
BY_CHOICES = (*REGION_LEVELS, "segment", "occupation", "sex", "age_band", "decile")


def regency_code() -> str:
    return str(settings.PAYUNG_REGENCY)


def bpu_grace_months() -> int:
    row = CoverageSettings.objects.filter(pk=1).first()
    return row.bpu_grace_months if row else DEFAULT_BPU_GRACE_MONTHS


def region_of_regency(code: str | None) -> str:
    """`code` when it is the regency or one of its kecamatan or desa (the regency when empty);
    ValueError otherwise, which pages answer with 404 and the API with 400."""
    regency = regency_code()
    if not code:
        return regency
    if not codes.level_of(code) or not codes.inside(code, regency):
        raise ValueError(f"{code[:20]!r} is not a region of the regency")
    return code


def has_export() -> bool:
    """Has any BPJS TK participant export been imported?"""
    return Participant.objects.exists()


def active_participants(month: dt.date) -> QuerySet[Participant]:
    """Participants active in `month` under coverage's one status rule."""
    condition, params = active_sql("p", month, bpu_grace_months())
    ids = RawSQL(f"SELECT p.id FROM participants_participant p WHERE {condition}", params)
    return Participant.objects.filter(pk__in=ids)


def _covered_ids(month: dt.date) -> Q:
    """Covered as the figures count it (facts.compute): linked to a participant active in
    `month`, directly or through a duplicate row of the same person."""
    linked = links().filter(participant__in=active_participants(month)).values("worker_id")
    through_duplicate = WorkerDuplicate.objects.filter(worker__in=linked).values("canonical")
    return Q(pk__in=linked) | Q(pk__in=through_duplicate)


def covered_in(workers: QuerySet[Worker], month: dt.date) -> QuerySet[Worker]:
    return workers.filter(_covered_ids(month))


def uncovered_in(workers: QuerySet[Worker], month: dt.date) -> QuerySet[Worker]:
    return workers.exclude(_covered_ids(month))


def reporting_month() -> dt.date:
    """The month the latest export reports on: its latest month paid, never after this month."""
    this_month = month_start(timezone.localdate())
    latest = Participant.objects.aggregate(m=Max("last_paid"))["m"]
    return min(month_start(latest), this_month) if latest else this_month


def default_month() -> dt.date:
    latest = Snapshot.objects.order_by("-month").values_list("month", flat=True).first()
    return latest or reporting_month()


def snapshot_for(month: dt.date) -> Snapshot | None:
    """The stored snapshot of `month`, if it was taken under the rule now in force."""
    return Snapshot.objects.filter(
        month=month_start(month), bpu_grace_months=bpu_grace_months()
    ).first()


def _source(month: dt.date, live: bool, snap: Snapshot | None) -> Snapshot | None:
    if live:
        return None
    return snap if snap is not None else snapshot_for(month)


def load_facts(
    month: dt.date,
    dimension: str = "",
    *,
    live: bool = False,
    region: str | None = None,
    snap: Snapshot | None = None,
) -> list[Fact]:
    """Facts of every desa, or with `region`, the facts of that region only (from a snapshot:
    its rows already rolled up to that region). `snap` saves looking the snapshot up again."""
    snap = _source(month, live, snap)
    if snap is None:
        return factlib.compute(month_start(month), bpu_grace_months(), dimension, within=region)
    found = SnapshotFact.objects.filter(snapshot=snap, dimension=dimension)
    if region:
        found = found.filter(level=codes.depth(region), desa=region)
    else:
        found = found.filter(level=Level.DESA)
    rows = found.values_list(
        "desa", "key", "workers", "covered", "covered_pu", "covered_bpu", "covered_jakon",
        "uncovered_income_sum", "uncovered_income_n",
    )  # fmt: skip
    return [Fact(r[0], dimension, *r[1:]) for r in rows]


def load_participants(
    month: dt.date, *, live: bool = False, snap: Snapshot | None = None
) -> list[tuple[str, str, int]]:
    snap = _source(month, live, snap)
    if snap is None:
        return factlib.participants_active(month_start(month), bpu_grace_months(), regency_code())
    return list(
        SnapshotParticipants.objects.filter(snapshot=snap).values_list(
            "region_code", "segment", "active"
        )
    )


# ---- names ----------------------------------------------------------------------------------


def region_names() -> dict[str, str]:
    regency = regency_code()
    found = Region.objects.filter(code__startswith=regency).only("code", "name")
    return {r.code: r.display_name for r in found}


def key_name(by: str, key: str) -> str:
    if key == UNKNOWN:
        return _("Unknown")
    if by == "sex":
        return _("Male") if key == "L" else _("Female") if key == "P" else key
    if by == "segment":
        return str(Segment(key).label) if key in SEGMENTS else key
    if by == "decile":
        return _("Decile %(n)s") % {"n": key}
    if by == "occupation":  # the registry keeps occupations lower-cased
        return key[:1].upper() + key[1:]
    return key


# ---- rows -----------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    name: str
    workers: int = 0
    active: int = 0
    active_pu: int = 0
    active_bpu: int = 0
    active_jakon: int = 0
    participants_active: int | None = None
    working_population: int | None = None
    working_population_year: int | None = None
    target: float | None = None
    region: bool = False  # a region row is keyed by its Kemendagri code
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def coverage(self) -> float:
        return self.active / self.workers if self.workers else 0.0

    @property
    def ucj(self) -> float | None:
        if self.participants_active is None or not self.working_population:
            return None
        return self.participants_active / self.working_population

    @property
    def gap_registry(self) -> int | None:
        """Workers still to enrol for the target on the registry figure."""
        if self.target is None:
            return None
        return max(0, math.ceil(Decimal(str(self.target)) * self.workers) - self.active)

    @property
    def gap_official(self) -> int | None:
        if self.target is None or not self.working_population:
            return None
        needed = math.ceil(Decimal(str(self.target)) * self.working_population)
        return max(0, needed - (self.participants_active or 0))

    def add(self, fact: Fact) -> None:
        self.workers += fact.workers
        self.active += fact.covered
        self.active_pu += fact.covered_pu
        self.active_bpu += fact.covered_bpu
        self.active_jakon += fact.covered_jakon

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        data["code" if data.pop("region") else "key"] = data.pop("key")
        data["coverage"] = round(self.coverage, 6)
        data["ucj"] = None if self.ucj is None else round(self.ucj, 6)
        data["gap_registry"] = self.gap_registry
        data["gap_official"] = self.gap_official
        return {**data, **extra}


def natural_key(key: str) -> tuple[int, str]:
    """Deciles and bands in their natural order (2 before 10), other keys as text."""
    head = key.split("-", 1)[0].split("\t", 1)[0]
    return (int(head), key) if head.isdigit() else (10**6, key)


def _sorted(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r.key == UNKNOWN, natural_key(r.key)))


def rollup(
    facts: Iterable[Fact], by: str, *, within: str | None = None, names: dict[str, str] | None
) -> list[Row]:
    """Rows by a region level, the segment, or the facts' own dimension key."""
    rows: dict[str, Row] = {}
    for fact in facts:
        if not codes.inside(fact.desa, within):
            continue
        if by == "segment":
            for segment, covered in zip(
                SEGMENTS, (fact.covered_pu, fact.covered_bpu, fact.covered_jakon), strict=True
            ):
                row = rows.setdefault(segment, Row(segment, key_name("segment", segment)))
                # Every registry worker could be covered by any segment: the denominator is
                # all of them, and a worker with two active segments shows in both rows.
                row.workers += fact.workers
                row.active += covered
            continue
        if by in REGION_LEVELS:
            key = codes.ancestor(fact.desa, by)
            if key is None:
                continue
            name = (names or {}).get(key, key)
        else:
            key, name = fact.key, key_name(by, fact.key)
        rows.setdefault(key, Row(key, name, region=by in REGION_LEVELS)).add(fact)
    return _sorted(rows.values())


def _official(
    rows: list[Row], level: str, month: dt.date, participants: list[tuple[str, str, int]]
) -> None:
    """Fill in the official UCJ numerator, denominator and target of region rows."""
    counts: dict[str, int] = defaultdict(int)
    for code, _segment, n in participants:
        key = codes.ancestor(code, level)
        if key is not None:
            counts[key] += n
    keys = [r.key for r in rows]
    population = latest_population(month.year, keys)
    targets = targets_for(month.year, keys)
    for row in rows:
        row.participants_active = counts.get(row.key, 0)
        if row.key in population:
            row.working_population_year, row.working_population = population[row.key]
        row.target = targets.get(row.key)


def latest_population(year: int, codes: list[str]) -> dict[str, tuple[int, int]]:
    """BPS working population per region: the figure of `year`, or the latest before it."""
    found: dict[str, tuple[int, int]] = {}
    for wp in WorkingPopulation.objects.filter(region_id__in=codes, year__lte=year).order_by(
        "year"
    ):
        found[wp.region_id] = (wp.year, wp.workers)
    return found


def targets_for(year: int, codes: list[str]) -> dict[str, float]:
    rows = Target.objects.filter(region_id__in=codes, year=year)
    return {t.region_id: float(t.rate) for t in rows}


def breakdown(
    by: str, month: dt.date, *, within: str | None = None, live: bool = False
) -> list[Row]:
    """Coverage rows by `by` (see BY_CHOICES) in `month`, for the regency or region `within`."""
    if by not in BY_CHOICES:
        raise ValueError(f"unknown breakdown {by!r}")
    dimension = "" if by in (*REGION_LEVELS, "segment") else by
    rows = rollup(
        load_facts(month, dimension, live=live),
        by,
        within=within,
        names=region_names() if by in REGION_LEVELS else None,
    )
    if by in REGION_LEVELS:
        _official(rows, by, month, load_participants(month, live=live))
    return rows


def crossed(
    by: str, then: str, month: dt.date, *, within: str | None = None, live: bool = False
) -> list[Row]:
    """Rows for every pair of values of two breakdowns; keys are joined with a tab."""
    if by not in BY_CHOICES or then not in BY_CHOICES or by == then:
        raise ValueError(f"cannot cross {by!r} with {then!r}")
    if then in REGION_LEVELS and by not in REGION_LEVELS:
        by, then = then, by
    names = region_names()
    if by in REGION_LEVELS and then in REGION_LEVELS:
        raise ValueError("cross a region level with a dimension, not with another level")
    if by in REGION_LEVELS or by == "segment" or then == "segment":
        other = then if by in REGION_LEVELS or by == "segment" else by
        outer = by if other == then else then
        dimension = "" if other in ("segment", *REGION_LEVELS) else other
        facts = load_facts(month, dimension, live=live)
        groups: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            if not codes.inside(fact.desa, within):
                continue
            if outer in REGION_LEVELS:
                key = codes.ancestor(fact.desa, outer)
                if key is not None:
                    groups[key].append(fact)
            else:  # outer is the segment: group by the other dimension
                groups[fact.key].append(fact)
        rows = []
        for key, group in sorted(groups.items()):
            outer_name = names.get(key, key) if outer in REGION_LEVELS else key_name(outer, key)
            inner_by = other if outer in REGION_LEVELS else "segment"
            for row in rollup(group, inner_by, names=names):
                rows.append(
                    Row(
                        f"{key}\t{row.key}",
                        f"{outer_name} · {row.name}",
                        row.workers,
                        row.active,
                        row.active_pu,
                        row.active_bpu,
                        row.active_jakon,
                    )
                )
        return rows
    # Two registry dimensions: computed from the tables (not stored in snapshots).
    facts = factlib.compute(month_start(month), bpu_grace_months(), by, then, within)
    merged: dict[str, Row] = {}
    for fact in facts:
        a, b = fact.key.split("\t")
        row = merged.setdefault(fact.key, Row(fact.key, f"{key_name(by, a)} · {key_name(then, b)}"))
        row.add(fact)
    return _sorted(merged.values())


# ---- headline, gap, closing options, trend --------------------------------------------------


def region_row(month: dt.date, code: str, *, live: bool = False) -> Row:
    """The figures of one region (the regency, a kecamatan or a desa) in `month`."""
    level = codes.level_of(code)
    rows = breakdown(level, month, within=code, live=live)
    if rows:
        return rows[0]
    row = Row(code, region_names().get(code, code), region=True)
    _official([row], level, month, load_participants(month, live=live))
    return row


@dataclass
class ClosingOption:
    segment: str
    band: str
    uncovered: int
    monthly_cost: int | None  # BPU contribution per worker (JKK + JKM) from the calculator
    cumulative: int = 0
    needed: bool = False

    @property
    def total_monthly_cost(self) -> int | None:
        return None if self.monthly_cost is None else self.monthly_cost * self.uncovered


def _likely_segments(facts: list[Fact]) -> dict[str, str]:
    """Per occupation, the segment most of its covered workers hold (BPU on a tie, and when
    none is covered): the way its uncovered workers would most likely come in."""
    by_occupation: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for f in facts:
        counts = by_occupation[f.key.split("|", 1)[1]]
        counts[0] += f.covered_pu
        counts[1] += f.covered_bpu
        counts[2] += f.covered_jakon
    return {
        occ: SEGMENTS[max(range(3), key=lambda i: (c[i], i == 1))] if any(c) else Segment.BPU
        for occ, c in by_occupation.items()
    }


def likely_segments(month: dt.date) -> dict[str, str]:
    """`_likely_segments` of the whole regency in `month` (occupations as the facts key them)."""
    return _likely_segments(load_facts(month, "closing", region=regency_code()))


# The income a BPU contribution is priced at when the registry does not know it.
UNKNOWN_INCOME = 1_000_000


def bpu_monthly_cost(income: int | None, month: dt.date) -> int | None:
    """JKK + JKM a month for a BPU worker of this income, from the calculator (None when no
    rule is in force that month); an unknown income is priced at UNKNOWN_INCOME."""
    try:
        return calculate_bpu(max(income or UNKNOWN_INCOME, 1), on_date=month).monthly_total
    except ContributionError:
        return None


def closing_options(
    month: dt.date,
    gap: int | None,
    *,
    within: str | None = None,
    live: bool = False,
    snap: Snapshot | None = None,
) -> list[ClosingOption]:
    """Uncovered registry workers grouped by the segment they would most likely join (the
    segment most covered workers of their occupation hold; BPU when none is) and decile band,
    cheapest for the regency's budget first: wage and construction workers are enrolled and
    paid for by their employer, BPU workers pay (or are helped to pay) JKK + JKM themselves,
    priced by the contribution calculator at the group's average income."""
    region = within or regency_code()
    facts = load_facts(month, "closing", live=live, region=region, snap=snap)
    likely = _likely_segments(facts)
    groups: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for f in facts:
        band, occupation = f.key.split("|", 1)
        group = groups[(likely[occupation], band)]
        group[0] += f.workers - f.covered
        group[1] += f.uncovered_income_sum
        group[2] += f.uncovered_income_n
    options = []
    for (segment, band), (uncovered, income_sum, income_n) in groups.items():
        if uncovered <= 0:
            continue
        cost: int | None = 0
        if segment == Segment.BPU:
            cost = bpu_monthly_cost(round(income_sum / income_n) if income_n else None, month)
        options.append(ClosingOption(segment, band, uncovered, cost))
    band_order = {"1-4": 0, "5-10": 1, UNKNOWN: 2}
    options.sort(
        key=lambda o: (
            o.monthly_cost is None,
            o.monthly_cost or 0,
            band_order.get(o.band, 3),
            -o.uncovered,
        )
    )
    total = 0
    for option in options:
        option.needed = gap is not None and total < gap
        total += option.uncovered
        option.cumulative = total
    return options


@dataclass
class TrendPoint:
    month: dt.date
    workers: int
    active: int
    participants_active: int

    @property
    def coverage(self) -> float:
        return self.active / self.workers if self.workers else 0.0


def trend(*, within: str | None = None) -> list[TrendPoint]:
    """Coverage in every stored snapshot (taken under the rule in force), oldest first."""
    snaps = Snapshot.objects.filter(bpu_grace_months=bpu_grace_months()).order_by("month")
    if not within or within == regency_code():
        return [TrendPoint(s.month, s.workers, s.covered, s.participants_active) for s in snaps]
    facts = (
        SnapshotFact.objects.filter(
            snapshot__in=snaps, dimension="", level=Level.DESA, desa__startswith=within
        )
        .values("snapshot__month")
        .annotate(w=Sum("workers"), c=Sum("covered"))
    )
    people = (
        SnapshotParticipants.objects.filter(snapshot__in=snaps, region_code__startswith=within)
        .values("snapshot__month")
        .annotate(n=Sum("active"))
    )
    counted = {p["snapshot__month"]: p["n"] for p in people}
    return sorted(
        (
            TrendPoint(
                f["snapshot__month"], f["w"] or 0, f["c"] or 0, counted.get(f["snapshot__month"], 0)
            )
            for f in facts
        ),
        key=lambda p: p.month,
    )


def snapshot_months() -> list[dt.date]:
    return list(Snapshot.objects.order_by("-month").values_list("month", flat=True))


def kecamatan_regions() -> list[Region]:
    return list(Region.objects.filter(parent_id=regency_code(), level=Level.KECAMATAN))


# ---- the dashboard's page in one read -------------------------------------------------------

CHILD_LEVEL = {"kabupaten": "kecamatan", "kecamatan": "desa"}
PAGE_DIMENSIONS = ("sex", "age_band", "decile", "occupation")


@dataclass
class Overview:
    month: dt.date
    code: str
    level: str
    region: Row
    child_level: str | None
    children: list[Row]
    segments: list[Row]
    dimensions: dict[str, list[Row]]
    gap: int | None
    closing: list[ClosingOption]
    trend: list[TrendPoint]
    snapshot: Snapshot | None
    path: list[tuple[str, str]]  # (code, name) from the regency down to this region


def overview(month: dt.date, code: str) -> Overview:
    """Everything the dashboard shows for region `code`, each stored table read once."""
    level = codes.level_of(code)
    if not level or not codes.inside(code, regency_code()):
        raise ValueError(f"{code!r} is not a region of the regency")
    names = region_names()
    snap = snapshot_for(month)
    live = snap is None
    totals = load_facts(month, "", live=live, snap=snap)
    participants = load_participants(month, live=live, snap=snap)
    region = next(iter(rollup(totals, level, within=code, names=names)), None)
    region = region or Row(code, names.get(code, code), region=True)
    _official([region], level, month, participants)
    child_level = CHILD_LEVEL.get(level)
    children: list[Row] = []
    if child_level:
        children = rollup(totals, child_level, within=code, names=names)
        present = {r.key for r in children}
        # Regions with no registry worker still show (as empty tiles).
        for child in Region.objects.filter(parent_id=code).order_by("code"):
            if child.code not in present:
                children.append(Row(child.code, child.display_name, region=True))
        children.sort(key=lambda r: r.key)
        _official(children, child_level, month, participants)
    gap = region.gap_official if region.gap_official is not None else region.gap_registry
    path = [(c, names.get(c, c)) for c in codes.path(code)]
    return Overview(
        month=month,
        code=code,
        level=level,
        region=region,
        child_level=child_level,
        children=children,
        segments=rollup(totals, "segment", within=code, names=None),
        dimensions={
            d: rollup(
                load_facts(month, d, region=code, live=live, snap=snap), d, within=code, names=None
            )
            for d in PAGE_DIMENSIONS
        },
        gap=gap,
        closing=closing_options(month, gap, within=code, live=live, snap=snap),
        trend=trend(within=code),
        snapshot=snap,
        path=path,
    )
