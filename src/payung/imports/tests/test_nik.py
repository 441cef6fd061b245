"""Each NIK fault in the brief gets its own, named status."""

import datetime as dt

import polars as pl
import pytest

from payung.imports.nik import with_nik_check


def status_of(
    raw: str | None, *, sex: str | None = None, born: dt.date | None = None, numeric: bool = False
) -> str:
    frame = pl.DataFrame(
        {"raw": [raw], "numeric": [numeric], "sex": [sex], "born": [born]},
        schema={"raw": pl.String, "numeric": pl.Boolean, "sex": pl.String, "born": pl.Date},
    )
    checked = with_nik_check(frame, raw="raw", numeric_cell="numeric", sex="sex", birth_date="born")
    return str(checked.get_column("nik_status").item())


# 75.02.01 = Paguyaman, Boalemo; born 5 July 1985, a woman (5 + 40 = 45); serial 0001.
WOMAN = "7502014507850001"


def test_a_real_nik_is_valid_and_agrees_with_sex_and_birth_date() -> None:
    assert status_of(WOMAN, sex="P", born=dt.date(1985, 7, 5)) == "valid"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, "missing"),
        ("", "missing"),
        ("7.50201E+15", "excel_scientific"),
        ("7502014507850000.0", "excel_numeric"),
        ("750201450785001", "length_15"),
        ("75020145078500011", "wrong_length"),
        ("75020145O7850001", "not_digits"),
        ("7502014507850000", "serial_zero"),
        ("9902014507850001", "unknown_area"),  # province 99 does not exist
        ("7502017507850001", "bad_birth_date"),  # day 75 - 40 = 35
        ("7502014513850001", "bad_birth_date"),  # month 13
    ],
)
def test_each_damage_is_named(raw: str | None, expected: str) -> None:
    assert status_of(raw) == expected


def test_numeric_excel_cell_is_named_even_when_it_looks_whole() -> None:
    assert status_of(WOMAN, numeric=True) == "excel_numeric"


def test_sex_must_agree_with_the_day_plus_40_rule() -> None:
    assert status_of(WOMAN, sex="L") == "sex_mismatch"
    assert status_of("7502010507850001", sex="L") == "valid"


def test_birth_date_must_agree() -> None:
    assert status_of(WOMAN, born=dt.date(1985, 7, 6)) == "birth_date_mismatch"


def test_typed_digit_wrong_in_the_area_code_is_caught() -> None:
    assert status_of("7592014507850001") == "unknown_area"  # 75.92 is no regency
    assert status_of("7520014507850001") == "unknown_area"  # two digits swapped


def test_what_the_nik_encodes_is_kept_for_linkage() -> None:
    frame = pl.DataFrame({"raw": [WOMAN], "numeric": [False], "sex": [None], "born": [None]})
    frame = frame.with_columns(pl.col("sex").cast(pl.String), pl.col("born").cast(pl.Date))
    checked = with_nik_check(frame, raw="raw", numeric_cell="numeric", sex="sex", birth_date="born")
    assert checked.select("nik", "nik_sex", "nik_birth_date").row(0) == (
        WOMAN,
        "P",
        dt.date(1985, 7, 5),
    )
