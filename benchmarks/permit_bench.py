"""The permit check's API under load (issue 17): 20 concurrent clients of DPMPTSP's licensing
system, each with no pause between requests, against gunicorn on 127.0.0.1 serving PostgreSQL
with 20.000 licensed businesses classified. Target: p95 ≤ 50 ms.

    pip install -e '.[bench]'          # locust and gunicorn
    python benchmarks/permit_bench.py [--users 20] [--seconds 30] [--workers 3] [--tool wrk]

Uses benchmarks/employers_bench.py's lists; a database of its own (payung_permit_bench) on the
local server. Printed: requests, failures, requests a second, p50/p95/p99 (ms), beside the
target. Never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
import requests

HERE = Path(__file__).resolve().parent
SERVER = "postgres://postgres@127.0.0.1:5432"
NAME = "payung_permit_bench"
FIRST_NIB = 9_000_000_000_000


def prepare(work: Path, env: dict[str, str]) -> str:
    """The database with the classified businesses, and a token for the licensing system."""
    script = f"""
import django, sys
sys.path.insert(0, {str(HERE)!r})
django.setup()
from django.apps import apps
from django.core.management import call_command
call_command("init", verbosity=0)
import employers_bench
from payung.employers.compliance import classify
from payung.employers.matching import match_employers
from payung.imports.services import run_import
from payung.accounts.services import issue_token
folder = __import__("pathlib").Path({str(work)!r})
employers_bench.write_lists(folder, 20000, 5000, 200000)
run_import("participants", folder / "participants.csv")
run_import("businesses", folder / "oss.csv")
run_import("bpjs_employers", folder / "bpjs.csv")
match_employers()
classify()
print(issue_token("OSS bench", ["permit.read"])[1])
"""
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def run_locust(
    args: argparse.Namespace, url: str, token: str, work: Path, env: dict[str, str]
) -> dict[str, Any]:
    stats = work / "locust"
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(HERE / "permit_locust.py"), "--headless",
         "-u", str(args.users), "-r", str(args.users), "--host", url,
         "--run-time", f"{args.seconds}s", "--csv", str(stats), "--only-summary",
         "--loglevel", "WARNING"],
        env=env | {"PERMIT_TOKEN": token, "PERMIT_FIRST": str(FIRST_NIB),
                   "PERMIT_COUNT": "20000"},
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    with (work / "locust_stats.csv").open() as file:
        row = next(r for r in csv.DictReader(file) if r["Name"] == "/api/employers/permit")
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "requests_per_second": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
    }


WRK_SCRIPT = """
local first, count, token = %d, %d, "%s"
request = function()
  local nib = first + math.random(0, count - 1)
  return wrk.format("GET", "/api/employers/permit?nib=" .. nib,
                    {["Authorization"] = "Bearer " .. token})
end
done = function(summary, latency, requests)
  io.write(string.format("FIGURES %%d %%d %%d %%.1f %%.1f %%.1f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def run_wrk(args: argparse.Namespace, url: str, token: str, work: Path) -> dict[str, Any]:
    """wrk (Debian's package, written in C): the same closed loop as locust's clients, one
    connection a client, without the load tool's own Python on the two cores."""
    script = work / "permit.lua"
    script.write_text(WRK_SCRIPT % (FIRST_NIB, 20000, token))
    done = subprocess.run(
        ["wrk", "-t2", f"-c{args.users}", f"-d{args.seconds}s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(x for x in done.stdout.splitlines() if x.startswith("FIGURES"))
    requests, errors, micros, p50, p95, p99 = line.split()[1:]
    return {
        "requests": int(requests),
        "failures": int(errors),
        "requests_per_second": round(int(requests) / (int(micros) / 1e6), 1),
        "p50_ms": float(p50),
        "p95_ms": float(p95),
        "p99_ms": float(p99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--tool", choices=["locust", "wrk"], default="locust",
        help="the load tool: locust (Python, on the same cores) or wrk (C, apt install wrk)",
    )  # fmt: skip
    args = parser.parse_args()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
        db.execute(f'CREATE DATABASE "{NAME}"')
    work = Path(tempfile.mkdtemp(prefix="payung-permit-bench-"))
    env = os.environ | {
        "DATABASE_URL": f"{SERVER}/{NAME}",
        "PAYUNG_DATA_DIR": str(work / "data"),
        "DJANGO_SETTINGS_MODULE": "payung.settings",
    }
    token = prepare(work, env)
    port = 8123
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "payung.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=(work / "server.log").open("w"),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                requests.get(f"{url}/masuk/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.5)
        if args.tool == "wrk":
            figures = run_wrk(args, url, token, work)
        else:
            figures = run_locust(args, url, token, work, env)
    finally:
        server.terminate()
        server.wait(timeout=60)
    result: dict[str, Any] = {
        "tool": args.tool,
        "users": args.users,
        "gunicorn_workers": args.workers,
        "seconds": args.seconds,
        **figures,
        "target_p95_ms": 50,
    }
    result["ratio_to_target"] = round(result["p95_ms"] / 50, 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
