"""The monthly report to the Regent: made on demand or by the monthly job on the task queue,
kept in a list, downloaded as PDF (read back with pdftotext) and .docx (python-docx), its
figures frozen when it was made."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from docx import Document

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.jobs.worker import run_pending
from payung.reports import tasks
from payung.reports.models import MonthlyReport, Trigger

pytestmark = pytest.mark.usefixtures("regions")


def client_for(make_user: Any, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "laporan.pdf"
    path.write_bytes(data)
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout


def test_an_analyst_makes_the_report_and_the_regents_office_downloads_it(
    regency: dict[str, Any], make_user: Any, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path / "data"  # the default .docx template written afresh
    analis = client_for(make_user, Role.ANALIS)
    assert analis.post("/laporan/bulanan/").status_code == 302
    report = MonthlyReport.objects.get()
    assert report.month == dt.date(2026, 5, 1) and report.trigger == Trigger.ON_DEMAND
    pimpinan = client_for(make_user, Role.PIMPINAN)
    page = pimpinan.get("/laporan/bulanan/").content.decode()
    assert f"/laporan/bulanan/{report.pk}.pdf" in page and 'data-testid="make-report"' not in page
    assert pimpinan.post("/laporan/bulanan/").status_code == 403  # the Regent's office reads

    pdf = pimpinan.get(f"/laporan/bulanan/{report.pk}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content, tmp_path)
    # the constructed regency: 5 of 40 working people active (12,5 %), 5 still to protect,
    # Rp 10.000.000 paid, 2 of the programme's 5 places enrolled
    for words in ("Laporan bulanan kepada Bupati", "Mei 2026", "12,5 %", "Rp 10.000.000",
                  "2 dari 5", "Rekomendasi"):  # fmt: skip
        assert words in text, words
    docx = pimpinan.get(f"/laporan/bulanan/{report.pk}.docx")
    body = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    cells = "\n".join(
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    )
    assert "12,5 %" in body and "Rp 10.000.000" in cells and "{{" not in body + cells
    assert AuditEvent.objects.filter(action="reports.monthly_file").count() == 2
    assert pimpinan.get(f"/laporan/bulanan/{report.pk}.exe").status_code == 404


def test_a_report_keeps_the_figures_it_was_made_with(
    regency: dict[str, Any], make_user: Any, tmp_path: Path
) -> None:
    client = client_for(make_user, Role.ANALIS)
    client.post("/laporan/bulanan/")
    report = MonthlyReport.objects.get()
    regency["programme"].payments.update(amount=20_000_000)  # paid more since
    text = pdf_text(client.get(f"/laporan/bulanan/{report.pk}.pdf").content, tmp_path)
    assert "Rp 10.000.000" in text and "Rp 20.000.000" not in text


def test_the_monthly_job_makes_the_report_and_waits_for_the_next_first(
    regency: dict[str, Any],
) -> None:
    assert tasks.schedule() is True
    assert tasks.schedule() is False  # one waits already
    waiting = DBTaskResult.objects.get(task_path=tasks.TASK_PATH)
    first = timezone.localtime(waiting.run_after)
    assert (first.day, first.hour) == (1, 7) and first > timezone.now()
    assert run_pending() == 0  # not yet due
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
    assert run_pending() == 1
    report = MonthlyReport.objects.get()
    assert report.trigger == Trigger.SCHEDULED and report.made_by is None
    # and it put itself back for the first after
    again = DBTaskResult.objects.filter(task_path=tasks.TASK_PATH, status="READY").get()
    assert timezone.localtime(again.run_after).day == 1


def test_the_command_makes_and_writes_the_report(regency: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "laporan.docx"
    call_command("report", "monthly", "--month", "2026-05", "--format", "docx", "--out", str(out))
    assert MonthlyReport.objects.get().month == dt.date(2026, 5, 1)
    assert "12,5 %" in "\n".join(p.text for p in Document(str(out)).paragraphs)
    listed = io.StringIO()
    call_command("report", "list", "--json", stdout=listed)
    assert '"month": "2026-05"' in listed.getvalue()


def test_the_report_tells_the_years_outreach(
    regency: dict[str, Any], make_user: Any, tmp_path: Path
) -> None:
    from payung.outreach.models import Event, Pledge

    Event.objects.create(
        held_on=dt.date(2026, 3, 2), desa_id="75.02.01.2004", title="Sosialisasi", attendees=40
    )
    Pledge.objects.create(
        company="PT Contoh Sawit", kind="csr", amount=50_000_000, workers=100,
        starts=dt.date(2026, 1, 1), ends=dt.date(2026, 12, 31), programme=regency["programme"],
    )  # fmt: skip
    client = client_for(make_user, Role.ANALIS)
    client.post("/laporan/bulanan/")
    report = MonthlyReport.objects.get()
    text = pdf_text(client.get(f"/laporan/bulanan/{report.pk}.pdf").content, tmp_path)
    assert "1 kegiatan sosialisasi, 40 peserta hadir" in text
    assert "PT Contoh Sawit" in text and "Rp 50.000.000" in text
