"""Real headless Chromium: the priority list pages through to its last row, at a desk and on
a phone (17,666 eligible workers were once cut off at 200)."""

from __future__ import annotations

from typing import Any

import pytest

from payung.accounts.roles import Role
from payung.assistance.tests.builders import World
from payung.conftest import TEST_PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]

ELIGIBLE = 430  # three pages of 200: the last holds 30


@pytest.mark.parametrize("width", [1366, 390])
def test_the_priority_list_pages_to_its_last_row(
    page: Any, live_server: Any, make_user: Any, width: int
) -> None:
    world = World()
    for n in range(ELIGIBLE):
        world.poor(name=f"Calon {n:03d}", decile=1 + n % 4, occupation="nelayan")
    programme = world.programme(quota=5)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, make_user(Role.ANALIS).username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/bantuan/{programme.pk}/")
    page.click("[data-testid=ranking-link]")
    assert page.locator("[data-testid=ranking] tbody tr").count() == 200
    page.locator("[data-testid=next]").first.click()
    assert page.locator("[data-testid=page]").first.inner_text() == "halaman 2 dari 3"
    page.locator("[data-testid=last]").first.click()
    rows = page.locator("[data-testid=ranking] tbody tr")
    assert rows.count() == ELIGIBLE - 400
    assert rows.last.locator("td").first.inner_text() == "430"  # the last rank
    assert page.locator("[data-testid=next]").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
