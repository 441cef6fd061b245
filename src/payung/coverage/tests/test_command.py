"""`payung coverage` beyond the figures: snapshots, BPS and target imports, plain output."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from payung.coverage.models import Snapshot, WorkingPopulation
from payung.coverage.tests.helpers import DESA_A, Builder

pytestmark = pytest.mark.usefixtures("regions")


def run(*args: str) -> str:
    out = StringIO()
    call_command("coverage", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_snapshot_of_the_export_month_then_the_table_reads_it() -> None:
    b = Builder()
    b.participant("PU", dt.date(2026, 8, 1), worker=b.worker())
    b.participant("PU", dt.date(2026, 7, 1), worker=b.worker())
    b.worker()
    summary = json.loads(run("--snapshot", "--json"))
    # The latest month paid in the export is August: that is the month it reports on.
    assert summary == {
        "month": "2026-08", "workers": 3, "active": 1, "coverage": round(1 / 3, 6),
        "participants_active": 1, "bpu_grace_months": 3,
    }  # fmt: skip
    assert Snapshot.objects.get().month == dt.date(2026, 8, 1)
    text = run("--by", "desa")
    assert "2026-08" in text and DESA_A in text and "33,3 %" in text
    run("--snapshot", "--months", "3")
    months = {s.month: s.covered for s in Snapshot.objects.all()}
    assert months == {dt.date(2026, 6, 1): 2, dt.date(2026, 7, 1): 2, dt.date(2026, 8, 1): 1}


def test_bps_figures_from_a_csv_and_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "bps.csv"
    path.write_text("Tahun,Kode Kecamatan,Penduduk Bekerja\n2025,75.02,61000\n2025,75.02.04,x\n")
    assert "1 baris disimpan" in run("--import-bps", str(path))
    assert WorkingPopulation.objects.get(region_id="75.02").workers == 61000
    with pytest.raises(CommandError):
        run("--as-of", "2026-13")
    with pytest.raises(CommandError):
        run("--by", "sex", "--then", "sex")
