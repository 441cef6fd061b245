"""The coverage API: the same figures as the page, documented in /api/openapi.json."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.coverage.models import Target, WorkingPopulation
from payung.coverage.tests.helpers import DESA_A, DESA_B, Builder

OCT = dt.date(2026, 10, 1)


@pytest.fixture
def client(make_user: Any) -> Client:
    b = Builder()
    for i in range(4):
        w = b.worker(desa=DESA_A if i < 3 else DESA_B)
        if i % 2 == 0:
            b.participant("BPU", OCT, worker=w)
    WorkingPopulation.objects.create(year=2026, region_id="75.02", workers=20)
    Target.objects.create(year=2026, region_id="75.02", rate="0.5")
    c = Client()
    c.force_login(make_user(Role.PIMPINAN))
    return c


def test_summary_and_breakdown(client: Client) -> None:
    summary = client.get("/api/coverage/summary", {"month": "2026-10"}).json()
    assert (summary["code"], summary["workers"], summary["active"]) == ("75.02", 4, 2)
    assert summary["ucj"] == pytest.approx(2 / 20) and summary["gap_official"] == 10 - 2
    rows = client.get("/api/coverage/breakdown", {"by": "kecamatan", "month": "2026-10"}).json()
    assert [(r["code"], r["workers"], r["active"], r["coverage"]) for r in rows] == [
        ("75.02.01", 3, 2, pytest.approx(2 / 3, abs=1e-6)),
        ("75.02.04", 1, 0, 0.0),
    ]
    crossed = client.get(
        "/api/coverage/breakdown", {"by": "segment", "then": "desa", "month": "2026-10"}
    ).json()
    assert {r["key"]: r["active"] for r in crossed}[f"{DESA_A}\tBPU"] == 2


def test_errors_and_log_in(client: Client) -> None:
    assert client.get("/api/coverage/breakdown", {"by": "planet"}).status_code == 400
    assert client.get("/api/coverage/summary", {"month": "10-2026"}).status_code == 400
    assert Client().get("/api/coverage/summary").status_code == 401


def test_openapi_documents_every_coverage_endpoint(client: Client) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    documented = {p for p in doc["paths"] if p.startswith("/api/coverage/")}
    for endpoint in documented:
        assert client.get(endpoint, {"month": "2026-10"}).status_code == 200, endpoint
    assert documented == {
        "/api/coverage/summary", "/api/coverage/breakdown", "/api/coverage/trend",
        "/api/coverage/closing", "/api/coverage/figures",
    }  # fmt: skip
