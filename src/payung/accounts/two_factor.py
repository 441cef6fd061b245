"""Optional two-step log-in (TOTP, django-otp) for the roles that see every full NIK and run the
regency's data: Administrator and Analis. A user who has confirmed an authenticator app gives
its six-digit code after the password; until then every page but the code page and log-out
sends them there. django-otp throttles wrong codes (each one doubles the wait)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

# Where a user between password and code may go.
OPEN_PATHS = ("/masuk/", "/keluar/", "/static/", "/i18n/")


def needs_code(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_authenticated
        and not user.is_verified()  # type: ignore[attr-defined]  # set by OTPMiddleware
        and user_has_device(user, confirmed=True)
    )


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: a user with a confirmed device is sent to the code page
    until the session is verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_PATHS) and needs_code(request):
            url = reverse("two_factor_verify")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def unconfirmed_device(user: object) -> TOTPDevice:
    """The device being set up (made once, kept until confirmed), for the QR code."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Aplikasi autentikator"}
    )
    return device
