"""Monev at a province's size: 40 OPDs × 60 indicators × 4 quarters, every item with a target,
a realisation and a piece of evidence (9.600 items). Measures what issue 16 sets targets for:

- computing every score of a quarter (with the rank change against the one before): ≤ 1 s;
- the scorecard and the league table: p95 ≤ 200 ms (through Django's test client, so the
  server's own time: the page's queries, scoring and template);
- the period report's PDF: ≤ 10 s (and the snapshot it is made from, the .docx and .xlsx).

    python benchmarks/monev_bench.py                    # SQLite, in a fresh data folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench python benchmarks/monev_bench.py

Figures are printed as JSON beside the targets, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

OPDS, INSTRUCTIONS, ACTIONS, INDICATORS = 40, 6, 2, 5  # 6 × 2 × 5 = 60 indicators
TARGETS = {"scores_s": 1.0, "page_p95_ms": 200.0, "pdf_s": 10.0}
PAGES = (("scorecard", "skor"), ("league", "peringkat"))


def build(quarters: int, seed: int) -> list[Any]:
    from payung.accounts.models import Opd
    from payung.monev.models import (
        Action,
        Evidence,
        EvidenceFile,
        Indicator,
        Instruction,
        ItemStatus,
        Kind,
        Period,
        PeriodKind,
        Realisation,
        Target,
    )  # fmt: skip

    rng = random.Random(seed)
    have = Opd.objects.count()
    Opd.objects.bulk_create(
        Opd(code=f"opd-{n}", name=f"Perangkat Daerah {n}", short_name=f"OPD {n}")
        for n in range(have + 1, OPDS + 1)
    )
    opds = list(Opd.objects.all()[:OPDS])
    indicators = []
    for i in range(1, INSTRUCTIONS + 1):
        weight = Decimal(20 if i <= 2 else 15)  # 20 + 20 + 15 × 4 = 100
        instruction = Instruction.objects.create(
            code=f"B{i}", text=f"Instruksi {i}", wording="paraphrase",
            legal_reference="Inpres 2/2021", position=i, weight=weight,
        )  # fmt: skip
        for a in range(1, ACTIONS + 1):
            action = Action.objects.create(
                instruction=instruction, code=f"B{i}.{a}", title=f"Aksi {i}.{a}",
                position=a, weight=Decimal(50),
            )  # fmt: skip
            action.owners.set(opds)
            for k in range(1, INDICATORS + 1):
                kind = (Kind.RATIO, Kind.COUNT, Kind.MILESTONE)[k % 3]
                indicators.append(
                    Indicator.objects.create(
                        action=action, code=f"B{i}.{a}.{k}", name=f"Indikator {i}.{a}.{k}",
                        kind=kind, unit="%" if kind == Kind.RATIO else "",
                        numerator="n" if kind == Kind.RATIO else "",
                        denominator="d" if kind == Kind.RATIO else "",
                        position=k, weight=Decimal(20),
                    )
                )  # fmt: skip
    periods = []
    for q in range(1, quarters + 1):
        starts = dt.date(2026, 3 * q - 2, 1)
        period = Period.objects.create(
            kind=PeriodKind.QUARTER, year=2026, number=q, starts=starts,
            ends=starts + dt.timedelta(days=89), opens=starts + dt.timedelta(days=90),
            deadline=starts + dt.timedelta(days=105), closes=starts + dt.timedelta(days=120),
        )  # fmt: skip
        periods.append(period)
        targets, items = [], []
        for indicator in indicators:
            for opd in opds:
                milestone = indicator.kind == Kind.MILESTONE
                target = Decimal(1) if milestone else Decimal(rng.randint(50, 100)) / 100
                value = Decimal(rng.randint(0, 1)) if milestone else target * Decimal(
                    rng.randint(40, 140)
                ) / 100  # fmt: skip
                targets.append(Target(indicator=indicator, opd=opd, period=period, value=target))
                items.append(
                    Realisation(
                        indicator=indicator, opd=opd, period=period,
                        value=value.quantize(Decimal("0.0001")), status=ItemStatus.VERIFIED,
                    )
                )  # fmt: skip
        Target.objects.bulk_create(targets, batch_size=2000)
        made = Realisation.objects.bulk_create(items, batch_size=2000)
        files = EvidenceFile.objects.bulk_create(
            [
                EvidenceFile(sha256=f"{q:02d}{n:062d}", size=120_000, content_type="pdf")
                for n in range(len(made))
            ],
            batch_size=2000,
        )
        Evidence.objects.bulk_create(
            [
                Evidence(item=i, title="Berita acara", file=f)
                for i, f in zip(made, files, strict=True)
            ],
            batch_size=2000,
        )
    return periods


def timed(fn: Any, repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - started)
    return seconds


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def run(args: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from payung.accounts.roles import Role
    from payung.accounts.services import create_user, seed_opds
    from payung.core.startup import settle
    from payung.monev import selectors, services
    from payung.monev.models import Realisation
    from payung.monev.report.content import content
    from payung.monev.report.pdf import report_pdf
    from payung.monev.report.tables import report_xlsx
    from payung.monev.report.word import report_docx
    from payung.monev.scores import period_scores
    from payung.regions.services import load_regions

    load_regions(settings.PAYUNG_REGENCY)
    seed_opds()
    started = time.perf_counter()
    periods = build(args.quarters, args.seed)
    built = time.perf_counter() - started
    for closed in periods[:-1]:  # the quarters before are closed, each with its snapshot
        closed.locked = True
        closed.save()
        services.take_snapshot(closed)
    last = periods[-1]
    previous = selectors.previous_period(last)
    print(f"built {Realisation.objects.count()} items in {built:.1f} s", file=sys.stderr)

    scores = timed(lambda: period_scores(last, previous), args.repeat)
    create_user(username="bench", password="bench-monev-1", role=Role.ANALIS)
    client = Client(HTTP_HOST="localhost")
    client.login(username="bench", password="bench-monev-1")
    paths = {name: f"/monev/periode/{last.pk}/{url}/" for name, url in PAGES}
    for path in paths.values():
        assert client.get(path).status_code == 200  # warm: templates compiled, caches filled
    # First as this process is (the benchmark's own objects among the garbage collector's),
    # then as a server process is once payung.wsgi has settled (core.startup.settle).
    unsettled = {n: [s * 1000 for s in timed(lambda p=p: client.get(p), args.pages)]
                 for n, p in paths.items()}  # fmt: skip
    settle()
    pages = {n: [s * 1000 for s in timed(lambda p=p: client.get(p), args.pages)]
             for n, p in paths.items()}  # fmt: skip
    snapshot_s = timed(lambda: services.take_snapshot(last), 1)[0]
    snapshot = selectors.snapshots(last).first()
    assert snapshot is not None
    made = content(snapshot)
    pdf_s = timed(lambda: report_pdf(made), 3)
    docx_s = timed(lambda: report_docx(made), 1)[0]
    xlsx_s = timed(lambda: report_xlsx(snapshot), 1)[0]
    pdf = report_pdf(made)
    return {
        "database": connection.vendor,
        "opds": OPDS,
        "indicators": INSTRUCTIONS * ACTIONS * INDICATORS,
        "quarters": args.quarters,
        "items": Realisation.objects.count(),
        "build_s": round(built, 1),
        "scores_s": {"median": round(statistics.median(scores), 3), "max": round(max(scores), 3)},
        "pages_ms": {
            name: {"p50": round(statistics.median(v), 1), "p95": round(p95(v), 1)}
            for name, v in pages.items()
        },
        "pages_unsettled_ms": {
            name: {"p50": round(statistics.median(v), 1), "p95": round(p95(v), 1)}
            for name, v in unsettled.items()
        },
        "snapshot_s": round(snapshot_s, 2),
        "pdf_s": {"median": round(statistics.median(pdf_s), 2), "max": round(max(pdf_s), 2)},
        "pdf_bytes": len(pdf),
        "docx_s": round(docx_s, 2),
        "xlsx_s": round(xlsx_s, 2),
        "targets": TARGETS,
        "ratio_to_target": {
            "scores": round(max(scores) / TARGETS["scores_s"], 2),
            "scorecard_p95": round(p95(pages["scorecard"]) / TARGETS["page_p95_ms"], 2),
            "league_p95": round(p95(pages["league"]) / TARGETS["page_p95_ms"], 2),
            "pdf": round(max(pdf_s) / TARGETS["pdf_s"], 2),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarters", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5, help="score computations timed")
    parser.add_argument("--pages", type=int, default=30, help="requests per page timed")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="payung-monev-bench-"))
    os.environ["PAYUNG_DATA_DIR"] = str(work / "data")  # a fresh SQLite file unless DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    print(json.dumps(run(args), indent=2))


if __name__ == "__main__":
    main()
