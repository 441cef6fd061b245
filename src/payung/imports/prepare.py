"""Shared steps of preparing a file for import: pick the columns, list the problems."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import polars.selectors as cs

from payung.imports.nik import STATUSES
from payung.imports.reading import NUMERIC_SUFFIX, SOURCE_ROW, original_columns

ISSUE_COLUMNS = ["source_row", "severity", "code", "field", "value"]
REJECTED, FLAGGED = "rejected", "flagged"
# `keep__<field>` is true where a kept row's cell for <field> was flagged: the writer keeps the
# value stored before instead (payung.imports.writer), so a bad cell never erases a good one.
KEEP = "keep__"
KEPT = cs.starts_with(KEEP)


@dataclass(frozen=True)
class Rule:
    """A problem: where `when` holds, the row gets `code` on `field` with the raw `value`."""

    when: pl.Expr
    severity: str  # "rejected" or "flagged"
    code: str
    field: str


@dataclass
class Prepared:
    accepted: pl.DataFrame  # rows to write, typed
    issues: pl.DataFrame  # ISSUE_COLUMNS, one row per problem
    problem_rows: pl.DataFrame  # source_row, raw (the row's cells as JSON), once per row
    rows: int
    rejected: int
    flagged: int


# How a row finds its record (a worker by NIK, a claim its participation by KPJ): a flag on
# them is handled by the matching or linking, never by keeping the value stored before.
IDENTIFYING = frozenset({"nik", "kpj"})


def keeps_stored(severity: str, field: str) -> bool:
    """Whether an issue leaves the value stored before in place (see KEEP)."""
    return severity == FLAGGED and field not in IDENTIFYING


def unreadable(field: str, code: str, parsed: str | None = None) -> Rule:
    """Flag a value that was given but could not be read (`parsed` came out null)."""
    parsed_column = pl.col(parsed or field)
    return Rule(
        pl.col(f"raw_{field}").is_not_null() & parsed_column.is_null(), FLAGGED, code, field
    )


def nik_rules(present: pl.Expr) -> list[Rule]:
    """One flag per NIK fault (imports.nik.STATUSES): the row is kept, its NIK named."""
    return [
        Rule(present & (pl.col("nik_status") == status), FLAGGED, f"nik_{status}", "nik")
        for status in STATUSES
    ]


def pick_columns(table: pl.DataFrame, columns: dict[str, str], fields: list[str]) -> pl.DataFrame:
    """One `raw_<field>` text column per field (null when the file has none), the source row,
    and whether the NIK cell was an Excel number."""
    originals = original_columns(table)
    nik_numeric = columns.get("nik", "") + NUMERIC_SUFFIX
    return table.select(
        pl.col(SOURCE_ROW).alias("source_row"),
        *[
            (pl.col(columns[f]) if f in columns else pl.lit(None, pl.String)).alias(f"raw_{f}")
            for f in fields
        ],
        (
            pl.col(nik_numeric).fill_null(False) if nik_numeric in table.columns else pl.lit(False)
        ).alias("nik_numeric"),
        pl.all_horizontal([pl.col(c).is_null() for c in originals]).alias("empty_row"),
    )


def per_distinct(frame: pl.DataFrame, source: str, outputs: dict[str, pl.Expr]) -> pl.DataFrame:
    """Add `outputs` (expressions on column `source`) to `frame`, each computed once per distinct
    value of `source` and joined back. A list of a million workers holds some 80 desa, a dozen
    occupations, a few hundred incomes and fifty thousand birth dates: parsing each once is
    a fraction of parsing every row."""
    distinct = frame.select(pl.col(source).unique()).with_columns(**outputs)
    return frame.join(distinct, on=source, how="left", maintain_order="left", nulls_equal=True)


def apply_rules(table: pl.DataFrame, frame: pl.DataFrame, rules: list[Rule]) -> Prepared:
    """Split `frame` into accepted rows and the long list of issues the rules find, with each
    row that has an issue as `table` (the file as read) had it, as JSON, for the file sent back
    to the village."""
    # Lazily, so each rule reads only the columns it needs, and the rules run side by side.
    issue_parts = [
        frame.lazy()
        .filter(rule.when)
        .select(
            pl.col("source_row"),
            pl.lit(rule.severity).alias("severity"),
            pl.lit(rule.code).alias("code"),
            pl.lit(rule.field).alias("field"),
            pl.col(f"raw_{rule.field}").fill_null("").str.slice(0, 255).alias("value")
            if f"raw_{rule.field}" in frame.columns
            else pl.lit("").alias("value"),
        )
        for rule in rules
    ]
    issues = pl.concat(issue_parts).sort("source_row", "severity", "code").collect()
    problem_rows = table.filter(pl.col(SOURCE_ROW).is_in(issues.get_column("source_row").implode()))
    raw = problem_rows.select(
        pl.col(SOURCE_ROW).alias("source_row"),
        pl.struct(original_columns(table)).struct.json_encode().alias("raw"),
    )
    issues = issues.select(ISSUE_COLUMNS)
    rejected_rows = issues.filter(pl.col("severity") == "rejected").get_column("source_row")
    keep: dict[str, pl.Expr] = {}
    for rule in rules:
        if keeps_stored(rule.severity, rule.field):
            keep[rule.field] = keep.get(rule.field, pl.lit(False)) | rule.when.fill_null(False)
    frame = frame.with_columns(when.alias(KEEP + field) for field, when in keep.items())
    accepted = (
        frame.filter(~pl.col("source_row").is_in(rejected_rows.implode()))
        if rejected_rows.len()
        else frame
    )
    flagged = (
        issues.filter(
            (pl.col("severity") == "flagged") & ~pl.col("source_row").is_in(rejected_rows.implode())
        )
        .get_column("source_row")
        .n_unique()
    )
    return Prepared(
        accepted=accepted,
        issues=issues,
        problem_rows=raw,
        rows=frame.height,
        rejected=rejected_rows.n_unique(),
        flagged=flagged,
    )
