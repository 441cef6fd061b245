"""Turning on two-step log-in in a real browser, at a phone's width: the QR code shows (drawn
by Payung, within the Content-Security-Policy), and the next log-in asks for the code."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from payung.accounts.roles import Role
from payung.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(device: TOTPDevice, drift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.drift = drift
    return f"{totp.token():06d}"


def test_turn_on_two_step_log_in_on_a_phone(page: Any, live_server: Any, make_user: Any) -> None:
    user = make_user(Role.ANALIS)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, user.username)
    page.click("[data-testid=two-factor-link]")
    assert page.locator("[data-testid=qr] svg").is_visible()
    box = page.locator("[data-testid=qr] svg").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    device = TOTPDevice.objects.get(user=user)
    page.fill("#id_code", _code(device))
    page.click("[data-testid=enable]")
    page.click("button:has-text('Keluar')")
    log_in(page, live_server.url, user.username)
    assert "/masuk/kode/" in page.url
    device.refresh_from_db()
    page.fill("#id_code", _code(device, drift=1))
    page.click("main button[type=submit]:has-text('Lanjut')")
    assert page.locator("[data-testid=regency]").count() == 1
