"""A desa named in a file, by its Kemendagri code (with or without dots) or its name."""

from __future__ import annotations

import polars as pl
from django.conf import settings

from payung.imports.headers import fold
from payung.regions import selectors as regions


def desa_lookup() -> pl.DataFrame:
    """Every way a desa may be written (code, code without dots, name) -> its code."""
    desa = regions.desa_of_regency(settings.PAYUNG_REGENCY).values_list("code", "name")
    table = pl.DataFrame(list(desa), schema={"code": pl.String, "name": pl.String}, orient="row")
    by_name = (
        table.with_columns(pl.col("name").map_elements(fold, return_dtype=pl.String).alias("key"))
        .group_by("key")
        .agg(pl.col("code").first(), pl.len().alias("n"))
        .select("key", pl.when(pl.col("n") == 1).then("code").otherwise(pl.lit("?")).alias("code"))
    )
    return pl.concat(
        [
            table.select(pl.col("code").alias("key"), "code"),
            table.select(pl.col("code").str.replace_all(r"\.", "").alias("key"), "code"),
            by_name,
        ],
        how="vertical_relaxed",
    ).unique("key")


def desa_code(raw_desa: pl.Expr, lookup: pl.DataFrame) -> pl.Expr:
    """The desa code a cell names (by code, code without dots, or name); "?" when the name is
    that of several desa, null when it is none."""
    key = raw_desa.str.strip_chars().str.to_lowercase().str.replace_all(r"[^0-9a-z.]+", " ")
    key = (
        pl.when(key.str.contains(r"^[\d.]+$"))
        .then(key)
        .otherwise(key.str.replace_all(r"\.", " ").str.replace_all(r"\s+", " ").str.strip_chars())
    )
    return key.replace_strict(lookup["key"], lookup["code"], default=None, return_dtype=pl.String)
