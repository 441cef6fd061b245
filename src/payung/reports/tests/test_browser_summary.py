"""Real headless Chromium, as the Regent's office: log in, land on the summary, see every
block and its figures, and print it: one A4 page (Chromium's own print to PDF), read back
with pdftotext and rendered to PNG with pdftoppm; follow the map from the regency to a
kecamatan to a desa; download the monthly report's PDF and read it. At desktop and 390 px."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from payung.accounts.roles import Role
from payung.assistance.tests.builders import DESA_A, KEC_A
from payung.conftest import TEST_PASSWORD, log_in
from payung.regions.models import Region
from payung.regions.services import load_boundaries
from payung.reports.models import PovertyRate, Trigger
from payung.reports.services import make_monthly_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_rules"),
]

BLOCKS = ["coverage", "poor", "benefits", "money", "monev", "employers", "attention"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_regents_office_reads_and_prints_the_summary(
    page: Any, live_server: Any, make_user: Any, regency: dict[str, Any], tmp_path: Path, width: int
) -> None:
    PovertyRate.objects.create(year=2026, rate=Decimal("17.2"), source="BPS Boalemo 2026")
    make_user(Role.PIMPINAN, "bupati")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, "bupati", TEST_PASSWORD)
    page.goto(f"{live_server.url}/")
    assert page.url.endswith("/laporan/")  # the Regent's office lands on its summary
    for block in BLOCKS:
        assert page.locator(f"[data-testid=block-{block}]").is_visible(), block
    assert page.locator("[data-testid=coverage-share]").inner_text() == "12,5 %"
    assert page.locator("[data-testid=poor-share]").inner_text() == "33,3 %"  # 2 of 6
    # nothing wider than the phone: no sideways scrolling of the page itself
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.click("[data-testid=block-coverage] h2 a")
    assert "/cakupan/" in page.url  # the figure leads to the page that explains it

    page.goto(f"{live_server.url}/laporan/")
    page.emulate_media(media="print")
    pdf = tmp_path / "ringkasan.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = re.search(r"^Pages:\s+(\d+)$", info.stdout, flags=re.M)
    assert pages is not None and pages.group(1) == "1"  # one A4 page
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ("Ringkasan untuk Bupati", "12,5 %", "Perlu perhatian bulan ini", "17,2 %"):
        assert words in text, words
    assert "Cetak (A4)" not in text  # the print button stays off paper
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "ringkasan")], check=True
    )
    assert (tmp_path / "ringkasan-1.png").stat().st_size > 10_000


def boundary_file(tmp_path: Path) -> Path:
    """Squares for the desa of Paguyaman: the regency's map draws them (each leading to the
    kecamatan), the kecamatan's map each desa."""
    features = []
    codes = Region.objects.filter(parent_id=KEC_A).order_by("code").values_list("code", flat=True)
    for i, code in enumerate(codes):
        lon, lat = 122.3 + (i % 5) * 0.02, 0.7 - (i // 5) * 0.02
        ring = [[lon, lat], [lon + 0.02, lat], [lon + 0.02, lat - 0.02], [lon, lat - 0.02],
                [lon, lat]]  # fmt: skip
        features.append({"type": "Feature", "properties": {"kode_desa": code},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})  # fmt: skip
    path = tmp_path / "batas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.mark.parametrize("width", [1280, 390])
def test_the_regents_office_drills_the_map_and_downloads_the_monthly_report(
    page: Any, live_server: Any, make_user: Any, regency: dict[str, Any], tmp_path: Path, width: int
) -> None:
    load_boundaries(boundary_file(tmp_path), file_name="batas.geojson", user=None)
    make_monthly_report(user=None, trigger=Trigger.SCHEDULED)
    make_user(Role.PIMPINAN, "bupati")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, "bupati", TEST_PASSWORD)
    page.goto(f"{live_server.url}/cakupan/")
    page.locator(f"[data-testid=map] a[data-code='{KEC_A}']").first.click()
    page.wait_for_url(f"**region={KEC_A}**")
    page.locator(f"[data-testid=map] a[data-code='{DESA_A}']").click()
    page.wait_for_url(f"**region={DESA_A}**")
    assert "Bongo Nol" in page.locator("h1").inner_text()  # DESA_A's own page

    page.goto(f"{live_server.url}/laporan/bulanan/")
    with page.expect_download() as download:
        page.locator("[data-testid=download-pdf]").first.click()
    pdf = tmp_path / "bulanan.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # the constructed regency: 5 of 40 working people active, Rp 10.000.000 paid
    for words in ("Laporan bulanan kepada Bupati", "Cakupan", "12,5 %", "Rp 10.000.000",
                  "Rekomendasi"):  # fmt: skip
        assert words in text, words
    png = tmp_path / "bulanan"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(png)],
                   check=True)  # fmt: skip
    assert (tmp_path / "bulanan-1.png").stat().st_size > 10_000
