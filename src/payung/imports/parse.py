"""Vectorised parsers for the values people type: dates in four formats, months, sex (rupiah:
payung.lib.numbers, the one rule forms and commands share).

Each takes a text expression and returns a typed expression that is null where the text is
not understood; callers compare with the input to flag what could not be read.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug


def clean_text(expr: pl.Expr) -> pl.Expr:
    """Trim, collapse inner whitespace, and turn empty strings into null."""
    # Only runs of two or more, and single tabs or newlines, need replacing: a pattern that
    # does not match the single spaces between words leaves most values alone (twice as fast).
    text = expr.str.replace_all(r"\s{2,}|[^\S ]", " ").str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def _iso(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    return (year.str.zfill(4) + "-" + month.str.zfill(2) + "-" + day.str.zfill(2)).str.to_date(
        "%Y-%m-%d", strict=False
    )


# Month names as Indonesians write them, in full or cut short (and the English ones Excel
# shows on an English Windows), longest first so "agustus" is not read as "agu" + "stus".
MONTH_WORDS = {
    1: ["januari", "january", "jan"],
    2: ["februari", "pebruari", "february", "feb", "peb"],
    3: ["maret", "march", "mar"],
    4: ["april", "apr"],
    5: ["mei", "may"],
    6: ["juni", "june", "jun"],
    7: ["juli", "july", "jul"],
    8: ["agustus", "august", "agust", "agu", "agt", "ags", "aug"],
    9: ["september", "sept", "sep"],
    10: ["oktober", "october", "okt", "oct"],
    11: ["november", "nopember", "nov", "nop"],
    12: ["desember", "december", "des", "dec"],
}


def _month_numbers(text: pl.Expr) -> pl.Expr:
    """ "12 Agustus 1980" -> "12-8-1980", "12-Agu-80" -> "12-8-80"."""
    lowered = text.str.to_lowercase()
    for number, words in MONTH_WORDS.items():
        lowered = lowered.str.replace_all(rf"\s*\b(?:{'|'.join(words)})\b\.?\s*", f"-{number}-")
    return lowered.str.replace_all(r"[\s/.,]+", "-").str.replace_all(r"-{2,}", "-")


def _century(two_digits: pl.Expr) -> pl.Expr:
    """A two-digit year: this century up to this year, else the last (a birth date in "80" is
    1980, in "05" 2005)."""
    this_year = dt.date.today().year % 100
    years = two_digits.cast(pl.Int32, strict=False)
    return pl.when(years <= this_year).then(years + 2000).otherwise(years + 1900).cast(pl.String)


def parse_date(expr: pl.Expr) -> pl.Expr:
    """dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd (optionally with a time), day and month
    with a two-digit year (12/8/80), the month written out or cut short (12 Agustus 1980,
    12-Agu-80), and Excel serial numbers.

    Each format is tried in turn by the date parser itself, which refuses 31 February.
    """
    text = expr.str.strip_chars()
    dashed = text.str.replace_all("/", "-", literal=True).str.replace_all(".", "-", literal=True)
    iso_start = dashed.str.contains(r"^\d{4}-\d{1,2}-\d{1,2}(?:[ T]|$)")
    serial = text.str.extract(r"^(\d{5})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)
    parts = _month_numbers(text).str.extract_groups(r"^(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})$")
    day, month, year = (parts.struct.field(n) for n in ("1", "2", "3"))
    full_year = pl.when(year.str.len_chars() == 2).then(_century(year)).otherwise(year)
    return pl.coalesce(
        # only a four-digit year here: "%Y" would read 80 as the year 80
        pl.when(dashed.str.contains(r"^\d{1,2}-\d{1,2}-\d{4}$")).then(
            dashed.str.to_date("%d-%m-%Y", strict=False)
        ),
        pl.when(iso_start).then(dashed.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)),
        _iso(full_year, month, day),
        # Serials 10000-80000 are 1927-2119; a bare 4-digit number is a year, not a date.
        pl.when(serial.is_between(10_000, 80_000)).then(
            (pl.lit(EXCEL_EPOCH) + pl.duration(days=serial)).cast(pl.Date)
        ),
    )


def parse_month(expr: pl.Expr) -> pl.Expr:
    """yyyy-mm, mm-yyyy (any of - / .), a full date, or an Excel serial: the month's first day."""
    text = expr.str.strip_chars()
    ym = text.str.extract_groups(r"^(\d{4})[-/.](\d{1,2})$")
    my = text.str.extract_groups(r"^(\d{1,2})[-/.](\d{4})$")
    full = parse_date(expr)
    return (
        pl.when(ym.struct.field("1").is_not_null())
        .then(_iso(ym.struct.field("1"), ym.struct.field("2"), pl.lit("1")))
        .when(my.struct.field("1").is_not_null())
        .then(_iso(my.struct.field("2"), my.struct.field("1"), pl.lit("1")))
        .otherwise(full.dt.month_start())
    )


SEX_WORDS = {
    "l": "L", "lk": "L", "laki": "L", "laki laki": "L", "laki-laki": "L", "pria": "L",
    "m": "L", "male": "L", "1": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "f": "P", "female": "P", "2": "P",
}  # fmt: skip


def parse_sex(expr: pl.Expr) -> pl.Expr:
    key = expr.str.to_lowercase().str.replace_all(r"[^a-z0-9 -]", "").str.strip_chars()
    return key.replace_strict(SEX_WORDS, default=None, return_dtype=pl.String)


def digits_only(expr: pl.Expr) -> pl.Expr:
    """Drop the spaces, dots, dashes and apostrophes people put in numbers they type."""
    return expr.str.replace_all(r"[\s.\-'`]", "")


def clean_digits(expr: pl.Expr) -> pl.Expr:
    """`digits_only(clean_text(expr))` in one pass: null when blank, else without separators."""
    return pl.when(expr.str.strip_chars() != "").then(digits_only(expr))
