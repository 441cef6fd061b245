"""Load: 50 people browse while a 1M-row import and a linkage run go on (issue 14).

    pip install -e '.[bench]'        # locust and gunicorn
    python benchmarks/load_bench.py  # 50 people, 1,000,000 workers, local PostgreSQL
    python benchmarks/load_bench.py --users 50 --workers 1000000 --browse 120 \
        --server postgres://postgres@127.0.0.1:5432 --data /tmp/payung-load --report FILE.md

One PostgreSQL database is prepared as `payung demo` prepares its SQLite one (80,000 workers,
their BPJS TK export imported and linked, two programmes, the demo users); each phase runs on
a copy of it (CREATE DATABASE … TEMPLATE), served by gunicorn on 127.0.0.1 with `payung worker`
beside it, as in production:

1. browse: the people alone (benchmarks/load_locust.py) for --browse seconds;
2. jobs: a generated 1M-row worker list uploaded through the import page as a clerk would, then
   a linkage run started from the linkage page, each waited for (and the reactions they queue),
   with nobody browsing;
3. together: the people browse while the same upload and run go on.

Printed: p50, p95, p99 (ms) and errors per page group, in phase 1 and in phase 3 (all of it,
during the import, during the run), and the seconds of the import and of the run alone and
under load, with their ratio. Targets (issue 14): the dashboard's p95 <= 300 ms with no error
under that load; the import and the run within 1.5x their time alone. Figures are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import elsewhere, generate  # noqa: E402

HERE = Path(__file__).resolve().parent
BASE = "payung_load_base"
PASSWORD = "payung-demo"
GROUPS = ("dashboard", "registry", "programme")

PREPARE = """
from django.conf import settings
from payung.assistance.demo import ensure_demo_programmes
from payung.core.demo import ensure_demo_data, ensure_demo_users
from payung.core.management.commands.init import initialise
print(initialise())
ensure_demo_users()
print(*ensure_demo_data(settings.DATA_DIR), sep="\\n")
print(*ensure_demo_programmes(), sep="\\n")
"""


def admin(server: str) -> psycopg.Connection[Any]:
    return psycopg.connect(f"{server}/postgres", autocommit=True)


def database_exists(server: str, name: str) -> bool:
    with admin(server) as db:
        return (
            db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def drop(server: str, name: str) -> None:
    with admin(server) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(server: str, name: str, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAYUNG_", "DJANGO_"))}
    data.mkdir(parents=True, exist_ok=True)
    return env | {"DATABASE_URL": f"{server}/{name}", "PAYUNG_DATA_DIR": str(data)}


def prepare_base(server: str, data: Path) -> None:
    """The demo's data on PostgreSQL, made once and kept for later runs."""
    if database_exists(server, BASE):
        return
    print("preparing the demo database (80,000 workers, linked, two programmes)…", flush=True)
    with admin(server) as db:
        db.execute(f'CREATE DATABASE "{BASE}"')
    env = environment(server, BASE, data / "base")
    try:
        subprocess.run(
            [sys.executable, "-m", "payung.cli", "shell", "-c", PREPARE], env=env, check=True
        )
    except BaseException:
        drop(server, BASE)
        raise


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Site:
    url: str
    database: str
    server: str
    env: dict[str, str]

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with psycopg.connect(f"{self.server}/{self.database}") as db:
            return db.execute(sql, params or []).fetchall()

    def queue_idle(self) -> None:
        """Wait until the worker has run every task queued so far (reactions included)."""
        while self.query(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING')"
        )[0][0]:
            time.sleep(0.5)


@contextmanager
def site(server: str, phase: str, data: Path, gunicorn_workers: int) -> Iterator[Site]:
    """A copy of the prepared database, served by gunicorn with `payung worker` beside it."""
    name = f"payung_load_{phase}"
    drop(server, name)
    with admin(server) as db:
        db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{BASE}"')
    folder = data / phase
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(data / "base", folder, ignore=shutil.ignore_patterns("demo-data"))
    env = environment(server, name, folder)
    port = free_port()
    logs = (folder / "server.log").open("w")
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "payung.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(gunicorn_workers),
            ],
            env=env,
            stdout=logs,
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [sys.executable, "-m", "payung.cli", "worker"],
            env=env,
            stdout=logs,
            stderr=subprocess.STDOUT,
        ),
    ]
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(f"{url}/masuk/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit(f"gunicorn did not answer; see {folder / 'server.log'}")
        yield Site(url, name, server, env)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()
        drop(server, name)


def logged_in(url: str, username: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{url}/masuk/")
    answer = session.post(
        f"{url}/masuk/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{url}/masuk/"},
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise SystemExit(f"log-in as {username} failed: {answer.status_code}")
    return session


@dataclass
class Run:
    """One job as its starter saw it (wall, from click to done) and as the worker ran it."""

    kind: str
    started: float  # epoch seconds of the click
    ended: float = 0.0
    job_seconds: float = 0.0
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def wall(self) -> float:
        return self.ended - self.started


def wait_for_job(where: Site, job: str, run: Run) -> Run:
    while True:
        rows = where.query(
            "SELECT status, started_at, finished_at, result, error FROM jobs_job WHERE id = %s",
            [job],
        )
        if rows and rows[0][0] in ("done", "failed"):
            status, started_at, finished_at, result, error = rows[0]
            if status == "failed":
                raise SystemExit(f"{run.kind} failed: {error}")
            run.ended = time.time()
            run.job_seconds = (finished_at - started_at).total_seconds()
            run.result = result
            return run
        time.sleep(0.5)


def upload(where: Site, path: Path) -> Run:
    session = logged_in(where.url, "admin")
    session.get(f"{where.url}/impor/")
    run = Run("import", time.time())
    with path.open("rb") as file:
        answer = session.post(
            f"{where.url}/impor/",
            data={"kind": "workers", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            files={"file": (path.name, file, "text/csv")},
            headers={"X-Requested-With": "fetch", "Referer": f"{where.url}/impor/"},
        )
    if answer.status_code != 200:
        raise SystemExit(f"upload refused: {answer.status_code} {answer.text[:500]}")
    return wait_for_job(where, answer.json()["job"], run)


def link(where: Site) -> Run:
    session = logged_in(where.url, "analis")
    session.get(f"{where.url}/kepesertaan/")
    run = Run("linkage", time.time())
    answer = session.post(
        f"{where.url}/kepesertaan/jalankan/",
        data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{where.url}/kepesertaan/"},
        allow_redirects=False,
    )
    found = re.search(r"/jalankan/([0-9a-f-]{36})/", answer.headers.get("Location", ""))
    if answer.status_code != 302 or not found:
        raise SystemExit(f"linkage not started: {answer.status_code}")
    return wait_for_job(where, found.group(1), run)


def jobs(where: Site, path: Path) -> list[Run]:
    imported = upload(where, path)
    where.queue_idle()
    linked = link(where)
    where.queue_idle()
    return [imported, linked]


@contextmanager
def people(where: Site, users: int, log: Path, think: str) -> Iterator[None]:
    programme, desa = where.query(
        "SELECT p.id, b.desa_id FROM assistance_programme p "
        "JOIN assistance_beneficiary b ON b.programme_id = p.id ORDER BY p.id LIMIT 1"
    )[0]
    env = where.env | {
        "LOAD_PROGRAMME": str(programme),
        "LOAD_DESA": desa,
        "LOAD_LOG": str(log),
        "LOAD_PASSWORD": PASSWORD,
        "LOAD_THINK": think,
    }
    crowd = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(HERE / "load_locust.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            "10",
            "--host",
            where.url,
            "--run-time",
            "3h",
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(log.parent / "locust.log").open("w"),
    )
    # Everyone logged in and clicking before anything is measured.
    time.sleep(users / 10 + 15)
    try:
        yield
    finally:
        crowd.send_signal(signal.SIGTERM)
        crowd.wait(timeout=120)


def read_log(log: Path) -> list[tuple[float, str, float, str]]:
    with log.open() as file:
        return [(float(t), group, float(ms), error) for t, group, _, ms, error in csv.reader(file)]


def figures(rows: list[tuple[float, str, float, str]], start: float, end: float) -> dict[str, Any]:
    out = {}
    for group in GROUPS:
        picked = [(ms, error) for t, g, ms, error in rows if g == group and start <= t <= end]
        times = np.array([ms for ms, _ in picked]) if picked else np.array([np.nan])
        out[group] = {
            "requests": len(picked),
            "errors": sum(1 for _, error in picked if error),
            **{f"p{q}": float(np.percentile(times, q)) for q in (50, 95, 99)},
        }
    return out


def table(title: str, stats: dict[str, Any], seconds: float) -> str:
    lines = [
        f"{title} ({seconds:.0f} s)",
        "| pages | requests | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for group, s in stats.items():
        lines.append(
            f"| {group} | {s['requests']} | {s['errors']} | {s['p50']:.0f} | "
            f"{s['p95']:.0f} | {s['p99']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1_000_000, help="rows of the import")
    parser.add_argument(
        "--think", default="1,3", help="seconds between a person's clicks, LOW,HIGH (1,3)"
    )
    parser.add_argument("--browse", type=int, default=120, help="seconds of phase 1")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--data", type=Path, default=Path("/tmp/payung-load"))
    parser.add_argument("--gunicorn-workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--fresh", action="store_true", help="prepare the demo database again")
    parser.add_argument("--report", type=Path, help="also write the figures to this .md file")
    args = parser.parse_args()

    args.data.mkdir(parents=True, exist_ok=True)
    big = args.data / f"import-{args.workers}"
    if not (big / "workers.csv").exists():
        print(f"generating {args.workers:,} workers…", flush=True)
        elsewhere(generate, big, args.workers)
    path = big / "workers.csv"
    if args.fresh:
        drop(args.server, BASE)
        shutil.rmtree(args.data / "base", ignore_errors=True)
    prepare_base(args.server, args.data)

    print(f"phase 1: {args.users} people browse for {args.browse} s", flush=True)
    log1 = args.data / "browse.csv"
    log1.unlink(missing_ok=True)
    with (
        site(args.server, "browse", args.data, args.gunicorn_workers) as where,
        people(where, args.users, log1, args.think),
    ):
        start = time.time()
        time.sleep(args.browse)
        end = time.time()
    browse = figures(read_log(log1), start, end)

    print("phase 2: the import and the linkage run alone", flush=True)
    with site(args.server, "jobs", args.data, args.gunicorn_workers) as where:
        alone = jobs(where, path)

    print("phase 3: the same with the people browsing", flush=True)
    log3 = args.data / "together.csv"
    log3.unlink(missing_ok=True)
    with (
        site(args.server, "together", args.data, args.gunicorn_workers) as where,
        people(where, args.users, log3, args.think),
    ):
        busy = jobs(where, path)
    rows = read_log(log3)
    imported, linked = busy
    together = {
        "all": figures(rows, imported.started, linked.ended),
        "import": figures(rows, imported.started, imported.ended),
        "linkage": figures(rows, linked.started, linked.ended),
    }

    machine = (
        f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{args.gunicorn_workers} gunicorn workers (sync), one `payung worker`"
    )
    parts = [
        f"# Load: {args.users} people while {args.workers:,} workers are imported and linked",
        "",
        f"{time.strftime('%Y-%m-%d')}, {machine}; PostgreSQL "
        f"{Site('', BASE, args.server, {}).query('SHOW server_version')[0][0]} on 127.0.0.1. "
        f"Each person clicks every {args.think.replace(',', '-')} s; `dashboard` is the home "
        "page and `/cakupan/`, "
        "`registry` the coverage tables, linkage quality and change requests, `programme` a "
        "programme's pages. Targets (issue 14): dashboard p95 <= 300 ms, no error; jobs within "
        "1.5x alone.",
        "",
        table("Phase 1: browsing alone", browse, end - start),
        "",
        table(
            "Phase 3: browsing during the import and the run",
            together["all"],
            linked.ended - imported.started,
        ),
        "",
        table("… during the import", together["import"], imported.wall),
        "",
        table("… during the linkage run", together["linkage"], linked.wall),
        "",
        "| job | alone: job s | alone: click to done s | under load: job s | "
        "under load: click to done s | ratio (job) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for a, b in zip(alone, busy, strict=True):
        parts.append(
            f"| {a.kind} | {a.job_seconds:.1f} | {a.wall:.1f} | {b.job_seconds:.1f} | "
            f"{b.wall:.1f} | {b.job_seconds / a.job_seconds:.2f}x |"
        )
    parts += [
        "",
        "Import result: " + json.dumps(alone[0].result),
        "Linkage result: " + json.dumps(alone[1].result),
    ]
    report = "\n".join(parts) + "\n"
    print(report)
    if args.report:
        args.report.write_text(report)


if __name__ == "__main__":
    main()
