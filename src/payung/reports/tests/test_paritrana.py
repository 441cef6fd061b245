"""The Paritrana self-assessment of a constructed regency, recomputed here by hand: the items
Payung fills from its data, those entered with evidence, the assumed weights, the estimated
score, the gaps, and the dossier."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from docx import Document

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.reports.models import ParitranaEntry
from payung.reports.paritrana import assess, seed

pytestmark = pytest.mark.usefixtures("regions")

PERBUP = "Perbup Boalemo No. 7 Tahun 2025, arsip Bagian Hukum"


@pytest.fixture
def analyst(make_user: Any) -> Client:
    seed()
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    return client


def enter(client: Client, item: str, met: str, evidence: str) -> Any:
    return client.post(
        "/laporan/paritrana/?tahun=2026",
        {"tahun": "2026", "item": item, "achievement": met, "evidence": evidence},
    )


def test_the_score_of_a_constructed_regency_worked_out_by_hand(
    regency: dict[str, Any], analyst: Client, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path / "data"
    enter(analyst, "K1", "100", PERBUP)  # no monev yet: the Perbup is entered
    enter(analyst, "K2", "50", "SE Bupati tentang syarat kepesertaan, belum Perbup")
    enter(analyst, "N1", "30", "Aplikasi Payung, dipakai sejak 2026")
    # Policy: (60×100 + 40×50) / 100 = 80.
    # Implementation: paid 10.000.000 of 1.008.000.000 (0,992 %), enrolled 2 of 5 (40), no
    #   monev score (0): (35×0,99206 + 35×40 + 30×0) / 100 = 14,347.
    # Performance: UCJ 5/40 = 12,5 % against a target of 25 %: 50; no trend in the year (0):
    #   (70×50 + 30×0) / 100 = 35.
    # Innovation: (60×30 + 40×0) / 100 = 18.
    # Total: 0,25×80 + 0,30×14,347 + 0,35×35 + 0,10×18 = 38,354.
    found = assess(2026)
    scores = {a.area.code: a.score for a in found.areas}
    assert [str(scores[c]) for c in ("policy", "implementation", "performance", "innovation")] == [
        "80.0", "14.3", "35.0", "18.0",
    ]  # fmt: skip
    assert str(found.total) == "38.4"
    # Points lost = area weight × item weight × what is missing: C1 0,35×0,7×50 = 12,25;
    # C2 0,35×0,3×100 = 10,5; P1 0,3×0,35×99,008 = 10,4; P3 0,3×0,3×100 = 9; P2 6,3.
    assert [(g.item.code, str(g.lost)) for g in found.gaps[:5]] == [
        ("C1", "12.3"), ("C2", "10.5"), ("P1", "10.4"), ("P3", "9.0"), ("P2", "6.3"),
    ]  # fmt: skip
    page = analyst.get("/laporan/paritrana/?tahun=2026").content.decode()
    assert 'data-testid="score">38,4<' in page and "asumsi" in page

    pdf = analyst.get("/laporan/paritrana/dosier.pdf?tahun=2026")
    path = tmp_path / "dosier.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "38,4" in text and "Perbup Boalemo No. 7 Tahun 2025" in text and "asumsi" in text
    docx = Document(io.BytesIO(analyst.get("/laporan/paritrana/dosier.docx?tahun=2026").content))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "38,4" in body and PERBUP in body and "{{" not in body
    assert AuditEvent.objects.filter(action="reports.paritrana_dossier").count() == 2


def test_the_assumed_weights_change_the_score_and_are_audited(
    regency: dict[str, Any], analyst: Client
) -> None:
    enter(analyst, "K1", "100", PERBUP)
    enter(analyst, "K2", "50", "SE Bupati")
    enter(analyst, "N1", "30", "Aplikasi Payung")
    fields = {
        f"area-{c}": w
        for c, w in [
            ("policy", "25"),
            ("implementation", "30"),
            ("performance", "35"),
            ("innovation", "0"),
        ]
    }
    fields |= {f"item-{c}": w for c, w in [("K1", "60"), ("K2", "40"), ("P1", "35"), ("P2", "35"),
                                           ("P3", "30"), ("C1", "70"), ("C2", "30"), ("N1", "60"),
                                           ("N2", "40")]}  # fmt: skip
    analyst.post("/laporan/paritrana/", {"action": "weights", "tahun": "2026", **fields})
    # Without innovation: (25×80 + 30×14,347 + 35×35) / 90 = 40,616.
    assert str(assess(2026).total) == "40.6"
    assert AuditEvent.objects.filter(action="reports.paritrana_weights").exists()
    bad = analyst.post(
        "/laporan/paritrana/", {"action": "weights", "tahun": "2026", **fields, "item-K1": "x"},
        follow=True,
    )  # fmt: skip
    assert "K1" in bad.content.decode() and str(assess(2026).total) == "40.6"  # nothing saved


def test_an_entry_needs_its_evidence_and_the_regents_office_enters_nothing(
    regency: dict[str, Any], analyst: Client, make_user: Any
) -> None:
    enter(analyst, "K2", "50", "")
    assert not ParitranaEntry.objects.exists()
    enter(analyst, "K2", "150", "SE Bupati")
    assert not ParitranaEntry.objects.exists()
    pimpinan = Client()
    pimpinan.force_login(make_user(Role.PIMPINAN))
    assert pimpinan.get("/laporan/paritrana/").status_code == 200
    assert enter(pimpinan, "K2", "50", "SE Bupati").status_code == 403
    assert not ParitranaEntry.objects.exists()
