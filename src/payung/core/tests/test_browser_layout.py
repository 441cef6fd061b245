"""Real headless Chromium at a phone's width (390 px): no main page scrolls sideways. A wide
table scrolls inside itself; the page around it stays on the screen."""

from __future__ import annotations

from typing import Any

import pytest

from payung.accounts.roles import Role
from payung.assistance.tests.builders import DESA_B, World
from payung.conftest import TEST_PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]


def test_no_main_page_is_wider_than_a_phone(page: Any, live_server: Any, make_user: Any) -> None:
    world = World()
    for n in range(12):
        worker = world.poor(name=f"Pekerja Nelayan Panjang Namanya {n}", occupation="nelayan")
        if n % 3 == 0:
            world.active(worker, "BPU")
    world.poor(DESA_B, name="Moh. Rizal Hasan")
    programme = world.programme(name="Bantuan Iuran BPU Nelayan dan Petani Kelapa 2027")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, make_user(Role.ANALIS).username, TEST_PASSWORD)
    pages = [
        "/",
        "/cakupan/",
        "/cakupan/?region=75.02.01",
        "/bantuan/",
        f"/bantuan/{programme.pk}/",
        "/registri/?q=nelayan",
        "/kepesertaan/",
        "/iuran/",
        "/impor/",
    ]
    too_wide = {}
    for url in pages:
        page.goto(f"{live_server.url}{url}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[url] = width
    assert too_wide == {}
