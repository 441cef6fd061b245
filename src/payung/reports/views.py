"""The Regent's page: everything at a glance, each figure linked to the page that explains
it, on one printed A4 page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.regions.selectors import configured_regency
from payung.reports import services
from payung.reports.documents import FORMATS, report_file
from payung.reports.executive import executive as read_executive
from payung.reports.forms import PovertyRateForm
from payung.reports.models import MonthlyReport
from payung.reports.spark import spark


@login_required
def executive(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "reports.view"):
        raise PermissionDenied
    page = read_executive()
    regency = configured_regency()
    return render(
        request,
        "reports/executive.html",
        {
            "v": page,
            "regency_name": regency.display_name if regency else "",
            "trend": spark([p.coverage for p in page.coverage.trend]),
            "may_manage": may(request.user, "reports.manage"),
            "form": PovertyRateForm(initial={"year": page.year}),
        },
    )


@login_required
@require_POST
def poverty_rate(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not may(user, "reports.manage"):
        raise PermissionDenied
    form = PovertyRateForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")
        return redirect("reports:executive")
    data = form.cleaned_data
    services.save_poverty_rate(
        year=data["year"],
        rate=data["rate"],
        target=data["target"],
        source=data["source"],
        user=user,
    )
    messages.success(request, _("The poverty rate of %(year)s is saved.") % {"year": data["year"]})
    return redirect("reports:executive")


@login_required
def monthly_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may(user, "reports.view"):
        raise PermissionDenied
    may_make = may(user, "reports.manage")
    if request.method == "POST":
        if not may_make or not isinstance(user, User):
            raise PermissionDenied
        made = services.make_monthly_report(user=user)
        messages.success(
            request,
            _("The report of %(month)s is made.") % {"month": date_format(made.month, "F Y")},
        )
        return redirect("reports:monthly")
    return render(
        request,
        "reports/monthly.html",
        {"reports": MonthlyReport.objects.select_related("made_by"), "may_make": may_make,
         "formats": FORMATS},
    )  # fmt: skip


@login_required
def monthly_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not may(user, "reports.view"):
        raise PermissionDenied
    report = get_object_or_404(MonthlyReport, pk=pk)
    if kind not in FORMATS:
        raise Http404
    made = report_file(report, kind, user=user)
    return made.response()
