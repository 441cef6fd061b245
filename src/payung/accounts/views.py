"""Log-in: Django's page with the lockout shown as what it is, and the optional second step."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from payung.accounts import two_factor
from payung.accounts.permissions import may
from payung.accounts.services import record_audit


class LoginView(auth_views.LoginView):
    def form_invalid(self, form: Any) -> HttpResponse:
        until = getattr(self.request, "payung_locked_until", None)
        if until is None:
            return super().form_invalid(form)
        return render(self.request, "registration/locked_out.html", {"until": until}, status=429)


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code with an authenticator app, type its code: two-step log-in is on."""
    user = request.user
    if not may(user, "accounts.two_factor"):
        raise PermissionDenied
    if user_has_device(user, confirmed=True):
        return render(request, "registration/two_factor_setup.html", {"enabled": True})
    device = two_factor.unconfirmed_device(user)
    error = ""
    if request.method == "POST":
        if device.verify_token(request.POST.get("code", "").strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            record_audit(action="auth.two_factor_enabled", user=user)  # type: ignore[arg-type]
            messages.success(request, _("Two-step log-in is on."))
            return redirect("home")
        error = _("That code is not right. Type the six digits the app shows now.")
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=False)
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {"qr": mark_safe(qr), "secret": secret, "error": error},  # noqa: S308 - segno's SVG
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of log-in: the code from the user's authenticator app."""
    if not two_factor.needs_code(request):
        return redirect(_safe_next(request))
    error = ""
    if request.method == "POST":
        device = match_token(request.user, request.POST.get("code", "").strip())
        if device is not None:
            otp_login(request, device)
            record_audit(action="auth.two_factor_verified", user=request.user)  # type: ignore[arg-type]
            return redirect(_safe_next(request))
        record_audit(action="auth.two_factor_failed", user=request.user)  # type: ignore[arg-type]
        error = _("That code is not right, or came too late. Wait for the next one and try again.")
    return render(
        request,
        "registration/two_factor_verify.html",
        {"error": error, "next": request.GET.get("next", "")},
        status=400 if error else 200,
    )


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home")
