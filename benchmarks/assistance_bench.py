"""Assistance programme steps as the registry grows: eligibility, priority list, selection and
the simulator, at a regency (80k workers) and a province (1M), so their cost can be seen to
stay linear.

    python benchmarks/assistance_bench.py                         # 80k and 1M, SQLite
    python benchmarks/assistance_bench.py --workers 80000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench \
        python benchmarks/assistance_bench.py

A synthetic regency is generated, imported through the real import pipeline and linked from its
truth files (standing in for `payung link`); then a programme with the demo's rules (vulnerable
occupations, decile <= 4, age 18-60) and a quota of 5% of the registry is simulated, selected,
verified, enrolled and reconciled with the participants. Figures are printed, never asserted;
`per_1k_workers_ms` shows whether the cost per worker stays flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def timed(label: str, timings: dict[str, float], fn: Any, *args: Any, **kwargs: Any) -> Any:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    timings[label] = round(time.perf_counter() - started, 3)
    print(f"  {label}: {timings[label]} s", file=sys.stderr, flush=True)
    return result


def run(size: int, work: Path) -> dict[str, Any]:
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from payung.accounts.services import seed_opds
    from payung.assistance import eligibility, priority, reconciliation, services, simulator
    from payung.assistance.demo import VULNERABLE
    from payung.coverage.tests.helpers import build_synth_world
    from payung.regions.services import load_regions

    timings: dict[str, float] = {}
    print(f"{size} workers on {connection.vendor}, in {work}", file=sys.stderr)
    call_command("flush", interactive=False, verbosity=0)
    load_regions(settings.PAYUNG_REGENCY)
    seed_opds()
    # The flush took the rates the migration seeded: seed them again.
    importlib.import_module("payung.contributions.migrations.0002_seed_rules").seed(apps, None)
    timed("generate_import_link", timings, build_synth_world, work / f"synth-{size}", size, seed=3)
    quota = size // 20
    programme = services.create_programme(
        user=None, name="bench", year=2026, funding_source="apbd", budget=quota * 201_600,
        quota=quota, start_month=dt.date(2026, 1, 1), months=12, occupations=VULNERABLE,
        max_decile=4, min_age=18, max_age=60,
    )  # fmt: skip
    eligible = timed("eligible_count", timings, eligibility.eligible_workers(programme).count)
    ranked = timed(
        "priority_list", timings, priority.priority_list, programme,
        eligibility.eligible_workers(programme),
    )  # fmt: skip
    simulation = timed("simulate", timings, simulator.simulate, programme, quota=quota)
    selection = timed("select", timings, services.select, programme, user=None)
    for desa in programme.beneficiaries.order_by().values_list("desa_id", flat=True).distinct():
        services.verify_desa(programme, desa, user=None)
    timed("enrol", timings, services.mark_enrolled, programme, user=None)
    timed("reconcile", timings, reconciliation.reconcile, programme)
    steps = ("eligible_count", "priority_list", "simulate", "select", "enrol", "reconcile")
    return {
        "workers": size,
        "database": connection.vendor,
        "eligible": eligible,
        "ranked": ranked.height,
        "quota": quota,
        "selected": selection.selected,
        "simulated": simulation.selected,
        "seconds": timings,
        "per_1k_workers_ms": {s: round(timings[s] * 1000 / (size / 1000), 3) for s in steps},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, action="append", help="default: 80000 and 1000000")
    args = parser.parse_args()
    sizes = args.workers or [80_000, 1_000_000]
    work = Path(tempfile.mkdtemp(prefix="payung-assistance-bench-"))
    os.environ["PAYUNG_DATA_DIR"] = str(work / "data")  # a fresh SQLite file unless DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = [run(size, work) for size in sizes]
    if len(results) > 1:
        small, big = results[0], results[-1]
        growth = big["workers"] / small["workers"]
        for r in results[1:]:
            r["time_ratio_vs_smallest"] = {
                s: round(r["seconds"][s] / max(small["seconds"][s], 1e-6), 1)
                for s in r["per_1k_workers_ms"]
            }
        print(f"size ratio {growth:.1f}x", file=sys.stderr)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
