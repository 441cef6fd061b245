"""APBD construction projects against BPJS TK's Jakon registrations: registered, registered
late or not, flagged to the owning OPD before and after the start; the contribution due at
the brackets' boundaries, computed by hand from PP 44/2015's annex (domain brief)."""

from __future__ import annotations

import datetime as dt
import io
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


def test_an_unregistered_project_is_followed_up_with_its_contractor(
    projects: None, make_user: Any, settings: Any, tmp_path: Path
) -> None:
    """Bappeda records written warning 1 on a project started without Jakon (P1003); the
    letter goes to its contractor with the package, the contribution due and the Jakon rules;
    a registered project has nothing to follow up; past its deadline it is overdue."""
    from docx import Document

    from payung.accounts.models import AuditEvent
    from payung.employers.follow_up import StepRefused, overdue, record_step
    from payung.employers.models import FollowUp, Project

    settings.DATA_DIR = tmp_path / "data"  # the default letter template written afresh
    bappeda = Client()
    bappeda.force_login(make_user(Role.ANALIS))
    page = bappeda.get("/pemberi-kerja/proyek/P1003/").content.decode()
    assert 'data-status="unregistered"' in page and 'data-testid="record-step"' in page
    answer = bappeda.post("/pemberi-kerja/proyek/P1003/", {"step": "warning_1", "note": ""})
    assert answer.status_code == 302
    step = FollowUp.objects.get()
    assert step.project is not None and step.project.package == "P1003"
    assert step.findings == ["unregistered"] and step.business is None
    letter = bappeda.get(f"/pemberi-kerja/tindak-lanjut/{step.pk}/surat.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(letter.content)).paragraphs)
    assert "PT Pasar" in text and "P1003" in text and "Pasar Paguyaman" in text
    assert "Rp 1.840.000" in text  # 890.000 + 650.000 + 300.000, as the bracket test
    assert "Nomor 44 Tahun 2015" in text and "Nomor 86 Tahun 2013" in text
    assert "NIB" not in text and "{{" not in text
    assert AuditEvent.objects.filter(action="employers.letter", target="project:P1003").exists()
    with pytest.raises(StepRefused):
        record_step(
            Project.objects.get(package="P1001"), "warning_1", make_user(Role.ADMINISTRATOR)
        )
    FollowUp.objects.filter(pk=step.pk).update(deadline=dt.date(2020, 1, 1))
    late = overdue()
    assert [(o.name, o.url) for o in late] == [("Pasar Paguyaman", "/pemberi-kerja/proyek/P1003/")]
    listed = bappeda.get("/pemberi-kerja/tindak-lanjut/").content.decode()
    assert 'data-subject="P1003"' in listed


def test_an_operator_opens_its_own_projects_only_and_records_no_step(
    projects: None, make_user: Any
) -> None:
    pupr = Client()
    pupr.force_login(make_user(Role.OPERATOR_OPD, "op-pupr", opd_code="dinas-pupr"))
    page = pupr.get("/pemberi-kerja/proyek/P1003/").content.decode()
    assert "PT Pasar" in page and 'data-testid="record-step"' not in page
    assert pupr.get("/pemberi-kerja/proyek/P1005/").status_code == 404  # Dinas Pertanian's
    assert pupr.post("/pemberi-kerja/proyek/P1003/", {"step": "warning_1"}).status_code == 403
