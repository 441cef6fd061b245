"""Building NIKs and damaging them the way hand-made lists and Excel do.

A NIK is `PP KK CC DDMMYY SSSS` (Permendagri on population administration): the kecamatan code
where it was issued, the birth date with 40 added to the day for women, and a serial 0001-9999.
Everything here works on whole arrays: a NIK is an int64, or a row of 16 digits in a uint8 matrix
when single digits are damaged.
"""

from __future__ import annotations

import numpy as np

POW10 = 10 ** np.arange(15, -1, -1, dtype=np.int64)


def prefixes(
    area: np.ndarray, day: np.ndarray, month: np.ndarray, year: np.ndarray, female: np.ndarray
) -> np.ndarray:
    """The first 12 digits: area code (6 digits) and DDMMYY, women's day plus 40."""
    dd = day.astype(np.int64) + np.where(female, 40, 0)
    ddmmyy = dd * 10_000 + month.astype(np.int64) * 100 + year.astype(np.int64) % 100
    return area.astype(np.int64) * 1_000_000 + ddmmyy


def assign_serials(
    prefix: np.ndarray, order_key: np.ndarray, next_to_sibling: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Serials unique within each prefix, 1..9999.

    Dukcapil hands out serials in issuing order, so within one area and birth date they are small
    and increasing with gaps (people issued elsewhere in between). A twin issued with the sibling
    gets the next serial: rows with `next_to_sibling` share the sibling's `order_key` and follow
    it directly, with a gap of one.
    """
    n = prefix.size
    order = np.lexsort((next_to_sibling, order_key, prefix))
    gap = rng.integers(1, 12, size=n).astype(np.int64)
    gap[next_to_sibling[order]] = 1
    sorted_prefix = prefix[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = sorted_prefix[1:] != sorted_prefix[:-1]
    total = np.cumsum(gap)
    # Cumulative sum restarted at each prefix: subtract the running total just before the start.
    before_start = np.where(starts, total - gap, 0)
    serial_sorted = total - np.maximum.accumulate(before_start)
    if serial_sorted.max(initial=1) > 9999:
        raise ValueError("too many people share one NIK prefix for 4-digit serials")
    serial = np.empty(n, dtype=np.int64)
    serial[order] = serial_sorted
    return serial


def digits(nik: np.ndarray) -> np.ndarray:
    """An (n, 16) uint8 matrix of the NIKs' digits."""
    return ((nik[:, None] // POW10[None, :]) % 10).astype(np.uint8)


def to_strings(matrix: np.ndarray) -> np.ndarray:
    """Digit rows to a fixed-width unicode array (15 or 16 characters, leading zeros kept)."""
    width = matrix.shape[1]
    raw = np.ascontiguousarray(matrix + ord("0")).view(f"S{width}").ravel()
    return raw.astype(f"U{width}")


def wrong_digit(matrix: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One digit typed wrong: always a different digit, at any position."""
    out = matrix.copy()
    rows = np.arange(out.shape[0])
    pos = rng.integers(0, 16, size=rows.size)
    out[rows, pos] = (out[rows, pos] + rng.integers(1, 10, size=rows.size)) % 10
    return out


def swap_adjacent(matrix: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Two neighbouring digits typed in the wrong order; only where they differ, so it shows."""
    out = matrix.copy()
    n = out.shape[0]
    rows = np.arange(n)
    pos = np.asarray(rng.integers(0, 15, size=n))
    for _ in range(50):
        same = out[rows, pos] == out[rows, pos + 1]
        if not same.any():
            break
        pos[same] = rng.integers(0, 15, size=int(same.sum()))
    left = out[rows, pos].copy()
    out[rows, pos] = out[rows, pos + 1]
    out[rows, pos + 1] = left
    return out


def drop_digit(matrix: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One digit left out: a 15-digit NIK."""
    n = matrix.shape[0]
    pos = np.asarray(rng.integers(0, 16, size=n))
    cols = np.arange(15)[None, :]
    take = cols + (cols >= pos[:, None])
    return np.take_along_axis(matrix, take, axis=1)


def excel_last_zero(matrix: np.ndarray) -> np.ndarray:
    """Excel keeps 15 significant digits of a number: the 16th becomes 0."""
    out = matrix.copy()
    out[:, 15] = 0
    return out


def excel_serial_zero(matrix: np.ndarray) -> np.ndarray:
    """A NIK rounded further on its way through spreadsheets: the serial reads 0000."""
    out = matrix.copy()
    out[:, 12:] = 0
    return out


def excel_scientific(nik_text: np.ndarray) -> np.ndarray:
    """How Excel's General format shows a 16-digit number in a narrow column: `7.50204E+15`."""
    shown = []
    for text in nik_text.tolist():
        mantissa, exponent = f"{int(text):.5E}".split("E")
        shown.append(f"{mantissa.rstrip('0').rstrip('.')}E{exponent}")
    return np.array(shown, dtype="U16")
