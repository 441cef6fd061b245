"""Real headless Chromium: an analyst runs the linkage, accepts one pair and rejects another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD, log_in, work_the_queue
from payung.linkage.models import Decision, Link, ReviewPair
from payung.linkage.tests.test_decisions import _review_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_accepts_one_pair_and_rejects_another(
    page: Any, live_server: Any, make_user: Any, tmp_path: Path
) -> None:
    first, second = _review_world(tmp_path)
    user = make_user(Role.ANALIS)
    log_in(page, live_server.url, user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/kepesertaan/")
    page.click("[data-testid=run-linkage]")
    work_the_queue()  # what `payung worker` does beside the web server
    page.wait_for_url("**/kepesertaan/")
    assert page.locator("[data-testid=pending]").inner_text() == "2"
    page.click("[data-testid=review-link]")
    assert page.locator("[data-testid=pair]").count() == 2
    # Analysts see the full NIK of the BPJS record (16 digits, nothing masked).
    nik = page.locator(f"[data-kpj='{first}'] [data-testid=participant-nik]").inner_text()
    assert "*" not in nik and nik.split()[0].isdigit() and len(nik.split()[0]) == 16

    page.click(f"[data-kpj='{first}'] [data-testid=accept]")
    assert page.locator("[data-testid=pair]").count() == 1
    page.click(f"[data-kpj='{second}'] [data-testid=reject]")
    assert page.locator("[data-testid=pair]").count() == 0
    assert page.locator("[data-testid=total]").inner_text() == "0"

    assert ReviewPair.objects.get(participant__kpj=first).decision == Decision.ACCEPTED
    assert ReviewPair.objects.get(participant__kpj=second).decision == Decision.REJECTED
    assert list(Link.objects.values_list("participant__kpj", "method")) == [(first, "review")]

    # Running again keeps both decisions.
    page.goto(f"{live_server.url}/kepesertaan/")
    page.click("[data-testid=run-linkage]")
    work_the_queue()  # what `payung worker` does beside the web server
    page.wait_for_url("**/kepesertaan/")
    assert page.locator("[data-testid=linked]").inner_text() == "1"
    assert page.locator("[data-testid=pending]").inner_text() == "0"
