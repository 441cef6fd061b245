"""Real headless Chromium, one quarter end to end: Dinas PMD enters its item and submits with
evidence, Bappeda returns it with a reason, the agency fixes it from its fix list, Bappeda
verifies, the score appears in the league table, and the period report's PDF downloads; its
pages are rendered to PNG (pdftoppm) and its text read (pdftotext). At desktop and 390 px."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD, log_in
from payung.monev.models import ItemStatus, Realisation, Target
from payung.monev.tests.builders import PDF, item, open_quarter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RETURN_REASON = "Jumlah perangkat desa tidak sesuai SK Bupati"


@pytest.mark.parametrize("width", [1280, 390])
def test_one_quarter_from_entry_to_the_report(
    page: Any, browser: Any, live_server: Any, make_user: Any, tmp_path: Path, width: int
) -> None:
    period = open_quarter()
    pmd = item(period, "4.1.a", "dinas-pmd")  # village officials covered: a ratio
    Target.objects.create(
        indicator=pmd.indicator, opd=pmd.opd, period=period, value=Decimal("0.80")
    )
    make_user(Role.OPERATOR_OPD, "op-pmd", opd_code="dinas-pmd")
    make_user(Role.ANALIS, "bappeda")
    url = f"{live_server.url}/monev/butir/{pmd.pk}/"
    page.set_viewport_size({"width": width, "height": 900})
    bappeda = browser.new_context(locale="en-US", viewport={"width": width, "height": 900})
    analis = bappeda.new_page()
    analis.set_default_timeout(15_000)

    # The agency enters 45 of 75 officials covered (60 %), adds its evidence and submits.
    log_in(page, live_server.url, "op-pmd", TEST_PASSWORD)
    page.goto(url)
    page.fill("[name=numerator]", "45")
    page.fill("[name=denominator]", "75")
    page.fill("[name=narrative]", "Pendataan perangkat desa di 7 kecamatan")
    page.click("[data-testid=entry] button[type=submit]")
    page.fill("[name=title]", "Daftar peserta perangkat desa")
    page.set_input_files(
        "[name=file]", files=[{"name": "daftar.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.click("form[enctype] button[type=submit]")
    assert "Daftar peserta perangkat desa" in page.locator("[data-testid=evidence]").inner_text()
    page.click("form[action$='ajukan/'] button")
    assert page.locator("[data-testid=status]").inner_text() == "dikirim"

    # Bappeda returns it with a reason.
    log_in(analis, live_server.url, "bappeda", TEST_PASSWORD)
    analis.goto(url)
    analis.fill("[name=reason]", RETURN_REASON)
    analis.click("form[action$='kembalikan/'] button")
    assert Realisation.objects.get(pk=pmd.pk).status == ItemStatus.RETURNED

    # The agency finds it on its fix list, corrects the count to 60 of 75 and submits again.
    page.goto(f"{live_server.url}/monev/")
    fix_list = page.locator("[data-testid=fix-list]")
    assert RETURN_REASON in fix_list.inner_text()
    fix_list.locator("a").first.click()
    assert RETURN_REASON in page.locator("[data-testid=return-reason]").inner_text()
    page.fill("[name=numerator]", "60")
    page.click("[data-testid=entry] button[type=submit]")
    page.click("form[action$='ajukan/'] button")
    assert page.locator("[data-testid=status]").inner_text() == "dikirim"

    # Bappeda verifies; the score appears: 60/75 = 0,8 against 0,8 is 100 %.
    analis.goto(url)
    analis.click("form[action$='verifikasi/'] button")
    assert analis.locator("[data-testid=status]").inner_text() == "terverifikasi"
    analis.goto(f"{live_server.url}/monev/periode/{period.pk}/peringkat/")
    row = analis.locator("[data-opd=dinas-pmd]")
    assert row.get_attribute("data-rank") == "1" and "100 %" in row.inner_text()
    analis.screenshot(path=str(tmp_path / f"league-{width}.png"), full_page=True)

    # The report: a snapshot, then the PDF.
    analis.goto(f"{live_server.url}/monev/periode/{period.pk}/laporan/")
    analis.click("[data-testid=take-snapshot]")
    with analis.expect_download() as download:
        analis.click("[data-testid=latest] [data-format=pdf]")
    pdf = tmp_path / "laporan.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for heading in ("Laporan monitoring dan evaluasi", "Ringkasan untuk Bupati",
                    "Hasil per instruksi", "Hasil per OPD", "Rekomendasi Bappeda"):  # fmt: skip
        assert heading in text
    assert "Dinas PMD" in text and "100,0 %" in text
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 4 and all(p.read_bytes().startswith(b"\x89PNG") for p in pages)
    bappeda.close()
