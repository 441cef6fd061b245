"""The Paritrana self-assessment's page: the estimated score and its gaps, entries with
evidence, the assumed weights, and the dossier as PDF or .docx."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.lib.numbers import decimal_or_none
from payung.reports import dossier, paritrana, services
from payung.reports.documents import FORMATS
from payung.reports.forms import ParitranaEntryForm
from payung.reports.models import ParitranaArea, ParitranaItem

GAPS_SHOWN = 5


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("tahun") or request.POST.get("tahun") or ""
    return int(raw) if raw.isdigit() and 2017 <= int(raw) <= 2100 else timezone.localdate().year


def _manager(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not may(user, "reports.manage"):
        raise PermissionDenied
    return user


@login_required
def assessment(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "reports.view"):
        raise PermissionDenied
    year = _year(request)
    if request.method == "POST":
        user = _manager(request)
        if request.POST.get("action") == "weights":
            return _save_weights(request, user, year)
        return _save_entry(request, user, year)
    found = paritrana.assess(year)
    return render(
        request,
        "reports/paritrana.html",
        {
            "a": found,
            "gaps": found.gaps[:GAPS_SHOWN],
            "may_manage": may(request.user, "reports.manage"),
            "years": list(range(timezone.localdate().year, 2020, -1)),
            "expected_growth": paritrana.EXPECTED_GROWTH,
        },
    )


def _save_entry(request: HttpRequest, user: User, year: int) -> HttpResponse:
    form = ParitranaEntryForm(request.POST)
    item = ParitranaItem.objects.filter(code=request.POST.get("item", "")).first()
    if item is None:
        raise Http404
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{item.code} {label}: {' '.join(str(e) for e in errors)}")
    else:
        services.save_paritrana_entry(
            item=item,
            year=year,
            achievement=form.cleaned_data["achievement"],
            evidence=form.cleaned_data["evidence"],
            user=user,
        )
        messages.success(request, _("%(code)s saved.") % {"code": item.code})
    return redirect(f"{request.path}?tahun={year}")


def _weight(raw: str | None) -> Decimal | None:
    value = decimal_or_none(raw or "")
    return value if value is not None and 0 <= value <= 100 else None


def _save_weights(request: HttpRequest, user: User, year: int) -> HttpResponse:
    areas = {
        a.code: _weight(request.POST.get(f"area-{a.code}")) for a in ParitranaArea.objects.all()
    }
    items = {
        i.code: _weight(request.POST.get(f"item-{i.code}")) for i in ParitranaItem.objects.all()
    }
    bad = [code for code, w in {**areas, **items}.items() if w is None]
    if bad:  # nothing is saved: a half-changed set of weights would mean nothing
        messages.error(
            request,
            _("Weights must be numbers from 0 to 100; not saved: %(codes)s")
            % {"codes": ", ".join(bad)},
        )
    else:
        services.set_paritrana_weights(
            areas={k: v for k, v in areas.items() if v is not None},
            items={k: v for k, v in items.items() if v is not None},
            user=user,
        )
        messages.success(request, _("The assumed weights are saved."))
    return redirect(f"{request.path}?tahun={year}")


@login_required
def dossier_file(request: HttpRequest, kind: str) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not may(user, "reports.view"):
        raise PermissionDenied
    if kind not in FORMATS:
        raise Http404
    made = dossier.dossier_file(_year(request), kind, user=user)
    return made.response()
