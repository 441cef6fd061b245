"""Schemathesis against the OpenAPI document (issue 14): requests generated from the document
and against it, through the real WSGI application with a logged-in session. No answer may be a
server error, and every answer must match what the document says. Bounded (a few dozen
examples per endpoint, well under a minute)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from payung.accounts.roles import Role
from payung.coverage import selectors, services
from payung.coverage.tests.helpers import DESA_A, Builder
from payung.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
OCT = dt.date(2026, 10, 1)


@pytest.fixture
def app_in_the_test_transaction() -> Iterator[None]:
    """As Django's test client does: the WSGI handler would otherwise close the database
    connection after each request, and with it the test's transaction (PostgreSQL)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def session(make_user: Any, app_in_the_test_transaction: None) -> dict[str, str]:
    b = Builder()
    for occupation in ("petani", "=1+1", "nelayan"):
        b.participant("BPU", OCT, worker=b.worker(desa=DESA_A, occupation=occupation))
    services.take_snapshot(month=OCT)
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    return {"sessionid": client.cookies["sessionid"].value}


def filter_query(ctx: Any, query: dict[str, Any] | None) -> bool:
    """Leave out a breakdown crossed with itself or two region levels crossed: refused (400) by
    rules between two parameters, which an OpenAPI document cannot state."""
    if not query or query.get("then") is None:
        return True
    by, then = query.get("by", "kecamatan"), query["then"]
    levels = selectors.REGION_LEVELS
    return not (then == by or (then in levels and by in levels))


@schema.hooks.apply(filter_query)
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_the_api_keeps_to_its_document(case: Any, session: dict[str, str]) -> None:
    # The document's session cookie, where the case carries one, is a real log-in; a case made
    # without it (or schemathesis's own check with a bad one) must be refused with 401.
    if not filter_query(None, case.query):
        return  # a case of the coverage phase, which the hook above does not see
    if case.cookies and "sessionid" in case.cookies:
        case.cookies = {**case.cookies, **session}
    case.call_and_validate(headers={"Host": "localhost"})
