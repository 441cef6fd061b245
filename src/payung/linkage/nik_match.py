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

from payung.imports.nik import nik_text

NIK_LENGTH = 16


def with_nik_columns(frame: pl.DataFrame, raw: str = "nik_raw") -> pl.DataFrame:
    """Add nik16 (16 digits, serial not 0000), nik15 (15 digits), nik12 (area and birth date of
    a NIK whose serial Excel rounded to 0000), area6 (the issuing kecamatan, also from the
    scientific display) and nik_sex (the day of DDMMYY: women have day + 40)."""
    text = nik_text(pl.col(raw).fill_null(""))
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
    last digit), and each pair of different neighbours swapped. From a 15-digit NIK: each digit
    that may have been left out, at each place. Only the frame's own rows are expanded (the
    damaged or still unmatched NIKs), so the join against the whole registry stays an
    equality join. Generated with numpy, a few whole-matrix operations per kind of slip.
    """
    units = 10 ** np.arange(NIK_LENGTH - 1, -1, -1, dtype=np.int64)  # 10**15 for the first
    steps = np.arange(1, 10, dtype=np.int64)  # to each of the nine other digits
    sixteen = frame.select(id_column, pl.col("nik16").cast(pl.Int64).alias("n")).drop_nulls("n")
    ids, n = sixteen[id_column].to_numpy(), sixteen["n"].to_numpy()
    current = _digit_matrix(n)  # (rows, 16)
    # What turning digit d at place p into each of the nine others adds: (16, 10, 9).
    was = np.arange(10, dtype=np.int64)[:, None]
    change = ((was + steps) % 10 - was)[None, :, :] * units[:, None, None]
    # (rows, 16 * 9): the NIK with one digit turned into another, in one gather and one sum.
    positions = np.arange(NIK_LENGTH)[None, :]
    substituted = (n[:, None, None] + change[positions, current]).reshape(len(n), NIK_LENGTH * 9)
    current = current.astype(np.int64)
    # (rows, 15): digits p-1 and p swapped, kept only where they differ.
    a, b = current[:, :-1], current[:, 1:]
    swapped = n[:, None] + (b - a) * units[None, :-1] + (a - b) * units[None, 1:]
    differ = a != b
    fifteen = frame.select(id_column, pl.col("nik15").cast(pl.Int64).alias("m")).drop_nulls("m")
    short_ids, m = fifteen[id_column].to_numpy(), fifteen["m"].to_numpy()
    # (rows, 16, 10): each digit put back at each of the sixteen places.
    high = (m[:, None] // units[None, :]) * (units[None, :] * 10)
    low = m[:, None] % units[None, :]
    digits = np.arange(10, dtype=np.int64)
    inserted = (high + low)[:, :, None] + digits[None, None, :] * units[None, :, None]
    return pl.DataFrame(
        {
            id_column: np.concatenate(
                [
                    np.repeat(ids, substituted.shape[1]),
                    np.broadcast_to(ids[:, None], swapped.shape)[differ],
                    np.repeat(short_ids, NIK_LENGTH * 10),
                ]
            ),
            "nik_int": np.concatenate([substituted.ravel(), swapped[differ], inserted.ravel()]),
        },
        schema={id_column: pl.Int64, "nik_int": pl.Int64},
    )


# Rows of a frame expanded at a time by `neighbours_among`: its arrays stay under 20 MB each,
# so the allocator hands the same memory back chunk after chunk instead of fresh pages.
CHUNK_ROWS = 16_000
# A NIK's slot in the presence bitmap: Fibonacci hashing onto 2**24 slots (16 MB of flags).
SLOT_BITS = 24
_FIBONACCI = np.uint64(0x9E3779B97F4A7C15)


def _slots(niks: np.ndarray) -> np.ndarray:
    return (niks.astype(np.uint64) * _FIBONACCI) >> np.uint64(64 - SLOT_BITS)


def neighbours_among(frame: pl.DataFrame, id_column: str, niks: pl.Series) -> pl.DataFrame:
    """The rows of `neighbours` whose NIK may be one of `niks` (16-digit NIKs as integers):
    every one that is, and a few that are not, for the caller's join to drop.

    A million NIKs expand into ten million neighbours, of which a few thousand exist. So the
    frame is expanded a chunk at a time and each chunk is cut down at once to the neighbours
    whose slot in a bitmap of `niks` is set (about one in sixteen false alarms for a million
    NIKs), before anything is joined."""
    present = np.zeros(1 << SLOT_BITS, dtype=bool)
    present[_slots(niks.drop_nulls().to_numpy())] = True
    chunks = []
    for chunk in frame.iter_slices(CHUNK_ROWS):
        near = neighbours(chunk, id_column)
        chunks.append(near.filter(pl.Series(present[_slots(near["nik_int"].to_numpy())])))
    # The expansion of no rows gives the columns when the frame has none.
    return pl.concat([neighbours(frame.clear(), id_column), *chunks])


def deletions(frame: pl.DataFrame, id_column: str) -> pl.DataFrame:
    """(id, nik15_int) rows: each 16-digit NIK with one digit left out, as a list that dropped
    a digit would show it, held as an integer (two 15-digit texts are equal when their
    integers are). A NIK with two equal neighbours gives the same row twice."""
    sixteen = frame.select(id_column, pl.col("nik16").cast(pl.Int64).alias("n")).drop_nulls("n")
    ids, n = sixteen[id_column].to_numpy(), sixteen["n"].to_numpy()
    high = 10 ** np.arange(NIK_LENGTH, 0, -1, dtype=np.int64)  # 10**16 for the first digit
    low = high // 10
    cut = (n[:, None] // high[None, :]) * low[None, :] + n[:, None] % low[None, :]
    return pl.DataFrame(
        {id_column: np.repeat(ids, NIK_LENGTH), "nik15_int": cut.ravel()},
        schema={id_column: pl.Int64, "nik15_int": pl.Int64},
    )


def may_be_two_digits_apart(n: pl.Expr, n_r: pl.Expr) -> pl.Expr:
    """False only for two 16-digit NIKs at least three digits apart: two slips (typed, swapped)
    leave at least one of the parts 6 + 5 + 5 digits whole, so a pair that differs in all
    three is three slips apart or more. Three integer operations instead of a digit matrix."""
    parts = [(n // 10**10, n_r // 10**10), (n // 10**5 % 10**5, n_r // 10**5 % 10**5)]
    parts.append((n % 10**5, n_r % 10**5))
    return n.is_null() | n_r.is_null() | pl.any_horizontal([a == b for a, b in parts])


def _digit_matrix(niks: np.ndarray) -> np.ndarray:
    """(rows, 16) digits of 16-digit NIKs held as integers; two 8-digit halves in int32,
    whose divisions cost a fraction of int64 ones."""
    digits = np.empty((len(niks), NIK_LENGTH), dtype=np.int8)
    high, low = np.divmod(niks, 10**8)
    for half, last in ((low.astype(np.int32), NIK_LENGTH - 1), (high.astype(np.int32), 7)):
        for position in range(last, last - 8, -1):
            half, digit = np.divmod(half, np.int32(10))
            digits[:, position] = digit
    return digits


def digit_differences(n: np.ndarray, n_r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For two arrays of 16-digit NIKs held as integers: how many digits differ, and whether
    they differ by two neighbouring digits swapped. A 16-column digit matrix in numpy: a
    fraction of what sixteen Polars expressions per digit cost on a million pairs."""
    left, right = _digit_matrix(n), _digit_matrix(n_r)
    differ = left != right
    hamming = differ.sum(axis=1, dtype=np.int8)
    swapped = (
        differ[:, :-1]
        & differ[:, 1:]
        & (left[:, :-1] == right[:, 1:])
        & (left[:, 1:] == right[:, :-1])
    ).any(axis=1)
    return hamming, swapped & (hamming == 2)
