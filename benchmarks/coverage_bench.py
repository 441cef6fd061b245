"""Coverage dashboard speed at a million workers: p50/p95 of the main page and the kecamatan
drill-down over many requests on loopback, plus the time to take a snapshot.

    python benchmarks/coverage_bench.py                       # 1M workers, SQLite
    python benchmarks/coverage_bench.py --workers 80000 --requests 100
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench python benchmarks/coverage_bench.py

A synthetic regency is generated, imported through the real import pipeline, linked from its
truth files (standing in for `payung link`), and snapshotted (`take_snapshot`, as after an
import). The pages are then served by a WSGI server in this process and fetched over HTTP
by a logged-in session. Figures are printed, never asserted. Target (issue 5): p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return None


def timed(label: str, timings: dict[str, float], fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    timings[label] = round(time.perf_counter() - started, 2)
    print(f"  {label}: {timings[label]} s", file=sys.stderr, flush=True)
    return result


def fetch(port: int, path: str, cookie: str) -> tuple[int, float, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "id"})
    response = connection.getresponse()
    body = response.read()
    seconds = time.perf_counter() - started
    connection.close()
    return response.status, seconds, len(body)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="per page (default 200)")
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="DIR",
        help="a folder an earlier run printed: measure its database again, skip the set-up",
    )
    args = parser.parse_args()

    work = args.reuse or Path(tempfile.mkdtemp(prefix="payung-coverage-bench-"))
    os.environ["PAYUNG_DATA_DIR"] = str(work / "data")  # a fresh SQLite file unless DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test import Client

    from payung.accounts.roles import Role
    from payung.accounts.services import create_user, seed_opds
    from payung.coverage import selectors, services
    from payung.coverage.tests.helpers import build_synth_world
    from payung.regions.services import load_regions

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    from payung.accounts.models import User
    from payung.coverage.models import Snapshot

    timings: dict[str, float] = {}
    print(f"{args.workers} workers on {connection.vendor}, in {work}", file=sys.stderr)
    if args.reuse:
        snap = Snapshot.objects.order_by("-month").first()
        assert snap is not None, f"no snapshot in {work}"
        user = User.objects.get(username="bench")
    else:
        if connection.vendor == "postgresql":
            call_command("flush", interactive=False, verbosity=0)
        timed("migrate", timings, call_command, "migrate", verbosity=0)
        load_regions(settings.PAYUNG_REGENCY)
        seed_opds()
        call_command("migrate", "contributions", verbosity=0)
        timed(
            "generate_import_link", timings, build_synth_world, work / "synth", args.workers, seed=7
        )
        snap = timed("take_snapshot", timings, services.take_snapshot, trigger="bench")
        timed(
            "live_by_kecamatan",
            timings,
            selectors.breakdown,
            "kecamatan",
            snap.month,
            live=True,
        )
        user = create_user(username="bench", password="bench-Payung-1", role=Role.PIMPINAN)
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=WSGIServer, handler_class=QuietHandler
    )
    port = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    kecamatan = selectors.kecamatan_regions()
    pages = {
        "dashboard": ["/cakupan/"],
        "kecamatan": [f"/cakupan/?region={k.code}" for k in kecamatan],
    }
    results: dict[str, dict[str, float]] = {}
    for name, paths in pages.items():
        for path in paths:  # warm up
            status, _, _ = fetch(port, path, cookie)
            assert status == 200, (path, status)
        seconds = []
        size = 0
        for i in range(args.requests):
            status, took, size = fetch(port, paths[i % len(paths)], cookie)
            seconds.append(took)
        results[name] = {
            "p50_ms": round(statistics.median(seconds) * 1000, 1),
            "p95_ms": round(percentile(seconds, 0.95) * 1000, 1),
            "max_ms": round(max(seconds) * 1000, 1),
            "bytes": size,
        }
    server.shutdown()
    print(
        json.dumps(
            {
                "workers": args.workers,
                "database": connection.vendor,
                "snapshot": {"workers": snap.workers, "covered": snap.covered},
                "requests_per_page": args.requests,
                "seconds": timings,
                "pages": results,
                "target_p95_ms": 150,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
