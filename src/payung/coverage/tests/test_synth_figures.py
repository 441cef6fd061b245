"""Coverage of a synthetic regency against figures counted straight from its files and truth."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from payung.coverage import selectors, services
from payung.coverage.tests.expected import World
from payung.coverage.tests.helpers import build_synth_world

pytestmark = pytest.mark.usefixtures("regions")

AS_OF = "2026-10"  # the synthetic world's export month (synth.generate.AS_OF)
MONTH = dt.date(2026, 10, 1)


@pytest.fixture
def world(tmp_path: Path) -> Path:
    return build_synth_world(tmp_path, n_workers=1500, seed=3)


def run(*args: str) -> list[dict[str, Any]]:
    out = StringIO()
    call_command("coverage", *args, "--json", stdout=out)
    rows: list[dict[str, Any]] = json.loads(out.getvalue())
    return rows


def test_coverage_by_kecamatan_desa_and_occupation_match_the_truth(world: Path) -> None:
    truth = World(world, AS_OF)
    for by in ("kecamatan", "desa", "occupation"):
        rows = run("--by", by, "--as-of", AS_OF)
        got = {r.get("code", r.get("key")): (r["workers"], r["active"]) for r in rows}
        assert got == truth.by(by), by
        for r in rows:
            assert r["coverage"] == pytest.approx(r["active"] / r["workers"], abs=1e-6)
            assert r["name"]
    whole = run("--by", "kabupaten", "--as-of", AS_OF)
    assert [(r["code"], r["workers"]) for r in whole] == [("75.02", len(truth.canonical))]


def test_segment_rows_count_each_active_segment_and_the_total_counts_a_worker_once(
    world: Path,
) -> None:
    truth = World(world, AS_OF)
    rows = {r["key"]: r for r in run("--by", "segment", "--as-of", AS_OF)}
    assert {k: r["active"] for k, r in rows.items() if r["active"]} == truth.by_segment()
    assert {r["workers"] for r in rows.values()} == {len(truth.canonical)}
    covered = sum(1 for row in truth.canonical if row["segments"])
    two = sum(1 for row in truth.canonical if "," in row["segments"])
    assert two > 0, "the world should hold workers with two active participations"
    assert sum(r["active"] for r in rows.values()) == covered + two
    assert selectors.region_row(MONTH, "75.02").active == covered


def test_official_ucj_counts_active_participants_recorded_in_the_regency(world: Path) -> None:
    truth = World(world, AS_OF)
    rows = run("--by", "kecamatan", "--as-of", AS_OF)
    assert {r["code"]: r["participants_active"] for r in rows} == {
        k: truth.official_by_kecamatan().get(k, 0) for k in (r["code"] for r in rows)
    }


def test_grace_months_change_who_is_active(world: Path) -> None:
    services.set_bpu_grace_months(months=0)
    truth = World(world, AS_OF, grace=0)
    rows = run("--by", "kecamatan", "--as-of", AS_OF)
    assert {r["code"]: (r["workers"], r["active"]) for r in rows} == truth.by("kecamatan")
    earlier = World(world, "2026-07", grace=0)
    rows = run("--by", "kecamatan", "--as-of", "2026-07")
    assert {r["code"]: (r["workers"], r["active"]) for r in rows} == earlier.by("kecamatan")


def test_a_snapshot_reads_the_same_figures_and_makes_a_trend(world: Path) -> None:
    truth = World(world, AS_OF)
    snap = services.take_snapshot(trigger="test")
    assert snap.month == MONTH  # the month the export reports on
    assert (snap.workers, snap.covered) == (
        len(truth.canonical),
        sum(1 for row in truth.canonical if row["segments"]),
    )
    for by in ("desa", "occupation"):
        stored = selectors.breakdown(by, MONTH)
        live = selectors.breakdown(by, MONTH, live=True)
        assert [r.as_dict() for r in stored] == [r.as_dict() for r in live]
        assert {r.key: (r.workers, r.active) for r in stored} == truth.by(by)
    services.take_snapshot(month=dt.date(2026, 4, 1))
    july = World(world, "2026-04")
    points = selectors.trend()
    assert [p.month for p in points] == [dt.date(2026, 4, 1), MONTH]
    assert points[0].active == sum(1 for row in july.canonical if row["segments"])
    kec = selectors.trend(within="75.02.04")
    assert [(p.workers, p.active) for p in kec] == [
        july.by("kecamatan")["75.02.04"],
        truth.by("kecamatan")["75.02.04"],
    ]
