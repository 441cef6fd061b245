"""Breakdowns by sex, age band and decile, and any two of them crossed."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from payung.coverage import selectors
from payung.coverage.tests.helpers import DESA_A, DESA_B, Builder

pytestmark = pytest.mark.usefixtures("regions")

OCT = dt.date(2026, 10, 1)

# (sex, birth date, decile, desa, segment of an active participation or None)
PEOPLE = [
    ("L", dt.date(2000, 10, 1), 1, DESA_A, "BPU"),  # 26 on 1 Oct 2026
    ("L", dt.date(2000, 10, 2), 1, DESA_A, None),  # 25
    ("P", dt.date(2001, 10, 2), 2, DESA_A, "PU"),  # 24
    ("P", dt.date(1961, 10, 1), 9, DESA_B, "PU"),  # 65
    ("P", dt.date(1961, 10, 2), None, DESA_B, None),  # 64
    ("L", None, 4, DESA_B, "JAKON"),
    ("", dt.date(2012, 1, 1), 5, DESA_B, None),  # 14
]
BANDS = ["25-34", "25-34", "15-24", "65+", "55-64", "?", "<15"]


@pytest.fixture
def people(regions: None) -> None:
    b = Builder()
    for sex, born, decile, desa, segment in PEOPLE:
        worker = b.worker(desa=desa, sex=sex, birth_date=born, decile=decile)
        if segment:
            b.participant(segment, OCT, worker=worker)


def counted(keys: list[str]) -> dict[str, tuple[int, int]]:
    workers = Counter(keys)
    covered = Counter(k for k, p in zip(keys, PEOPLE, strict=True) if p[4])
    return {k: (workers[k], covered[k]) for k in workers}


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("by", "keys"),
    [
        ("sex", [p[0] or "?" for p in PEOPLE]),
        ("age_band", BANDS),
        ("decile", [str(p[2]) if p[2] else "?" for p in PEOPLE]),
    ],
)
def test_breakdown_by_a_registry_dimension(by: str, keys: list[str]) -> None:
    rows = selectors.breakdown(by, OCT)
    assert {r.key: (r.workers, r.active) for r in rows} == counted(keys)


@pytest.mark.usefixtures("people")
def test_two_registry_dimensions_crossed() -> None:
    rows = selectors.crossed("sex", "age_band", OCT)
    keys = [f"{p[0] or '?'}\t{band}" for p, band in zip(PEOPLE, BANDS, strict=True)]
    assert {r.key: (r.workers, r.active) for r in rows} == counted(keys)


@pytest.mark.usefixtures("people")
def test_a_region_level_crossed_with_a_dimension_and_with_the_segment() -> None:
    rows = selectors.crossed("kecamatan", "sex", OCT)
    keys = [f"{p[3][:8]}\t{p[0] or '?'}" for p in PEOPLE]
    assert {r.key: (r.workers, r.active) for r in rows} == counted(keys)
    by_segment = {r.key: r.active for r in selectors.crossed("segment", "kecamatan", OCT)}
    assert by_segment["75.02.04\tPU"] == 1 and by_segment["75.02.04\tJAKON"] == 1
    assert by_segment["75.02.01\tBPU"] == 1 and by_segment["75.02.01\tJAKON"] == 0


@pytest.mark.usefixtures("people")
def test_drilling_into_a_kecamatan_lists_only_its_desa() -> None:
    rows = selectors.breakdown("desa", OCT, within="75.02.04")
    assert [(r.key, r.workers, r.active) for r in rows] == [(DESA_B, 4, 2)]
