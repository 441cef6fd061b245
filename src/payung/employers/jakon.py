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
# What a follow-up letter says of a project's status.
FINDINGS = {
    LATE: _("The project's workers were registered for Jakon after the work started"),
    UNREGISTERED: _("The project's workers are not registered for Jakon"),
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


def _registrations() -> tuple[dict[str, JakonRegistration], dict[str, JakonRegistration]]:
    registrations = list(JakonRegistration.objects.all())
    by_package = {r.package: r for r in registrations if r.package}
    return by_package, {business_key_one(r.name): r for r in registrations}


def _row(
    p: Project,
    found: tuple[dict[str, JakonRegistration], dict[str, JakonRegistration]],
    today: dt.date,
) -> ProjectRow:
    by_package, by_name = found
    registration = by_package.get(p.package) or by_name.get(p.name_key)
    if registration is None:
        status = UNREGISTERED
    elif registration.registered_on and p.starts and registration.registered_on > p.starts:
        status = LATE
    else:
        status = REGISTERED
    flag = ""
    if status == UNREGISTERED:
        flag = "before_start" if p.starts and p.starts > today else "started"
    return ProjectRow(p, registration, status, _due(p, today), flag)


def project_rows(opd_code: str | None = None, on: dt.date | None = None) -> list[ProjectRow]:
    today = on or timezone.localdate()
    projects = Project.objects.all()
    if opd_code is not None:
        projects = projects.filter(opd_code=opd_code)
    found = _registrations()
    return [_row(p, found, today) for p in projects.order_by("starts", "package")]


def project_row(project: Project, on: dt.date | None = None) -> ProjectRow:
    """One project's registration, as the list gives it."""
    return _row(project, _registrations(), on or timezone.localdate())


def registered_share() -> tuple[int, int] | None:
    """(registered, late included; all projects): monev's indicator 5.1.a. None without any."""
    rows = project_rows()
    if not rows:
        return None
    return sum(r.status != UNREGISTERED for r in rows), len(rows)
