"""No page shows a raw code where a word belongs: `length_15`, `age_band`, `operator_opd` are
the program's names for things, not a clerk's."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.assistance.tests.builders import World

pytestmark = pytest.mark.usefixtures("regions", "seeded_rules")

# snake_case words: a code (length_15, birth_date_mismatch, operator_opd, dbh_cht)
CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def visible_text(page: str) -> str:
    """What a reader sees: no tags, attributes, scripts or styles; entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_main_pages_show_words_not_codes(make_user: Any) -> None:
    world = World()
    farmer = world.poor(name="Yanti Mohamad", nik=None, nik_raw="750201450785000",
                        nik_status="length_15")  # fmt: skip  # Excel cut its NIK
    world.active(farmer, "BPU")
    programme = world.programme()
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    pages = [
        "/", "/cakupan/", "/cakupan/tabel/?by=age_band&then=decile", "/kepesertaan/",
        "/kepesertaan/tanpa-pekerja/", "/bantuan/", f"/bantuan/{programme.pk}/",
        "/registri/?q=yanti", f"/registri/pekerja/{farmer.pk}/", "/registri/belum-tercakup/",
        "/iuran/?segment=bpu&amount=1500000&months=1", "/impor/",
    ]  # fmt: skip
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        codes = set(CODE.findall(visible_text(response.content.decode())))
        if codes:
            found[url] = codes
    assert found == {}


def test_the_check_sees_a_code() -> None:
    assert CODE.findall(visible_text("<td>nik_length_15</td><td title='x_y'>NIK</td>")) == [
        "nik_length_15"
    ]
