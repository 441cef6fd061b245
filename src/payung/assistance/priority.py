"""The priority list: a transparent score, its parts shown, ties broken the same way every time.

Each part is a number from 0 to 1, multiplied by the programme's weight (points):
- decile: (11 − decile) ÷ 10, so decile 1 (poorest) scores 1 and decile 10 scores 0.1;
- risky occupation: 1 when the occupation is on the programme's list (coconut climber, fisher…);
- dependants: dependants ÷ 5, at most 1;
- age: (age − 18) ÷ 42, between 0 and 1: older workers first (the death benefit weighs more).
An unknown value scores 0. Ties: lower decile first, then older, then the earlier registry row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast

from payung.assistance.models import Programme
from payung.imports.writer import read_frame
from payung.registry.models import Worker

DEFAULT_RISKY_OCCUPATIONS = ("pemanjat kelapa", "nelayan", "buruh harian lepas", "petani")
MAX_DEPENDANTS = 5
AGE_FROM, AGE_SPAN = 18, 42

COLUMNS = {
    "id": pl.Int64,
    "desa_id": pl.String,
    "decile": pl.Int64,
    "occupation": pl.String,
    "birth_date": pl.Date,
    "dependants": pl.Int64,
}


@dataclass(frozen=True)
class Weights:
    decile: int
    occupation: int
    dependants: int
    age: int
    risky: tuple[str, ...]

    @classmethod
    def of(cls, programme: Programme) -> Weights:
        risky = programme.risky_occupations or DEFAULT_RISKY_OCCUPATIONS
        return cls(
            programme.weight_decile,
            programme.weight_occupation,
            programme.weight_dependants,
            programme.weight_age,
            tuple(o.strip().lower() for o in risky),
        )


def worker_frame(workers: QuerySet[Worker]) -> pl.DataFrame:
    """The columns the score needs, read in one query (birth date as text, last: an annotation
    comes after the fields in the SELECT)."""
    fields = [name for name in COLUMNS if name != "birth_date"]
    query = (
        workers.order_by()
        .annotate(birth_text=Cast("birth_date", CharField()))
        .values_list(*fields, "birth_text")
    )
    sql, params = query.query.sql_with_params()
    return read_frame(sql, {name: COLUMNS[name] for name in [*fields, "birth_date"]}, params)


def age_at(birth: pl.Expr, on: dt.date) -> pl.Expr:
    """Whole years on `on`."""
    had_birthday = (birth.dt.month() < on.month) | (
        (birth.dt.month() == on.month) & (birth.dt.day() <= on.day)
    )
    return on.year - birth.dt.year() - pl.when(had_birthday).then(0).otherwise(1)


def score(frame: pl.DataFrame, weights: Weights, on: dt.date) -> pl.DataFrame:
    """`frame` with the parts, the score and the rank (1 = first), best first."""
    age = age_at(pl.col("birth_date"), on)
    scored = frame.with_columns(
        ((11 - pl.col("decile")) / 10).fill_null(0.0).alias("part_decile"),
        pl.col("occupation")
        .is_in(list(weights.risky))
        .fill_null(False)
        .cast(pl.Float64)
        .alias("part_occupation"),
        (pl.col("dependants").clip(0, MAX_DEPENDANTS) / MAX_DEPENDANTS)
        .fill_null(0.0)
        .alias("part_dependants"),
        ((age - AGE_FROM) / AGE_SPAN).clip(0.0, 1.0).fill_null(0.0).alias("part_age"),
    )
    scored = scored.with_columns(
        (
            pl.col("part_decile") * weights.decile
            + pl.col("part_occupation") * weights.occupation
            + pl.col("part_dependants") * weights.dependants
            + pl.col("part_age") * weights.age
        )
        .round(6)
        .alias("score")
    )
    ordered = scored.sort(
        ["score", "decile", "birth_date", "id"],
        descending=[True, False, False, False],
        nulls_last=True,
    )
    return ordered.with_row_index("rank", offset=1)


def priority_list(programme: Programme, workers: QuerySet[Worker]) -> pl.DataFrame:
    return score(worker_frame(workers), Weights.of(programme), programme.start_month)
