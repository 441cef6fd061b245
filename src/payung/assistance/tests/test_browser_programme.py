"""Real headless Chromium: an Analis runs a programme from creation to the BPJS TK enrolment
file, with a desa rejecting one worker on the way; the BPJS officer marks them enrolled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from payung.accounts.roles import Role
from payung.assistance.models import Beneficiary, Programme, Stage, Status
from payung.assistance.tests.builders import DESA_A, THIS_MONTH, World
from payung.conftest import TEST_PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]


def test_programme_from_creation_to_enrolment_file(
    page: Any, live_server: Any, make_user: Any, tmp_path: Path
) -> None:
    world = World()
    fishers = [world.poor(occupation="nelayan", decile=1 + i % 3) for i in range(4)]
    world.poor(occupation="pedagang")  # not on the programme's list
    covered = world.poor(occupation="nelayan", decile=1)
    world.active(covered, "PU")  # the double-subsidy rule keeps them out
    analis = make_user(Role.ANALIS)
    log_in(page, live_server.url, analis.username, TEST_PASSWORD)

    page.goto(f"{live_server.url}/bantuan/")
    page.click("[data-testid=new-programme]")
    page.fill("[name=name]", "Bantuan Iuran Nelayan")
    page.fill("[name=year]", str(THIS_MONTH.year))
    page.select_option("[name=funding_source]", "dbh_cht")
    page.fill("[name=budget]", "604800")
    page.fill("[name=quota]", "3")
    page.fill("[name=start_month]", THIS_MONTH.strftime("%Y-%m"))
    page.fill("[name=months]", "12")
    page.fill("[name=occupations]", "Nelayan")
    page.fill("[name=max_decile]", "4")
    page.click("[data-testid=save-programme]")

    assert (
        page.locator("[data-testid=programme-name]")
        .inner_text()
        .startswith("Bantuan Iuran Nelayan")
    )
    assert page.locator("[data-testid=eligible]").inner_text() == "4"
    # 3 workers × Rp 16.800 × 12 months, from the calculator.
    assert page.locator("[data-testid=quota-budget]").inner_text() == "Rp 604.800"
    page.click("[data-testid=select]")
    assert page.locator("[data-testid=holding]").inner_text() == "3"

    page.click("[data-testid=desa-link]")
    assert page.locator("[data-testid=desa-list] tbody tr").count() == 3
    first_row = page.locator("[data-testid=desa-list] tbody tr").first
    first_row.locator("input[name=reason]").fill("pindah ke Kota Gorontalo")
    first_row.locator("[data-testid=reject-form] button").click()
    # The fourth fisher replaces the one who moved: still three to verify.
    assert page.locator("[data-testid=desa-list] tr[data-status=selected]").count() == 3
    page.click("[data-testid=verify-desa]")
    assert page.locator("[data-testid=desa-list] tr[data-status=verified]").count() == 3

    page.goto(f"{live_server.url}/bantuan/{Programme.objects.get().pk}/")
    assert page.locator("[data-testid=to-enrol]").inner_text() == "3"
    with page.expect_download() as download:
        page.click("[data-testid=enrolment-file]")
    path = tmp_path / "pendaftaran.xlsx"
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    niks = {row[header.index("NIK")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    rejected = Beneficiary.objects.get(status=Status.REJECTED).worker
    assert niks == {w.nik for w in fishers} - {rejected.nik}
    assert covered.nik not in niks

    page.fill("[name=on]", THIS_MONTH.isoformat())
    page.click("[data-testid=mark-enrolled]")
    assert page.locator("[data-testid=stage]").inner_text() == "Terdaftar"
    assert Programme.objects.get().stage == Stage.ENROLLED
    assert Beneficiary.objects.filter(status=Status.ENROLLED).count() == 3
    assert DESA_A in page.locator("[data-testid=by-desa]").inner_html()
