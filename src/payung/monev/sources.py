"""The indicators Payung fills itself, from its own data at the end of a period: each source
is a function of the period's last month that returns the figure and what it came from, or
None when the data does not exist yet (the staff lists of non-ASN staff and village officials
employers' compliance and construction projects come from the employers app once there)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from payung.assistance import selectors as assistance
from payung.coverage import selectors as coverage
from payung.employers import jakon, staff
from payung.employers import selectors as employers
from payung.employers.models import Roster
from payung.lib.months import month_start
from payung.lib.numbers import grouped, rupiah


@dataclass(frozen=True)
class Figure:
    numerator: Decimal
    denominator: Decimal
    inputs: dict[str, Any]  # what the figure came from, kept with it (frozen at the close)

    @property
    def value(self) -> Decimal | None:
        return share(self.numerator, self.denominator)


def share(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """part / whole to four places (a figure's value, a kecamatan's coverage); None without
    a whole."""
    if part is None or not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def kecamatan_shares(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Frozen kecamatan rows (kecamatan_rows) with their registry and official shares."""
    return [
        {
            **row,
            "registry": share(row["covered"], row["registry_workers"]),
            "official": share(row["active_participants"], row["working_population"]),
        }
        for row in rows
    ]


def kecamatan_rows(month: dt.date) -> list[dict[str, Any]]:
    """Each kecamatan's figures in `month`: registry workers and those covered, active
    participants and BPS working population (None where BPS gives none), and its target."""
    return [
        {
            "code": row.key,
            "name": row.name,
            "covered": row.active,
            "registry_workers": row.workers,
            "active_participants": row.participants_active,
            "working_population": row.working_population,
            "target": None if row.target is None else str(row.target),
        }  # fmt: skip
        for row in coverage.breakdown("kecamatan", month)
    ]


def _registry(month: dt.date) -> Figure:
    row = coverage.region_row(month, coverage.regency_code())
    return Figure(
        Decimal(row.active),
        Decimal(row.workers),
        {"month": f"{month:%Y-%m}", "covered": row.active, "registry_workers": row.workers,
         "kecamatan": kecamatan_rows(month)},
    )  # fmt: skip


def _ucj(month: dt.date) -> Figure | None:
    row = coverage.region_row(month, coverage.regency_code())
    if row.participants_active is None or not row.working_population:
        return None
    return Figure(
        Decimal(row.participants_active),
        Decimal(row.working_population),
        {"month": f"{month:%Y-%m}", "active_participants": row.participants_active,
         "working_population": row.working_population,
         "bps_year": row.working_population_year,
         "kecamatan": kecamatan_rows(month)},
    )  # fmt: skip


def _assistance_paid(month: dt.date) -> Figure | None:
    realised, _by_source = assistance.realisations(assistance.programmes(year=month.year))
    if not realised:
        return None
    paid = sum(r.paid for _p, r in realised)
    budget = sum(r.budget for _p, r in realised)
    return Figure(
        Decimal(paid),
        Decimal(budget),
        {"year": month.year, "paid": paid, "budget": budget,
         "programmes": [p.pk for p, _r in realised]},
    )  # fmt: skip


def _assistance_enrolled(month: dt.date) -> Figure | None:
    programmes = assistance.programmes(year=month.year)
    if not programmes:
        return None
    enrolled = sum(assistance.status_counts(p).get("enrolled", 0) for p in programmes)
    quota = sum(p.quota for p in programmes)
    return Figure(
        Decimal(enrolled),
        Decimal(quota),
        {"year": month.year, "enrolled": enrolled, "quota": quota,
         "programmes": [p.pk for p in programmes]},
    )  # fmt: skip


def _staff(roster: str) -> Callable[[dt.date], Figure | None]:
    """The share of a staff list's people (employers.staff) with an active participation."""

    def compute(month: dt.date) -> Figure | None:
        found = staff.share_active(roster, month)
        if found is None:
            return None
        active, listed = found
        return Figure(
            Decimal(active),
            Decimal(listed),
            {"month": f"{month:%Y-%m}", "active": active, "on_the_lists": listed},
        )

    return compute


def _employers_compliant(month: dt.date) -> Figure | None:
    """Licensed businesses with workers found compliant at the latest classification."""
    found = employers.compliant_share()
    if found is None:
        return None
    compliant, obliged = found
    return Figure(
        Decimal(compliant),
        Decimal(obliged),
        {"compliant": compliant, "businesses_with_workers": obliged},
    )


def _jakon_projects(month: dt.date) -> Figure | None:
    """APBD construction projects registered for Jakon (late ones included)."""
    found = jakon.registered_share()
    if found is None:
        return None
    registered, projects = found
    return Figure(
        Decimal(registered), Decimal(projects), {"registered": registered, "projects": projects}
    )


# The inputs' keys in words, for the item's page (the inputs themselves stay as frozen).
INPUT_LABELS = {
    "month": _("month"),
    "year": _("year"),
    "covered": _("registry workers covered"),
    "registry_workers": _("registry workers"),
    "active_participants": _("active participants"),
    "working_population": _("working population (BPS)"),
    "bps_year": _("BPS year"),
    "paid": _("paid"),
    "budget": _("budget"),
    "programmes": _("programmes"),
    "enrolled": _("enrolled"),
    "quota": _("quota"),
    "active": _("active participants"),
    "on_the_lists": _("people on the lists"),
    "compliant": _("compliant"),
    "businesses_with_workers": _("businesses with workers"),
    "registered": _("registered"),
    "projects": _("projects"),
}
RUPIAH_INPUTS = {"paid", "budget"}


def shown_inputs(inputs: dict[str, Any]) -> list[tuple[str, str]]:
    """A computed item's frozen inputs as (words, value as written), the kecamatan table
    apart: 78.485, Rp 970.905.600, 3 programmes."""
    shown = []
    for key, value in inputs.items():
        if key == "kecamatan":
            continue
        if key in RUPIAH_INPUTS and isinstance(value, int | float):
            text = rupiah(value)
        elif key == "programmes" and isinstance(value, list):
            text = grouped(len(value))
        elif isinstance(value, int) and key not in ("year", "bps_year"):
            text = grouped(value)
        else:
            text = str(value)
        shown.append((str(INPUT_LABELS.get(key, key)), text))
    return shown


SOURCES: dict[str, Callable[[dt.date], Figure | None]] = {
    "coverage_registry": _registry,
    "coverage_ucj": _ucj,
    "assistance_paid": _assistance_paid,
    "assistance_enrolled": _assistance_enrolled,
    "non_asn": _staff(Roster.NON_ASN),
    "village_officials": _staff(Roster.VILLAGE),
    "employers_compliant": _employers_compliant,
    "jakon_projects": _jakon_projects,
}


def figure(source: str, last_day: dt.date) -> Figure | None:
    """The figure of `source` for a period ending on `last_day`; None when Payung has no such
    data yet (a source of the employers issue, or no programme that year)."""
    compute = SOURCES.get(source)
    if compute is None:
        return None
    # Coverage is read at the period's last month, or at the month the latest BPJS TK export
    # reports on when that is earlier: a quarter closed before its export arrives would
    # otherwise count every participant as lapsed. The month used is kept in the inputs.
    month = min(month_start(last_day), coverage.reporting_month())
    return compute(month)
