"""The linkage cascade as a pure function from frames to frames; no database here.

1. The registry is deduplicated: rows of one person from two village lists form a cluster
   whose earliest row (by `order`) is the canonical worker.
2. Participants are compared with every candidate registry row (`probabilistic`, with
   weights learnt from these very lists: `estimate.fit`; `learn=False` takes the hand-set
   ones instead); a row's score counts for its cluster's canonical worker.
3. Reviewers' decisions bind: an accepted pair is forced in, a rejected pair is struck out.
4. Pairs are chosen one-to-one (`resolve.one_to_one`): a pair at or above LINK_ODDS is a link,
   one between REVIEW_ODDS and LINK_ODDS waits for review.

The method of a link is what carried it: the same valid NIK, a NIK one slip or an Excel
rounding away (`nik_fuzzy`), or name, birth date and place alone (`probabilistic`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import polars as pl

from payung.linkage import estimate, explain, probabilistic, resolve

# Thresholds on a pair's log2 odds of being one person (its weight, the sum of log2 Bayes
# factors, plus the prior log2 odds learnt with the weights: estimate.fit). A link, and a
# merge of two registry rows, need odds of 8 to 1 (a probability of 0.89, Splink's usual 0.9);
# a review pair at least even odds. With learnt weights the odds are the lists' own, and
# measured (benchmarks/link_bench.py) these thresholds lose the least: at 64 to 1 the
# 80,000 synth without NIKs sends 585 pairs to review for 139, and FEBRL 2's F1 is 0.94 for
# 0.98, with no better precision.
LINK_ODDS = 3.0
REVIEW_ODDS = 0.0
DUPLICATE_ODDS = 3.0

SOUND_NIK_STATUSES = ("valid", "duplicate_in_file", "missing")

METHOD_BY_NIK_LEVEL = {"exact": "exact_nik", "one_edit": "nik_fuzzy", "prefix12": "nik_fuzzy"}


@dataclass
class LinkageFrames:
    # participant_id, worker_id, segment, method, score, explanation (explain.encode)
    links: pl.DataFrame
    review: pl.DataFrame  # participant_id, worker_id, method, score, explanation (pending)
    duplicates: pl.DataFrame  # worker_id, canonical_id, method, score


def probability(log2_odds: pl.Expr) -> pl.Expr:
    return 1.0 / (1.0 + (2.0 ** (-log2_odds)))


def _method(nik_level: pl.Expr) -> pl.Expr:
    expr: pl.Expr = pl.lit("probabilistic")
    for level, method in METHOD_BY_NIK_LEVEL.items():
        expr = pl.when(nik_level == level).then(pl.lit(method)).otherwise(expr)
    return expr


def deduplicate(workers: pl.DataFrame, *, learn: bool = True) -> pl.DataFrame:
    """(worker_id, canonical_id, weight, nik) for every registry row that is not canonical.
    With `learn`, the weights are learnt from the registry itself (estimate.fit); without,
    the hand-set ones serve."""
    # A NIK that passed every check is compared by equality only; a damaged one is expanded.
    # Rows with a valid NIK meet their other rows through it (and through their name and
    # birth date, for a slip into another valid NIK); the other rules search from the rows
    # without one.
    damaged = workers.filter(~pl.col("nik_status").is_in(SOUND_NIK_STATUSES))
    unsure = workers.filter(pl.col("nik_status") != "valid")
    pairs = probabilistic.candidate_pairs(
        workers, workers, expand=damaged, named=unsure, self_join=True
    )
    weights = (
        estimate.fit(workers, workers, self_join=True)
        if learn
        else probabilistic.HAND_DEDUP_WEIGHTS
    )
    floor = DUPLICATE_ODDS - weights.prior_log2_odds
    scored = probabilistic.weigh(
        pairs, workers, workers, floor=floor, weights=weights, dedup=True
    ).with_columns(pl.col("weight") + weights.prior_log2_odds)
    order = workers.select("id", "order")
    edges = (
        scored.join(order, left_on="id_l", right_on="id")
        .join(order, left_on="id_r", right_on="id", suffix="_r")
        .select(pl.col("order").alias("a"), pl.col("order_r").alias("b"))
    )
    members = resolve.clusters(edges)
    by_order = order.rename({"id": "worker_id", "order": "node"})
    canonical = order.rename({"id": "canonical_id", "order": "root"})
    dups = (
        members.filter(pl.col("node") != pl.col("root"))
        .join(by_order, on="node")
        .join(canonical, on="root")
        .select("worker_id", "canonical_id")
    )
    # The strongest pair tying each row to its cluster says how we know.
    best = (
        pl.concat(
            [
                scored.select(pl.col("id_l").alias("worker_id"), "weight", "nik"),
                scored.select(pl.col("id_r").alias("worker_id"), "weight", "nik"),
            ]
        )
        .sort("weight", "nik", descending=[True, False])
        .unique("worker_id", keep="first")
    )
    return dups.join(best, on="worker_id", how="left").sort("worker_id")


def _scored_pairs(p: pl.DataFrame, w: pl.DataFrame, learn: bool) -> pl.DataFrame:
    """Every participant's candidate registry rows that may reach REVIEW_ODDS, scored: their
    `weight` is here the pair's log2 odds of being one person."""
    # Participants whose NIK is in the registry need nothing more to find their candidates ...
    unresolved = p.join(w.select("n").drop_nulls().unique(), on="n", how="anti")
    pairs = probabilistic.candidate_pairs(p, w, expand=unresolved, named=unresolved)
    weights = estimate.fit(p, w) if learn else probabilistic.HAND_WEIGHTS
    floor = REVIEW_ODDS - weights.prior_log2_odds

    def scored_with(pairs: pl.DataFrame, left: pl.DataFrame) -> pl.DataFrame:
        """id_l, id_r, nik (its level), weight (as log2 odds) and explanation."""
        return probabilistic.weigh(pairs, left, w, floor=floor, weights=weights).select(
            "id_l",
            "id_r",
            "nik",
            pl.col("weight") + weights.prior_log2_odds,
            explain.encode(weights.prior_log2_odds).alias("explanation"),
        )

    scored = scored_with(pairs, p)
    # ... unless that NIK is someone else's: a slip (two digits swapped, a woman's +40 lost)
    # that landed on another person's NIK, whose name then vetoes the pair. Such a
    # participant is looked for again as if its NIK had found nobody (found in the 80.000
    # demo: a true pair one swap away was neither linked nor reviewed).
    sure = scored.filter(pl.col("weight") >= LINK_ODDS).select(pl.col("id_l").alias("id"))
    vetoed = p.join(unresolved.select("id"), on="id", how="anti").join(sure, on="id", how="anti")
    if vetoed.height == 0:
        return scored
    again = probabilistic.candidate_pairs(vetoed, w, expand=vetoed, named=vetoed)
    return (
        pl.concat([scored, scored_with(again, vetoed)])
        .sort("weight", descending=True)
        .unique(["id_l", "id_r"], keep="first", maintain_order=True)
    )


def link(
    workers: pl.DataFrame,
    participants: pl.DataFrame,
    decisions: pl.DataFrame | None = None,
    *,
    learn: bool = True,
    duplicates: pl.DataFrame | None = None,
) -> LinkageFrames:
    """`workers`: id, order, nik_raw, name, sex, birth_date, desa_id. `participants`: id,
    nik_raw, name, birth_date, segment, region_code and, where known, last_paid.
    `decisions`: participant_id, worker_id,
    decision ('accepted' or 'rejected'). With `learn` (the default), the comparison weights
    are learnt from these lists (estimate.fit); without, the hand-set ones serve
    (probabilistic.HAND_WEIGHTS): see benchmarks/link_bench.py for how each does.
    `duplicates` (worker_id, canonical_id, method, score): the registry's duplicates as an
    earlier run found them, the registry unchanged since; kept instead of deduplicating."""
    if "last_paid" not in participants.columns:
        participants = participants.with_columns(pl.lit(None, dtype=pl.Date).alias("last_paid"))
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The registry's deduplication and the participants' comparisons are independent:
        # run side by side, each fills the cores where the other waits (numpy, DuckDB, joins
        # that use one thread). Both are pure functions of their frames: same result.
        prepared = pool.submit(probabilistic.prepare_participants, participants)
        w = probabilistic.with_name_frequencies(probabilistic.prepare_workers(workers))
        p = prepared.result()
        if duplicates is None:
            deduplicated = pool.submit(deduplicate, w, learn=learn)
            scored = _scored_pairs(p, w, learn)
            dups = deduplicated.result()
        else:
            scored, dups = _scored_pairs(p, w, learn), duplicates
    canonical_of = pl.concat(
        [
            w.select(pl.col("id").alias("worker_id"), pl.col("id").alias("canonical_id")).join(
                dups.select("worker_id"), on="worker_id", how="anti"
            ),
            dups.select("worker_id", "canonical_id"),
        ]
    )
    per_cluster = (
        scored.select(
            pl.col("id_l").alias("participant_id"),
            pl.col("id_r").alias("row_id"),
            "weight",
            "nik",
            "explanation",
        )
        .join(canonical_of, left_on="row_id", right_on="worker_id")
        .rename({"canonical_id": "worker_id"})
        .sort("weight", "nik", descending=[True, False])
        .unique(["participant_id", "worker_id"], keep="first")
        .select(
            "participant_id",
            "worker_id",
            "weight",
            _method(pl.col("nik")).alias("method"),
            "explanation",
        )
    )

    if decisions is None or decisions.height == 0:
        decisions = pl.DataFrame(
            schema={"participant_id": pl.Int64, "worker_id": pl.Int64, "decision": pl.String}
        )
    decided = (
        decisions.join(canonical_of, on="worker_id", how="left")
        .with_columns(pl.coalesce("canonical_id", "worker_id").alias("worker_id"))
        .select("participant_id", "worker_id", "decision")
        .unique(["participant_id", "worker_id"], keep="last")
    )
    accepted = decided.filter(pl.col("decision") == "accepted")
    rejected = decided.filter(pl.col("decision") == "rejected")
    candidates = (
        per_cluster.filter(pl.col("weight") >= REVIEW_ODDS)
        .join(rejected, on=["participant_id", "worker_id"], how="anti")
        .join(accepted, on=["participant_id", "worker_id"], how="full", coalesce=True)
        .with_columns(
            pl.col("decision").is_not_null().alias("forced"),
            pl.col("weight").fill_null(REVIEW_ODDS),
            pl.col("method").fill_null("review"),
            pl.col("explanation").fill_null(""),
        )
        # The last month paid: of two participations of one worker in one segment (a KPJ
        # that lapsed and the one registered since), the link goes to the latest paid, so the
        # worker counts as covered by the live one (see resolve.one_to_one).
        .join(
            p.select(pl.col("id").alias("participant_id"), "segment", "last_paid"),
            on="participant_id",
        )
        .with_columns(
            pl.col("segment").fill_null(""),
            (pl.col("forced") | (pl.col("weight") >= LINK_ODDS)).alias("confident"),
        )
    )
    chosen = resolve.one_to_one(candidates).with_columns(
        probability(pl.col("weight")).alias("score")
    )
    links = chosen.filter(pl.col("forced") | (pl.col("weight") >= LINK_ODDS)).with_columns(
        pl.when(pl.col("forced")).then(pl.lit("review")).otherwise("method").alias("method")
    )
    review = chosen.filter(~pl.col("forced") & (pl.col("weight") < LINK_ODDS))
    if duplicates is None:
        duplicates = dups.with_columns(
            _method(pl.col("nik")).alias("method"), probability(pl.col("weight")).alias("score")
        )
    return LinkageFrames(
        links=links.select(
            "participant_id", "worker_id", "segment", "method", "score", "explanation"
        ).sort("participant_id"),
        review=review.select("participant_id", "worker_id", "method", "score", "explanation").sort(
            "participant_id"
        ),
        duplicates=duplicates.select("worker_id", "canonical_id", "method", "score"),
    )
