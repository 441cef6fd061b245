"""What a NIK, even a damaged one, still tells a linker; and keys that find NIKs one slip apart.

A NIK is `PP KK CC DDMMYY SSSS` (Permendagri on population administration; domain brief "NIK").
Hand-made lists damage it in a few typical ways, and each leaves something usable:

- one digit typed wrong, or two neighbours swapped: still 16 digits, one edit away;
- one digit left out: 15 digits, one deletion away;
- Excel stored it as a number: the 16th digit became 0 (one edit away), or the serial became
  0000 (the first 12 digits, area and birth date, are still right), or it shows as
  `7.50204E+15` (only the area code is left).

"One slip away" is found without comparing every pair: the few NIKs still unmatched are
expanded into every NIK one substitution, swap or insertion away (`neighbours`), and those are
joined on equality with the registry's NIKs.
"""

from __future__ import annotations

import numpy as np
import polars as pl

NIK_LENGTH = 16


def with_nik_columns(frame: pl.DataFrame, raw: str = "nik_raw") -> pl.DataFrame:
    """Add nik16 (16 digits, serial not 0000), nik15 (15 digits), nik12 (area and birth date of
    a NIK whose serial Excel rounded to 0000), area6 (the issuing kecamatan, also from the
    scientific display) and nik_sex (the day of DDMMYY: women have day + 40)."""
    text = pl.col(raw).fill_null("").str.replace_all(r"[\s\-'`]", "")
    staged = frame.with_columns(
        text.str.replace(r"\.0+$", "").alias("_digits"),
        text.str.extract(r"^(\d\.\d+)[eE]\+?\d+$", 1)
        .str.replace(".", "", literal=True)
        .alias("_mantissa"),
    ).with_columns(
        pl.col("_digits").str.contains(r"^\d+$").alias("_numeric"),
        pl.col("_digits").str.len_chars().alias("_length"),
    )
    digits, numeric, length = pl.col("_digits"), pl.col("_numeric"), pl.col("_length")
    is16 = numeric & (length == NIK_LENGTH)
    serial_zero = is16 & (digits.str.slice(12, 4) == "0000")
    day = pl.when(is16).then(digits.str.slice(6, 2)).cast(pl.Int32, strict=False)
    mantissa = pl.col("_mantissa")
    return staged.with_columns(
        pl.when(is16 & ~serial_zero).then(digits).alias("nik16"),
        pl.when(numeric & (length == 15)).then(digits).alias("nik15"),
        pl.when(serial_zero).then(digits.str.slice(0, 12)).alias("nik12"),
        pl.when(mantissa.str.len_chars() >= 6)
        .then(mantissa.str.slice(0, 6))
        .when(numeric & length.is_between(15, 16))
        .then(digits.str.slice(0, 6))
        .alias("area6"),
        pl.when(day.is_between(1, 31))
        .then(pl.lit("L"))
        .when(day.is_between(41, 71))
        .then(pl.lit("P"))
        .alias("nik_sex"),
    ).drop("_digits", "_mantissa", "_numeric", "_length")


def neighbours(frame: pl.DataFrame, id_column: str) -> pl.DataFrame:
    """(id, nik_int) rows: every 16-digit NIK (as an integer) one slip away from the frame's.

    From a 16-digit NIK: each digit replaced by each other digit (a typing slip, or Excel's
    last digit), and each pair of neighbours swapped. From a 15-digit NIK: each digit that may
    have been left out, at each place. Only the frame's own rows are expanded (the damaged or
    still unmatched NIKs), so the join against the whole registry stays an equality join.
    """
    # `place` is the value of one unit at the position: 10**15 for the first digit.
    ops = pl.DataFrame(
        {"place": [10 ** (NIK_LENGTH - 1 - i) for i in range(NIK_LENGTH)]},
        schema={"place": pl.Int64},
    ).join(pl.DataFrame({"digit": list(range(10))}, schema={"digit": pl.Int64}), how="cross")
    n, m, place, digit = pl.col("n"), pl.col("m"), pl.col("place"), pl.col("digit")

    def at(value: pl.Expr, unit: pl.Expr) -> pl.Expr:
        return (value // unit) % 10

    sixteen = frame.select(id_column, pl.col("nik16").cast(pl.Int64).alias("n")).drop_nulls("n")
    replaced = sixteen.join(ops, how="cross").select(
        id_column, (n + (digit - at(n, place)) * place).alias("v")
    )
    swapped = sixteen.join(
        ops.filter((pl.col("digit") == 0) & (pl.col("place") >= 10)), how="cross"
    ).select(
        id_column, (n + (at(n, place // 10) - at(n, place)) * (place - place // 10)).alias("v")
    )
    fifteen = frame.select(id_column, pl.col("nik15").cast(pl.Int64).alias("m")).drop_nulls("m")
    inserted = fifteen.join(ops, how="cross").select(
        id_column, ((m // place) * (place * 10) + digit * place + m % place).alias("v")
    )
    return pl.concat([replaced, swapped, inserted]).rename({"v": "nik_int"})


def deletions(frame: pl.DataFrame, id_column: str) -> pl.DataFrame:
    """(id, nik15_int) rows: each 16-digit NIK with one digit left out, as a list that dropped
    a digit would show it, held as an integer (two 15-digit texts are equal when their
    integers are)."""
    n = pl.col("n")
    sixteen = frame.select(id_column, pl.col("nik16").cast(pl.Int64).alias("n")).drop_nulls("n")
    parts = []
    for position in range(NIK_LENGTH):
        high, low = 10 ** (NIK_LENGTH - position), 10 ** (NIK_LENGTH - 1 - position)
        parts.append(sixteen.select(id_column, ((n // high) * low + n % low).alias("nik15_int")))
    return pl.concat(parts).unique()


def digit_differences(n: np.ndarray, n_r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For two arrays of 16-digit NIKs held as integers: how many digits differ, and whether
    they differ by two neighbouring digits swapped. A 16-column digit matrix in numpy: a
    fraction of what sixteen Polars expressions per digit cost on a million pairs."""
    rows = len(n)
    left = np.empty((rows, NIK_LENGTH), dtype=np.int8)
    right = np.empty((rows, NIK_LENGTH), dtype=np.int8)
    for position in range(NIK_LENGTH):
        unit = 10 ** (NIK_LENGTH - 1 - position)
        left[:, position] = (n // unit) % 10
        right[:, position] = (n_r // unit) % 10
    differ = left != right
    hamming = differ.sum(axis=1, dtype=np.int8)
    swapped = (
        differ[:, :-1]
        & differ[:, 1:]
        & (left[:, :-1] == right[:, 1:])
        & (left[:, 1:] == right[:, :-1])
    ).any(axis=1)
    return hamming, swapped & (hamming == 2)
