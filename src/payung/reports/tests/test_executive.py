"""The Regent's page from the outside: every block on the first day (no data at all), and
the figures of a constructed regency, each worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.reports.models import PovertyRate

pytestmark = pytest.mark.usefixtures("regions")

BLOCKS = ["coverage", "poor", "money", "benefits", "monev", "employers", "attention"]


def client_for(make_user: Any, role: Role, **kwargs: Any) -> Client:
    client = Client()
    client.force_login(make_user(role, **kwargs))
    return client


def test_the_regents_office_lands_on_the_summary_and_every_block_shows_before_any_data(
    make_user: Any,
) -> None:
    client = client_for(make_user, Role.PIMPINAN)
    landing = client.get("/")
    assert landing.status_code == 302 and landing["Location"] == "/laporan/"
    html = client.get("/laporan/").content.decode()
    for block in BLOCKS:
        assert f'data-testid="block-{block}"' in html, block
    assert "Belum ada data klaim yang diimpor." in html
    assert 'action="/laporan/kemiskinan/"' not in html  # the Regent's office reads only


def test_every_role_has_the_summary_as_a_tab(make_user: Any) -> None:
    for role in Role:
        kwargs = {"opd_code": "dinas-pmd"} if role == Role.OPERATOR_OPD else {}
        html = client_for(make_user, role, **kwargs).get("/laporan/").content.decode()
        assert 'href="/laporan/" data-module="laporan"' in html, role


def test_the_summary_of_a_constructed_regency(
    regency: dict[str, Any], make_user: Any, settings: Any
) -> None:
    PovertyRate.objects.create(
        year=2026, rate=Decimal("17.20"), target=Decimal("10"), source="BPS Boalemo 2026"
    )
    html = client_for(make_user, Role.PIMPINAN).get("/laporan/").content.decode()
    # five active participants of 40 working people: 12,5 %; the target 25 % needs 10, so 5
    # still to protect
    assert "12,5 %" in html and "target 25,0 % pada 2026" in html
    assert "5 pekerja lagi" in html
    # deciles 1-4: two of the four registry workers covered (the two programme workers are
    # poor but not participants): 2 of 6
    assert "2 dari 6" in html
    assert "17,2 %" in html and "BPS Boalemo 2026" in html
    assert "Rp 10.000.000" in html
    assert "2 dari 5 terdaftar" in html
    assert "3 tempat dari 5 belum terisi" in html  # attention: the quota not filled


def test_an_analyst_enters_the_poverty_rate_as_typed_and_it_is_audited(make_user: Any) -> None:
    client = client_for(make_user, Role.ANALIS)
    answer = client.post(
        "/laporan/kemiskinan/",
        {"year": "2025", "rate": "18,05", "target": "10", "source": "BPS 2025"},
    )
    assert answer.status_code == 302
    saved = PovertyRate.objects.get(year=2025)
    assert saved.rate == Decimal("18.05") and saved.target == Decimal("10")
    assert AuditEvent.objects.filter(action="reports.poverty_rate", target="2025").exists()
    bad = client.post(
        "/laporan/kemiskinan/", {"year": "2025", "rate": "seratus", "source": "x"}, follow=True
    )
    assert "Tulis angka" in bad.content.decode()
    assert PovertyRate.objects.get(year=2025).rate == Decimal("18.05")  # the good value stays
    over = client.post(
        "/laporan/kemiskinan/", {"year": "2025", "rate": "120", "source": "x"}, follow=True
    )
    assert over.status_code == 200 and PovertyRate.objects.get(year=2025).rate == Decimal("18.05")


def test_a_tampered_form_from_the_regents_office_is_refused(make_user: Any) -> None:
    client = client_for(make_user, Role.PIMPINAN)
    answer = client.post("/laporan/kemiskinan/", {"year": "2025", "rate": "1", "source": "x"})
    assert answer.status_code == 403
    assert not PovertyRate.objects.exists()
