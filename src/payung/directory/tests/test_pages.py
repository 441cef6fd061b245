"""The search page and a worker's page, from the outside: by URL, for each role, with what each
may see of a NIK, and the trail of who looked."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from payung.accounts.models import AuditEvent, Opd
from payung.accounts.roles import Role
from payung.assistance.tests.builders import DESA_B, LONG_AGO, World

pytestmark = pytest.mark.usefixtures("regions")

NIK = "7502014507850001"


@pytest.fixture
def world() -> dict[str, Any]:
    builder = World()
    yanti = builder.poor(name="Yanti Mohamad", nik=NIK, sex="P")
    builder.active(yanti, "BPU")
    rizal = builder.poor(DESA_B, name="Moh. Rizal Hasan", nik="7502041203800002")
    builder.participant("PU", LONG_AGO, worker=rizal)  # a lapsed participation
    pmd = Opd.objects.get(code="dinas-pmd")
    village = builder.poor(name="Hasan Basri", opd=pmd)
    return {"yanti": yanti, "rizal": rizal, "village": village}


def client_for(make_user: Any, role: Role, **kwargs: Any) -> Client:
    client = Client()
    client.force_login(make_user(role, **kwargs))
    return client


def test_anonymous_is_sent_to_log_in(client: Client, world: dict[str, Any]) -> None:
    for url in ("/registri/", f"/registri/pekerja/{world['yanti'].pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/masuk/")


def test_a_bpjs_officer_may_not_search_the_registry(make_user: Any, world: dict[str, Any]) -> None:
    bpjs = client_for(make_user, Role.PETUGAS_BPJS)
    assert bpjs.get("/registri/?q=yanti").status_code == 403
    assert bpjs.get(f"/registri/pekerja/{world['yanti'].pk}/").status_code == 403


def test_the_old_address_leads_to_the_search(make_user: Any) -> None:
    response = client_for(make_user, Role.ANALIS).get("/registry/?q=yanti")
    assert response.status_code == 302
    assert response["Location"] == "/registri/?q=yanti"


def test_an_analis_finds_a_misspelt_name_and_sees_the_whole_nik(
    make_user: Any, world: dict[str, Any]
) -> None:
    page = client_for(make_user, Role.ANALIS).get("/registri/?q=Yanii").content.decode()
    assert "Yanti Mohamad" in page
    assert NIK in page
    assert "Moh. Rizal Hasan" not in page


def test_the_regents_office_sees_the_nik_masked(make_user: Any, world: dict[str, Any]) -> None:
    client = client_for(make_user, Role.PIMPINAN)
    listed = client.get("/registri/?q=Yanti").content.decode()
    shown = client.get(f"/registri/pekerja/{world['yanti'].pk}/").content.decode()
    for page in (listed, shown):
        assert "750201**********" in page
        assert NIK not in page
    assert "01-01-1990" not in shown and "**-**-1990" in shown


def test_cover_filter_and_cover_column_follow_the_status_rule(
    make_user: Any, world: dict[str, Any]
) -> None:
    client = client_for(make_user, Role.ANALIS)
    covered = client.get("/registri/?status=tercakup").content.decode()
    uncovered = client.get("/registri/?status=belum").content.decode()
    assert "Yanti Mohamad" in covered and "Yanti Mohamad" not in uncovered
    assert "Moh. Rizal Hasan" in uncovered and "Moh. Rizal Hasan" not in covered
    in_kecamatan = client.get("/registri/?wilayah=75.02.04").content.decode()
    assert "Moh. Rizal Hasan" in in_kecamatan and "Yanti Mohamad" not in in_kecamatan


def test_an_operator_sees_only_its_own_agencys_workers(
    make_user: Any, world: dict[str, Any]
) -> None:
    pmd = client_for(make_user, Role.OPERATOR_OPD, opd_code="dinas-pmd")
    assert "Hasan Basri" in pmd.get("/registri/?q=Hasan").content.decode()
    assert "Moh. Rizal Hasan" not in pmd.get("/registri/?q=Hasan").content.decode()
    assert pmd.get(f"/registri/pekerja/{world['village'].pk}/").status_code == 200
    # Another agency's worker is as absent as a number that does not exist.
    assert pmd.get(f"/registri/pekerja/{world['rizal'].pk}/").status_code == 404
    assert pmd.get("/registri/pekerja/999999/").status_code == 404


def test_a_tampered_filter_is_refused_not_obeyed(make_user: Any, world: dict[str, Any]) -> None:
    response = client_for(make_user, Role.ANALIS).get("/registri/?wilayah=99.99&desil=x")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Yanti Mohamad" not in page
    assert 'class="error"' in page


def test_the_worker_page_shows_participations_and_who_looked(
    make_user: Any, world: dict[str, Any]
) -> None:
    analis = client_for(make_user, Role.ANALIS, username="rahmat")
    pimpinan = client_for(make_user, Role.PIMPINAN, username="bupati")
    pimpinan.get(f"/registri/pekerja/{world['rizal'].pk}/")
    page = analis.get(f"/registri/pekerja/{world['rizal'].pk}/").content.decode()
    assert '<p data-testid="cover"><span class="warn">' in page  # lapsed: not covered
    assert world["rizal"].name in page
    assert "bupati" in page and "rahmat" in page
    viewed = AuditEvent.objects.filter(
        action="registry.worker_viewed", target=f"worker:{world['rizal'].pk}"
    )
    assert sorted(viewed.values_list("username", flat=True)) == ["bupati", "rahmat"]


def test_a_search_is_audited_with_what_was_asked(make_user: Any, world: dict[str, Any]) -> None:
    client_for(make_user, Role.ANALIS, username="rahmat").get("/registri/?q=750201")
    event = AuditEvent.objects.get(action="registry.searched")
    assert event.username == "rahmat"
    assert event.details == {"query": "750201", "shown": 2}
