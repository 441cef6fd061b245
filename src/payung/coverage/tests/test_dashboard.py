"""The dashboard page, its drill-down and exports, and the figures page's roles."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.coverage import services
from payung.coverage.models import CoverageSettings, Target, WorkingPopulation
from payung.coverage.tests.helpers import DESA_A, DESA_B, Builder

OCT = dt.date(2026, 10, 1)


@pytest.fixture
def data(regions: None) -> None:
    b = Builder()
    for i in range(10):  # 10 workers in desa A, 4 covered
        w = b.worker(desa=DESA_A, decile=2 if i < 6 else 7)
        if i < 4:
            b.participant("BPU", OCT, worker=w)
    for i in range(5):  # 5 in desa B, 1 covered by PU
        w = b.worker(desa=DESA_B, occupation="Guru Honorer", decile=None)
        if i == 0:
            b.participant("PU", OCT, worker=w, region_code=DESA_B)
    b.participant("BPU", OCT, region_code=DESA_B)  # not in the registry
    services.take_snapshot(month=OCT)


def client_for(make_user: Any, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


def value(html: str, testid: str) -> str:
    marker = f'data-testid="{testid}" data-value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reads_the_dashboard(make_user: Any, data: None, role: Role) -> None:
    html = client_for(make_user, role).get("/cakupan/").content.decode()
    assert value(html, "headline-workers") == "15"
    assert value(html, "headline-active") == "5"
    assert value(html, "headline-participants") == "6"
    assert html.count('data-testid="tile"') == 7  # every kecamatan, with workers or not


def test_charts_draw_with_decimal_points_in_the_indonesian_ui(make_user: Any, data: None) -> None:
    # Indonesian formats 34.6 as "34,6", which SVG reads as no number: the bar vanishes.
    html = client_for(make_user, Role.ANALIS).get("/cakupan/").content.decode()
    svg = "".join(re.findall(r"<svg.*?</svg>", html, flags=re.S))
    assert 'data-testid="bar"' in svg
    assert not re.search(r'(width|cx|cy|x|y)="-?\d+,\d', svg)
    bpu = re.search(r'width="([\d.]+)"[^>]*data-key="BPU"', svg)
    assert bpu is not None and float(bpu.group(1)) > 0  # 4 of 15 workers: a visible bar


def test_drill_down_to_a_kecamatan_then_a_desa(make_user: Any, data: None) -> None:
    client = client_for(make_user, Role.PIMPINAN)
    html = client.get("/cakupan/", {"region": "75.02.04", "month": "2026-10"}).content.decode()
    assert value(html, "headline-workers") == "5" and value(html, "headline-active") == "1"
    assert f'data-code="{DESA_B}"' in html and f'data-code="{DESA_A}"' not in html
    html = client.get("/cakupan/", {"region": DESA_B, "month": "2026-10"}).content.decode()
    assert 'data-level="desa"' in html and 'data-testid="tile"' not in html
    assert client.get("/cakupan/", {"region": "75.01"}).status_code == 404


def test_target_gap_and_the_official_ucj(make_user: Any, data: None) -> None:
    WorkingPopulation.objects.create(year=2025, region_id="75.02", workers=40)
    Target.objects.create(year=2026, region_id="75.02", rate="0.3333")
    html = client_for(make_user, Role.ANALIS).get("/cakupan/").content.decode()
    # 6 active participants in the regency against 40 working (BPS 2025, the latest year)
    assert float(value(html, "headline-ucj")) == pytest.approx(6 / 40)
    assert value(html, "headline-gap") == str(math.ceil(0.3333 * 40) - 6)


def test_the_cheapest_groups_to_close_the_gap_come_first(make_user: Any, data: None) -> None:
    Target.objects.create(year=2026, region_id="75.02", rate="0.6")
    html = client_for(make_user, Role.ANALIS).get("/cakupan/").content.decode()
    rows = re.findall(
        r'data-testid="closing-row" data-segment="(\w+)" data-band="([^"]+)" '
        r'data-uncovered="(\d+)"',
        html,
    )
    # desa B's teachers: the occupation's covered worker is PU -> employer-paid, listed first
    assert rows[0] == ("PU", "?", "4")
    # the rest are BPU farmers: decile 1-4 (6 - 4 covered) and 5-10 (4)
    assert sorted(rows[1:]) == [("BPU", "1-4", "2"), ("BPU", "5-10", "4")]
    assert value(html, "headline-gap") == str(math.ceil(0.6 * 15) - 5)  # no BPS figure: registry


def test_export_any_table_as_csv_and_xlsx(make_user: Any, data: None) -> None:
    client = client_for(make_user, Role.OPERATOR_OPD)
    response = client.get("/cakupan/ekspor.csv", {"by": "desa", "region": "75.02.01"})
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["key"], r["workers"], r["active"]) for r in rows] == [(DESA_A, "10", "4")]
    response = client.get("/cakupan/ekspor.xlsx", {"by": "sex", "then": "decile"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:4] == ("kode", "nama", "pekerja registry", "terlindungi")
    assert sum(int(str(r[2])) for r in table[1:]) == 15
    assert sum(int(str(r[3])) for r in table[1:]) == 5
    assert client.get("/cakupan/ekspor.pdf").status_code == 404
    closing = client.get("/cakupan/ekspor.csv", {"by": "closing"}).content.decode("utf-8-sig")
    groups = list(csv.DictReader(io.StringIO(closing)))
    assert sum(int(g["uncovered"]) for g in groups) == 15 - 5
    trend = client.get("/cakupan/ekspor.xlsx", {"by": "trend"})
    book = openpyxl.load_workbook(io.BytesIO(trend.content)).active
    assert book is not None
    assert list(book.iter_rows(min_row=2, values_only=True))[0][:3] == ("2026-10", 15, 5)


def test_only_administrators_and_analysts_edit_figures(make_user: Any, data: None) -> None:
    form = {"pop-year": "2026", "pop-region": "75.02.01", "pop-workers": "1234",
            "pop-source": "BPS"}  # fmt: skip
    target = {"tgt-year": "2026", "tgt-region": "75.02", "tgt-percent": "65"}
    grace = {"grace-bpu_grace_months": "2"}
    pimpinan = client_for(make_user, Role.PIMPINAN)
    assert pimpinan.get("/cakupan/angka/").status_code == 200
    # Each change by its own URL; a read-only role is refused at every one, forms or not.
    for url, sent in [
        ("/cakupan/angka/penduduk-bekerja/", form),
        ("/cakupan/angka/target/", target),
        ("/cakupan/angka/masa-tenggang/", grace),
        ("/cakupan/angka/impor/", {}),
        ("/cakupan/snapshot/", {}),
    ]:
        assert pimpinan.post(url, sent).status_code == 403, url
    assert pimpinan.post("/cakupan/angka/", form).status_code == 405  # the page only reads
    assert not WorkingPopulation.objects.exists()

    analis = client_for(make_user, Role.ANALIS)
    assert analis.post("/cakupan/angka/penduduk-bekerja/", form).status_code == 302
    assert WorkingPopulation.objects.get(year=2026, region_id="75.02.01").workers == 1234
    analis.post("/cakupan/angka/target/", target)
    assert str(Target.objects.get(year=2026, region_id="75.02").rate) == "0.6500"
    analis.post("/cakupan/angka/masa-tenggang/", grace)
    assert CoverageSettings.objects.get().bpu_grace_months == 2
    refused = analis.post("/cakupan/angka/target/", target | {"tgt-region": "75.01"})
    assert refused.status_code == 200  # the page again, with the form's error on it
    assert Target.objects.count() == 1


def test_figures_are_imported_from_a_small_csv(regions: None, tmp_path: Path) -> None:
    text = "tahun;kode kecamatan;penduduk bekerja\n2025;75.02.01;12.345\n2025;750204;8000\n"
    text += "2025;75.01.01;100\n2025;75.02.02;banyak\n"
    path = tmp_path / "bps.csv"
    path.write_text(text)
    result = services.import_figures("population", path)
    assert result.saved == 2 and len(result.errors) == 2
    assert {(w.region_id, w.workers) for w in WorkingPopulation.objects.all()} == {
        ("75.02.01", 12345),
        ("75.02.04", 8000),
    }
    path.write_text("Tahun,Kode,Target\n2026,75.02,70%\n2027,75.02,0.8\n")
    targets = services.import_figures("target", path)
    assert targets.saved == 2
    assert sorted(str(t.rate) for t in Target.objects.all()) == ["0.7000", "0.8000"]
