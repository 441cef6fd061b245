"""`weigh` drops pairs before comparing differing names, counting such a name as "near": that
is only safe while no other level of a differing name weighs more."""

from __future__ import annotations

import math

from payung.linkage.probabilistic import NAME_SQL, WEIGHTS


def test_near_is_the_most_a_differing_name_can_weigh() -> None:
    levels = {level for level in WEIGHTS["name"] if f"'{level}'" in NAME_SQL}
    assert levels == {"near", "prefix", "weak", "differ"}  # what DuckDB may answer
    assert all(WEIGHTS["name"][level] <= WEIGHTS["name"]["near"] for level in levels)
    assert not any(math.isnan(WEIGHTS["name"][level]) for level in levels)
