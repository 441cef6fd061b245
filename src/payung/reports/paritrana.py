"""The Paritrana Award self-assessment for the Pemda category: its four areas (as reported:
policy, implementation, performance, innovation; ../shared/domain/BRIEF.md), items filled from
Payung's data where it can and entered with evidence where it cannot, an estimated score and
the gaps that cost the most points.

The official weights are not published: every weight here is an assumption, editable, and
the page and the dossier say so. The score is the areas' weighted mean of their items'
weighted mean achievement (0-100); an item with neither data nor an entry counts 0."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from payung.coverage import selectors as coverage
from payung.lib.numbers import percent
from payung.monev import selectors as monev
from payung.monev.sources import figure
from payung.reports.models import ParitranaArea, ParitranaEntry, ParitranaItem

HUNDRED = Decimal(100)
# Registry coverage growth the award might expect in a year: an assumption, as the weights.
EXPECTED_GROWTH = Decimal("0.05")

# The seeded catalogue: areas as the award is reported to assess them, weights assumed.
CATALOGUE = [
    ("policy", "Kebijakan", Decimal(25), [
        ("K1", "Perbup/Perda tentang jaminan sosial ketenagakerjaan ditetapkan",
         "monev_perbup", 60),
        ("K2", "Kepesertaan aktif disyaratkan dalam perizinan berusaha (PTSP)", "", 40),
    ]),
    ("implementation", "Penerapan", Decimal(30), [
        ("P1", "Anggaran bantuan iuran direalisasikan (dibayar terhadap anggaran)",
         "assistance_paid", 35),
        ("P2", "Pekerja rentan terdaftar melalui program bantuan (terdaftar terhadap kuota)",
         "assistance_enrolled", 35),
        ("P3", "Aksi Inpres 2/2021 oleh perangkat daerah (skor monev kabupaten)",
         "monev_score", 30),
    ]),
    ("performance", "Kinerja", Decimal(35), [
        ("C1", "Cakupan terhadap penduduk bekerja (UCJ resmi) terhadap target tahun ini",
         "ucj_vs_target", 70),
        ("C2", "Pertumbuhan cakupan registri dalam tahun ini", "coverage_growth", 30),
    ]),
    ("innovation", "Inovasi", Decimal(10), [
        ("N1", "Inovasi daerah (aplikasi, agen desa, kolaborasi CSR)", "", 60),
        ("N2", "Keterlibatan langsung kepala daerah", "", 40),
    ]),
]  # fmt: skip


def seed() -> int:
    """Add the catalogue's missing areas and items; an edit (a weight, a text) is kept."""
    added = 0
    for position, (code, name, weight, items) in enumerate(CATALOGUE):
        area, made = ParitranaArea.objects.get_or_create(
            code=code, defaults={"name": name, "weight": weight, "position": position}
        )
        added += made
        for index, (item_code, text, source, item_weight) in enumerate(items):
            _item, made = ParitranaItem.objects.get_or_create(
                code=item_code,
                defaults={
                    "area": area, "text": text, "source": source,
                    "weight": Decimal(item_weight), "position": index,
                },
            )  # fmt: skip
            added += made
    return added


@dataclass(frozen=True)
class Found:
    """A computed item's achievement (0-100) and the figures it came from, in words."""

    achievement: Decimal
    basis: str


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _share_source(name: str) -> Callable[[int], Found | None]:
    def compute(year: int) -> Found | None:
        found = figure(name, _year_end(year))
        if found is None or found.value is None:
            return None
        basis = _("%(num)s of %(den)s") % {
            "num": f"{found.numerator:,.0f}".replace(",", "."),
            "den": f"{found.denominator:,.0f}".replace(",", "."),
        }
        return Found(min(HUNDRED, found.value * HUNDRED), basis)

    return compute


def _perbup(year: int) -> Found | None:
    value = monev.verified_value("1.1.a", year)
    if value is None:
        return None
    done = value >= 1
    return Found(HUNDRED if done else Decimal(0), _("monev 1.1.a verified: %(state)s")
                 % {"state": _("done") if done else _("not done")})  # fmt: skip


def _monev_score(year: int) -> Found | None:
    snapshot = monev.latest_snapshot_of_year(year)
    score = snapshot.data["regency"]["score"] if snapshot else None
    if score is None:
        return None
    assert snapshot is not None
    return Found(min(HUNDRED, Decimal(score) * HUNDRED), _("monev %(period)s")
                 % {"period": snapshot.data["period"]})  # fmt: skip


def _ucj_vs_target(year: int) -> Found | None:
    found = figure("coverage_ucj", _year_end(year))
    target = coverage.targets_for(year, [coverage.regency_code()]).get(coverage.regency_code())
    if found is None or found.value is None or not target:
        return None
    share = found.value / Decimal(str(target))
    return Found(min(HUNDRED, share * HUNDRED), _("UCJ %(ucj)s against a target of %(target)s")
                 % {"ucj": percent(found.value), "target": percent(target)})  # fmt: skip


def _growth(year: int) -> Found | None:
    points = [p for p in coverage.trend() if p.month.year == year]
    if len(points) < 2:
        return None
    grown = Decimal(str(points[-1].coverage)) - Decimal(str(points[0].coverage))
    achievement = max(Decimal(0), min(HUNDRED, grown / EXPECTED_GROWTH * HUNDRED))
    return Found(achievement, _("%(first)s to %(last)s (%(months)s months); %(expected)s a year"
                                " expected (assumed)")
                 % {"first": percent(points[0].coverage), "last": percent(points[-1].coverage),
                    "months": len(points), "expected": percent(EXPECTED_GROWTH)})  # fmt: skip


SOURCES: dict[str, Callable[[int], Found | None]] = {
    "monev_perbup": _perbup,
    "assistance_paid": _share_source("assistance_paid"),
    "assistance_enrolled": _share_source("assistance_enrolled"),
    "monev_score": _monev_score,
    "ucj_vs_target": _ucj_vs_target,
    "coverage_growth": _growth,
}


@dataclass
class ItemResult:
    item: ParitranaItem
    achievement: Decimal | None
    computed: bool
    basis: str  # the figures (computed) or the evidence (entered)
    lost: Decimal = Decimal(0)  # points of the total this item costs


@dataclass
class AreaResult:
    area: ParitranaArea
    score: Decimal
    items: list[ItemResult] = field(default_factory=list)


@dataclass
class Assessment:
    year: int
    areas: list[AreaResult]
    total: Decimal

    @property
    def gaps(self) -> list[ItemResult]:
        """The items that cost the most points, most first."""
        found = [i for a in self.areas for i in a.items if i.lost > 0]
        return sorted(found, key=lambda i: i.lost, reverse=True)


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def assess(year: int) -> Assessment:
    entries = {e.item_id: e for e in ParitranaEntry.objects.filter(year=year)}
    areas = list(ParitranaArea.objects.prefetch_related("items"))
    area_weights = sum((a.weight for a in areas), Decimal(0)) or Decimal(1)
    results, total = [], Decimal(0)
    for area in areas:
        items = list(area.items.all())
        item_weights = sum((i.weight for i in items), Decimal(0)) or Decimal(1)
        found = []
        for item in items:
            computed = SOURCES[item.source](year) if item.source in SOURCES else None
            entry = entries.get(item.pk)
            if computed is not None:
                result = ItemResult(item, computed.achievement, True, computed.basis)
            elif entry is not None:
                result = ItemResult(item, entry.achievement, False, entry.evidence)
            else:
                result = ItemResult(item, None, bool(item.source), "")
            share = area.weight / area_weights * item.weight / item_weights
            result.lost = _q(share * (HUNDRED - (result.achievement or 0)))
            found.append(result)
        score = sum(((r.achievement or 0) * r.item.weight for r in found), Decimal(0))
        area_score = score / item_weights
        total += area.weight / area_weights * area_score
        results.append(AreaResult(area, _q(area_score), found))
    return Assessment(year, results, _q(total))
