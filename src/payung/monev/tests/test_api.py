"""Monev's API read from the outside: the scores of the league's hand-computed case (PUPR
capped at 120 %, PMD 75 %, regency 93 %), the catalogue, and an Operator OPD kept to its own
agency's items whatever it asks for."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.monev.models import Realisation, Target
from payung.monev.tests.builders import item, open_quarter

pytestmark = pytest.mark.usefixtures("regions")


def _league() -> int:
    period = open_quarter()
    pmd = item(period, "4.1.a", "dinas-pmd")
    Target.objects.create(
        indicator=pmd.indicator, opd=pmd.opd, period=period, value=Decimal("0.80")
    )
    Realisation.objects.filter(pk=pmd.pk).update(value=Decimal("0.60"), narrative="PMD's own")
    pupr = Realisation.objects.get(period=period, opd__code="dinas-pupr")
    Target.objects.create(
        indicator=pupr.indicator, opd=pupr.opd, period=period, value=Decimal("0.50")
    )
    Realisation.objects.filter(pk=pupr.pk).update(value=Decimal("0.70"), narrative="PUPR's own")
    return period.pk


def _client(make_user: Any, role: Role, name: str, opd: str | None = None) -> Client:
    client = Client()
    client.force_login(make_user(role, name, opd_code=opd) if opd else make_user(role, name))
    return client


def test_the_scores_are_the_hand_computed_ones(make_user: Any) -> None:
    pk = _league()
    answer = _client(make_user, Role.PIMPINAN, "bupati").get(f"/api/monev/periods/{pk}/scores")
    assert answer.status_code == 200
    body = answer.json()
    assert body["regency"]["score"] == 0.93
    ranked = [(o["code"], o["rank"], o["score"]) for o in body["opds"] if o["rank"]]
    assert ranked == [("dinas-pupr", 1, 1.2), ("dinas-pmd", 2, 0.75)]
    assert "narrative" not in body["opds"][0]["items"][0]  # numbers only, for every role
    fourth = next(i for i in body["instructions"] if i["code"] == "4")
    assert fourth["score"] == 0.75 and fourth["light"] == "amber"


def test_the_catalogue_lists_every_indicator_with_its_weights(make_user: Any) -> None:
    _league()
    rows = _client(make_user, Role.ANALIS, "bappeda").get("/api/monev/indicators").json()
    codes = {r["code"]: r for r in rows}
    assert codes["4.1.a"]["owners"] == ["dinas-pmd"]
    assert codes["2.1.a"]["computed_from"] == "coverage_registry"


def test_an_operator_reads_its_own_agencys_items_only(make_user: Any) -> None:
    pk = _league()
    client = _client(make_user, Role.OPERATOR_OPD, "op-pmd", "dinas-pmd")
    mine = client.get(f"/api/monev/periods/{pk}/items").json()
    assert mine and {r["opd"] for r in mine} == {"dinas-pmd"}
    assert "PUPR's own" not in str(mine)
    assert client.get(f"/api/monev/periods/{pk}/items?opd=dinas-pupr").status_code == 404
    assert client.get(f"/api/monev/periods/{pk}/items?opd=dinas-pmd").status_code == 200
    analis = _client(make_user, Role.ANALIS, "bappeda")
    assert "PUPR's own" in str(analis.get(f"/api/monev/periods/{pk}/items").json())


def test_the_api_refuses_what_it_should(make_user: Any) -> None:
    pk = _league()
    assert Client().get(f"/api/monev/periods/{pk}/scores").status_code == 401
    bpjs = _client(make_user, Role.PETUGAS_BPJS, "bpjs")
    assert bpjs.get("/api/monev/periods").status_code == 403
    analis = _client(make_user, Role.ANALIS, "bappeda")
    assert analis.get("/api/monev/periods/999999/scores").status_code == 404
    assert analis.post("/api/monev/periods").status_code == 405
    paths = analis.get("/api/openapi.json").json()["paths"]
    assert "/api/monev/periods/{pk}/scores" in paths and "/api/coverage/summary" in paths
