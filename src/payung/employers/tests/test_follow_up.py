"""The follow-up of a business that does not comply: steps in order, each with who and the
deadline; the warning letter as .docx (read back with python-docx) and PDF (pdftotext); the
overdue list."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.employers.compliance import classify
from payung.employers.follow_up import StepRefused, overdue, record_step
from payung.employers.matching import match_employers
from payung.employers.models import Business, FollowUp
from payung.employers.tests.builders import lists, seed_rules

pytestmark = pytest.mark.usefixtures("regions")

PDS = "1000000000002"


@pytest.fixture
def short(tmp_path: Path, settings: Any) -> Business:
    settings.DATA_DIR = tmp_path / "data"  # the default letter template written afresh
    seed_rules()
    lists(
        tmp_path,
        f"{PDS},PT Kurang Pekerja,47111,kecil,Jl. Pelabuhan 3 Tilamuta,,10,\n",
        f'21000002,PT Kurang Pekerja,{PDS},7,,"JKK,JKM,JHT",0\n',
    )
    match_employers()
    classify()
    return Business.objects.get(nib=PDS)


def test_steps_go_forward_with_a_deadline(short: Business, make_user: Any) -> None:
    analis = make_user(Role.ANALIS)
    warned = record_step(short, "warning_1", analis)  # a visit may be skipped
    # the regency's own calendar day, not UTC's: past 16:00 UTC it is tomorrow in WITA
    assert warned.deadline == timezone.localdate(warned.done_at) + dt.timedelta(days=10)
    assert warned.findings == ["pds_tk"]
    with pytest.raises(StepRefused):
        record_step(short, "visit", analis)  # no going back
    record_step(short, "warning_2", analis, deadline=dt.date(2020, 1, 1))
    late = overdue()
    assert [(o.name, o.last.step) for o in late] == [("PT Kurang Pekerja", "warning_2")]
    record_step(short, "resolved", analis, note="Didaftarkan 3 pekerja")
    assert overdue() == []
    with pytest.raises(StepRefused):
        record_step(short, "referral", analis)  # resolved is the end
    assert AuditEvent.objects.filter(action="employers.follow_up").count() == 3


def test_the_warning_letter_holds_the_employers_data_and_the_legal_basis(
    short: Business, make_user: Any, tmp_path: Path
) -> None:
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    answer = client.post(f"/pemberi-kerja/usaha/{PDS}/", {"step": "warning_1", "note": ""})
    assert answer.status_code == 302
    step = FollowUp.objects.get()
    docx = client.get(f"/pemberi-kerja/tindak-lanjut/{step.pk}/surat.docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "PT Kurang Pekerja" in text and PDS in text and "21000002" in text
    assert "Undang-Undang Nomor 24 Tahun 2011" in text and "Nomor 86 Tahun 2013" in text
    assert "10" in text and "7" in text  # declared against registered
    assert "{{" not in text and "{%" not in text
    pdf = client.get(f"/pemberi-kerja/tindak-lanjut/{step.pk}/surat.pdf")
    path = tmp_path / "surat.pdf"
    path.write_bytes(pdf.content)
    read = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    assert "PT Kurang Pekerja" in read.stdout and "Tahun 2013" in read.stdout
    assert AuditEvent.objects.filter(action="employers.letter").count() == 2


def test_only_bappeda_records_steps_and_makes_letters(short: Business, make_user: Any) -> None:
    bupati = Client()
    bupati.force_login(make_user(Role.PIMPINAN))
    assert bupati.post(f"/pemberi-kerja/usaha/{PDS}/", {"step": "warning_1"}).status_code == 403
    step = record_step(short, "warning_1", make_user(Role.ANALIS))
    assert bupati.get(f"/pemberi-kerja/tindak-lanjut/{step.pk}/surat.docx").status_code == 403
    assert bupati.get("/pemberi-kerja/tindak-lanjut/").status_code == 200


def test_the_command_imports_classifies_and_writes_a_steps_letters(
    tmp_path: Path, settings: Any, make_user: Any
) -> None:
    """payung employers import brings both lists in, matched and classified; payung employers
    letters writes the letter of each business whose latest step is the one asked for."""
    from django.core.management import call_command

    from payung.employers.tests.builders import BUSINESS_HEADER, EMPLOYER_HEADER, write

    settings.DATA_DIR = tmp_path / "data"
    seed_rules()
    oss = write(
        tmp_path / "oss.csv", BUSINESS_HEADER + f"{PDS},PT Kurang Pekerja,47111,kecil,,,10,\n"
    )
    bpjs = write(
        tmp_path / "bpjs.csv",
        EMPLOYER_HEADER + f'21000002,PT Kurang Pekerja,{PDS},7,,"JKK,JKM,JHT",0\n',
    )
    said = io.StringIO()
    call_command("employers", "import", "--businesses", str(oss), "--bpjs", str(bpjs), stdout=said)
    assert "oss.csv: 1 baris, 1 diterima, 0 ditolak" in said.getvalue()
    business = Business.objects.get(nib=PDS)
    assert [f.code for f in business.findings.all()] == ["pds_tk"]
    record_step(business, "warning_1", make_user(Role.ANALIS))
    out = io.StringIO()
    folder = tmp_path / "surat"
    call_command(
        "employers", "letters", "--step", "warning_1", "--out", str(folder), "--json", stdout=out
    )
    assert json.loads(out.getvalue())["letters"] == [f"warning_1-{PDS}.docx"]
    text = "\n".join(p.text for p in Document(str(folder / f"warning_1-{PDS}.docx")).paragraphs)
    assert "PT Kurang Pekerja" in text and "Nomor 86 Tahun 2013" in text
    assert AuditEvent.objects.filter(action="employers.letter").count() == 1
    none = io.StringIO()
    call_command(
        "employers", "letters", "--step", "warning_2", "--out", str(folder), "--json", stdout=none
    )
    assert json.loads(none.getvalue())["letters"] == []
