"""APBD construction projects against BPJS TK's Jakon registrations: registered, registered
late or not, flagged to the owning OPD before and after the start; the contribution due at
the brackets' boundaries, computed by hand from PP 44/2015's annex (domain brief)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.employers import jakon
from payung.employers.tests.builders import write
from payung.imports.services import run_import

pytestmark = pytest.mark.usefixtures("regions", "seeded_rules")

TODAY = dt.date(2026, 6, 1)
HEADER = "Kode Paket,Nama Paket,Satuan Kerja,Penyedia,Nilai Kontrak,Tanggal Mulai,Tanggal Selesai\n"
JAKON_HEADER = "Nomor Proyek,Kode Paket,Nama Proyek,Tanggal Daftar\n"


@pytest.fixture
def projects(tmp_path: Path) -> None:
    result = run_import(
        "jakon_projects",
        write(
            tmp_path / "sirup.csv",
            HEADER
            + "P1001,Jalan Desa Bongo,Dinas PUPR,CV Karya,100.000.000,01-03-2026,30-06-2026\n"
            + "P1002,Jembatan Tilamuta,dinas-pupr,PT Beton,500.000.000,01-03-2026,30-09-2026\n"
            + "P1003,Pasar Paguyaman,Dinas PUPR,PT Pasar,1.000.000.000,01-04-2026,30-12-2026\n"
            + "P1004,Puskesmas Dulupi,Dinas PUPR,PT Sehat,5.000.000.000,01-07-2026,30-12-2026\n"
            + "P1005,Irigasi Wonosari,Dinas Pertanian,PT Air,6.000.000.000,01-02-2026,30-12-2026\n"
            + "P1006,Tanpa Nilai,Dinas Antah,,,,\n",  # an unknown agency: flagged, kept
        ),
    )
    assert (result.rows, result.accepted, result.flagged) == (6, 6, 1)
    run_import(
        "bpjs_jakon",
        write(
            tmp_path / "jakon.csv",
            JAKON_HEADER
            + "JK0001,P1001,Jalan Desa Bongo,20-02-2026\n"  # before the start
            + "JK0002,,Jembatan Tilamuta,15-03-2026\n"  # no package code, found by name; late
            + "JK0003,P1005,Irigasi Wonosari,01-02-2026\n",
        ),
    )


def test_each_project_is_registered_late_or_not(projects: None) -> None:
    rows = {r.project.package: r for r in jakon.project_rows(on=TODAY)}
    assert {p: r.status for p, r in rows.items()} == {
        "P1001": "registered", "P1002": "late", "P1003": "unregistered",
        "P1004": "unregistered", "P1005": "registered", "P1006": "unregistered",
    }  # fmt: skip
    assert rows["P1003"].flag == "started"  # began in April, still not registered
    assert rows["P1004"].flag == "before_start"  # begins in July: register now
    assert jakon.registered_share() == (3, 6)


def test_the_contribution_due_at_the_brackets(projects: None) -> None:
    due = {r.project.package: r.due for r in jakon.project_rows(on=TODAY)}
    # JKK by bracket + JKM 0,03 % of the value, once for the project.
    assert due["P1001"] == 210_000 + 30_000  # 0,21 % of Rp 100 juta
    assert due["P1002"] == 210_000 + 680_000 + 150_000  # + 0,17 % of the 400 juta above
    assert due["P1003"] == 890_000 + 650_000 + 300_000  # + 0,13 % of the 500 juta above
    assert due["P1004"] == 1_540_000 + 4_400_000 + 1_500_000  # + 0,11 % of 4 miliar above
    assert due["P1005"] == 5_940_000 + 900_000 + 1_800_000  # + 0,09 % of 1 miliar above
    assert due["P1006"] is None  # no contract value


def test_an_operator_sees_its_own_agencys_projects(projects: None, make_user: Any) -> None:
    pupr, tani = Client(), Client()
    pupr.force_login(make_user(Role.OPERATOR_OPD, "op-pupr", opd_code="dinas-pupr"))
    tani.force_login(make_user(Role.OPERATOR_OPD, "op-tani", opd_code="dinas-pertanian"))
    page = pupr.get("/pemberi-kerja/proyek/").content.decode()
    assert 'data-package="P1003"' in page and 'data-package="P1005"' not in page
    assert 'data-testid="flagged"' in page
    other = tani.get("/pemberi-kerja/proyek/").content.decode()
    assert 'data-package="P1005"' in other and 'data-package="P1001"' not in other
