"""The comparison weights learnt from the lists being linked (Fellegi-Sunter, as Splink does).

u, a level's chance between two records that are not one person, is measured on random
pairs of the two lists: the exact levels (same NIK, name, birth date, desa) exactly, from how
often each value occurs on each side; the others on a random sample of pairs. m, a level's
chance between two records of one person, is learnt by expectation maximisation over the
pairs of a training blocking rule, leaving out the fields that rule fixes (Splink's training
sessions), grouped by their pattern of levels (a few hundred patterns, not millions of
pairs). Where some pairs share a whole valid NIK and agree on the name, they start the EM as
the known matches: m begins as what those pairs show.

Both are pulled towards the priors (`probabilistic.PRIOR_M`, `PRIOR_U`) as much as
`PRIOR_PAIRS` random pairs, `PRIOR_AGREEMENTS` chance agreements and `PRIOR_MATCHES` matched
pairs would pull them: a list of a dozen rows keeps the priors, a regency's list speaks for
itself.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl

from payung.linkage.probabilistic import (
    FIELDS,
    LEVELS,
    PRIOR_LOG2_ODDS,
    PRIOR_M,
    PRIOR_U,
    Weights,
    compare,
)

__all__ = ["Weights", "compare", "estimate_m", "estimate_u", "fit", "random_levels"]

# How much the priors count: as this many random pairs (for the levels measured on a sample
# of pairs), as this many chance agreements (for the exact levels, counted over every pair:
# a list shows its own collision rate once it holds a few dozen chance agreements, which a
# thousand birth dates over a century do not), and as this many matched pairs (for m).
PRIOR_PAIRS = 20_000
PRIOR_AGREEMENTS = 10
PRIOR_MATCHES = 200
# ... and the prior odds, as this many matches at PRIOR_LOG2_ODDS: two lists of a few rows
# (the count of their matches says nothing) keep one person in 16,000, a regency's or
# FEBRL's thousand rows speak for themselves.
PRIOR_ODDS_MATCHES = 10
# ... and u from random pairs, as this many pairs, against a session's own non-matches (the
# fields a session holds: estimate_m).
WITHIN_PRIOR_PAIRS = 100
# Pairs compared to learn from: enough for every level that matters, bounded at any size.
# A session's cap binds only on big lists; at 150,000 (for 300,000) F1 stayed within
# 0.0001 at 80k, with or without NIKs, and at 1M, for a tenth less CPU at 1M
# (benchmarks/link_bench.py, 2026-12-06). Fewer random pairs cost FEBRL 2 its F1 (0.976 to
# 0.967 at 100,000).
RANDOM_PAIRS = 200_000
SESSION_PAIRS = 150_000
EM_ROUNDS = 40
# The columns whose equality makes each field's exact level (see probabilistic._with_keys).
EXACT_KEYS = {
    "nik": ("exact", "n"),
    "name": ("exact", "name_key"),
    "dob": ("exact", "ymd"),
    "sex": ("agree", "male"),
    "place": ("desa", "place_key"),
    "occupation": ("agree", "occupation_key"),
}


# Every sample below is drawn from rows and pairs in the order of their ids: the lists come
# from the database in no set order (nor do a join's pairs), and the same lists must learn
# the same weights (at 1M workers, a run on the same rows read again linked 5 participants
# more and sent 27 more pairs to review).


def _random_pairs(left: pl.DataFrame, right: pl.DataFrame, size: int, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    ids_l, ids_r = np.sort(left["id"].to_numpy()), np.sort(right["id"].to_numpy())
    pairs = pl.DataFrame(
        {
            "id_l": ids_l[rng.integers(0, len(ids_l), size)],
            "id_r": ids_r[rng.integers(0, len(ids_r), size)],
        }
    )
    return pairs.filter(pl.col("id_l") != pl.col("id_r"))


def _exact_share(
    left: pl.DataFrame, right: pl.DataFrame, column: str, self_join: bool
) -> tuple[float, float]:
    """(pairs agreeing on `column`, pairs where both sides have a value): counted from each
    value's frequency on both sides, over every pair of the two lists (of two different rows,
    with `self_join`)."""
    counts_l = left.select(column).drop_nulls().group_by(column).len()
    counts_r = counts_l if self_join else right.select(column).drop_nulls().group_by(column).len()
    agreeing = float(
        counts_l.join(counts_r, on=column)
        .select((pl.col("len").cast(pl.Float64) * pl.col("len_right")).sum())
        .item()
        or 0.0
    )
    both = float(counts_l["len"].sum()) * float(counts_r["len"].sum())
    if self_join:  # a row agrees with itself: not a pair
        agreeing -= float(counts_l["len"].sum())
        both -= float(counts_l["len"].sum())
    return max(agreeing, 0.0), max(both, 0.0)


def exact_shares(
    left: pl.DataFrame, right: pl.DataFrame, self_join: bool
) -> dict[str, tuple[float, float]]:
    """_exact_share of each field's exact level."""
    return {
        field: _exact_share(left, right, column, self_join)
        for field, (_, column) in EXACT_KEYS.items()
    }


def _level_counts(levels: pl.DataFrame, field: str) -> dict[str, float]:
    counted = levels.filter(pl.col(field) != "missing").group_by(field).len()
    return {str(level): float(n) for level, n in counted.iter_rows()}


def random_levels(left: pl.DataFrame, right: pl.DataFrame, seed: int = 0) -> pl.DataFrame:
    """The levels of RANDOM_PAIRS pairs of the lists drawn at random (nearly all of them two
    people): what u is measured on."""
    size = min(RANDOM_PAIRS, left.height * right.height)
    return compare(_random_pairs(left, right, size, seed), left, right)


def estimate_u(
    left: pl.DataFrame,
    right: pl.DataFrame,
    *,
    self_join: bool,
    sample: pl.DataFrame | None = None,
    shares: dict[str, tuple[float, float]] | None = None,
    matches: float = 0.0,
    m: dict[str, dict[str, float]] | None = None,
    seed: int = 0,
) -> dict[str, dict[str, float]]:
    """u per field and level, smoothed towards PRIOR_U, from `sample` (random_levels, drawn
    here if not given). `matches` pairs of the lists are
    believed to be one person (the EM's count), agreeing on each exact level as `m` says:
    they are no chance agreement and are taken out (in FEBRL 1, half the rows have a
    duplicate, and those pairs would make an agreeing birth date look common)."""
    if sample is None:
        sample = random_levels(left, right, seed)
    if shares is None:
        shares = exact_shares(left, right, self_join)
    u: dict[str, dict[str, float]] = {}
    for field in FIELDS:
        counts = _level_counts(sample, field)
        seen = sum(counts.values())
        exact_level = EXACT_KEYS[field][0]
        agreeing, both = shares[field]
        if m is not None:
            true_agreeing = matches * m[field][exact_level] * (2 if self_join else 1)
            agreeing = max(agreeing - true_agreeing, 0.0)
        exact_share = agreeing / both if both else 0.0
        # The exact level from every pair of the lists; the others share the rest as the
        # sample shows them.
        others = {level: n for level, n in counts.items() if level != exact_level}
        rest = sum(others.values())
        u[field] = {}
        for level in LEVELS[field]:
            prior = PRIOR_U[field][level]
            if level == exact_level:
                u[field][level] = (agreeing + PRIOR_AGREEMENTS) / (both + PRIOR_AGREEMENTS / prior)
            else:
                measured = (1 - exact_share) * others.get(level, 0.0) / rest if rest else 0.0
                u[field][level] = (measured * seen + prior * PRIOR_PAIRS) / (seen + PRIOR_PAIRS)
    return u


def _patterns(levels: pl.DataFrame) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Counts of each pattern of levels, and per field each pattern's level index (-1 for
    missing)."""
    # In a set order: the EM's sums then come out the same to the last bit.
    grouped = levels.group_by(list(FIELDS)).len().sort(list(FIELDS))
    counts = grouped["len"].to_numpy().astype(np.float64)
    index = {
        field: grouped[field]
        .replace_strict(
            {level: i for i, level in enumerate(LEVELS[field])} | {"missing": -1},
            return_dtype=pl.Int64,
        )
        .to_numpy()
        for field in FIELDS
    }
    return counts, index


def _starting_m(levels: pl.DataFrame) -> dict[str, dict[str, float]]:
    """PRIOR_M, or, where at least PRIOR_MATCHES pairs share a whole NIK and agree on the name,
    what those pairs show for the other fields."""
    known = levels.filter((pl.col("nik") == "exact") & (pl.col("name") != "differ"))
    if known.height < PRIOR_MATCHES:
        return PRIOR_M
    m = {"nik": PRIOR_M["nik"]}
    for field in FIELDS:
        if field == "nik":
            continue
        counts = _level_counts(known, field)
        seen = sum(counts.values())
        m[field] = {
            level: (counts.get(level, 0.0) + PRIOR_M[field][level] * PRIOR_MATCHES)
            / (seen + PRIOR_MATCHES)
            for level in LEVELS[field]
        }
    return m


def estimate_m(
    levels: pl.DataFrame,
    u: dict[str, dict[str, float]],
    held: dict[str, dict[str, float]] | None = None,
) -> tuple[dict[str, dict[str, float]], float]:
    """m per field and level, and the share of candidate pairs that are matches, by EM over
    the candidate pairs' levels with u held as measured on random pairs (as Splink does: a
    free u of the candidates' non-matches can take over every pattern, matches included,
    when nearly every candidate is a match). The m of the fields in `held` (learnt in an
    earlier session) is held too: they tell the matches apart while the rest is learnt. Their
    u, instead, is learnt here among the non-matches: two people who share a name share more
    than any two do (the sex it holds; a family's desa and trade), and u from random pairs
    would make those agreements pass for evidence of one person (found on the 80,000 synth
    without NIKs: EM took same-name pairs of one sex and trade for matches, a birth date that
    differs came to weigh nothing, and 20,000 pairs of namesakes were merged)."""
    held = held or {}
    counts, index = _patterns(levels)
    if counts.sum() < PRIOR_MATCHES:
        # Too few pairs to learn from: a handful of pairs, counted as matches, would move the
        # m of a rare level (a birth year alone: 0.002) several times over on their own.
        return PRIOR_M | held, 0.0
    m = {f: np.array(list((_starting_m(levels) | held)[f].values())) for f in FIELDS}
    share = 0.5
    prior = {f: np.array(list(PRIOR_M[f].values())) for f in FIELDS}
    log_u = {f: np.log(np.array([u[f][level] for level in LEVELS[f]])) for f in FIELDS}
    random_log_u = dict(log_u)

    def held_u(apart: np.ndarray) -> None:
        """u of the held fields from the pairs `apart` (weights per pattern) are two people."""
        for f in held:
            seen = index[f] >= 0
            by_level = np.bincount(index[f][seen], apart[seen], len(LEVELS[f]))
            pulled = by_level + WITHIN_PRIOR_PAIRS * np.exp(random_log_u[f])
            log_u[f] = np.log(pulled / pulled.sum())

    # Nearly every pair of a session is two people: their u starts as what all pairs show
    # (starting from u of random pairs, the namesakes of one desa pass for the matches, and
    # EM stays there).
    held_u(counts)
    for _ in range(EM_ROUNDS):
        log_odds = np.full(len(counts), math.log(share / (1 - share)))
        for f in FIELDS:
            seen = index[f] >= 0
            at = index[f][seen]
            log_odds[seen] += np.log(m[f][at]) - log_u[f][at]
        matched = counts / (1.0 + np.exp(-np.clip(log_odds, -700, 700)))
        held_u(counts - matched)
        for f in FIELDS:
            if f in held:
                continue
            seen = index[f] >= 0
            by_level = np.bincount(index[f][seen], matched[seen], minlength=len(LEVELS[f]))
            m[f] = (by_level + prior[f] * PRIOR_MATCHES) / (by_level.sum() + PRIOR_MATCHES)
        share = float(np.clip(matched.sum() / counts.sum(), 1e-6, 1 - 1e-6))
    learnt = {f: dict(zip(LEVELS[f], m[f].tolist(), strict=True)) for f in FIELDS}
    return learnt, share


# Training sessions, as in Splink: the pairs of one blocking rule, where the fields of the
# rule are left out (every such pair agrees on them, matches or not, so they would pass for
# evidence), and so are fields that hold them. Each field is learnt in the first session that
# leaves it free, and a later session holds it as learnt (it tells that session's matches
# apart while the rest is learnt); the birth-date session also counts the matches, for the
# prior odds.
# The NIK holds the birth date (six of its sixteen digits, after the kecamatan's six): two
# strangers born on one day in one kecamatan have NIKs a serial apart, so among pairs sharing
# a birth date a NIK two digits off is no evidence; the birth-date session leaves it out too
# (found on the 80,000 synth: EM took 52,000 such pairs for 18,000 matches, and an exact
# name's m came out 0.34 for a true 0.96). What a name holds (the sex; a family's desa and
# trade) the name session learns as its own u (estimate_m, `held`).
TRAINING_BLOCKS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    # (blocking columns, the fields they fix)
    (("dob",), ("dob", "nik")),
    (("name_sorted",), ("name",)),
)
TRAINING_ROWS = 20_000  # left rows drawn for a session: bounded pairs at any size
TRAINING_BLOCK_LIMIT = 200  # a key held by more rows on a side is too common to train on


def _session_pairs(
    left: pl.DataFrame, right: pl.DataFrame, on: tuple[str, ...], self_join: bool, seed: int
) -> tuple[pl.DataFrame, float]:
    """The pairs of a blocking rule from a sample of left rows (and a sample of those pairs),
    and the factor from the pairs returned to all the rule's pairs between the lists."""
    cols = list(on)
    sample = left.select("id", *cols).sort("id")
    if sample.height > TRAINING_ROWS:
        sample = sample.sample(TRAINING_ROWS, seed=seed)
    lhs = sample.drop_nulls(cols)
    rhs = right.select("id", *cols).drop_nulls(cols)
    rhs = rhs.filter(pl.len().over(cols) <= TRAINING_BLOCK_LIMIT)
    pairs = lhs.join(rhs, on=cols, suffix="_r").select(pl.col("id").alias("id_l"), pl.col("id_r"))
    if self_join:  # each pair once, never a row with itself
        pairs = pairs.filter(pl.col("id_l") < pl.col("id_r"))
    factor = left.height / max(sample.height, 1)
    if pairs.height > SESSION_PAIRS:
        factor *= pairs.height / SESSION_PAIRS
        pairs = pairs.sort("id_l", "id_r").sample(SESSION_PAIRS, seed=seed)
    return pairs, factor


# Fields whose exact level is, for one person's two records, the likeliest of all (a place or
# an occupation may change; a name, a birth date and a sex are mostly written the same).
IDENTITY_FIELDS = ("name", "dob", "sex")


def _like_one_person(m: dict[str, dict[str, float]], fields: list[str]) -> bool:
    """Whether the learnt m of `fields` describe two records of one person: for each identity
    field, its exact level the likeliest."""
    for field in set(fields) & set(IDENTITY_FIELDS):
        exact = m[field][EXACT_KEYS[field][0]]
        if any(m[field][level] > exact for level in LEVELS[field]):
            return False
    return True


def fit(
    left: pl.DataFrame,
    right: pl.DataFrame,
    *,
    self_join: bool = False,
    seed: int = 0,
) -> Weights:
    """The weights for linking `left` to `right` (prepared frames, `right` with name_tf; the
    same frame twice with `self_join`), learnt from random pairs and from training sessions
    (TRAINING_BLOCKS)."""
    # Once each: the sample's string distances and the value counts are most of fit's time.
    sample = random_levels(left, right, seed)
    shares = exact_shares(left, right, self_join)
    u = estimate_u(left, right, self_join=self_join, sample=sample, shares=shares)
    learnt: dict[str, dict[str, float]] = {}
    dob_matches = 0.0
    for on, fixed in TRAINING_BLOCKS:
        pairs, factor = _session_pairs(left, right, on, self_join, seed)
        levels = compare(pairs, left, right).with_columns(
            pl.lit("missing").alias(field) for field in fixed
        )
        m, share = estimate_m(levels, u, held=learnt)
        free = [field for field in FIELDS if field not in fixed and field not in learnt]
        if not _like_one_person(m, free):
            # EM found a group of pairs that is not one person: in a million-row registry,
            # one pair in 2,000 sharing a birth date is a duplicate, and namesakes of a family
            # (one desa, one family name) outnumber them (an exact name's m came out 0.08).
            # The session keeps the priors for its fields and only counts the matches, by the
            # identity fields alone (a registry's two rows of one person are in two villages).
            m, share = estimate_m(
                levels.with_columns(
                    pl.lit("missing").alias(f) for f in free if f not in IDENTITY_FIELDS
                ),
                u,
                held=learnt | {f: PRIOR_M[f] for f in free},
            )
        for field in free:
            learnt[field] = m[field]
        if "dob" in fixed:
            # Matches that share a birth date, between the whole lists.
            dob_matches = share * pairs.height * factor
    for field in FIELDS:
        learnt.setdefault(field, PRIOR_M[field])
    # Every match, from those sharing a birth date: a share m of the matches whose dates are
    # both known.
    matches = dob_matches / max(learnt["dob"]["exact"], 1e-6)
    u = estimate_u(
        left, right, self_join=self_join, sample=sample, shares=shares, matches=matches, m=learnt
    )
    pairs_in_all = left.height * (left.height - 1) / 2 if self_join else left.height * right.height
    share = (matches + PRIOR_ODDS_MATCHES) / (
        pairs_in_all + PRIOR_ODDS_MATCHES / 2**PRIOR_LOG2_ODDS
    )
    share = min(share, 0.5)
    return Weights.from_probabilities(learnt, u, math.log2(share / (1 - share)))
