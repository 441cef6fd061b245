"""The claims pages from the outside: who may open them, what a masked role sees of a
bereaved family, and the impact table's figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.claims.tests.builders import claims_file
from payung.imports.services import run_import

pytestmark = pytest.mark.usefixtures("regions")


@pytest.fixture
def imported(tmp_path: Path, world: dict[str, Any]) -> dict[str, Any]:
    rows = (
        f"K-1,{world['died']},Ahmad Sutrisno,JKM,10-05-2026,20-05-2026,42.000.000,Dibayar,"
        "Siti Aminah\n"
        f"K-5,{world['hurt']},Budi,JKK,05-06-2026,20-06-2026,5.000.000,Dibayar,\n"
        "K-9,99999999999,Tak Dikenal,JHT,01-06-2026,15-06-2026,9.000.000,Dibayar,\n"
    )
    run_import("bpjs_claims", claims_file(tmp_path, rows))
    return world


def client_for(make_user: Any, role: Role, **kwargs: Any) -> Client:
    client = Client()
    client.force_login(make_user(role, **kwargs))
    return client


def test_the_regents_office_sees_the_cases_with_initials_only(
    imported: dict[str, Any], make_user: Any
) -> None:
    html = client_for(make_user, Role.PIMPINAN).get("/klaim/kasus/").content.decode()
    assert "A*** S***" in html and "S*** A***" in html
    assert "Ahmad" not in html and "Siti" not in html
    assert "Tak Dikenal" not in html  # a JHT claim is no case of the register
    full = client_for(make_user, Role.ANALIS).get("/klaim/kasus/?jenis=JKM").content.decode()
    assert "Ahmad Sutrisno" in full and "Siti Aminah" in full and "Budi" not in full


def test_an_agency_operator_opens_no_claim_page(imported: dict[str, Any], make_user: Any) -> None:
    client = client_for(make_user, Role.OPERATOR_OPD, opd_code="dinas-pmd")
    assert client.get("/klaim/").status_code == 403
    assert client.get("/klaim/kasus/").status_code == 403
    assert Client().get("/klaim/kasus/").status_code == 302  # to the login page


def test_the_claims_page_sets_the_programme_against_its_benefits(
    imported: dict[str, Any], make_user: Any
) -> None:
    html = client_for(make_user, Role.PIMPINAN).get("/klaim/").content.decode()
    assert "Rp 1.008.000.000" in html  # the programme's payment
    assert "Rp 47.000.000" in html  # K-1 and K-5, the programme's
    assert "Rp 56.000.000" in html  # every claim paid, K-9 too
    assert "99999999999" in html  # the claim not linked, listed
