"""Pages of the regency's own staff lists: each list's coverage by unit, one unit's people,
and the upload of a unit's list (queued for the worker like every import)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from payung.accounts.masking import shown_nik
from payung.accounts.models import Opd, User
from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.coverage import selectors as coverage
from payung.employers import staff
from payung.employers.forms import StaffUploadForm
from payung.employers.models import Roster
from payung.employers.views import user_of
from payung.imports import kinds
from payung.imports.tasks import start_import
from payung.regions.selectors import desa_of_regency

VILLAGE_AGENCY = "dinas-pmd"  # the agency that keeps the village officials' list


def _roster(slug: str) -> str:
    if slug not in staff.ROSTERS:
        raise Http404
    return slug


def may_upload(user: User, roster: str) -> bool:
    if not may(user, f"import.{roster}"):
        return False
    if user.role != Role.OPERATOR_OPD:
        return True
    if user.opd is None or roster == Roster.ELECTION:
        return False
    return roster == Roster.NON_ASN or user.opd.code == VILLAGE_AGENCY


def may_see_people(user: User, roster: str, unit: str) -> bool:
    """Names are personal data: the unit's own operator, Dinas PMD's for the villages, and
    the regency-wide roles that work the data."""
    if user.role in (Role.ADMINISTRATOR, Role.ANALIS):
        return True
    if user.role != Role.OPERATOR_OPD or user.opd is None or roster == Roster.ELECTION:
        return False
    return user.opd.code == (unit if roster == Roster.NON_ASN else VILLAGE_AGENCY)


def _unit_names(roster: str) -> dict[str, str]:
    if roster == Roster.NON_ASN:
        return {o.code: o.short_name for o in Opd.objects.all()}
    if roster == Roster.ELECTION:  # each election is named by its unit
        return {u: u for u in staff.members(roster).values_list("unit", flat=True).distinct()}
    return {d.code: d.display_name for d in desa_of_regency(coverage.regency_code())}


@login_required
def roster(request: HttpRequest, slug: str) -> HttpResponse:
    user = user_of(request)
    chosen = _roster(slug)
    month = coverage.default_month()
    names = _unit_names(chosen)
    unit = request.GET.get("unit")
    people = None
    if unit is not None:
        if unit not in names or not may_see_people(user, chosen, unit):
            raise Http404
        people = [
            (row, shown_nik(row.member.nik, user)) for row in staff.staff_rows(chosen, unit, month)
        ]
    counts = staff.unit_counts(chosen, month)
    form = None
    if may_upload(user, chosen):
        kind = kinds.get(chosen)
        choose = chosen == Roster.NON_ASN and user.role != Role.OPERATOR_OPD
        form = StaffUploadForm(
            request.POST or None,
            request.FILES or None,
            choose_opd=choose,
            election=chosen == Roster.ELECTION,
            kind=kind,
        )
        if request.method == "POST" and form.is_valid():
            scope = ""
            if chosen == Roster.NON_ASN:  # an operator's own agency (may_upload: it has one)
                agency = form.cleaned_data["opd"] if choose else user.opd
                scope = agency.code if agency else ""
            elif chosen == Roster.ELECTION:
                scope = form.cleaned_data["election"]
            started = start_import(
                kind=chosen,
                upload=form.cleaned_data["file"],
                user=user,
                overrides=form.cleaned_data["column_map"],
                scope=scope,
            )
            return redirect(reverse("imports:job", args=[started.pk]))
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "employers/roster.html",
        {
            "roster": chosen,
            "label": Roster(chosen).label,
            "month": month,
            "rows": [
                (c, names.get(c.unit, c.unit), may_see_people(user, chosen, c.unit)) for c in counts
            ],
            "unit": unit,
            "unit_name": names.get(unit or "", ""),
            "people": people,
            "form": form,
        },
    )
