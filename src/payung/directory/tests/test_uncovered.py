"""The field list of who is not yet covered: who is on it, the way in and its price, the whole
list printed or downloaded, each role by its rights."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.assistance.tests.builders import DESA_B, World

pytestmark = pytest.mark.usefixtures("regions", "seeded_rules")


@pytest.fixture
def world() -> dict[str, Any]:
    w = World()
    farmer = w.poor(name="Petani Berpenghasilan", nik="7502011203800001", income=1_500_000)
    unknown = w.poor(name="Penghasilan Tak Diketahui", income=None)
    covered = w.poor(name="Sudah Terlindungi")
    w.active(covered, "BPU")
    colleague = w.poor(name="Karyawan Terlindungi", occupation="karyawan swasta")
    w.active(colleague, "PU")
    clerk = w.poor(name="Karyawan Belum", occupation="karyawan swasta")
    far = w.poor(DESA_B, name="Warga Tilamuta")
    return {"farmer": farmer, "unknown": unknown, "clerk": clerk, "far": far}


def client_for(make_user: Any, role: Role, **kwargs: Any) -> Client:
    client = Client()
    client.force_login(make_user(role, **kwargs))
    return client


def row_of(page: str, name: str) -> str:
    start = page.index(name)
    return page[start : page.index("</tr>", start)]


def test_the_list_holds_the_uncovered_with_the_way_in_and_its_price(
    make_user: Any, world: dict[str, Any]
) -> None:
    page = client_for(make_user, Role.ANALIS).get("/registri/belum-tercakup/").content.decode()
    assert "Sudah Terlindungi" not in page and "Karyawan Terlindungi" not in page
    # BPU: JKK 1 % of Rp 1.500.000 (its bracket) + JKM Rp 6.800 (PP 44/2015).
    assert "Rp 21.800" in row_of(page, "Petani Berpenghasilan")
    # An unknown income is priced at Rp 1.000.000: JKK Rp 10.000 + JKM Rp 6.800.
    assert "Rp 16.800" in row_of(page, "Penghasilan Tak Diketahui")
    # Their colleagues are covered as wage earners: the employer brings them in and pays.
    assert "Rp" not in row_of(page, "Karyawan Belum")


def test_a_desa_narrows_the_list_and_printing_shows_it_whole(
    make_user: Any, world: dict[str, Any]
) -> None:
    client = client_for(make_user, Role.ANALIS)
    tilamuta = client.get("/registri/belum-tercakup/?wilayah=75.02.04").content.decode()
    assert "Warga Tilamuta" in tilamuta and "Petani Berpenghasilan" not in tilamuta
    one_desa = client.get(f"/registri/belum-tercakup/?wilayah={DESA_B}").content.decode()
    assert "Warga Tilamuta" in one_desa and "Petani Berpenghasilan" not in one_desa
    more = World()
    more.n = 1000  # match keys apart from the fixture's builder
    for n in range(60):
        more.poor(name=f"Warga Lain {n:02d}")
    paged = client.get("/registri/belum-tercakup/").content.decode()
    printed = client.get("/registri/belum-tercakup/?cetak=1").content.decode()
    assert "Warga Lain 59" not in paged  # page 1 of 50
    assert "Warga Lain 59" in printed and 'data-testid="pager"' not in printed


def test_the_download_is_an_excel_file_with_masked_niks_and_is_audited(
    make_user: Any, world: dict[str, Any]
) -> None:
    client = client_for(make_user, Role.PIMPINAN, username="bupati")
    response = client.get("/registri/belum-tercakup/?format=xlsx&urut=nama")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][:3] == ("NIK", "Nama", "Desa")
    farmer = next(line for line in lines if line[1] == "Petani Berpenghasilan")
    assert farmer[0] == "750201**********"
    assert farmer[8] == 21_800
    assert len(lines) - 1 == 4  # farmer, unknown income, clerk, Tilamuta
    event = AuditEvent.objects.get(action="registry.exported")
    assert (event.username, event.details["rows"]) == ("bupati", 4)


def test_who_may_open_the_list(make_user: Any, client: Client, world: dict[str, Any]) -> None:
    assert client.get("/registri/belum-tercakup/").status_code == 302  # to log in
    bpjs = client_for(make_user, Role.PETUGAS_BPJS)
    assert bpjs.get("/registri/belum-tercakup/").status_code == 403
    assert bpjs.get("/registri/belum-tercakup/?format=xlsx").status_code == 403
    operator = client_for(make_user, Role.OPERATOR_OPD, opd_code="dinas-pmd")
    assert "Petani Berpenghasilan" not in operator.get("/registri/belum-tercakup/").content.decode()
