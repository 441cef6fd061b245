"""Weights learnt from the lists in hand: EM finds the fault rates a list was made with, and a
list too small to learn from keeps the priors."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

import polars as pl

from payung.linkage import estimate
from payung.linkage.probabilistic import (
    LEVELS,
    PRIOR_M,
    PRIOR_WEIGHTS,
    prepare_workers,
    with_name_frequencies,
)

SYLLABLES = ["ba", "di", "ku", "la", "mo", "ni", "ra", "se", "tu", "wa", "yo", "ha", "pe", "go"]
PERSONS = 3_000
DUPLICATED = 1_200
NAME_TYPO = 0.2  # the second record's name has one letter changed
DOB_REPLACED = 0.15  # the second record's birth date is another date altogether
FIRST_DAY, DAYS = dt.date(1960, 1, 1), 40 * 365


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def _typo(name: str, rng: random.Random) -> str:
    at = rng.choice([i for i, c in enumerate(name) if c.isalpha() and i > 0])
    letter = rng.choice([c for c in "aeiou" if c != name[at]])
    return name[:at] + letter + name[at + 1 :]


def _registry(
    rng: random.Random, duplicated: int = DUPLICATED, *, days: int = DAYS, niks: bool = False
) -> tuple[pl.DataFrame, int, int]:
    """Persons with distinct names; DUPLICATED of them listed twice with the faults above.
    Returns the rows, and how many second records kept the name and the birth date. With
    `niks`, each person has a NIK as Dukcapil issues them (kecamatan, birth date, then a
    serial counted per birth date) that both records carry."""
    rows: list[tuple[str, dt.date, str, str | None]] = []
    serials: dict[dt.date, int] = {}
    names: set[str] = set()
    kept_name = kept_dob = 0
    while len(names) < PERSONS:
        names.add(f"{_word(rng)} {_word(rng)}")
    for person, name in enumerate(sorted(names)):
        dob = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
        desa = f"75020110{rng.randrange(50):02d}"
        serials[dob] = serials.get(dob, 0) + 1
        nik = f"750201{dob:%d%m%y}{serials[dob]:04d}" if niks else None
        rows.append((name, dob, desa, nik))
        if person < duplicated:
            typo = rng.random() < NAME_TYPO
            replaced = rng.random() < DOB_REPLACED
            kept_name += not typo
            kept_dob += not replaced
            other_dob = FIRST_DAY + dt.timedelta(days=rng.randrange(days)) if replaced else dob
            rows.append((_typo(name, rng) if typo else name, other_dob, desa, nik))
    schema = ["name", "birth_date", "desa_id", "nik_raw"]
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    frame = frame.with_row_index("id", offset=1).with_columns(
        pl.col("id").cast(pl.Int64),
        pl.col("nik_raw").cast(pl.String),
        pl.lit(None, dtype=pl.String).alias("sex"),
        pl.lit(None, dtype=pl.String).alias("occupation"),
    )
    return frame, kept_name, kept_dob


def _fit(frame: pl.DataFrame) -> estimate.Weights:
    workers = with_name_frequencies(prepare_workers(frame))
    return estimate.fit(workers, workers, self_join=True)


def test_em_finds_the_fault_rates_the_list_was_made_with() -> None:
    rng = random.Random(11)
    frame, kept_name, kept_dob = _registry(rng)
    workers = with_name_frequencies(prepare_workers(frame))
    u = estimate.estimate_u(workers, workers, self_join=True)
    # The pairs sharing a birth date: the name is exact as often as no typo was made, one
    # letter off ("near") otherwise, and they are the persons whose date was kept.
    same_dob = workers.select("id", "dob").join(workers.select("id", "dob"), on="dob")
    same_dob = same_dob.filter(pl.col("id") < pl.col("id_right")).select(
        pl.col("id").alias("id_l"), pl.col("id_right").alias("id_r")
    )
    levels = estimate.compare(same_dob, workers, workers)
    levels = levels.with_columns(pl.lit("missing").alias("dob"))
    m, share = estimate.estimate_m(levels, u)
    assert math.isclose(m["name"]["exact"], kept_name / DUPLICATED, abs_tol=0.05)
    assert math.isclose(m["name"]["near"], 1 - kept_name / DUPLICATED, abs_tol=0.05)
    assert math.isclose(share * same_dob.height, kept_dob, rel_tol=0.05)


def test_u_is_how_often_two_persons_agree_by_chance() -> None:
    frame, _, _ = _registry(random.Random(2), duplicated=0)
    workers = with_name_frequencies(prepare_workers(frame))
    u = estimate.estimate_u(workers, workers, self_join=True)
    # Two persons share a birth date by chance about once in DAYS pairs, a desa once in 50.
    assert 0.6 / DAYS < u["dob"]["exact"] < 1.5 / DAYS
    assert math.isclose(u["place"]["desa"], 1 / 50, rel_tol=0.15)


def test_niks_a_serial_apart_do_not_pass_for_the_same_person() -> None:
    """The NIK holds the birth date: strangers born on one day in one kecamatan have NIKs a
    serial apart. Many share a day here (a year and a half of birth dates), and EM must still
    find the name's fault rate among the true pairs, who share a whole NIK."""
    frame, kept_name, _ = _registry(random.Random(13), days=550, niks=True)
    weights = _fit(frame)
    assert math.isclose(weights.name_exact_m, kept_name / DUPLICATED, abs_tol=0.07)
    assert weights.levels["name"]["differ"] < -5


def test_learnt_weights_separate_the_duplicates() -> None:
    rng = random.Random(5)
    frame, _, _ = _registry(rng)
    weights = _fit(frame)
    # An exact birth date says more than a prior counted for a working population would
    # (DAYS days here, against the prior's 17,000), and a name one letter off still links.
    assert weights.levels["dob"]["exact"] > math.log2(0.8 * DAYS)
    assert weights.levels["name"]["near"] > 5
    pairs = LEVELS  # every level has a weight
    assert all(set(pairs[f]) == set(weights.levels[f]) for f in pairs)
    # Prior odds: DUPLICATED matches among PERSONS + DUPLICATED rows' pairs.
    rows = PERSONS + DUPLICATED
    assert math.isclose(
        weights.prior_log2_odds, math.log2(DUPLICATED / (rows * (rows - 1) / 2)), abs_tol=0.3
    )


def test_a_dozen_rows_keep_the_priors() -> None:
    rng = random.Random(3)
    frame, _, _ = _registry(rng)
    weights = _fit(frame.head(12))
    for field, levels in PRIOR_WEIGHTS.levels.items():
        for level, prior in levels.items():
            assert math.isclose(weights.levels[field][level], prior, abs_tol=1.0), (field, level)


def _namesakes(rng: random.Random) -> pl.DataFrame:
    """PERSONS persons sharing 150 names, as a regency's do: a name holds the sex, and its
    holders (a family) mostly live in one of two desa and work one trade. DUPLICATED of them
    are listed twice, with the birth date replaced at DOB_REPLACED."""
    names = sorted({f"{_word(rng)} {_word(rng)}" for _ in range(150)})
    kind = {
        name: (rng.choice("LP"), [f"750201{rng.randrange(1000, 1100)}" for _ in range(2)])
        for name in names
    }
    rows: list[tuple[str, str, dt.date, str, str]] = []
    for person in range(PERSONS):
        name = rng.choice(names)
        sex, places = kind[name]
        dob = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        row = (name, sex, dob, rng.choice(places), "Petani" if sex == "L" else "Pedagang")
        rows.append(row)
        if person < DUPLICATED:
            replaced = rng.random() < DOB_REPLACED
            other = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            rows.append((name, sex, other if replaced else dob, row[3], row[4]))
    frame = pl.DataFrame(
        rows, schema=["name", "sex", "birth_date", "desa_id", "occupation"], orient="row"
    )
    return frame.with_row_index("id", offset=1).with_columns(
        pl.col("id").cast(pl.Int64), pl.lit(None, dtype=pl.String).alias("nik_raw")
    )


def test_namesakes_of_one_sex_desa_and_trade_are_not_taken_for_one_person() -> None:
    """Without NIKs, the birth date is what tells namesakes apart. Among pairs of one name
    nearly all agree on the sex and many on the desa and trade: were those taken for evidence,
    EM would learn that matches are namesakes of one sex and trade, and a birth date that
    differs would weigh nothing (found on the 80,000 synth without NIKs: 20,000 namesake
    pairs merged)."""
    weights = _fit(_namesakes(random.Random(17)))
    # A true pair keeps its birth date 85 % of the time, two namesakes share one 1 in DAYS.
    assert weights.levels["dob"]["differ"] < -2
    assert weights.levels["dob"]["exact"] > math.log2(0.8 * DAYS)
    # Two namesakes of one desa and trade, born on other days: not one person.
    namesakes = (
        weights.levels["sex"]["agree"]
        + weights.levels["place"]["desa"]
        + weights.levels["occupation"]["agree"]
        + weights.levels["dob"]["differ"]
        + weights.prior_log2_odds
    )
    assert namesakes < 0


def test_a_session_whose_matches_are_a_family_keeps_the_priors() -> None:
    """In a million-row registry, one pair in 2,000 sharing a birth date is one person's two
    rows, and namesakes of a family (one desa, one trade, a family name shared) outnumber
    them: EM then learns the family, not the person. Such m is not taken; with the priors
    held, the session still counts the matches."""
    from payung.linkage.probabilistic import PRIOR_U

    def pairs(n: int, name: str, sex: str, place: str, occupation: str) -> pl.DataFrame:
        return pl.DataFrame(
            {"nik": ["missing"] * n, "name": [name] * n, "dob": ["missing"] * n}
            | {"sex": [sex] * n, "place": [place] * n, "occupation": [occupation] * n}
        )

    levels = pl.concat(
        [
            pairs(150, "exact", "agree", "differ", "agree"),  # one person, two villages
            pairs(6_000, "word", "agree", "desa", "agree"),  # a family
            pairs(144_000, "differ", "agree", "differ", "differ"),
            pairs(150_000, "differ", "differ", "differ", "differ"),
        ]
    )
    free = ["name", "sex", "place", "occupation"]
    m, _ = estimate.estimate_m(levels, PRIOR_U)
    assert not estimate._like_one_person(m, free)  # the family passed for the person
    held = {field: PRIOR_M[field] for field in free}
    by_identity = levels.with_columns(pl.lit("missing").alias(f) for f in ("place", "occupation"))
    _, share = estimate.estimate_m(by_identity, PRIOR_U, held=held)
    assert 75 < share * levels.height < 300


def test_the_weights_do_not_depend_on_the_order_of_the_rows(monkeypatch: Any) -> None:
    """Same lists, same weights: a registry read back in another order (the database keeps
    none) learns the same. Small caps make the training sessions sample, as at 1M workers."""
    monkeypatch.setattr(estimate, "TRAINING_ROWS", 1_000)
    monkeypatch.setattr(estimate, "SESSION_PAIRS", 400)
    monkeypatch.setattr(estimate, "RANDOM_PAIRS", 5_000)
    frame, _, _ = _registry(random.Random(11))
    as_read = _fit(frame)
    shuffled = _fit(frame.sample(fraction=1.0, shuffle=True, seed=3))
    assert shuffled.levels == as_read.levels
    assert shuffled.prior_log2_odds == as_read.prior_log2_odds
