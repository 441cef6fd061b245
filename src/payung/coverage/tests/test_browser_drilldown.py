"""Real headless Chromium: the Regent's office drills from the regency to a desa and exports."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD, log_in
from payung.coverage import services
from payung.coverage.tests.helpers import DESA_A, DESA_B, Builder

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]

OCT = dt.date(2026, 10, 1)


def test_drill_from_the_regency_to_a_desa_and_export(
    page: Any, live_server: Any, make_user: Any, tmp_path: Path
) -> None:
    b = Builder()
    for i in range(6):  # desa B (Tilamuta): 6 workers, 2 covered; desa A: 3 workers, 3 covered
        w = b.worker(desa=DESA_B, sex="P" if i < 4 else "L")
        if i < 2:
            b.participant("PU", OCT, worker=w, region_code=DESA_B)
    for _ in range(3):
        b.participant("BPU", OCT, worker=b.worker(desa=DESA_A))
    services.take_snapshot(month=OCT)
    user = make_user(Role.PIMPINAN)
    log_in(page, live_server.url, user.username, TEST_PASSWORD)
    page.click("[data-module=cakupan]")

    assert page.get_attribute("[data-testid=region-name]", "data-level") == "kabupaten"
    assert page.get_attribute("[data-testid=headline-workers]", "data-value") == "9"
    assert page.get_attribute("[data-testid=headline-active]", "data-value") == "5"
    assert page.locator("[data-testid=tiles] [data-testid=tile]").count() == 7
    assert page.locator("[data-testid=segment-chart] svg [data-testid=bar]").count() == 3
    assert page.locator("[data-testid=trend-chart] [data-testid=trend-point]").count() == 1

    page.click("[data-testid=tile][data-code='75.02.04']")
    assert page.get_attribute("[data-testid=crumb-current]", "data-code") == "75.02.04"
    assert page.get_attribute("[data-testid=headline-workers]", "data-value") == "6"
    assert page.get_attribute("[data-testid=headline-active]", "data-value") == "2"
    tile = page.locator(f"[data-testid=tile][data-code='{DESA_B}']")
    assert float(tile.get_attribute("data-coverage")) == pytest.approx(2 / 6, abs=1e-6)

    with page.expect_download() as download:
        page.click("[data-testid=table-children] [data-testid=export-xlsx]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    assert sheet is not None
    table = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert table[DESA_B][2:4] == (6, 2)

    tile.click()
    assert page.get_attribute("[data-testid=region-name]", "data-level") == "desa"
    assert page.get_attribute("[data-testid=crumb-current]", "data-code") == DESA_B
    assert page.locator("[data-testid=crumb]").count() == 2  # regency > kecamatan > desa
    with page.expect_download() as download:
        page.click("[data-testid=table-sex] [data-testid=export-csv]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    with saved.open(encoding="utf-8-sig") as handle:
        rows = {r["key"]: (int(r["workers"]), int(r["active"])) for r in csv.DictReader(handle)}
    assert rows == {"L": (2, 0), "P": (4, 2)}

    page.click("[data-testid=crumb][data-code='75.02']")
    assert page.get_attribute("[data-testid=region-name]", "data-level") == "kabupaten"
