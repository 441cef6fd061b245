"""Real headless Chromium: an officer prices a bill on the calculator page."""

from __future__ import annotations

from typing import Any

import pytest

from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]


def test_officer_prices_a_construction_project_and_a_bpu_worker(
    page: Any, live_server: Any, make_user: Any
) -> None:
    user = make_user(Role.OPERATOR_OPD)
    log_in(page, live_server.url, user.username, TEST_PASSWORD)
    page.click("[data-testid=nav-calculator]")
    assert page.url.endswith("/iuran/")

    page.select_option("#id_segment", "jakon")
    page.fill("#id_amount", "Rp 750.000.000")  # as an officer types it
    page.fill("#id_on_date", "2025-06-01")
    page.click("[data-testid=calculate]")
    rows = page.locator("[data-testid=lines] tbody tr")
    assert rows.count() == 2
    # JKK 890.000 + 0,13% × 250 jt = 1.215.000; JKM 0,03% × 750 jt = 225.000
    jkk = page.locator("tr[data-programme=jkk][data-payer=employer] [data-testid=amount]")
    assert jkk.get_attribute("data-value") == "1215000"
    assert page.locator("[data-testid=total]").get_attribute("data-value") == "1440000"

    page.select_option("#id_segment", "bpu")
    page.fill("#id_amount", "1.000.000")
    page.fill("#id_months", "12")
    page.click("[data-testid=calculate]")
    # (10.000 + 6.800) × 12 = 201.600
    assert page.locator("[data-testid=total]").get_attribute("data-value") == "201600"
    assert page.locator("tr[data-payer=participant]").count() == 2


def test_a_negative_wage_shows_a_form_error_not_a_result(
    page: Any, live_server: Any, make_user: Any
) -> None:
    user = make_user(Role.PIMPINAN)
    log_in(page, live_server.url, user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/iuran/")
    page.select_option("#id_segment", "pu")
    page.fill("#id_amount", "-3500000")
    page.select_option("#id_risk_group", "3")
    page.click("[data-testid=calculate]")
    assert page.locator("[data-testid=error-amount]").is_visible()
    assert page.locator("[data-testid=result]").count() == 0


def test_rp_1_500_000_typed_in_the_calculator_prices_the_bpu_package(
    page: Any, live_server: Any, make_user: Any
) -> None:
    user = make_user(Role.OPERATOR_OPD)
    log_in(page, live_server.url, user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/iuran/")
    page.select_option("#id_segment", "bpu")
    page.fill("#id_amount", "Rp 1.500.000")
    page.fill("#id_on_date", "2025-06-01")
    page.click("[data-testid=calculate]")
    # JKK 1% × 1.500.000 = 15.000 (Rp 1,5 jt is in the 1% band); JKM 6.800
    assert page.locator("[data-testid=total]").get_attribute("data-value") == "21800"
    assert page.locator("#id_amount").input_value() == "Rp 1.500.000"
