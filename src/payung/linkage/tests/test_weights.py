"""How pairs are judged: the bounds pairs are dropped by, and NIK levels computed exactly."""

from __future__ import annotations

import datetime as dt
import math
import random

import polars as pl

from payung.linkage.nik_match import may_be_two_digits_apart
from payung.linkage.probabilistic import (
    HAND_DEDUP_WEIGHTS,
    HAND_WEIGHTS,
    LEVELS,
    NAME_SQL,
    _nik_levels,
    prepare_workers,
    weigh,
    with_name_frequencies,
)


def test_duckdb_answers_only_the_levels_the_weights_know() -> None:
    """`weigh` counts a differing name as the best non-exact level before DuckDB compares
    it: safe only while DuckDB answers nothing else, and every weights table has them all."""
    answered = {level for level in LEVELS["name"] if f"'{level}'" in NAME_SQL}
    assert answered == set(LEVELS["name"]) - {"exact"}
    for weights in (HAND_WEIGHTS, HAND_DEDUP_WEIGHTS):
        for field, levels in LEVELS.items():
            assert set(levels) <= set(weights.levels[field])
        assert not any(math.isnan(weights.levels["name"][level]) for level in answered)


def test_nik_levels_hold_all_sixteen_digits() -> None:
    """NIKs above 2**53 (a first digit typed as 9) next to a row without a NIK: a float
    conversion anywhere would blur their last digits."""
    pairs = pl.DataFrame(
        {
            "row": [0, 1, 2, 3],
            # As floats, ...01 and ...00 are one number, and so are ...05 and ...04.
            "n": [9502011001900001, 9502011001900005, 9502011001900001, None],
            "n_r": [9502011001900000, 9502011001900004, 9502011001900001, 7502011001900001],
            "m": [None, None, None, None],
            "m_r": [None, None, None, None],
            "t": [None, None, None, None],
            "t_r": [None, None, None, None],
        },
        schema=dict.fromkeys(["row", "n", "n_r", "m", "m_r", "t", "t_r"], pl.Int64),
    )
    levels = _nik_levels(pairs).sort("row")["nik"].to_list()
    assert levels == ["one_edit", "one_edit", "exact", "missing"]


def test_two_registry_rows_with_niks_far_apart_are_never_duplicates() -> None:
    """The registry's name blocks drop pairs whose NIKs are three digits apart or more, so
    `weigh` must rule them out too, however well the rest agrees."""
    rows = pl.DataFrame(
        {
            "id": [1, 2, 3],
            "nik_raw": ["7502011001900001", "7502011001977771", "7502011001900002"],
            "name": ["Siti Aisyah"] * 3,
            "sex": ["P"] * 3,
            "birth_date": [dt.date(1990, 1, 10)] * 3,
            "desa_id": ["7502011001"] * 3,
            "occupation": ["Petani"] * 3,
        }
    )
    workers = with_name_frequencies(prepare_workers(rows))
    pairs = pl.DataFrame({"id_l": [1, 1], "id_r": [2, 3]})
    kept = weigh(pairs, workers, workers, floor=-1000, weights=HAND_DEDUP_WEIGHTS, dedup=True)
    assert kept.select("id_l", "id_r").rows() == [(1, 3)]  # one digit apart: still weighed


def _slipped(nik: str, slips: int, rng: random.Random) -> str:
    digits = list(nik)
    for place in rng.sample(range(16), slips):
        digits[place] = rng.choice([d for d in "0123456789" if d != digits[place]])
    return "".join(digits)


def test_only_niks_three_digits_apart_or_more_are_ruled_out() -> None:
    rng = random.Random(7)
    pairs: list[tuple[int | None, int | None, int]] = []
    for _ in range(3_000):
        nik = "75" + "".join(rng.choice("0123456789") for _ in range(14))
        other = _slipped(nik, rng.randint(0, 6), rng)
        if rng.random() < 0.2:  # two neighbours swapped
            i = rng.randrange(15)
            other = nik[:i] + nik[i + 1] + nik[i] + nik[i + 2 :]
        pairs.append((int(nik), int(other), sum(a != b for a, b in zip(nik, other, strict=True))))
    pairs += [(7502011001900001, None, 16), (None, None, 16)]
    frame = pl.DataFrame(pairs, schema=["n", "n_r", "apart"], orient="row")
    kept = frame.with_columns(may_be_two_digits_apart(pl.col("n"), pl.col("n_r")).alias("kept"))
    # Every pair two digits apart or less, and every pair without two NIKs, is kept ...
    assert kept.filter((pl.col("apart") <= 2) | pl.col("n_r").is_null())["kept"].all()
    # ... and a pair ruled out is at least three digits apart (most of those are ruled out).
    assert set(kept.filter(~pl.col("kept"))["apart"]) <= set(range(3, 17))
    far = kept.filter(pl.col("apart") >= 5)
    assert far["kept"].sum() < far.height / 2
