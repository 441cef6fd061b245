"""The calculator page: any logged-in role, figures from the one calculator, form errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role

pytestmark = pytest.mark.django_db


def client_for(make_user: Any, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


@pytest.mark.parametrize("role", list(Role))
def test_every_role_prices_the_bpu_minimum_package(make_user: Any, role: Role) -> None:
    client = client_for(make_user, role)
    html = client.get(
        "/iuran/", {"segment": "bpu", "amount": "1000000", "months": "1", "on_date": "2025-06-01"}
    ).content.decode()
    # 10.000 + 6.800 = 16.800
    assert 'data-testid="total" data-value="16800"' in html
    assert "Rp 16.800" in html


def test_the_nav_links_to_the_calculator(make_user: Any) -> None:
    html = client_for(make_user, Role.PIMPINAN).get("/", follow=True).content.decode()
    assert 'href="/iuran/"' in html


def test_anonymous_visitors_are_sent_to_log_in(db: None) -> None:
    response = Client().get("/iuran/")
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def test_pu_lines_show_payer_and_regulation(make_user: Any) -> None:
    html = (
        client_for(make_user, Role.PETUGAS_BPJS)
        .get(
            "/iuran/",
            {"segment": "pu", "amount": "3500000", "risk_group": "3", "on_date": "2020-06-01"},
        )
        .content.decode()
    )
    # JKK 0,89% × 3.500.000 = 31.150 in 2020 (PP 44/2015, before JKP)
    assert 'data-programme="jkk" data-payer="employer"' in html
    assert 'data-value="31150"' in html
    assert 'data-programme="jht" data-payer="worker"' in html
    assert "PP 44/2015" in html


@pytest.mark.parametrize(
    ("params", "error_field"),
    [
        ({"segment": "pu", "amount": "-1", "risk_group": "3"}, "amount"),
        ({"segment": "pu", "amount": "3500000", "risk_group": "6"}, "risk_group"),
        ({"segment": "pu", "amount": "3500000"}, "risk_group"),
        ({"segment": "asuransi", "amount": "1000"}, "segment"),
        ({"segment": "bpu", "amount": "1000000", "months": "13"}, "months"),
    ],
)
def test_out_of_range_inputs_show_form_errors(
    make_user: Any, params: dict[str, str], error_field: str
) -> None:
    response = client_for(make_user, Role.OPERATOR_OPD).get("/iuran/", params)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-testid="error-{error_field}"' in html
    assert 'data-testid="result"' not in html


def test_a_rule_problem_is_a_form_error(make_user: Any) -> None:
    html = (
        client_for(make_user, Role.ANALIS)
        .get("/iuran/", {"segment": "bpu", "amount": "1000000", "programs": ["jkk"]})
        .content.decode()
    )
    assert 'data-testid="form-errors"' in html
    assert "JKM wajib untuk BPU" in html


@pytest.mark.parametrize("typed", ["1.000.000", "Rp 1.000.000", "Rp 1.000.000,00", "1000000"])
def test_the_amount_is_taken_as_indonesians_type_it(make_user: Any, typed: str) -> None:
    html = (
        client_for(make_user, Role.OPERATOR_OPD)
        .get("/iuran/", {"segment": "bpu", "amount": typed, "on_date": "2025-06-01"})
        .content.decode()
    )
    # The BPU package on Rp 1.000.000: JKK 10.000 + JKM 6.800.
    assert 'data-testid="total" data-value="16800"' in html


def test_an_unreadable_amount_says_how_to_write_it_and_keeps_what_was_typed(
    make_user: Any,
) -> None:
    html = (
        client_for(make_user, Role.OPERATOR_OPD)
        .get("/iuran/", {"segment": "bpu", "amount": "1,5 juta"})
        .content.decode()
    )
    assert "Rp 1.500.000" in html and 'value="1,5 juta"' in html
    assert 'data-testid="total"' not in html


def test_the_benefits_are_named_in_indonesian(make_user: Any) -> None:
    html = (
        client_for(make_user, Role.PIMPINAN)
        .get(
            "/iuran/",
            {"segment": "bpu", "amount": "1000000", "months": "1", "on_date": "2025-06-01"},
        )
        .content.decode()
    )
    section = html[html.index('data-testid="benefits"') :]
    assert "Biaya pemakaman" in section and "sekali, kepada ahli waris" in section
    assert "Rp 42.000.000" in section
    for english in ("Funeral costs", "Lump sum", "once, to the heirs", "per child per year"):
        assert english not in section
