"""Real headless Chromium, at an office PC's width and a phone's: a clerk finds a worker by a
misspelt name and by part of a NIK, and opens their page. Neither page scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest

from payung.accounts.roles import Role
from payung.assistance.tests.builders import DESA_B, World
from payung.conftest import TEST_PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1366, 390]


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("width", WIDTHS)
def test_find_a_worker_by_a_misspelt_name_and_by_part_of_a_nik(
    page: Any, live_server: Any, make_user: Any, width: int
) -> None:
    world = World()
    yanti = world.poor(name="YANTI MOHAMAD", nik="7502014507850001", sex="P")
    world.active(yanti, "BPU")
    world.poor(DESA_B, name="Moh. Rizal Hasan", nik="7502041203800002")
    for n in range(30):  # others around them
        world.poor(name=f"Pekerja Lain {n}")
    page.set_viewport_size({"width": width, "height": 900})
    analis = make_user(Role.ANALIS)
    log_in(page, live_server.url, analis.username, TEST_PASSWORD)

    page.goto(f"{live_server.url}/")
    page.click("[data-module=registry]")
    page.fill("#id_q", "Yanii")
    page.click("[data-testid=search-form] button[type=submit]")
    first = page.locator("[data-testid=results] tbody tr").first
    assert "YANTI MOHAMAD" in first.inner_text()
    assert no_sideways_scroll(page)
    page.click("[data-testid=worker-link]:has-text('YANTI MOHAMAD')")
    assert page.locator("[data-testid=worker-name]").inner_text() == "YANTI MOHAMAD"
    assert page.locator("[data-testid=nik]").inner_text().startswith("7502014507850001")
    assert page.locator("[data-testid=participations] tbody tr").count() == 1
    assert no_sideways_scroll(page)

    page.goto(f"{live_server.url}/registri/")
    page.fill("#id_q", "Muhammad Rizal")
    page.click("[data-testid=search-form] button[type=submit]")
    assert "Moh. Rizal Hasan" in page.locator("[data-testid=results] tbody tr").first.inner_text()

    page.fill("#id_q", "1203 80")  # part of a NIK, typed in groups
    page.click("[data-testid=search-form] button[type=submit]")
    rows = page.locator("[data-testid=results] tbody tr")
    assert rows.count() == 1
    page.click("[data-testid=worker-link]")
    assert page.locator("[data-testid=worker-name]").inner_text() == "Moh. Rizal Hasan"
