"""The review of changes agency operators asked for (registry.changes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.contributions.calculator import rp
from payung.registry import changes as service
from payung.registry import selectors
from payung.registry.models import ChangeRequest

PAGE = 200
FIELD_LABELS = {
    "nik": gettext_lazy("NIK"),
    "nik_raw": gettext_lazy("NIK as written"),
    "name": gettext_lazy("Name"),
    "sex": gettext_lazy("Sex"),
    "birth_date": gettext_lazy("Birth date"),
    "desa_id": gettext_lazy("Desa"),
    "occupation": gettext_lazy("Occupation"),
    "income": gettext_lazy("Income"),
    "decile": gettext_lazy("Decile"),
    "dependants": gettext_lazy("Dependants"),
    "phone": gettext_lazy("Phone"),
    "notes": gettext_lazy("Notes"),
}


def _reviewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not may(user, "registry.edit_all"):
        raise PermissionDenied
    return user


def _shown(field: str, value: str) -> str:
    """As the office writes it: Rp 1.500.000, 05-07-1985."""
    if field == "income" and value.isdigit():
        return rp(int(value))
    if field == "birth_date" and len(value) == 10:
        return f"{value[8:10]}-{value[5:7]}-{value[:4]}"
    return value


@login_required
def changes(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    pending = list(selectors.pending_changes()[:PAGE])
    rows = [
        {
            "request": r,
            "fields": [
                (FIELD_LABELS.get(f, f), _shown(f, r.old.get(f, "")), _shown(f, r.new.get(f, "")))
                for f in r.changed_fields
            ],
        }
        for r in pending
    ]
    return render(
        request,
        "registry/changes.html",
        {"rows": rows, "decided": selectors.decided_changes(), "more": len(pending) == PAGE},
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reviewer(request)
    found = get_object_or_404(ChangeRequest, pk=pk)
    approve = request.POST.get("decision") == "approve"
    if request.POST.get("decision") not in ("approve", "reject"):
        messages.error(request, _("Choose approve or reject."))
        return redirect("registry:changes")
    try:
        service.decide(found.pk, approve=approve, user=user)
    except service.ChangeRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Approved.") if approve else _("Rejected."))
    return redirect("registry:changes")
