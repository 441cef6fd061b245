"""Real headless Chromium: each role logs in and sees its own navigation."""

from __future__ import annotations

from typing import Any

import pytest

from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The navigation each role must see, in Indonesian (the default language).
NAV = {
    Role.ADMINISTRATOR: {
        "Registry Pekerja",
        "Kepesertaan",
        "Cakupan",
        "Bantuan Iuran",
        "Klaim",
        "Pemberi Kerja",
        "Monev Inpres",
        "Laporan",
    },
    Role.ANALIS: {
        "Registry Pekerja",
        "Kepesertaan",
        "Cakupan",
        "Bantuan Iuran",
        "Klaim",
        "Pemberi Kerja",
        "Monev Inpres",
        "Laporan",
    },
    Role.OPERATOR_OPD: {"Registry Pekerja", "Cakupan", "Pemberi Kerja", "Monev Inpres", "Laporan"},
    Role.PETUGAS_BPJS: {
        "Kepesertaan",
        "Cakupan",
        "Bantuan Iuran",
        "Klaim",
        "Pemberi Kerja",
        "Laporan",
    },
    Role.PIMPINAN: {
        "Registry Pekerja",
        "Kepesertaan",
        "Cakupan",
        "Bantuan Iuran",
        "Klaim",
        "Pemberi Kerja",
        "Monev Inpres",
        "Laporan",
    },
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_logs_in_and_sees_its_modules(
    page: Any, live_server: Any, make_user: Any, role: Role
) -> None:
    user = make_user(role)
    log_in(page, live_server.url, user.username, TEST_PASSWORD)

    if role == Role.PIMPINAN:  # the Regent's office lands on its summary
        assert page.url.endswith("/laporan/")
        assert page.locator("h1").inner_text() == "Ringkasan untuk Bupati"
    else:
        assert page.locator("[data-testid=regency]").inner_text() == "Kabupaten Boalemo"
        assert page.locator("[data-testid=region-tree] > li").count() == 7
    shown = set(page.locator("nav.modules a[data-module]").all_inner_texts())
    assert shown == NAV[role]
    assert (page.locator("[data-testid=admin-link]").count() == 1) == (role == Role.ADMINISTRATOR)

    page.goto(f"{live_server.url}/admin/")
    if role == Role.ADMINISTRATOR:
        assert page.locator("#site-name").count() == 1
        assert page.locator("a[href='/admin/accounts/user/']").count() >= 1
    else:
        assert "/admin/login/" in page.url
        assert page.locator("a[href='/admin/accounts/user/']").count() == 0


def test_operator_is_refused_a_module_outside_its_role(
    page: Any, live_server: Any, make_user: Any
) -> None:
    user = make_user(Role.OPERATOR_OPD)
    log_in(page, live_server.url, user.username, TEST_PASSWORD)
    response = page.goto(f"{live_server.url}/modul/kepesertaan/")
    assert response is not None and response.status == 403
    assert page.locator("[data-testid=forbidden]").is_visible()


def test_five_wrong_passwords_lock_out_even_the_right_one(
    page: Any, live_server: Any, make_user: Any
) -> None:
    user = make_user(Role.ANALIS)
    for _ in range(5):
        log_in(page, live_server.url, user.username, "bukan-sandinya")
    log_in(page, live_server.url, user.username, TEST_PASSWORD)
    assert page.locator("[data-testid=locked-out]").is_visible()
    assert page.locator("[data-testid=regency]").count() == 0


def test_switch_to_english_and_log_out(page: Any, live_server: Any, make_user: Any) -> None:
    user = make_user(Role.PIMPINAN)
    log_in(page, live_server.url, user.username, TEST_PASSWORD)
    page.click("form.lang button[value=en]")
    assert "Coverage" in page.locator("nav.modules").inner_text()
    page.click("button:has-text('Log out')")
    assert "/masuk/" in page.url
