"""A real browser uploads a village list, watches it import, and downloads the rows to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from payung.accounts.roles import Role
from payung.conftest import log_in, work_the_queue
from payung.imports.tests.helpers import write_xlsx
from payung.registry.models import Worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESA = "75.02.01.2004"


def test_upload_a_list_and_download_the_rejected_rows(
    page: Any, live_server: Any, make_user: Any, tmp_path: Path
) -> None:
    user = make_user(Role.OPERATOR_OPD)
    path = write_xlsx(
        tmp_path / "desa-bongo-nol.xlsx",
        [
            ["NIK", "Nama Lengkap", "JK", "Tgl Lahir", "Kode Desa"],
            ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", DESA],
            [7502011203900002, "Moh. Rizal Hasan", "L", "12-03-1990", DESA],  # numeric cell
            ["7502011203900003", "", "L", "12-03-1990", DESA],  # no name: rejected
            ["7502011203900004", "Ali Usman", "L", "12-03-1990", "Desa Entah"],  # rejected
        ],
    )
    log_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/impor/")
    page.select_option("#id_kind", "workers")
    page.set_input_files("#id_file", str(path))
    page.click("#upload-form button[type=submit]")
    work_the_queue()  # what `payung worker` does beside the web server

    page.wait_for_url("**/impor/batch/*/")
    assert page.locator("[data-testid=rows]").inner_text() == "4"
    assert page.locator("[data-testid=accepted]").inner_text() == "2"
    assert page.locator("[data-testid=rejected]").inner_text() == "2"
    assert page.locator("[data-testid=issues] tbody tr").count() == 3
    # An agency operator sees the NIK masked (UU 27/2022).
    assert "750201**********" in page.locator("[data-testid=issues]").inner_text()

    with page.expect_download() as download_info:
        page.click("[data-testid=download-issues]")
    saved = tmp_path / "perbaikan.xlsx"
    download_info.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [3, 4, 5]
    assert all(r[2] for r in rows[1:])  # every row has its reason
    assert Worker.objects.count() == 2


def test_uploading_a_pdf_shows_a_clear_message(
    page: Any, live_server: Any, make_user: Any, tmp_path: Path
) -> None:
    user = make_user(Role.ANALIS)
    pdf = tmp_path / "daftar.xlsx"
    pdf.write_bytes(b"%PDF-1.4 not a workbook")
    log_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/impor/")
    page.set_input_files("#id_file", str(pdf))
    page.click("#upload-form button[type=submit]")
    work_the_queue()
    error = page.locator("#upload-error")
    error.wait_for(state="visible")
    assert "PDF" in error.inner_text()
    assert Worker.objects.count() == 0


def test_pimpinan_cannot_import(page: Any, live_server: Any, make_user: Any) -> None:
    user = make_user(Role.PIMPINAN)
    log_in(page, live_server.url, user.username)
    response = page.goto(f"{live_server.url}/impor/")
    assert response is not None and response.status == 403


def test_an_operator_cannot_open_another_agencys_batch(
    page: Any, live_server: Any, make_user: Any, tmp_path: Path
) -> None:
    from payung.imports.services import run_import

    other = make_user(Role.OPERATOR_OPD, username="operator-pmd", opd_code="dinas-pmd")
    path = write_xlsx(
        tmp_path / "desa.xlsx",
        [["NIK", "Nama Lengkap", "JK", "Tgl Lahir", "Kode Desa"], ["7502", "Ani", "P", "x", DESA]],
    )
    theirs = run_import("workers", path, user=other).batch
    mine = make_user(Role.OPERATOR_OPD)  # Disnaker
    log_in(page, live_server.url, mine.username)
    for url in [f"/impor/batch/{theirs}/", f"/impor/batch/{theirs}/perbaikan.xlsx"]:
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None and response.status == 404, url
    page.goto(f"{live_server.url}/impor/")
    assert page.locator(f"a[href='/impor/batch/{theirs}/']").count() == 0


@pytest.mark.parametrize("width", [1280, 390])
def test_the_same_list_uploaded_again_says_it_repeats_the_first(
    page: Any, live_server: Any, make_user: Any, tmp_path: Path, width: int
) -> None:
    """An Analis uploads a village's workbook twice: the second import is not validated again,
    and its page says so, with the first import's problems."""
    path = write_xlsx(
        tmp_path / "desa-bongo-nol.xlsx",
        [
            ["NIK", "Nama Lengkap", "JK", "Tgl Lahir", "Kode Desa"],
            ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", DESA],
            ["7502011203900003", "", "L", "12-03-1990", DESA],  # no name: rejected
        ],
    )
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, make_user(Role.ANALIS).username)
    batches = []
    for _ in range(2):
        page.goto(f"{live_server.url}/impor/")
        page.select_option("#id_kind", "workers")
        page.set_input_files("#id_file", str(path))
        page.click("#upload-form button[type=submit]")
        work_the_queue()
        page.wait_for_url("**/impor/batch/*/")
        batches.append(page.url.rstrip("/").rsplit("/", 1)[1])
    notice = page.locator("[data-testid=same-as]")
    assert f"impor #{batches[0]}" in notice.inner_text()
    assert page.locator("[data-testid=records]").inner_text() == "0 / 0 / 1"
    assert page.locator("[data-testid=issues] tbody tr").count() == 1
    notice.locator("a").click()
    page.wait_for_url(f"**/impor/batch/{batches[0]}/")
    assert page.locator("[data-testid=same-as]").count() == 0
    assert Worker.objects.count() == 1
