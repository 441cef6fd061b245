"""A period's items by role: an Operator OPD sees its own agency's only, by URL too; the
achievement shown is the scoring method's, against the OPD's target."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from payung.accounts.models import Opd
from payung.accounts.roles import Role
from payung.assistance.tests.builders import THIS_MONTH, World
from payung.monev.models import Indicator, Target
from payung.monev.services import compute_period, quarter, seed_catalogue

pytestmark = pytest.mark.usefixtures("regions", "seeded_rules")


@pytest.fixture
def period_pk() -> int:
    seed_catalogue()
    world = World()
    workers = [world.poor() for _ in range(4)]
    world.active(workers[0], "BPU")
    world.programme(quota=5)
    period = quarter(THIS_MONTH.year, (THIS_MONTH.month - 1) // 3 + 1)
    # Disnaker aims at 40 % registry coverage this quarter; it reaches 25 %: 25 / 40 = 62,5 %.
    Target.objects.create(
        indicator=Indicator.objects.get(code="2.1.a"),
        opd=Opd.objects.get(code="disnaker"),
        period=period,
        value=Decimal("0.40"),
    )
    compute_period(period)
    return period.pk


def page_for(make_user: Any, role: Role, pk: int, **kwargs: Any) -> str:
    client = Client()
    client.force_login(make_user(role, **kwargs))
    return client.get(f"/monev/periode/{pk}/").content.decode()


def test_an_operator_sees_only_its_own_agencys_items(make_user: Any, period_pk: int) -> None:
    sosial = page_for(make_user, Role.OPERATOR_OPD, period_pk, opd_code="dinas-sosial")
    assert 'data-opd="dinas-sosial"' in sosial
    assert 'data-opd="disnaker"' not in sosial and 'data-opd="bpkad"' not in sosial


def test_bappeda_sees_every_agency_and_the_achievement(make_user: Any, period_pk: int) -> None:
    page = page_for(make_user, Role.ANALIS, period_pk)
    assert 'data-opd="disnaker"' in page and 'data-opd="dinas-sosial"' in page
    start = page.index("2.1.a")
    row = page[start : page.index("</tr>", start)]
    assert "25,0 %" in row and "40,0 %" in row and "63 %" in row  # 62,5 % rounded to whole
    assert "belum ada target" in page  # the items without a target are not scored


def test_who_may_open_a_period(make_user: Any, client: Client, period_pk: int) -> None:
    assert client.get(f"/monev/periode/{period_pk}/").status_code == 302
    bpjs = Client()
    bpjs.force_login(make_user(Role.PETUGAS_BPJS))
    assert bpjs.get(f"/monev/periode/{period_pk}/").status_code == 403
    analis = Client()
    analis.force_login(make_user(Role.ANALIS))
    assert analis.get("/monev/periode/99999/").status_code == 404
