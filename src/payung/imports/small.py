"""A small table a person made (a file of NIKs, the BPS figures, a quota table): read as the big
imports are read (.csv with any delimiter and encoding, or .xlsx, every cell text), its columns
found by their Indonesian or English names, as the big imports' headers are."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from payung.imports.headers import match_columns
from payung.imports.reading import NUMERIC_SUFFIX, SOURCE_ROW, read_table


def read_small_table(
    path: Path, synonyms: dict[str, list[str]], required: tuple[str, ...]
) -> pl.DataFrame:
    """The file's rows as `SOURCE_ROW` (its row number) and one text column per field found.
    Raises ImportRefused, with a message for the person, when the file cannot be read or lacks
    a required column."""
    table = read_table(path)
    headers = [c for c in table.columns if c != SOURCE_ROW and not c.endswith(NUMERIC_SUFFIX)]
    found = match_columns(headers, synonyms, required, {}).columns
    return table.select(
        pl.col(SOURCE_ROW), *(pl.col(column).alias(name) for name, column in found.items())
    )
