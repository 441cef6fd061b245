import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from payung.imports.parse import parse_date, parse_month, parse_sex
from payung.lib.numbers import parse_rupiah


def one(expr_fn: Callable[[pl.Expr], pl.Expr], value: str | None) -> Any:
    frame = pl.DataFrame({"v": [value]}, schema={"v": pl.String})
    return frame.select(expr_fn(pl.col("v"))).item()


@pytest.mark.parametrize(
    "text", ["05-07-1985", "5-7-1985", "05/07/1985", "1985-07-05", "31233", "1985-07-05 00:00:00"]
)
def test_four_date_formats_and_excel_serials(text: str) -> None:
    # 31233 days after 1899-12-30 is 1985-07-05 (Excel's serial for that date).
    assert one(parse_date, text) == dt.date(1985, 7, 5)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12 Agustus 1980", dt.date(1980, 8, 12)),
        ("12-Agu-80", dt.date(1980, 8, 12)),
        ("12 Agt. 1980", dt.date(1980, 8, 12)),
        ("12/8/80", dt.date(1980, 8, 12)),  # read as the year 80 before
        ("1 Mei 2001", dt.date(2001, 5, 1)),
        ("7 DES 1968", dt.date(1968, 12, 7)),
        ("3/4/05", dt.date(2005, 4, 3)),  # a two-digit year up to this one is this century's
        ("5 Nopember 1977", dt.date(1977, 11, 5)),
        ("05.07.1985", dt.date(1985, 7, 5)),
    ],
)
def test_dates_as_indonesians_write_them(text: str, day: dt.date) -> None:
    assert one(parse_date, text) == day


@pytest.mark.parametrize(
    "text",
    ["31-02-1990", "kemarin", "1990", "00-00-0000", "1985-07-051", "31 Februari 1980",
     "Agustus 1980", "12 Agustusan 1980"],
)  # fmt: skip
def test_impossible_dates_are_null(text: str) -> None:
    assert one(parse_date, text) is None


@pytest.mark.parametrize("text", ["2025-03", "03-2025", "3/2025", "2025/03", "15-03-2025"])
def test_months(text: str) -> None:
    assert one(parse_month, text) == dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Rp 1.500.000", 1500000),
        ("1,500,000", 1500000),
        ("1500000", 1500000),
        ("750000.00", 750000),
    ],
)
def test_rupiah(text: str, amount: int) -> None:
    assert one(parse_rupiah, text) == amount


def test_sex_words() -> None:
    assert one(parse_sex, "Laki-laki") == "L"
    assert one(parse_sex, "PEREMPUAN") == "P"
    assert one(parse_sex, "x") is None
