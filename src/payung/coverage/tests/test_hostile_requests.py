"""Issue 14, items 7 and 8: what a probe sent to the coverage pages, API and exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.coverage import services
from payung.coverage.tests.helpers import DESA_A, Builder

OCT = dt.date(2026, 10, 1)


@pytest.fixture
def client(make_user: Any) -> Client:
    b = Builder()
    for occupation in ("=1+1", "@cmd", "petani"):
        b.participant("BPU", OCT, worker=b.worker(desa=DESA_A, occupation=occupation))
    services.take_snapshot(month=OCT)
    c = Client()
    c.force_login(make_user(Role.OPERATOR_OPD))
    return c


@pytest.mark.parametrize("region", ["abc", "xx", "75.01", "75.02.01\r\nSet-Cookie: x=1", "7" * 400])
def test_a_region_that_is_no_region_of_the_regency_is_refused_not_a_500(
    client: Client, region: str
) -> None:
    for url in ("summary", "closing", "breakdown", "trend"):
        response = client.get(f"/api/coverage/{url}", {"region": region, "month": "2026-10"})
        # Well-formed but outside the regency: not found; malformed: a bad parameter.
        assert response.status_code == (404 if region == "75.01" else 400), url
        assert "not a region of the regency" in response.json()["detail"]
    for by in ("closing", "trend", "kecamatan"):
        response = client.get("/cakupan/ekspor.csv", {"by": by, "region": region})
        assert response.status_code == 404, by
    assert client.get("/cakupan/tabel/", {"region": region}).status_code == 404


def test_an_export_names_its_file_from_the_checked_code_only(client: Client) -> None:
    response = client.get("/cakupan/ekspor.csv", {"by": "desa", "region": "75.02.01"})
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="cakupan-desa-')
    assert disposition.endswith('-750201.csv"')
    assert "\r" not in disposition and "\n" not in disposition


def test_an_occupation_typed_as_a_formula_stays_text_in_the_csv(client: Client) -> None:
    response = client.get("/cakupan/ekspor.csv", {"by": "occupation", "month": "2026-10"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {row[1] for row in rows[1:]}
    assert "'=1+1" in names and "'@cmd" in names  # an apostrophe first: Excel shows, not runs
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


@pytest.mark.parametrize("job", ["x" * 400, "00000000-0000-0000-0000-000000000000"])
def test_a_made_up_job_id_is_not_found(client: Client, job: str) -> None:
    assert client.get(f"/impor/tugas/{job}/").status_code == 404
    assert client.get(f"/impor/tugas/{job}/", {"format": "json"}).status_code == 404


def test_the_month_pattern_in_the_openapi_document_is_what_the_api_accepts(client: Client) -> None:
    import re

    document = client.get("/api/openapi.json").json()
    parameters = document["paths"]["/api/coverage/summary"]["get"]["parameters"]
    pattern = next(p for p in parameters if p["name"] == "month")["schema"]["pattern"]
    for month in ["1900-01", "2026-10", "2099-12", "0000-01", "2026-13", "2026-1", "0010-05"]:
        answer = client.get("/api/coverage/summary", {"month": month})
        assert (answer.status_code == 200) == bool(re.search(pattern, month)), month
        assert answer.status_code in (200, 400), month


def test_a_refused_method_names_the_allowed_ones(client: Client) -> None:
    response = client.post("/api/coverage/summary")
    assert response.status_code == 405
    # The methods in any order (django-ninja lists them from a set).
    assert sorted(m.strip() for m in response["Allow"].split(",")) == ["GET", "HEAD"]
