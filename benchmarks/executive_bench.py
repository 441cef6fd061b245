"""The Regent's summary at a million workers and 50,000 claims: p50/p95 of `/laporan/` over
many requests on loopback, and the time to make the monthly report and set its PDF.

    python benchmarks/executive_bench.py                      # 1M workers, SQLite
    python benchmarks/executive_bench.py --workers 80000 --claims 5000 --requests 50
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench \
        python benchmarks/executive_bench.py

A synthetic regency is generated, imported and linked as in coverage_bench.py, snapshotted;
a programme of 5,000 places is enrolled and paid for (rows written directly: the selection
is measured by assistance_bench.py), and a claim export of `--claims` rows drawn from the
participants is imported through the real pipeline. Figures are printed beside the targets
(issue 19: page p95 <= 150 ms, monthly PDF <= 10 s), never asserted.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import json
import os
import random
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIServer, make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.coverage_bench import QuietHandler, fetch, percentile, timed  # noqa: E402

TARGETS = {"page_p95_ms": 150, "monthly_pdf_s": 10}
TYPES = ["JKK"] * 30 + ["JKM"] * 8 + ["JHT"] * 55 + ["Beasiswa"] * 5 + ["JP"] * 2


def claims_file(path: Path, kpjs: list[str], n: int, year: int, seed: int) -> Path:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["No Klaim", "KPJ", "Jenis Klaim", "Tanggal Kejadian", "Tanggal Bayar",
                         "Nominal", "Status", "Ahli Waris"])  # fmt: skip
        for i in range(n):
            kind = rng.choice(TYPES)
            day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(300))
            paid = day + dt.timedelta(days=rng.randrange(5, 30))
            amount = 42_000_000 if kind == "JKM" else rng.randrange(1, 80) * 500_000
            status = "Dibayar" if rng.random() < 0.93 else "Proses"
            writer.writerow([f"B-{i:06d}", rng.choice(kpjs), kind, f"{day:%d-%m-%Y}",
                             f"{paid:%d-%m-%Y}" if status == "Dibayar" else "", amount, status,
                             f"Ahli waris {i}" if kind in ("JKM", "Beasiswa") else ""])  # fmt: skip
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database an earlier run set up again"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="payung-executive-bench-"))
    os.environ["PAYUNG_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from django.apps import apps as django_apps
    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test import Client

    from payung.accounts.roles import Role
    from payung.accounts.services import create_user, seed_opds
    from payung.assistance.models import Beneficiary, Payment, Programme, Stage, Status
    from payung.claims.models import Claim
    from payung.coverage import services
    from payung.coverage.tests.helpers import build_synth_world
    from payung.imports.services import run_import
    from payung.participants.models import Participant
    from payung.regions.services import load_regions
    from payung.registry.models import Worker
    from payung.reports import services as reports
    from payung.reports.documents import report_file

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    timings: dict[str, float] = {}
    print(f"{args.workers} workers, {args.claims} claims on {connection.vendor}, in {work}",
          file=sys.stderr)  # fmt: skip
    if args.reuse:
        from payung.accounts.models import User

        user = User.objects.get(username="bench")
    else:
        if connection.vendor == "postgresql":
            call_command("flush", interactive=False, verbosity=0)
        timed("migrate", timings, call_command, "migrate", verbosity=0)
        load_regions(settings.PAYUNG_REGENCY)
        seed_opds()
        # a flush empties the contribution rules the migration seeded: seed them again
        importlib.import_module("payung.contributions.migrations.0002_seed_rules").seed(
            django_apps, None
        )
        timed(
            "generate_import_link", timings, build_synth_world, work / "synth", args.workers, seed=7
        )
        snap = timed("take_snapshot", timings, services.take_snapshot, trigger="bench")
        year = snap.month.year
        programme = Programme.objects.create(
            name="Bantuan iuran BPU", year=year, funding_source="apbd", budget=1_008_000_000,
            quota=5000, start_month=dt.date(year, 1, 1), months=12, stage=Stage.ENROLLED,
        )  # fmt: skip
        workers = Worker.objects.order_by("pk").values_list("pk", "desa_id")[:4870]
        Beneficiary.objects.bulk_create(
            Beneficiary(programme=programme, worker_id=pk, desa_id=desa, status=Status.ENROLLED,
                        enrolled_on=dt.date(year, 1, 1))
            for pk, desa in workers
        )  # fmt: skip
        Payment.objects.bulk_create(
            Payment(programme=programme, amount=81_816_000, paid_on=dt.date(year, m, 20),
                    reference=f"SP2D-{m}")
            for m in range(1, snap.month.month + 1)
        )  # fmt: skip
        kpjs = list(Participant.objects.values_list("kpj", flat=True)[:200_000])
        path = claims_file(work / "klaim.csv", kpjs, args.claims, year, seed=3)
        timed("import_claims", timings, run_import, "bpjs_claims", path)
        user = create_user(username="bench", password="bench-Payung-1", role=Role.PIMPINAN)
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=WSGIServer, handler_class=QuietHandler
    )
    port = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    status, _, _ = fetch(port, "/laporan/", cookie)
    assert status == 200, status
    seconds = []
    for _ in range(args.requests):
        status, took, size = fetch(port, "/laporan/", cookie)
        seconds.append(took)
    server.shutdown()
    report = timed("monthly_freeze", timings, reports.make_monthly_report, user=None)
    made = timed("monthly_pdf", timings, report_file, report, "pdf")
    timed("monthly_docx", timings, report_file, report, "docx")
    print(json.dumps({
        "workers": args.workers, "claims": Claim.objects.count(), "database": connection.vendor,
        "requests": args.requests,
        "page": {"p50_ms": round(statistics.median(seconds) * 1000, 1),
                 "p95_ms": round(percentile(seconds, 0.95) * 1000, 1),
                 "max_ms": round(max(seconds) * 1000, 1), "bytes": size},
        "monthly_pdf_bytes": len(made.data), "seconds": timings, "targets": TARGETS,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
