"""The permit check's API, called as DPMPTSP's system calls it: with its own token. A revoked
token, a token of another scope, a missing token and a made-up one are refused; every call is
audited with the client's name."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from payung.accounts.models import ApiToken, AuditEvent
from payung.accounts.roles import Role
from payung.accounts.services import issue_token, revoke_token
from payung.employers.compliance import classify
from payung.employers.matching import match_employers
from payung.employers.tests.builders import lists, seed_rules

pytestmark = pytest.mark.usefixtures("regions")

PDS = "1000000000002"
URL = "/api/employers/permit"


@pytest.fixture
def classified(tmp_path: Path) -> None:
    seed_rules()
    lists(
        tmp_path,
        f"{PDS},PT Kurang Pekerja,47111,kecil,,,10,\n",
        f'21000002,PT Kurang Pekerja,{PDS},7,,"JKK,JKM,JHT",0\n',
    )
    match_employers()
    classify()


def _call(token: str | None, nib: str = PDS) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return Client().get(URL, {"nib": nib}, headers=headers)


def test_the_licensing_system_reads_the_verdict_with_its_token(classified: None) -> None:
    _made, token = issue_token("OSS DPMPTSP Boalemo", ["permit.read"])
    answer = _call(token)
    assert answer.status_code == 200
    body = answer.json()
    assert body["compliant"] is False and body["npp"] == "21000002"
    assert body["reasons"][0]["code"] == "pds_tk"
    assert body["reasons"][0]["evidence"]["declared_workers"] == 10
    logged = AuditEvent.objects.get(action="employers.permit_check")
    assert logged.username == "api:OSS DPMPTSP Boalemo" and logged.target == f"nib:{PDS}"
    assert ApiToken.objects.get().last_used_at is not None
    assert ApiToken.objects.get().digest != token  # only its hash is kept


def test_refused_tokens(classified: None) -> None:
    made, token = issue_token("OSS", ["permit.read"])
    assert _call(None).status_code == 401  # no session, no token
    assert _call("pyg_made-up-token").status_code == 401
    assert _call(token, nib="12").status_code == 400
    revoke_token(made)
    assert _call(token).status_code == 401
    assert AuditEvent.objects.filter(action="employers.permit_check").count() == 0


def test_a_token_is_good_for_its_scope_only(classified: None) -> None:
    _made, token = issue_token("OSS", ["permit.read"])
    other = ApiToken.objects.create(client="x", prefix="abcdefgh", digest="0" * 64, scopes="")
    assert not other.allows("permit.read")
    # The coverage figures take a session only: a token, however valid, is refused there.
    headers = {"Authorization": f"Bearer {token}"}
    assert Client().get("/api/coverage/summary", headers=headers).status_code == 401
    assert Client().get("/api/monev/periods", headers=headers).status_code == 401


def test_people_use_their_session(classified: None, make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.OPERATOR_OPD, "op-ptsp", opd_code="dpmptsp"))
    assert client.get(URL, {"nib": PDS}).json()["compliant"] is False
    assert AuditEvent.objects.get(action="employers.permit_check").username == "op-ptsp"


def test_the_command_issues_lists_and_revokes(classified: None) -> None:
    out = io.StringIO()
    call_command("token", "issue", "--client", "OSS", "--scope", "permit.read", stdout=out)
    token = out.getvalue().splitlines()[-1]
    assert _call(token).status_code == 200
    made = ApiToken.objects.get()
    call_command("token", "revoke", "--id", str(made.pk), stdout=io.StringIO())
    assert _call(token).status_code == 401
    listed = io.StringIO()
    call_command("token", "list", stdout=listed)
    assert "OSS" in listed.getvalue() and token not in listed.getvalue()


def test_every_kind_of_answer_on_either_engine(tmp_path: Path) -> None:
    """The permit check reads its answer in one SQL statement: a business before its
    classification, one with no BPJS TK employer, an unknown NIB, each as the licensing
    system receives it, on SQLite and PostgreSQL alike."""
    seed_rules()
    unregistered = "1000000000009"
    lists(
        tmp_path,
        f"{PDS},PT Kurang Pekerja,47111,kecil,,,10,\n"
        f"{unregistered},CV Belum Daftar,47111,kecil,,,3,\n",
        f'21000002,PT Kurang Pekerja,{PDS},7,,"JKK,JKM,JHT",0\n',
    )
    match_employers()
    _made, token = issue_token("OSS", ["permit.read"])
    before = _call(token).json()
    assert before == {
        "nib": PDS, "known": True, "classified": False, "compliant": False,
        "name": "PT Kurang Pekerja", "npp": "21000002", "reasons": [], "classified_at": None,
    }  # fmt: skip
    classify()
    after = _call(token).json()
    assert after["classified"] is True and after["compliant"] is False
    assert [r["code"] for r in after["reasons"]] == ["pds_tk"]
    assert after["reasons"][0]["evidence"]["registered_workers"] == 7
    assert after["reasons"][0]["verified"] is True
    # Stated in the regency's time (WITA, UTC+8), to the minute.
    assert after["classified_at"] is not None and after["classified_at"].endswith("+08:00")
    pwbd = _call(token, nib=unregistered).json()
    assert pwbd["npp"] == "" and [r["code"] for r in pwbd["reasons"]] == ["pwbd"]
    assert pwbd["reasons"][0]["evidence"]["declared_workers"] == 3
    assert _call(token, nib="9999999999999").json() == {
        "nib": "9999999999999", "known": False, "classified": False, "compliant": False,
        "name": "", "npp": "", "reasons": [], "classified_at": None,
    }  # fmt: skip


def test_a_tokens_use_is_dated_to_the_minute(classified: None) -> None:
    """A call a second dates the token once a minute, not once a call (each call is in the
    audit trail anyway)."""
    made, token = issue_token("OSS", ["permit.read"])
    _call(token)
    first = ApiToken.objects.get(pk=made.pk).last_used_at
    assert first is not None
    _call(token)
    assert ApiToken.objects.get(pk=made.pk).last_used_at == first
    earlier = first - dt.timedelta(minutes=2)
    ApiToken.objects.filter(pk=made.pk).update(last_used_at=earlier)
    _call(token)
    dated = ApiToken.objects.get(pk=made.pk).last_used_at
    assert dated is not None and dated > first
    assert AuditEvent.objects.filter(action="employers.permit_check").count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_licensing_systems_call_is_audited_outside_any_transaction(tmp_path: Path) -> None:
    """As a server runs it (no test transaction around the request): the call's audit row is
    committed on its own, on PostgreSQL without waiting for the disk, and that setting ends
    with the row's own transaction; a person's call waits for the disk as every write does."""
    from django.db import connection

    seed_rules()
    lists(
        tmp_path,
        f"{PDS},PT Kurang Pekerja,47111,kecil,,,10,\n",
        f'21000002,PT Kurang Pekerja,{PDS},7,,"JKK,JKM,JHT",0\n',
    )
    match_employers()
    classify()
    _made, token = issue_token("OSS DPMPTSP Boalemo", ["permit.read"])
    assert not connection.in_atomic_block
    assert _call(token).status_code == 200
    logged = AuditEvent.objects.get(action="employers.permit_check")
    assert logged.username == "api:OSS DPMPTSP Boalemo" and logged.target == f"nib:{PDS}"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone() == ("on",)  # SET LOCAL went with the row's transaction
