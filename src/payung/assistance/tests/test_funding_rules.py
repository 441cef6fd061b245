"""Dana Desa may pay BPJS TK contributions by year, as a rule of the funding source with its
regulation (domain brief): not in 2024 (SE Kemendes PDTT 4/PRI.00/I/2024), nor in 2025 (no
later rule found), allowed from 2026 (Permendes PDTT 16/2025). Other sources have no rule."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from payung.accounts.roles import Role
from payung.assistance.models import FundingRule, Programme, funding_rule
from payung.assistance.services import create_programme
from payung.assistance.tests.test_pages import client_for, form_values

pytestmark = pytest.mark.usefixtures("regions")


@pytest.fixture(autouse=True)
def rules() -> None:
    """The migration's rows, seeded again after an earlier transactional test's flush."""
    importlib.import_module("payung.assistance.migrations.0004_seed_funding_rules").seed(apps, None)


def _values(year: int, source: str = "dana_desa") -> dict[str, Any]:
    return {
        "name": f"Iuran perangkat desa {year}", "year": year, "funding_source": source,
        "budget_line": "Padat Karya Tunai Desa", "budget": 100_800_000, "quota": 500,
        "start_month": dt.date(year, 1, 1), "months": 12,
    }  # fmt: skip


@pytest.mark.parametrize(("year", "allowed"), [(2023, True), (2024, False), (2025, False),
                                               (2026, True), (2027, True)])  # fmt: skip
def test_dana_desa_by_year(year: int, allowed: bool) -> None:
    rule = funding_rule("dana_desa", year)
    if year < 2024:
        assert rule is None  # no rule before SE 4/2024: nothing to refuse
    else:
        assert rule is not None and rule.allowed is allowed
    if allowed:
        assert create_programme(user=None, **_values(year)).pk
        return
    with pytest.raises(ValidationError) as refused:
        create_programme(user=None, **_values(year))
    said = " ".join(refused.value.message_dict["funding_source"])
    assert "SE Kemendes PDTT 4/PRI.00/I/2024" in said and str(year) in said
    assert not Programme.objects.exists()


def test_the_2026_rule_cites_its_regulation_and_what_is_unverified() -> None:
    rule = FundingRule.objects.get(source="dana_desa", effective_from=dt.date(2026, 1, 1))
    assert rule.regulation == "Permendes PDTT 16/2025" and "UNVERIFIED" in rule.note


def test_apbd_has_no_rule_and_is_always_allowed() -> None:
    assert funding_rule("apbd", 2024) is None
    assert create_programme(user=None, **_values(2024, "apbd")).pk


def test_the_form_says_why_dana_desa_is_refused(make_user: Any) -> None:
    client = client_for(make_user, Role.ANALIS)
    response = client.post(
        reverse("assistance:create"),
        form_values(funding_source="dana_desa", year="2024", start_month="2024-01"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["funding_source"]
    assert "Kemendes" in " ".join(errors)
    assert not Programme.objects.exists()
