from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payung.accounts.permissions import may
from payung.jobs import services


@login_required
@require_POST
def retry(request: HttpRequest, result: str) -> HttpResponse:
    """Queue a failed reaction again (a snapshot, a reconciliation), then go back."""
    if not may(request.user, "jobs.retry"):
        raise PermissionDenied
    if services.retry(result):
        messages.success(request, _("Queued again: the background worker runs it shortly."))
    else:
        messages.error(request, _("That step is no longer waiting to be run again."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    return redirect(target)
