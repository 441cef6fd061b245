"""Import speed and memory: rows/s and peak RSS of `payung import workers` on generated data.

    python benchmarks/import_bench.py                 # 80k, SQLite and PostgreSQL
    python benchmarks/import_bench.py --size all      # 80k and 1M
    python benchmarks/import_bench.py --postgres postgres://postgres@127.0.0.1:5432/payung_bench
    python benchmarks/import_bench.py --size 1m --databases postgresql --runs 3 --data /tmp/b

Each import runs as the real command in its own process (a fresh database each time), so
the peak memory is that process's own. Generating and reading the files happens in other
processes: Linux carries the parent's peak RSS into a child's (fork), which would count the
generator's gigabyte against the import. Beside it: the time Polars takes merely to read the
same file, the floor any importer that reads it must stand on. Figures are printed, never
asserted. Targets (issue 3): 1M workers in PostgreSQL <= 10 s, 80k <= 1 s, peak <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SIZES = {"80k": 80_000, "1m": 1_000_000}
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/payung_bench"


def elsewhere(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` in a fresh Python process, so this one stays small (see above)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)


def generate(out: Path, workers: int) -> Path:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from payung.synth.generate import generate as synthesise
    from payung.synth.write import write_all

    write_all(synthesise(n_workers=workers, seed=7, regency="75.02"), out, "csv")
    return out / "workers.csv"


def polars_read_seconds(path: Path) -> float:
    import polars as pl

    started = time.perf_counter()
    pl.read_csv(path, infer_schema=False)
    return time.perf_counter() - started


def run(env: dict[str, str], *args: str) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB, stdout of one payung command in its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "payung.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stdout = process.stdout.read() if process.stdout else ""
    if status != 0:
        raise SystemExit(
            f"payung {' '.join(args)} failed: {process.stderr.read() if process.stderr else ''}"
        )
    return seconds, usage.ru_maxrss // 1024, stdout


def fresh_database(kind: str, folder: Path, postgres: str) -> str:
    if kind == "sqlite":
        database = folder / "bench.sqlite3"
        database.unlink(missing_ok=True)
        return f"sqlite:///{database}"
    import psycopg

    name = postgres.rsplit("/", 1)[1]
    admin = postgres.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return postgres


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--size", choices=[*SIZES, "all"], default="80k")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="a database it may drop")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=1, help="imports per size and database")
    parser.add_argument(
        "--data", type=Path, help="keep the generated files here and use them again next time"
    )
    options = parser.parse_args()
    sizes = list(SIZES) if options.size == "all" else [options.size]
    print(
        f"{'size':>5} {'database':<10} {'rows':>9} {'import s':>9} {'in-process s':>12} "
        f"{'rows/s':>9} {'peak MB':>8} {'polars read s':>13} {'x read':>7} {'again s':>8}"
    )
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for size in sizes:
            workers_csv = (options.data or folder) / size / "workers.csv"
            if not workers_csv.exists():
                elsewhere(generate, workers_csv.parent, SIZES[size])
            read = elsewhere(polars_read_seconds, workers_csv)
            for kind in [k for k in options.databases.split(",") for _ in range(options.runs)]:
                url = fresh_database(kind, folder, options.postgres)
                env = {**os.environ, "DATABASE_URL": url, "PAYUNG_DATA_DIR": str(folder)}
                env.pop("DJANGO_SETTINGS_MODULE", None)
                run(env, "init")
                wall, peak, out = run(env, "import", "workers", str(workers_csv), "--json")
                summary = json.loads(out)
                again, _, _ = run(env, "import", "workers", str(workers_csv), "--json")
                rows = summary["rows"]
                print(
                    f"{size:>5} {kind:<10} {rows:>9} {wall:>9.2f} {summary['seconds']:>12.2f} "
                    f"{rows / summary['seconds']:>9.0f} {peak:>8} {read:>13.2f} "
                    f"{summary['seconds'] / read:>7.1f} {again:>8.2f}"
                )
    print(
        "import s: the whole command (start-up included); in-process s: read + validate + "
        "write as the batch records it; again s: re-importing the same file (no changes)."
    )


if __name__ == "__main__":
    main()
