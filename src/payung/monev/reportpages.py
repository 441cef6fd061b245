"""The period report's page: the snapshots a report can be made from, a new snapshot on
Bappeda's request, and each snapshot's report as PDF, .docx and .xlsx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.monev import selectors, services
from payung.monev.models import Period, Snapshot
from payung.monev.report.files import FORMATS, report_file


def _user(request: HttpRequest, action: str) -> User:
    user = request.user
    if not isinstance(user, User) or not may(user, action):
        raise PermissionDenied
    return user


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request, "monev.view")
    found = get_object_or_404(Period, pk=pk)
    may_snapshot = may(user, "monev.targets")
    if request.method == "POST":
        if not may_snapshot:
            raise PermissionDenied
        made = services.report_snapshot(found, user=user, fresh=True)
        messages.success(request, _("Snapshot taken: %(taken)s.") % {"taken": made.data["taken"]})
        return redirect("monev:report", pk=found.pk)
    return render(
        request,
        "monev/report.html",
        {
            "period": found,
            "snapshots": selectors.snapshots(found),
            "formats": FORMATS,
            "may_snapshot": may_snapshot,
        },
    )


@login_required
def download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = _user(request, "monev.view")
    snapshot = get_object_or_404(Snapshot, pk=pk)
    if kind not in FORMATS:
        raise Http404
    made = report_file(snapshot, kind, user=user)
    return made.response()
