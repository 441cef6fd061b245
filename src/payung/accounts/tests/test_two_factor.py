"""Optional two-step log-in (TOTP) for Administrator and Analis, from the outside: the setup
page, the log-in form, the code page and the pages behind it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD


def _code(device: TOTPDevice, drift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.drift = drift
    return f"{totp.token():06d}"


def _log_in(user: Any) -> Client:
    client = Client()
    answer = client.post("/masuk/", {"username": user.username, "password": TEST_PASSWORD})
    assert answer.status_code == 302
    return client


def _enabled(make_user: Any, role: Role = Role.ANALIS) -> tuple[Any, TOTPDevice]:
    user = make_user(role)
    client = _log_in(user)
    page = client.get("/akun/dua-langkah/")
    assert page.status_code == 200 and b"<svg" in page.content  # the QR code, drawn here
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    right = client.post("/akun/dua-langkah/", {"code": _code(device)})
    assert right.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return user, device


def test_once_on_the_password_alone_opens_nothing(make_user: Any) -> None:
    user, device = _enabled(make_user)
    client = _log_in(user)
    for url in ["/", "/cakupan/", "/api/coverage/summary", "/impor/"]:
        answer = client.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/masuk/kode/"), url
    refused = client.post("/masuk/kode/", {"code": "123456"})
    assert refused.status_code == 400
    assert client.get("/").status_code == 302
    # django-otp makes a wrong code wait before the next try: let that pass, as time would.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=None, throttling_failure_count=0
    )
    accepted = client.post("/masuk/kode/?next=/cakupan/", {"code": _code(device, drift=1)})
    assert accepted.status_code == 302 and accepted["Location"] == "/cakupan/"
    assert client.get("/").status_code == 200
    actions = set(AuditEvent.objects.filter(user=user).values_list("action", flat=True))
    assert {
        "auth.two_factor_enabled",
        "auth.two_factor_failed",
        "auth.two_factor_verified",
    } <= actions


def test_a_code_page_next_cannot_send_the_user_elsewhere(make_user: Any) -> None:
    user, device = _enabled(make_user, Role.ADMINISTRATOR)
    client = _log_in(user)
    answer = client.post("/masuk/kode/?next=https://jahat.example/", {"code": _code(device, 1)})
    assert answer.status_code == 302 and answer["Location"] == "/"


@pytest.mark.parametrize("role", [Role.OPERATOR_OPD, Role.PIMPINAN, Role.PETUGAS_BPJS])
def test_other_roles_cannot_turn_it_on(make_user: Any, role: Role) -> None:
    client = _log_in(make_user(role))
    assert client.get("/akun/dua-langkah/").status_code == 403
    assert client.post("/akun/dua-langkah/", {"code": "123456"}).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_without_a_device_log_in_is_one_step(make_user: Any) -> None:
    client = _log_in(make_user(Role.ANALIS))
    assert client.get("/").status_code == 200
