"""How `weigh` judges a pair: the bound it drops pairs by, and NIK levels computed exactly."""

from __future__ import annotations

import math

import polars as pl

from payung.linkage.probabilistic import NAME_SQL, WEIGHTS, _nik_levels


def test_near_is_the_most_a_differing_name_can_weigh() -> None:
    """`weigh` drops pairs before comparing differing names, counting such a name as "near":
    safe only while no other level of a differing name weighs more."""
    levels = {level for level in WEIGHTS["name"] if f"'{level}'" in NAME_SQL}
    assert levels == {"near", "prefix", "weak", "differ"}  # what DuckDB may answer
    assert all(WEIGHTS["name"][level] <= WEIGHTS["name"]["near"] for level in levels)
    assert not any(math.isnan(WEIGHTS["name"][level]) for level in levels)


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
