"""APBD construction projects and their Jakon registration (PP 44/2015; Permenaker 44/2015,
replaced by Permenaker 5/2021: a project's workers are registered before the work starts):

- registered: BPJS TK's Jakon export holds the project (by package code, else by its name
  without the legal form) registered on or before its start;
- registered late: registered after its start;
- unregistered: not in the export. Flagged to its owning OPD before its start (register now)
  and after it (started without protection).

The contribution due comes from the one calculator (contributions.calculate_jakon), priced on
the contract value at the project's start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payung.contributions.calculator import ContributionError, calculate_jakon
from payung.employers.models import JakonRegistration, Project
from payung.employers.names import business_key_one

REGISTERED, LATE, UNREGISTERED = "registered", "late", "unregistered"
LABELS = {
    REGISTERED: _("registered"),
    LATE: _("registered late"),
    UNREGISTERED: _("not registered"),
}


@dataclass
class ProjectRow:
    project: Project
    registration: JakonRegistration | None
    status: str
    due: int | None  # the contribution for the whole project, rupiah
    flag: str  # "", "before_start" or "started"

    @property
    def label(self) -> str:
        return str(LABELS[self.status])


def _due(project: Project, on: dt.date) -> int | None:
    if not project.contract_value:
        return None
    try:
        return calculate_jakon(project.contract_value, on_date=project.starts or on).total
    except ContributionError:
        return None


def project_rows(opd_code: str | None = None, on: dt.date | None = None) -> list[ProjectRow]:
    today = on or timezone.localdate()
    projects = Project.objects.all()
    if opd_code is not None:
        projects = projects.filter(opd_code=opd_code)
    registrations = list(JakonRegistration.objects.all())
    by_package = {r.package: r for r in registrations if r.package}
    by_name = {business_key_one(r.name): r for r in registrations}
    rows = []
    for p in projects.order_by("starts", "package"):
        found = by_package.get(p.package) or by_name.get(p.name_key)
        if found is None:
            status = UNREGISTERED
        elif found.registered_on and p.starts and found.registered_on > p.starts:
            status = LATE
        else:
            status = REGISTERED
        flag = ""
        if status == UNREGISTERED:
            flag = "before_start" if p.starts and p.starts > today else "started"
        rows.append(ProjectRow(p, found, status, _due(p, today), flag))
    return rows


def registered_share() -> tuple[int, int] | None:
    """(registered, late included; all projects): monev's indicator 5.1.a. None without any."""
    rows = project_rows()
    if not rows:
        return None
    return sum(r.status != UNREGISTERED for r in rows), len(rows)
