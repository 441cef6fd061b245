"""Real headless Chromium: Bappeda imports the licensing office's list and BPJS TK's employer
export, the worker matches and classifies, Bappeda opens a PDS employer, records written
warning 1 and downloads its letter; DPMPTSP's operator checks the NIB. Desktop and 390 px."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD, log_in, work_the_queue
from payung.employers.models import FollowUp
from payung.employers.tests.builders import BUSINESS_HEADER, EMPLOYER_HEADER, seed_rules, write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDS = "1000000000002"


def _upload(page: Any, base: str, kind: str, path: Path) -> None:
    page.goto(f"{base}/impor/")
    page.select_option("#id_kind", kind)
    page.set_input_files("#id_file", str(path))
    page.click("#upload-form button[type=submit]")
    work_the_queue()  # the import, then its reaction: matching and classification
    page.wait_for_url("**/impor/batch/*/")


@pytest.mark.parametrize("width", [1280, 390])
def test_import_both_lists_and_warn_a_pds_employer(
    page: Any, browser: Any, live_server: Any, make_user: Any, tmp_path: Path, width: int
) -> None:
    seed_rules()
    make_user(Role.ANALIS, "bappeda")
    make_user(Role.OPERATOR_OPD, "op-ptsp", opd_code="dpmptsp")
    oss = write(
        tmp_path / "oss.csv",
        BUSINESS_HEADER
        + "1000000000001,PT Patuh,47111,kecil,Jl. Pelabuhan 1,,10,\n"
        + f"{PDS},PT Kurang Pekerja,47111,kecil,Jl. Pelabuhan 3,,10,\n",
    )
    bpjs = write(
        tmp_path / "bpjs.csv",
        EMPLOYER_HEADER
        + '21000001,PT Patuh,1000000000001,10,,"JKK,JKM,JHT",0\n'
        + f'21000002,PT Kurang Pekerja,{PDS},7,,"JKK,JKM,JHT",0\n',
    )
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    log_in(page, base, "bappeda", TEST_PASSWORD)
    _upload(page, base, "businesses", oss)
    _upload(page, base, "bpjs_employers", bpjs)

    page.goto(f"{base}/pemberi-kerja/")
    page.click("[data-testid=findings] tr[data-code=pds_tk] a")
    page.click(f"[data-nib='{PDS}'] a")
    assert "PT Kurang Pekerja" in page.locator("h1").inner_text()
    finding = page.locator("[data-testid=business-findings] li[data-code=pds_tk]").inner_text()
    assert "10" in finding and "7" in finding
    page.select_option("[data-testid=record-step] select[name=step]", "warning_1")
    page.click("[data-testid=record-step] button[type=submit]")
    assert page.locator("[data-testid=trail] tr[data-step=warning_1]").count() == 1
    with page.expect_download() as download:
        page.click("[data-testid=letter-docx]")
    letter = tmp_path / "teguran.docx"
    download.value.save_as(letter)
    text = "\n".join(p.text for p in Document(io.BytesIO(letter.read_bytes())).paragraphs)
    assert "PT Kurang Pekerja" in text and "Teguran tertulis I" in text
    assert FollowUp.objects.get().done_by.username == "bappeda"  # type: ignore[union-attr]
    page.screenshot(path=str(tmp_path / f"business-{width}.png"), full_page=True)

    # DPMPTSP checks the NIB before a permit.
    office = browser.new_context(locale="en-US", viewport={"width": width, "height": 900})
    ptsp = office.new_page()
    log_in(ptsp, base, "op-ptsp", TEST_PASSWORD)
    ptsp.goto(f"{base}/pemberi-kerja/cek-izin/")
    ptsp.fill("#nib", PDS)
    ptsp.click("main form button[type=submit]")
    verdict = ptsp.locator("[data-testid=verdict]")
    assert verdict.get_attribute("data-compliant") == "false"
    assert "PDS Tenaga Kerja" in verdict.inner_text()
    office.close()
