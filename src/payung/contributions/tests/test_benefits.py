from __future__ import annotations

import datetime

import pytest

from payung.contributions import selectors

pytestmark = pytest.mark.django_db


def test_jkm_death_benefit_is_42_million_in_three_parts() -> None:
    benefit = selectors.jkm_death_benefit(datetime.date(2025, 1, 1))
    assert benefit is not None
    # 20.000.000 lump sum + 12.000.000 periodic (24 × 500.000) + 10.000.000 funeral
    assert benefit.total == 42_000_000
    assert sorted(p.amount or 0 for p in benefit.parts) == [10_000_000, 12_000_000, 20_000_000]
    assert sum(p.amount or 0 for p in benefit.parts) == benefit.total
    assert "PP 82/2019" in benefit.citation


def test_scholarship_levels_add_up_to_174_million_for_two_children() -> None:
    rows = {b.code: b for b in selectors.benefits_in_force(datetime.date(2025, 1, 1))}
    levels = [
        rows[c]
        for c in (
            "scholarship-tk-sd",
            "scholarship-smp",
            "scholarship-sma",
            "scholarship-university",
        )
    ]
    # per child: 1,5 jt × 8 + 2 jt × 3 + 3 jt × 3 + 12 jt × 5 = 12 + 6 + 9 + 60 = 87 jt
    per_child = sum((b.amount or 0) * (b.max_years or 0) for b in levels)
    assert per_child == 87_000_000
    assert rows["scholarship"].amount == 2 * per_child == 174_000_000


def test_jkk_death_is_48_times_the_wage() -> None:
    rows = {b.code: b for b in selectors.benefits_in_force(programme="jkk")}
    assert rows["jkk-death"].wage_multiple == 48


def test_before_pp_82_2019_the_new_benefits_are_not_in_force() -> None:
    assert selectors.jkm_death_benefit(datetime.date(2019, 1, 1)) is None
