"""A rule once in force is never changed in place; a change is a new version."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from payung.accounts.roles import Role
from payung.contributions import services
from payung.contributions.calculator import calculate_bpu, calculate_pu
from payung.contributions.models import RateRule, WageCap

pytestmark = pytest.mark.django_db


def bpu_jkm() -> RateRule:
    return RateRule.objects.get(segment="bpu", programme="jkm")


def test_every_seeded_rule_cites_its_regulation() -> None:
    assert RateRule.objects.count() > 0
    assert not RateRule.objects.filter(regulation="").exists()
    assert not WageCap.objects.filter(regulation="").exists()


def test_a_rule_in_force_cannot_be_edited_in_place() -> None:
    rule = bpu_jkm()
    rule.flat_amount = 9_000
    with pytest.raises(ValidationError, match="tambahkan versi baru"):
        rule.full_clean()


def test_its_note_may_still_be_corrected() -> None:
    rule = bpu_jkm()
    rule.note = "checked against the gazette copy"
    rule.full_clean()
    rule.save()
    stored = bpu_jkm()
    assert stored.note == "checked against the gazette copy"
    assert stored.flat_amount == 6_800  # the figure itself untouched: JKM Rp 6.800 a month


def test_a_new_version_leaves_earlier_figures_unchanged() -> None:
    before = calculate_bpu(1_000_000, None, 1, datetime.date(2026, 1, 1)).total
    services.add_rate_rule_version(
        previous=bpu_jkm(),
        effective_from=datetime.date(2030, 1, 1),
        regulation="PP 99/2029",
        article="Pasal 1",
        flat_amount=8_000,
    )
    assert before == 16_800  # 10.000 + 6.800
    assert calculate_bpu(1_000_000, None, 1, datetime.date(2026, 1, 1)).total == 16_800
    # From 2030: 10.000 + 8.000 = 18.000
    later = calculate_bpu(1_000_000, None, 1, datetime.date(2030, 1, 1))
    assert later.total == 18_000
    assert any("PP 99/2029" in line.regulation for line in later.lines)


def test_a_future_version_may_be_corrected_before_it_starts() -> None:
    rule = services.add_rate_rule_version(
        previous=bpu_jkm(),
        effective_from=datetime.date(2099, 1, 1),
        regulation="PP 1/2098",
        flat_amount=8_000,
    )
    rule.flat_amount = 8_500
    rule.full_clean()  # not in force yet: no ValidationError
    rule.save()
    later = calculate_bpu(1_000_000, None, 1, datetime.date(2099, 1, 1))
    assert later.total == 18_500  # JKK 10.000 + the corrected JKM 8.500
    assert calculate_bpu(1_000_000, None, 1, datetime.date(2098, 12, 1)).total == 16_800


def test_a_new_wage_cap_applies_from_its_month() -> None:
    services.add_wage_cap(
        programme="jp",
        amount=11_000_000,
        effective_from=datetime.date(2031, 3, 1),
        regulation="PP 45/2015",
        article="Pasal 29 ayat (3)",
    )
    # 1% × 11.000.000 = 110.000
    assert calculate_pu(20_000_000, 1, datetime.date(2031, 3, 1)).amount_of("jp", "worker") == (
        110_000
    )
    # The day before, the cap of 1 March 2026: 1% × 11.086.300 = 110.863
    assert calculate_pu(20_000_000, 1, datetime.date(2031, 2, 28)).amount_of("jp", "worker") == (
        110_863
    )


def test_admin_shows_a_rule_in_force_read_only(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.ADMINISTRATOR))
    rule = bpu_jkm()
    page = client.get(f"/admin/contributions/raterule/{rule.pk}/change/")
    assert page.status_code == 200
    assert 'name="flat_amount"' not in page.content.decode()
    assert 'name="note"' in page.content.decode()
    assert client.get(f"/admin/contributions/raterule/{rule.pk}/delete/").status_code == 403
    rule.refresh_from_db()
    assert rule.flat_amount == 6_800
    assert rule.rate_percent is None or rule.rate_percent == Decimal(0)


def test_other_roles_do_not_reach_the_rules_admin(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    response = client.get("/admin/contributions/raterule/")
    assert response.status_code == 302
