"""The period report from a snapshot: the PDF's text (pdftotext) and pages (pdftoppm), the
.docx read back with python-docx, the .xlsx with openpyxl. The case is the league's: PUPR
140 % of its target (capped at 120 %), PMD 75 %, the regency 93 % (see test_score_pages)."""

from __future__ import annotations

import io
import json
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.assistance.tests.builders import World
from payung.coverage.tests.helpers import DESA_A, DESA_B
from payung.monev.models import Period, Realisation, Recommendation, Snapshot, Target
from payung.monev.report.content import content
from payung.monev.report.pdf import report_pdf
from payung.monev.report.tables import report_xlsx
from payung.monev.report.word import report_docx
from payung.monev.services import take_snapshot
from payung.monev.tests.builders import item, open_quarter

pytestmark = pytest.mark.usefixtures("regions")


@pytest.fixture(autouse=True)
def _own_documents(settings: Any, tmp_path: Path) -> None:
    """A data folder of the test's own: the default .docx template is written afresh."""
    settings.DATA_DIR = tmp_path / "data"


def _scored_snapshot() -> Snapshot:
    period = open_quarter()
    pmd = item(period, "4.1.a", "dinas-pmd")
    Target.objects.create(
        indicator=pmd.indicator, opd=pmd.opd, period=period, value=Decimal("0.80")
    )
    Realisation.objects.filter(pk=pmd.pk).update(value=Decimal("0.60"))
    pupr = Realisation.objects.get(period=period, opd__code="dinas-pupr")
    Target.objects.create(
        indicator=pupr.indicator, opd=pupr.opd, period=period, value=Decimal("0.50")
    )
    Realisation.objects.filter(pk=pupr.pk).update(value=Decimal("0.70"))
    Recommendation.objects.create(
        period=period, text="Dinas PMD mendata ulang perangkat desa", position=0
    )
    return take_snapshot(period)


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_pdf_holds_the_summary_the_tables_and_the_recommendations(tmp_path: Path) -> None:
    pdf = report_pdf(content(_scored_snapshot()))
    assert pdf.startswith(b"%PDF")
    text = _text(pdf, tmp_path)
    assert "Ringkasan untuk Bupati" in text
    assert "93,0 %" in text  # the regency
    assert "120,0 %" in text and "75,0 %" in text  # PUPR capped, PMD
    assert "Dinas PMD mendata ulang perangkat desa" in text


def test_the_docx_holds_the_summary_and_the_tables() -> None:
    docx = Document(io.BytesIO(report_docx(content(_scored_snapshot()))))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    assert "Ringkasan untuk Bupati" in text
    assert "93,0 %" in text
    assert "Dinas PMD mendata ulang perangkat desa" in text
    assert "Dinas PUPR" in cells and "120,0 %" in cells and "75,0 %" in cells
    assert not any("{{" in c or "{%" in c for c in cells) and "{{" not in text
    assert len(docx.inline_shapes) == 2  # the two charts


def test_the_xlsx_keeps_numbers_as_numbers() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(report_xlsx(_scored_snapshot())))
    agencies = list(book.worksheets[0].iter_rows(values_only=True))
    assert agencies[1][1:4] == ("dinas-pupr", "Dinas PUPR", 1.2)
    assert agencies[2][1:4] == ("dinas-pmd", "Dinas PMD", 0.75)
    assert [ws.title for ws in book.worksheets] == [
        "OPD", "Butir", "Instruksi", "Kelengkapan", "Cakupan per kecamatan",
    ]  # fmt: skip


def test_the_report_gives_each_kecamatans_coverage(tmp_path: Path) -> None:
    """Three registry workers in Paguyaman (one covered), one in Tilamuta (covered): the
    report's kecamatan table says 33,3 % and 100,0 %, in the PDF, the .docx and the .xlsx."""
    from openpyxl import load_workbook

    world = World()
    paguyaman = [world.poor(DESA_A) for _ in range(3)]
    world.active(paguyaman[0], "BPU")
    world.active(world.poor(DESA_B), "PU")
    snapshot = _scored_snapshot()
    made = content(snapshot)
    text = _text(report_pdf(made), tmp_path)
    assert "Cakupan per kecamatan" in text
    lines = [line.split() for line in text.splitlines()]
    assert next(x for x in lines if x[:1] == ["Paguyaman"])[:3] == ["Paguyaman", "33,3", "%"]
    assert next(x for x in lines if x[:1] == ["Tilamuta"])[:3] == ["Tilamuta", "100,0", "%"]
    docx = Document(io.BytesIO(report_docx(made)))
    rows = [[c.text for c in row.cells] for t in docx.tables for row in t.rows]
    assert next(r for r in rows if r[0] == "Paguyaman")[:2] == ["Paguyaman", "33,3 %"]
    sheet = load_workbook(io.BytesIO(report_xlsx(snapshot)))["Cakupan per kecamatan"]
    found = {r[1]: r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert found["Paguyaman"] == pytest.approx(1 / 3, abs=1e-4) and found["Tilamuta"] == 1.0


def test_the_report_page_takes_a_snapshot_and_serves_the_three_files(make_user: Any) -> None:
    snapshot = _scored_snapshot()
    client = Client()
    client.force_login(make_user(Role.ANALIS, "bappeda"))
    page = client.get(f"/monev/periode/{snapshot.period_id}/laporan/").content.decode()
    assert f"/monev/potret/{snapshot.pk}/laporan.pdf" in page
    assert client.post(f"/monev/periode/{snapshot.period_id}/laporan/").status_code == 302
    assert Snapshot.objects.filter(period_id=snapshot.period_id).count() == 2
    for kind, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")):
        answer = client.get(f"/monev/potret/{snapshot.pk}/laporan.{kind}")
        assert answer.status_code == 200 and answer.content.startswith(magic)
        assert answer["Content-Disposition"].endswith(f'.{kind}"')
    assert client.get(f"/monev/potret/{snapshot.pk}/laporan.exe").status_code == 404
    events = AuditEvent.objects.filter(action="monev.report", target=f"snapshot:{snapshot.pk}")
    assert sorted(e.details["format"] for e in events) == ["docx", "pdf", "xlsx"]


def test_an_operator_reads_the_report_but_takes_no_snapshot(make_user: Any) -> None:
    snapshot = _scored_snapshot()
    client = Client()
    client.force_login(make_user(Role.OPERATOR_OPD, "op-pmd", opd_code="dinas-pmd"))
    page = client.get(f"/monev/periode/{snapshot.period_id}/laporan/").content.decode()
    assert 'data-testid="take-snapshot"' not in page
    assert client.post(f"/monev/periode/{snapshot.period_id}/laporan/").status_code == 403
    assert Snapshot.objects.filter(period_id=snapshot.period_id).count() == 1


def test_the_command_opens_closes_and_writes_the_report(tmp_path: Path) -> None:
    call_command("monev", "seed", stdout=io.StringIO())
    out = io.StringIO()
    call_command("monev", "open", "--year", "2025", "--quarter", "2", "--json", stdout=out)
    opened = json.loads(out.getvalue())
    period = Period.objects.get(year=2025, number=2)
    assert opened["items"] == Realisation.objects.filter(period=period).count() > 0
    call_command("monev", "close", "--year", "2025", "--quarter", "2", stdout=io.StringIO())
    period.refresh_from_db()
    assert period.locked and Snapshot.objects.filter(period=period).count() == 1
    target = tmp_path / "t2.docx"
    call_command(
        "monev", "report", "--year", "2025", "--quarter", "2", "--format", "docx",
        "--out", str(target), stdout=io.StringIO(),
    )  # fmt: skip
    assert "T2 2025" in "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert Snapshot.objects.filter(period=period).count() == 1  # the close's snapshot served


def test_the_regencys_letterhead_goes_on_the_cover_and_in_the_header(
    settings: Any, tmp_path: Path
) -> None:
    import typst

    from payung.lib import documents

    kop = typst.compile(
        b"#set page(width: 16cm, height: 2cm, margin: 0pt)\n#rect(width: 100%, fill: green)",
        format="png",
        ppi=20,
    )
    (documents.folder() / "kop-surat.png").write_bytes(kop)
    made = content(_scored_snapshot())
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(made))
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert "png" in images or "image" in images.splitlines()[-1]
    docx = Document(io.BytesIO(report_docx(made)))
    header = docx.sections[0].header
    assert any("graphicData" in p._p.xml for p in header.paragraphs)
    assert "PEMERINTAH" not in "".join(p.text for p in header.paragraphs)


def test_a_broken_letterhead_leaves_the_report_without_it(settings: Any, tmp_path: Path) -> None:
    from payung.lib import documents

    (documents.folder() / "kop-surat.png").write_bytes(b"\x89PNG\r\n\x1a\n not a picture")
    made = content(_scored_snapshot())
    pdf = report_pdf(made)  # no crash: the regency's name instead
    assert "PEMERINTAH KABUPATEN BOALEMO" in _text(pdf, tmp_path)
    header = Document(io.BytesIO(report_docx(made))).sections[0].header
    assert "PEMERINTAH KABUPATEN BOALEMO" in "".join(p.text for p in header.paragraphs)
