"""NIK validation, set-based (Permendagri on population administration; domain brief "NIK").

A NIK is `PP KK CC DDMMYY SSSS`: the province, regency and district codes where it was issued,
the birth date with 40 added to the day for women, and a serial 0001-9999. Hand-made lists
damage NIKs in typical ways, and each gets its own status so the message can name it.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.utils.translation import gettext_lazy as _

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
# Each status as a page says it (a code such as `length_15` is no word for a clerk).
LABELS = {
    VALID: _("valid NIK"),
    "missing": _("NIK empty"),
    "excel_scientific": _("NIK turned into a number by Excel (7,50204E+15)"),
    "excel_numeric": _("NIK kept by Excel as a number: its last digits lost"),
    "not_digits": _("NIK with characters other than digits"),
    "length_15": _("NIK cut to 15 digits (Excel or typing)"),
    "wrong_length": _("NIK without 16 digits"),
    "serial_zero": _("NIK ending in 0000 (Excel rounding)"),
    "unknown_area": _("NIK of no known kecamatan"),
    "bad_birth_date": _("NIK whose digits 7-12 are no birth date"),
    "sex_mismatch": _("NIK of the other sex (day + 40 for women)"),
    "birth_date_mismatch": _("NIK that disagrees with the birth date"),
    "duplicate_in_file": _("NIK twice in one file"),
}


def status_label(status: str) -> str:
    return str(LABELS.get(status, status))


def _century_year(yy: pl.Expr) -> pl.Expr:
    this_year = dt.date.today().year
    return pl.when(2000 + yy <= this_year).then(2000 + yy).otherwise(1900 + yy)


def nik_text(expr: pl.Expr) -> pl.Expr:
    """A NIK cell without what people put in it: spaces, dashes, the apostrophe that makes
    Excel keep text, and dots between groups of digits (7502.0145.0785.0001). Not the ".0" of
    a NIK Excel turned into a number, nor the point of 7.50204E+15: those tell of damage, and
    the checks below name it."""
    text = expr.str.replace_all(r"[\s\-'`]", "")
    grouped = text.str.contains(r"^\d+(?:\.\d+){2,}$")
    return pl.when(grouped).then(text.str.replace_all(".", "", literal=True)).otherwise(text)


def with_nik_check(
    frame: pl.DataFrame, *, raw: str, numeric_cell: str, sex: str, birth_date: str
) -> pl.DataFrame:
    """Add `nik`, `nik_status`, `nik_sex` and `nik_birth_date` to `frame`.

    `nik` is the 16 digits when the status is valid, else null; `nik_sex` and
    `nik_birth_date` are what the NIK encodes whenever it has 16 digits (linkage uses them).
    Built in stages so each intermediate column is computed once.
    """
    col = pl.col
    staged = frame.with_columns(nik_text(col(raw)).alias("_nik_text")).with_columns(
        col("_nik_text").str.replace_all(r"\.0+$", "").alias("_nik_digits")
    )
    digits = col("_nik_digits")
    staged = staged.with_columns(
        digits.str.contains(r"^\d{16}$").fill_null(False).alias("_nik_16"),
        digits.str.slice(6, 2).cast(pl.Int32, strict=False).alias("_nik_day"),
        digits.str.slice(8, 2).cast(pl.Int32, strict=False).alias("_nik_month"),
        digits.str.slice(10, 2).cast(pl.Int32, strict=False).alias("_nik_yy"),
    ).with_columns(
        (col("_nik_day") > 40).alias("_nik_female"),
        pl.when(col("_nik_day") > 40)
        .then(col("_nik_day") - 40)
        .otherwise(col("_nik_day"))
        .alias("_nik_real_day"),
    )
    # The month's first day exists for any month clipped to 1-12; the date is that plus the day,
    # and null for month 13, day 0 or 31 February (arithmetic, not parsing text: 5x faster).
    month_start = pl.date(_century_year(col("_nik_yy")), col("_nik_month").clip(1, 12), 1)
    real_date = col("_nik_month").is_between(1, 12) & col("_nik_real_day").is_between(
        1, month_start.dt.days_in_month()
    )
    encoded_date = pl.when(real_date).then(month_start + pl.duration(days=col("_nik_real_day") - 1))
    staged = staged.with_columns(
        pl.when(col("_nik_16")).then(encoded_date).otherwise(None).alias("nik_birth_date")
    )
    encoded_sex = pl.when(col("_nik_female")).then(pl.lit("P")).otherwise(pl.lit("L"))
    # Compare DD-MM-YY only: a list's four-digit year may be from either century.
    same_birth = (
        (col(birth_date).dt.day() == col("_nik_real_day"))
        & (col(birth_date).dt.month() == col("_nik_month"))
        & (col(birth_date).dt.year() % 100 == col("_nik_yy"))
    )
    text = col("_nik_text")
    status = (
        pl.when(text.is_null() | (text == ""))
        .then(pl.lit("missing"))
        .when(text.str.contains(r"^\d(\.\d+)?[eE]\+?\d+$"))
        .then(pl.lit("excel_scientific"))
        .when(col(numeric_cell) | text.str.contains(r"^\d{15,16}\.0+$"))
        .then(pl.lit("excel_numeric"))
        .when(~digits.str.contains(r"^\d+$"))
        .then(pl.lit("not_digits"))
        .when(digits.str.len_chars() == 15)
        .then(pl.lit("length_15"))
        .when(~col("_nik_16"))
        .then(pl.lit("wrong_length"))
        .when(digits.str.slice(12, 4) == "0000")
        .then(pl.lit("serial_zero"))
        .when(~digits.str.slice(0, 6).is_in(pl.Series(sorted(nik_area_codes())).implode()))
        .then(pl.lit("unknown_area"))
        .when(col("nik_birth_date").is_null())
        .then(pl.lit("bad_birth_date"))
        .when(col(sex).is_not_null() & (col(sex) != encoded_sex))
        .then(pl.lit("sex_mismatch"))
        .when(col(birth_date).is_not_null() & ~same_birth)
        .then(pl.lit("birth_date_mismatch"))
        .otherwise(pl.lit(VALID))
    )
    staged = staged.with_columns(
        status.alias("nik_status"),
        pl.when(col("_nik_16") & col("nik_birth_date").is_not_null())
        .then(encoded_sex)
        .otherwise(None)
        .alias("nik_sex"),
    ).with_columns(
        pl.when(col("nik_status") == VALID).then(digits).otherwise(None).alias("nik"),
    )
    return staged.drop(c for c in staged.columns if c.startswith("_nik_"))
