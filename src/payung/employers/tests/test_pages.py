"""Employer pages from the outside: the permit check by page and command, a business's
findings with their evidence, the review queue, and who may run what."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.employers.compliance import classify
from payung.employers.matching import match_employers
from payung.employers.models import EmployerMatch, EmployerReview, ReviewDecision
from payung.employers.tests.builders import lists, seed_rules

pytestmark = pytest.mark.usefixtures("regions")

PATUH, PDS = "1000000000001", "1000000000002"


@pytest.fixture
def classified(tmp_path: Path) -> None:
    seed_rules()
    lists(
        tmp_path,
        f"{PATUH},PT Patuh,47111,kecil,Jl. Trans Sulawesi,,10,\n"
        f"{PDS},PT Kurang Pekerja,47111,kecil,,,10,\n"
        "1000000000003,PT Boalemo Indah Permai,47111,kecil,,,4,\n",
        f'21000001,PT Patuh,{PATUH},10,,"JKK,JKM,JHT",0\n'
        f'21000002,PT Kurang Pekerja,{PDS},7,,"JKK,JKM,JHT",0\n'
        '21000003,PT Boalemo Indah Mandiri,,4,,"JKK,JKM,JHT",0\n',
    )
    match_employers()
    classify()


def _client(make_user: Any, role: Role, opd: str | None = None) -> Client:
    client = Client()
    client.force_login(make_user(role, f"u-{role}", opd_code=opd) if opd else make_user(role))
    return client


def test_the_permit_check_says_why_and_is_audited(classified: None, make_user: Any) -> None:
    client = _client(make_user, Role.OPERATOR_OPD, "dpmptsp")
    ok = client.get("/pemberi-kerja/cek-izin/", {"nib": PATUH}).content.decode()
    assert 'data-compliant="true"' in ok
    short = client.get("/pemberi-kerja/cek-izin/", {"nib": f" {PDS[:4]} {PDS[4:]}"})
    page = short.content.decode()
    assert 'data-compliant="false"' in page and 'data-code="pds_tk"' in page
    assert "UU 24/2011" in page and "10" in page and "7" in page
    unknown = client.get("/pemberi-kerja/cek-izin/", {"nib": "9999999999999"}).content.decode()
    assert 'data-compliant="false"' in unknown
    assert AuditEvent.objects.filter(action="employers.permit_check").count() == 3


def test_the_command_checks_an_nib(classified: None) -> None:
    out = io.StringIO()
    call_command("employers", "permit", "--nib", PDS, "--json", stdout=out)
    answer = json.loads(out.getvalue())
    assert answer["compliant"] is False and answer["reasons"][0]["code"] == "pds_tk"
    assert answer["reasons"][0]["evidence"]["registered_workers"] == 7


def test_a_business_page_shows_its_findings_and_evidence(classified: None, make_user: Any) -> None:
    client = _client(make_user, Role.PIMPINAN)
    page = client.get(f"/pemberi-kerja/usaha/{PDS}/").content.decode()
    assert "PT Kurang Pekerja" in page and 'data-code="pds_tk"' in page
    listed = client.get("/pemberi-kerja/usaha/", {"temuan": "pds_tk"}).content.decode()
    assert f'data-nib="{PDS}"' in listed and f'data-nib="{PATUH}"' not in listed
    assert client.get("/pemberi-kerja/usaha/", {"temuan": "nonsense"}).status_code == 404
    assert client.get("/pemberi-kerja/usaha/0000000000000/").status_code == 404


def test_only_bappeda_and_the_administrator_decide_pairs(classified: None, make_user: Any) -> None:
    pair = EmployerReview.objects.get()
    same = {"review": pair.pk, "same": "1"}
    bupati = _client(make_user, Role.PIMPINAN)
    assert bupati.get("/pemberi-kerja/pasangan/").status_code == 403
    assert bupati.post("/pemberi-kerja/pasangan/", same).status_code == 403
    assert bupati.post("/pemberi-kerja/jalankan/").status_code == 403
    analis = _client(make_user, Role.ANALIS)
    assert analis.post("/pemberi-kerja/pasangan/", same).status_code == 302
    pair.refresh_from_db()
    assert pair.decision == ReviewDecision.SAME
    assert analis.post("/pemberi-kerja/jalankan/").status_code == 302
    assert EmployerMatch.objects.filter(method="reviewed").count() == 1
    index = analis.get("/pemberi-kerja/").content.decode()
    assert 'data-testid="by-sector"' in index and 'data-code="pds_tk"' in index
