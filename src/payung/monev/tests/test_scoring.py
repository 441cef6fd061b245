"""Scores computed by hand, each case written out: the method on the page must be the one run."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from payung.monev.scoring import CAP, Part, WeightError, achievement, weighted


def ach(target: str | None, real: str | None, *, higher: bool = True, milestone: bool = False):  # type: ignore[no-untyped-def]
    return achievement(
        milestone=milestone,
        higher_is_better=higher,
        target=None if target is None else D(target),
        realisation=None if real is None else D(real),
    )


def test_higher_is_better_is_realisation_over_target() -> None:
    # Coverage 18,0 % against a target of 24,0 %: 18 / 24 = 0,75.
    assert ach("0.24", "0.18").value == D("0.7500")


def test_over_achievement_is_capped_at_120_percent() -> None:
    # 300 registered against a target of 200 is 150 %, capped at 120 %.
    capped = ach("200", "300")
    assert capped.value == CAP == D("1.2") and "120" in capped.reason


def test_lower_is_better_is_target_over_realisation() -> None:
    # Employers in arrears: target 40, found 50 -> 40 / 50 = 0,8; found 25 -> 1,6, capped.
    assert ach("40", "50", higher=False).value == D("0.8000")
    assert ach("40", "25", higher=False).value == CAP
    # A target of 0 is met only by 0.
    assert ach("0", "0", higher=False).value == D(1)
    assert ach("0", "3", higher=False).value == D(0)


def test_a_milestone_is_all_or_nothing() -> None:
    # "Perbup tentang jaminan sosial ketenagakerjaan ditetapkan": done or not.
    assert ach("1", "1", milestone=True).value == D(1)
    assert ach("1", "0", milestone=True).value == D(0)


def test_a_missing_target_is_not_scored_and_nothing_reported_scores_zero() -> None:
    assert ach(None, "5").value is None and not ach(None, "5").scored
    assert ach("10", None).value == D(0)


def test_weights_share_out_over_what_is_scored() -> None:
    # Three indicators weighted 50, 30, 20; the third has no target. The others' weights are
    # shared out: (0,75 × 50 + 1,0 × 30) / 80 = 67,5 / 80 = 0,84375 -> 0,8438.
    result = weighted(
        "Aksi A.1",
        [
            Part("cakupan", D(50), D("0.75")),
            Part("perbup", D(30), D(1)),
            Part("jakon", D(20), None),
        ],
    )
    assert result.score == D("0.8438")
    assert result.left_out == ["jakon"]


def test_weights_that_do_not_sum_to_100_are_an_error_naming_the_level() -> None:
    with pytest.raises(WeightError, match="Instruksi 2: .* 90"):
        weighted("Instruksi 2", [Part("a", D(60), D(1)), Part("b", D(30), D(1))])


def test_a_missing_weight_is_an_error_never_a_zero() -> None:
    with pytest.raises(WeightError, match="b"):
        weighted("OPD Disnaker", [Part("a", D(100), D(1)), Part("b", None, D("0.5"))])


def test_two_decimal_thirds_are_accepted() -> None:
    thirds = [Part("a", D("33.33"), D(1)), Part("b", D("33.33"), D(1)), Part("c", D("33.34"), D(1))]
    assert weighted("Kabupaten", thirds).score == D(1)
