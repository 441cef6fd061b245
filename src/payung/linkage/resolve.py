"""From scored pairs to decisions: registry duplicates as clusters, participants one-to-one.

Both are set-based iterations that end in a few rounds, not loops over rows.
"""

from __future__ import annotations

import polars as pl


def clusters(edges: pl.DataFrame, max_rounds: int = 64) -> pl.DataFrame:
    """Connected components of (a, b) edges between integer keys: (node, root) where root is the
    smallest key of the node's component. Nodes without an edge are not listed."""
    if edges.height == 0:
        return pl.DataFrame(schema={"node": pl.Int64, "root": pl.Int64})
    both = pl.concat(
        [
            edges.select(pl.col("a").alias("node"), pl.col("b").alias("other")),
            edges.select(pl.col("b").alias("node"), pl.col("a").alias("other")),
        ]
    )
    labels = (
        both.group_by("node")
        .agg(pl.col("other").min())
        .select("node", pl.min_horizontal("node", "other").alias("root"))
    )
    for _ in range(max_rounds):
        # Each node takes the smallest root among itself and its neighbours' roots ...
        spread = (
            both.join(labels, left_on="other", right_on="node")
            .group_by("node")
            .agg(pl.col("root").min().alias("candidate"))
        )
        updated = labels.join(spread, on="node", how="left").select(
            "node", pl.min_horizontal("root", "candidate").alias("root")
        )
        # ... and then its root's root (pointer jumping), so long chains close fast.
        updated = updated.join(
            updated.rename({"node": "root", "root": "root_of_root"}), on="root", how="left"
        ).select("node", pl.min_horizontal("root", "root_of_root").alias("root"))
        if updated.sort("node").equals(labels.sort("node")):
            break
        labels = updated
    return labels.sort("node")


def one_to_one(candidates: pl.DataFrame, max_rounds: int = 50) -> pl.DataFrame:
    """Choose pairs so that every participant has at most one worker and every worker at most
    one participant of each segment. `candidates`: participant_id, worker_id, segment, weight,
    forced (a reviewer's acceptance, which wins over any weight), confident (a pair that will
    be linked) and last_paid (the participation's last month paid, NULL when unknown).

    A participant takes its best-weighted worker. A worker takes, within a segment, a forced
    pair first, then a confident one, and among those the latest paid participation: one
    person often holds two KPJs of a segment (one lapsed, one registered since), both of
    them matching, and the worker must count as covered by the live one, whichever matched
    better. Each round accepts the pairs that are the best choice of both sides (ties broken
    by ids, so the same input always gives the same result) and drops what they exclude. The
    rounds rank a narrow frame of numbers; the chosen rows are taken from `candidates` at the
    end.
    """
    if candidates.height == 0:
        return candidates.clear()
    remaining = candidates.select(
        pl.int_range(pl.len()).alias("row"),
        "participant_id",
        # One integer per worker and segment.
        pl.struct("worker_id", "segment").rank("dense").alias("side"),
        "worker_id",
        "forced",
        "weight",
        "confident",
        "last_paid",
    )
    chosen = []
    for _ in range(max_rounds):
        if remaining.height == 0:
            break
        # Sorted best first, the first row of a participant (of a worker's segment) is its best.
        best_p = remaining.sort(
            ["forced", "weight", "worker_id"], descending=[True, True, False]
        ).filter(pl.col("participant_id").is_first_distinct())
        best_w = remaining.sort(
            ["forced", "confident", "last_paid", "weight", "participant_id"],
            descending=[True, True, True, True, False],
            nulls_last=True,
        ).filter(pl.col("side").is_first_distinct())
        accepted = best_p.join(best_w.select("row"), on="row", how="semi")
        if accepted.height == 0:
            break
        chosen.append(accepted.select("row"))
        remaining = remaining.join(
            accepted.select("participant_id"), on="participant_id", how="anti"
        ).join(accepted.select("side"), on="side", how="anti")
    if not chosen:
        return candidates.clear()
    rows = pl.concat(chosen)["row"].sort()
    return candidates[rows]
