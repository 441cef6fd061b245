"""A role without the right to a full NIK sees none, wherever in the file a NIK was typed
(issue 14, item 1): on the batch page and in perbaikan.xlsx, through the URLs it would use."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client

from payung.accounts.masking import mask_birth_date, mask_niks_in
from payung.accounts.roles import Role
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"
HEADER = [*WORKER_HEADER, "No KK", "NIK Suami"]
KK, HUSBAND, STRAY = "7502010101230004", "7502011203900002", "7502014507850009"
ROWS = [
    # A NIK typed into the birth date column, a family card number and a husband's NIK beside.
    ["7502014507850001", "Siti", "P", STRAY, DESA, "Petani", "1500000", KK, HUSBAND],
    # A damaged NIK of the row itself, with its sex and birth date.
    ["750201450785", "Ani", "P", "05-07-1985", DESA, "Petani", "abc", "", "7502 0112 0390 0003"],
]
SIXTEEN = re.compile(r"(?<!\d)\d{16}(?!\d)")


def _batch(tmp_path: Path, operator: Any) -> int:
    path = write_csv(tmp_path / "desa.csv", [HEADER, *ROWS])
    return run_import("workers", path, user=operator).batch


def _texts(client: Client, batch: int) -> tuple[str, str]:
    page = client.get(f"/impor/batch/{batch}/")
    assert page.status_code == 200
    book = client.get(f"/impor/batch/{batch}/perbaikan.xlsx")
    assert book.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(book.streaming_content)))  # type: ignore[attr-defined]
    sheet = workbook.active
    assert sheet is not None
    cells = " | ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    return page.content.decode(), cells


def test_an_operator_sees_no_full_nik_in_any_column_or_message(
    tmp_path: Path, make_user: Any
) -> None:
    operator = make_user(Role.OPERATOR_OPD)
    client = Client()
    client.force_login(operator)
    page, book = _texts(client, _batch(tmp_path, operator))
    for text in (page, book):
        assert not SIXTEEN.findall(text), SIXTEEN.findall(text)
        assert "7502 0112 0390 0003" not in text
    assert "750201**********" in book  # masked, not dropped: the village sees which row
    assert "05-07-1985" not in book and "**-**-1985" in book  # beside a masked NIK
    assert "Siti" in book  # the rest of the row is there to correct


def test_an_analis_sees_the_numbers_whole(tmp_path: Path, make_user: Any) -> None:
    batch = _batch(tmp_path, make_user(Role.OPERATOR_OPD))
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    page, book = _texts(client, batch)
    assert STRAY in page and {KK, HUSBAND, STRAY} <= set(SIXTEEN.findall(book))


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("7502014507850001", "750201**********"),
        ("NIK 7502014507850001 dan 7502011203900002", "NIK 750201********** dan 750201**********"),
        ("7502.0145.0785.0001", "7502.01**.****.****"),
        ("750201450785000", "750201*********"),  # cut to 15 digits by Excel: still a NIK
        ("0812345678901", "0812345678901"),  # a phone number
        ("Rp 1.500.000", "Rp 1.500.000"),
    ],
)
def test_masking_goes_by_value(text: str, masked: str) -> None:
    assert mask_niks_in(text) == masked


def test_a_birth_date_keeps_only_its_year() -> None:
    assert mask_birth_date("05-07-1985") == "**-**-1985"
    assert mask_birth_date("1985-07-05") == "1985-**-**"
    assert mask_birth_date("7502014507850001") == "*" * 16  # no year in it: nothing left


def test_an_operator_sees_only_its_own_agencys_batches(tmp_path: Path, make_user: Any) -> None:
    pmd = make_user(Role.OPERATOR_OPD, username="operator-pmd", opd_code="dinas-pmd")
    disnaker = make_user(Role.OPERATOR_OPD)
    colleague = make_user(Role.OPERATOR_OPD, username="operator-pmd-2", opd_code="dinas-pmd")
    theirs = _batch(tmp_path, pmd)
    mine = Client()
    mine.force_login(disnaker)
    assert mine.get(f"/impor/batch/{theirs}/").status_code == 404
    assert mine.get(f"/impor/batch/{theirs}/perbaikan.xlsx").status_code == 404
    assert f"/impor/batch/{theirs}/" not in mine.get("/impor/").content.decode()
    same_agency = Client()
    same_agency.force_login(colleague)
    assert same_agency.get(f"/impor/batch/{theirs}/").status_code == 200
    analis = Client()
    analis.force_login(make_user(Role.ANALIS))
    assert analis.get(f"/impor/batch/{theirs}/").status_code == 200
