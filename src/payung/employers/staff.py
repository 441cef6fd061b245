"""Who on the regency's own staff lists is protected: each person on a unit's latest list is
found among BPJS TK's participants by NIK, directly or through the registry worker the linkage
linked a participation to, and is

- active: a participation active in the month, under coverage's one status rule;
- lapsed: participations, none active;
- never registered: no participation at all.

What the regency owes for those not active comes from the one calculator (payung.contributions):
the employer's share of a wage earner's JKK and JKM on the honorarium, risk group 1 (office and
village work), 0,24 % + 0,30 %. These are the programmes Pemda usually funds for non-ASN staff
and village officials; JHT and JP are left to the regency's own decision, so they are not
counted here. Since PP 37/2021 the calculator shows 0,14 % of the employer's JKK as JKP (the
recomposition), so JKP is priced too and the employer's lines of all three are summed: the
government's JKP share is not the regency's to pay.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from payung.contributions.calculator import ContributionError, calculate_pu
from payung.contributions.models import Payer
from payung.coverage import selectors as coverage
from payung.employers.models import Roster, StaffMember
from payung.linkage.selectors import links
from payung.participants.models import Participant

ACTIVE, LAPSED, NEVER = "active", "lapsed", "never"
PROGRAMMES = ("JKK", "JKM", "JKP")  # JKP: for the employer's recomposed JKK (see above)
RISK_GROUP = 1  # office and village administration: the lowest JKK risk group


@dataclass
class StaffRow:
    member: StaffMember
    status: str  # ACTIVE, LAPSED or NEVER
    monthly_owed: int | None  # JKK + JKM a month on the honorarium, for those not active


@dataclass
class UnitCount:
    unit: str
    counts: Counter[str] = field(default_factory=Counter)
    monthly_owed: int = 0

    @property
    def members(self) -> int:
        return sum(self.counts.values())

    @property
    def share_active(self) -> float | None:
        return self.counts[ACTIVE] / self.members if self.members else None


def members(roster: str, unit: str | None = None) -> QuerySet[StaffMember]:
    """The people on the latest list of each unit of `roster` (or of `unit` alone)."""
    found = StaffMember.objects.filter(roster=roster, current=True)
    return found.filter(unit=unit) if unit is not None else found


def _participations(niks: list[str]) -> QuerySet[Participant]:
    """Participations of the people with `niks`: carrying the NIK themselves, or linked by the
    linkage to a registry worker with it (an export row whose NIK was missing or mistyped)."""
    through_registry = links().filter(worker__nik__in=niks).values("participant_id")
    return Participant.objects.filter(Q(nik__in=niks) | Q(pk__in=through_registry))


def _owners(found: QuerySet[Participant]) -> dict[int, str]:
    """participant id -> the staff NIK it belongs to (its own, or its linked worker's)."""
    rows = found.values_list("pk", "nik", "link__worker__nik")
    return {pk: own or linked or "" for pk, own, linked in rows}


def _statuses(niks: list[str], month: dt.date) -> dict[str, str]:
    found = _participations(niks)
    owner = _owners(found)
    known = {owner[pk] for pk in owner}
    active_ids = found.filter(pk__in=coverage.active_participants(month)).values_list(
        "pk", flat=True
    )
    active = {owner[pk] for pk in active_ids}
    return {n: ACTIVE if n in active else LAPSED if n in known else NEVER for n in niks}


def _owed(member: StaffMember, month: dt.date) -> int | None:
    if not member.honorarium:
        return None
    try:
        priced = calculate_pu(member.honorarium, RISK_GROUP, on_date=month, programs=PROGRAMMES)
    except ContributionError:
        return None
    return priced.total_for(Payer.EMPLOYER)


def staff_rows(roster: str, unit: str | None, month: dt.date) -> list[StaffRow]:
    people = list(members(roster, unit).order_by("unit", "name"))
    status = _statuses([p.nik for p in people], month)
    return [
        StaffRow(p, status[p.nik], None if status[p.nik] == ACTIVE else _owed(p, month))
        for p in people
    ]


def unit_counts(roster: str, month: dt.date) -> list[UnitCount]:
    """Per unit (OPD or desa): how many active, lapsed and never registered, and what the
    regency would pay a month to protect those not active."""
    by_unit: dict[str, UnitCount] = defaultdict(lambda: UnitCount(""))
    for row in staff_rows(roster, None, month):
        count = by_unit[row.member.unit]
        count.unit = row.member.unit
        count.counts[row.status] += 1
        count.monthly_owed += row.monthly_owed or 0
    return sorted(by_unit.values(), key=lambda c: c.unit)


def share_active(roster: str, month: dt.date) -> tuple[int, int] | None:
    """(active, on the lists) across the regency; None before any list is uploaded."""
    # Statuses only: pricing each person (a calculator call apiece) is for the pages.
    niks = list(members(roster).values_list("nik", flat=True))
    if not niks:
        return None
    status = _statuses(niks, month)
    return sum(status[n] == ACTIVE for n in niks), len(niks)


ROSTERS = tuple(Roster.values)
