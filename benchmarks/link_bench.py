"""Linkage benchmark: Payung's cascade, an exact-NIK join and a straightforward Splink model,
side by side on the same generated data with exact truth.

    python benchmarks/link_bench.py                 # 80,000 workers / 25,280 participants
    python benchmarks/link_bench.py --size 1m       # 1,000,000 / 316,000
    python benchmarks/link_bench.py --size all      # both
    python benchmarks/link_bench.py --database postgres://postgres@127.0.0.1:5432/payung_bench
    python benchmarks/link_bench.py --no-febrl --no-variants   # the usual synth only

Data come from `payung.synth` (seeded, so every run sees the same files) and are imported with
`run_import` into a throwaway SQLite database (or the given PostgreSQL one, which is flushed).
Payung is timed twice: end to end as a first `payung link` runs (read from the database,
link, write back; and "+ snapshot", until its reaction has taken the coverage snapshot that the
coverage page shows; and "again", a second run on the registry unchanged, which keeps its
duplicates, as a new month's BPJS export against the same registry would), and as
`engine.link` alone on the frames already in memory, which is how the exact-NIK join and
Splink are timed (each the median of `--repeat` runs, 3 by default); the
ratio column divides by Splink's seconds. "Payung" learns its weights from the lists, as the
app does; "hand-set" is the same cascade with the weights it was first tuned with
(`learn=False`). Payung's figures include deduplicating the registry (and learning its weights),
which the Splink model does not do. A link counts as right when it names the participant's
person at that person's first registry row (`truth_links.csv`). Splink is an optional extra:
`pip install -e '.[bench]'`.

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import polars as pl

SIZES = {"80k": 80_000, "1m": 1_000_000}
T = TypeVar("T")


def score(pred: pl.DataFrame, truth: pl.DataFrame) -> dict[str, float]:
    """Precision, recall and F1 of (kpj, worker_source_row) links against the truth."""
    keys = ["kpj", "worker_source_row"]
    right = pred.select(keys).unique().join(truth.select(keys), on=keys).height
    precision = right / pred.height if pred.height else 0.0
    recall = right / truth.height if truth.height else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"links": pred.height, "precision": precision, "recall": recall, "f1": f1}


def exact_nik(workers: pl.DataFrame, participants: pl.DataFrame) -> pl.DataFrame:
    """The baseline: the same valid NIK on both sides, nothing else."""
    first = (
        workers.drop_nulls("nik")
        .group_by("nik")
        .agg(pl.col("source_row").min().alias("worker_source_row"))
    )
    return participants.drop_nulls("nik").join(first, on="nik").select("kpj", "worker_source_row")


def splink_links(workers: pl.DataFrame, participants: pl.DataFrame) -> pl.DataFrame:
    """A straightforward Splink model (DuckDB backend), as its tutorials build one: NIK,
    name, birth date and village compared; u by random sampling, m by EM; the best match
    above 0.9 for each participant."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def shape(frame: pl.DataFrame, place: str) -> pl.DataFrame:
        return frame.select(
            pl.col("id").alias("unique_id"),
            pl.col("nik_raw").str.replace_all(r"\D", "").alias("nik"),
            pl.col("name").str.to_uppercase().str.replace_all(r"[^A-Z ]", "").alias("name"),
            pl.col("birth_date"),
            pl.col("birth_date").dt.year().alias("birth_year"),
            pl.col(place).alias("desa"),
        ).with_columns(pl.when(pl.col("nik") != "").then(pl.col("nik")).alias("nik"))

    left_frame, right_frame = shape(participants, "region_code"), shape(workers, "desa_id")
    # Without NIKs (the benchmark's no-NIK lists) the model has no NIK to compare or train on.
    with_nik = left_frame["nik"].drop_nulls().len() > 0
    left, right = left_frame.to_arrow(), right_frame.to_arrow()
    comparisons = [
        cl.JaroWinklerAtThresholds("name", [0.95, 0.88]),
        cl.DateOfBirthComparison("birth_date", input_is_string=False),
        cl.ExactMatch("desa"),
    ]
    blocking = [block_on("name", "birth_year"), block_on("birth_date", "desa")]
    if with_nik:
        comparisons.insert(0, cl.LevenshteinAtThresholds("nik", [1, 2]))
        blocking.insert(0, block_on("nik"))
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    linker = Linker(
        [db_api.register(left, table_name="bpjs"), db_api.register(right, table_name="desa")],
        settings,
        log_level=None,
    )
    sure = block_on("nik") if with_nik else block_on("name", "birth_date", "desa")
    linker.training.estimate_probability_two_random_records_match([sure], recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("nik") if with_nik else block_on("name")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_date", "desa")
    )
    pairs = pl.from_arrow(
        linker.inference.predict(threshold_match_probability=0.9).as_pyarrow_table()
    )
    assert isinstance(pairs, pl.DataFrame)
    left_id = "unique_id_l" if "unique_id_l" in pairs.columns else "unique_id_r"
    return (
        pairs.with_columns(
            # Splink puts the lower source dataset name on the left: "bpjs" < "desa".
            pl.col(left_id).cast(pl.Int64).alias("participant_id"),
            pl.col("unique_id_r").cast(pl.Int64).alias("worker_id"),
        )
        .sort("match_probability", descending=True)
        .unique("participant_id", keep="first")
        .join(participants.select(pl.col("id").alias("participant_id"), "kpj"), on="participant_id")
        .join(
            workers.select(pl.col("id").alias("worker_id"), pl.col("source_row")),
            on="worker_id",
        )
        .select("kpj", pl.col("source_row").alias("worker_source_row"))
    )


def prepare_database(regency: str) -> None:
    from django.core.management import call_command

    from payung.accounts.services import seed_opds
    from payung.regions.services import load_regions

    call_command("flush", interactive=False, verbosity=0)
    load_regions(regency)
    seed_opds()


def timed(run: Callable[[], T], repeat: int) -> tuple[T, float, str]:
    """`run`'s result, its median seconds over `repeat` runs, and every run's seconds."""
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    runs = ", ".join(f"{s:.2f}" for s in seconds)
    return result, statistics.median(seconds), f"median of {repeat} runs ({runs} s)"


def settle_database() -> None:
    """Write the import's pages out now: otherwise PostgreSQL writes them while linkage runs,
    and the linkage's seconds would carry part of the import's."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")


def bench_size(
    label: str, n_workers: int, seed: int, out: Path, repeat: int, variants: bool = True
) -> list[dict[str, Any]]:
    """The usual synth, and the same with every NIK and with half of them removed."""
    from payung.coverage.tasks import snapshot_after_change
    from payung.imports import writer
    from payung.imports.services import run_import
    from payung.linkage import engine, services
    from payung.synth.generate import generate
    from payung.synth.write import write_all

    synth = generate(n_workers=n_workers, seed=seed)
    write_all(synth, out)
    prepare_database(synth.summary["regency"])
    started = time.perf_counter()
    run_import("workers", out / "workers.csv")
    run_import("participants", out / "participants.csv")
    print(f"[{label}] imported in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    settle_database()
    truth = pl.read_csv(
        out / "truth_links.csv", schema_overrides={"kpj": pl.String, "worker_source_row": pl.Int64}
    )

    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    result = services.run_linkage()  # linkage alone: its reactions are queued, not run
    payung_seconds = time.perf_counter() - started
    # The coverage page shows the run's figures once its reaction has taken the snapshot.
    started = time.perf_counter()
    snapshot_after_change.call(event="links.changed")
    snapshot_seconds = time.perf_counter() - started
    services.export_links(out / "payung_links.csv")
    payung = pl.read_csv(
        out / "payung_links.csv", schema_overrides={"kpj": pl.String, "worker_source_row": pl.Int64}
    )
    rows.append(
        {"size": label, "method": "Payung", "seconds": payung_seconds}
        | score(payung, truth)
        | {"review": result.review}
    )
    phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.phases.items())
    rows[-1]["note"] = (
        f"end to end ({phases} s); review {result.review}, duplicates {result.duplicates}"
    )
    rows.append(
        rows[-1]
        | {
            "method": "+ snapshot",
            "seconds": payung_seconds + snapshot_seconds,
            "note": f"until the coverage page shows it (the snapshot {snapshot_seconds:.2f} s)",
        }
    )

    # A month later: a new BPJS export against the same registry. Here the same export read
    # again; the run keeps the registry's duplicates, its state unchanged since the first.
    started = time.perf_counter()
    again = services.run_linkage()
    again_seconds = time.perf_counter() - started
    services.export_links(out / "payung_links_again.csv")
    rows.append(
        {"size": label, "method": "again", "seconds": again_seconds}
        | score(
            pl.read_csv(
                out / "payung_links_again.csv",
                schema_overrides={"kpj": pl.String, "worker_source_row": pl.Int64},
            ),
            truth,
        )
        | {
            "review": again.review,
            "note": "a second run, the registry unchanged: its duplicates kept"
            if again.registry_unchanged
            else "a second run (the registry's duplicates searched again)",
        }
    )

    workers = services.read_workers().join(
        writer.read_frame(
            "SELECT id, nik FROM registry_worker", {"id": pl.Int64, "nik": pl.String}
        ),
        on="id",
    )
    participants = services.read_participants().join(
        writer.read_frame(
            "SELECT id, kpj, nik FROM participants_participant",
            {"id": pl.Int64, "kpj": pl.String, "nik": pl.String},
        ),
        on="id",
    )
    # The same cascade on the frames already in memory, timed as the other two are.
    frames, seconds, runs = timed(lambda: engine.link(workers, participants), repeat)
    rows.append(
        {"size": label, "method": "Payung mem", "seconds": seconds, "note": f"engine.link {runs}"}
        | score(as_links(frames.links, workers, participants), truth)
        | {"review": frames.review.height}
    )
    hand, seconds, runs = timed(lambda: engine.link(workers, participants, learn=False), repeat)
    rows.append(
        {"size": label, "method": "hand-set", "seconds": seconds, "note": f"learn=False {runs}"}
        | score(as_links(hand.links, workers, participants), truth)
        | {"review": hand.review.height}
    )
    exact, seconds, runs = timed(lambda: exact_nik(workers, participants), repeat)
    rows.append(
        {"size": label, "method": "exact NIK", "seconds": seconds, "note": runs}
        | score(exact, truth)
    )
    if has_splink():
        found, seconds, runs = timed(lambda: splink_links(workers, participants), repeat)
        rows.append(
            {"size": label, "method": "Splink", "seconds": seconds, "note": runs}
            | score(found, truth)
        )
    # The same lists with every NIK, then half of them, removed on both sides.
    for share, tag in ((1.0, "noNIK"), (0.5, "halfNIK")) if variants else ():
        w, p = without_niks(workers, share, seed), without_niks(participants, share, seed + 1)
        for learn, method in ((True, "Payung"), (False, "hand-set")):
            run = lambda w=w, p=p, learn=learn: engine.link(w, p, learn=learn)  # noqa: E731
            frames, seconds, _ = timed(run, 1)
            rows.append(
                {"size": f"{label} {tag}", "method": method, "seconds": seconds}
                | score(as_links(frames.links, w, p), truth)
                | {"review": frames.review.height}
            )
        if has_splink():
            found, seconds, _ = timed(lambda w=w, p=p: splink_links(w, p), 1)
            rows.append(
                {"size": f"{label} {tag}", "method": "Splink", "seconds": seconds}
                | score(found, truth)
            )
    return rows


def has_splink() -> bool:
    try:
        import splink  # noqa: F401
    except ImportError:
        return False
    return True


def as_links(
    links: pl.DataFrame, workers: pl.DataFrame, participants: pl.DataFrame
) -> pl.DataFrame:
    """engine.link's links as (kpj, worker_source_row), the truth's shape."""
    return (
        links.join(
            participants.select(pl.col("id").alias("participant_id"), "kpj"), on="participant_id"
        )
        .join(workers.select(pl.col("id").alias("worker_id"), pl.col("source_row")), on="worker_id")
        .select("kpj", pl.col("source_row").alias("worker_source_row"))
    )


def without_niks(frame: pl.DataFrame, share: float, seed: int) -> pl.DataFrame:
    """`frame` with the NIK of `share` of its rows removed (the registry's status says so)."""
    gone = pl.Series(np.random.default_rng(seed).random(frame.height) < share)
    frame = frame.with_columns(
        pl.when(gone).then(None).otherwise(pl.col("nik_raw")).alias("nik_raw"),
        pl.when(gone).then(None).otherwise(pl.col("nik")).alias("nik"),
    )
    if "nik_status" in frame.columns:
        frame = frame.with_columns(
            pl.when(gone).then(pl.lit("missing")).otherwise("nik_status").alias("nik_status")
        )
    return frame


def bench_febrl(repeat: int) -> list[dict[str, Any]]:
    """FEBRL 1-3 as registry deduplication (see febrl.py): pairs within clusters."""
    import febrl

    rows: list[dict[str, Any]] = []
    for name in febrl.DATASETS:
        records = febrl.read(name)
        truth = febrl.true_pairs(records)
        workers = febrl.as_workers(records)
        label = name.replace("dataset", "FEBRL")
        for learn, method in ((True, "Payung"), (False, "hand-set")):
            found, seconds, runs = timed(
                lambda workers=workers, learn=learn: febrl.payung(workers, learn=learn), repeat
            )
            rows.append(
                {"size": label, "method": method, "seconds": seconds, "note": runs}
                | febrl.score(found, truth)
            )
        if has_splink():
            found, seconds, runs = timed(lambda records=records: febrl.splink(records), repeat)
            rows.append(
                {"size": label, "method": "Splink", "seconds": seconds, "note": runs}
                | febrl.score(found, truth)
            )
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    splink_seconds = {r["size"]: r.get("seconds") for r in rows if r["method"] == "Splink"}
    header = f"{'data':<12} {'method':<10} {'links':>8} {'precision':>9} {'recall':>8} {'F1':>8}"
    header += f" {'review':>7} {'seconds':>8} {'x Splink':>8}  note"
    print(header)
    print("-" * len(header))
    for r in rows:
        if "f1" not in r:
            print(f"{r['size']:<12} {r['method']:<10} {'':>8} {'':>9} {'':>8} {'':>8} {'':>7} "
                  f"{'':>8} {'':>8}  {r.get('note', '')}")  # fmt: skip
            continue
        base = splink_seconds.get(r["size"])
        ratio = f"{r['seconds'] / base:.2f}" if base else ""
        print(
            f"{r['size']:<12} {r['method']:<10} {r['links']:>8} {r['precision']:>9.5f} "
            f"{r['recall']:>8.5f} {r['f1']:>8.5f} {r.get('review', ''):>7} {r['seconds']:>8.2f} "
            f"{ratio:>8}  {r.get('note', '')}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=[*SIZES, "all"], default="80k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each in-memory method")
    parser.add_argument("--database", help="a postgres:// URL (flushed!); default: temp SQLite")
    parser.add_argument("--no-febrl", action="store_true", help="skip FEBRL 1-3")
    parser.add_argument(
        "--no-variants", action="store_true", help="skip the synth without (half) its NIKs"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="payung-link-bench-"))
    os.environ["DATABASE_URL"] = args.database or f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("PAYUNG_DATA_DIR", str(work))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    sizes = list(SIZES) if args.size == "all" else [args.size]
    rows: list[dict[str, Any]] = []
    for label in sizes:
        rows += bench_size(
            label, SIZES[label], args.seed, work / label, args.repeat, not args.no_variants
        )
    if not args.no_febrl:
        rows += bench_febrl(args.repeat)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
