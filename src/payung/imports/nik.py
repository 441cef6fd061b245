"""NIK validation, set-based (Permendagri on population administration; domain brief "NIK").

A NIK is `PP KK CC DDMMYY SSSS`: the province, regency and district codes where it was issued,
the birth date with 40 added to the day for women, and a serial 0001-9999. Hand-made lists
damage NIKs in typical ways, and each gets its own status so the message can name it.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from payung.regions.kemendagri import nik_area_codes

VALID = "valid"
# In the order they are checked; the first that applies is the row's status.
STATUSES = [
    "missing",  # empty cell
    "excel_scientific",  # shown as 7.50204E+15: Excel turned it into a number
    "excel_numeric",  # a number cell (or 7502...0.0): Excel kept only 15 significant digits
    "not_digits",
    "length_15",  # one digit lost: typing, or Excel cutting it
    "wrong_length",
    "serial_zero",  # serial 0000 never exists; Excel rounding leaves it
    "unknown_area",  # first six digits are no kecamatan code
    "bad_birth_date",  # DDMMYY is no date, even allowing day + 40 for women
    "sex_mismatch",  # day + 40 says one sex, the list says the other
    "birth_date_mismatch",  # DDMMYY disagrees with the birth date column
    "duplicate_in_file",  # set by the importer: a second row with the same NIK
]


def _century_year(yy: pl.Expr) -> pl.Expr:
    this_year = dt.date.today().year
    return pl.when(2000 + yy <= this_year).then(2000 + yy).otherwise(1900 + yy)


def check_nik(
    raw: pl.Expr, numeric_cell: pl.Expr, sex: pl.Expr, birth_date: pl.Expr
) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """Return (nik, status, nik_sex, nik_birth_date) expressions.

    `nik` is the 16 digits when the status is valid, else null; `nik_sex` and
    `nik_birth_date` are what the NIK encodes whenever it has 16 digits (linkage uses them).
    """
    text = raw.str.replace_all(r"[\s\-'`]", "")
    digits = text.str.replace_all(r"\.0+$", "")
    day = digits.str.slice(6, 2).cast(pl.Int32, strict=False)
    month = digits.str.slice(8, 2).cast(pl.Int32, strict=False)
    year = _century_year(digits.str.slice(10, 2).cast(pl.Int32, strict=False))
    female = day > 40
    real_day = pl.when(female).then(day - 40).otherwise(day)
    encoded_date = (
        year.cast(pl.String)
        + "-"
        + month.cast(pl.String).str.zfill(2)
        + "-"
        + real_day.cast(pl.String).str.zfill(2)
    ).str.to_date("%Y-%m-%d", strict=False)
    has_16 = digits.str.contains(r"^\d{16}$")
    encoded_sex = pl.when(female).then(pl.lit("P")).otherwise(pl.lit("L"))
    nik_sex = pl.when(has_16 & encoded_date.is_not_null()).then(encoded_sex).otherwise(None)
    nik_birth = pl.when(has_16).then(encoded_date).otherwise(None)

    # Compare DD-MM-YY only: a list's four-digit year may be from either century.
    same_birth = (
        (birth_date.dt.day() == real_day)
        & (birth_date.dt.month() == month)
        & (birth_date.dt.year() % 100 == digits.str.slice(10, 2).cast(pl.Int32, strict=False))
    )
    status = (
        pl.when(text.is_null() | (text == ""))
        .then(pl.lit("missing"))
        .when(text.str.contains(r"^\d(\.\d+)?[eE]\+?\d+$"))
        .then(pl.lit("excel_scientific"))
        .when(numeric_cell | text.str.contains(r"^\d{15,16}\.0+$"))
        .then(pl.lit("excel_numeric"))
        .when(~digits.str.contains(r"^\d+$"))
        .then(pl.lit("not_digits"))
        .when(digits.str.len_chars() == 15)
        .then(pl.lit("length_15"))
        .when(digits.str.len_chars() != 16)
        .then(pl.lit("wrong_length"))
        .when(digits.str.slice(12, 4) == "0000")
        .then(pl.lit("serial_zero"))
        .when(~digits.str.slice(0, 6).is_in(list(nik_area_codes())))
        .then(pl.lit("unknown_area"))
        .when(encoded_date.is_null())
        .then(pl.lit("bad_birth_date"))
        .when(sex.is_not_null() & (sex != encoded_sex))
        .then(pl.lit("sex_mismatch"))
        .when(birth_date.is_not_null() & ~same_birth)
        .then(pl.lit("birth_date_mismatch"))
        .otherwise(pl.lit(VALID))
    )
    nik = pl.when(status == VALID).then(digits).otherwise(None)
    return nik, status, nik_sex, nik_birth
