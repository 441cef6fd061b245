"""The queue across real processes, each with its own data folder and SQLite database:
a writer killed right after its commit still leads to the reactions, and a worker killed in
the middle of a job leaves the job failed with its reason, its upload gone, the database as it
was, and the next worker free to take the next job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from payung.conftest import run_payung

# A Python process of Payung's, given the data folder by the environment.
KILL_AFTER_COMMIT = """
import os, signal, sys
from pathlib import Path
import django
django.setup()
from django.db import transaction
from payung.imports.services import run_import
with transaction.atomic():
    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
    run_import(sys.argv[1], Path(sys.argv[2]))
"""
MAKE_ANALYST = """
import django
django.setup()
from payung.accounts.models import User
User.objects.get_or_create(username="analis", defaults={"role": "analis"})
"""
QUEUE_IMPORT = """
import sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from payung.accounts.models import User
from payung.imports.tasks import start_import
upload = SimpleUploadedFile(sys.argv[2].rsplit("/", 1)[-1], open(sys.argv[2], "rb").read())
user, _ = User.objects.get_or_create(username="analis", defaults={"role": "analis"})
job = start_import(kind=sys.argv[1], upload=upload, user=user, overrides={})
print(job.pk.hex)
"""


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(PAYUNG_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="payung.settings")
    # A busy database fails after 3 s, not 30: the test of that failure need not wait longer.
    env.setdefault("PAYUNG_SQLITE_BUSY_SECONDS", "3")
    return env


def python(data_dir: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        env=environment(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database, timeout=30)) as connection:
        return connection.execute(sql).fetchall()


@contextmanager
def worker(data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "payung.cli", "worker", "--interval", "0.1"],
        env=environment(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=60)


def wait_for(check: object, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def synth_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40,000-worker synth, made once: the tests only read its files."""
    out = tmp_path_factory.mktemp("synth")
    made = run_payung(out / "data", "synth", "--out", str(out / "files"), "--workers", "40000")
    assert made.returncode == 0, made.stderr
    return out / "files"


@pytest.fixture
def data_dir(initialised_folder: Path) -> Path:
    return initialised_folder


def test_a_writer_killed_right_after_its_commit_still_leads_to_the_reactions(
    data_dir: Path, synth_files: Path
) -> None:
    export = str(synth_files / "participants.csv")
    killed = python(data_dir, KILL_AFTER_COMMIT, "participants", export)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    main = data_dir / "payung.sqlite3"
    assert rows(main, "SELECT count(*) FROM imports_importbatch") == [(1,)]  # committed
    assert rows(main, "SELECT count(*) FROM coverage_snapshot") == [(0,)]  # not reacted to
    queue = "SELECT task_path, status FROM django_tasks_database_dbtaskresult"
    assert sorted(rows(main, queue)) == [
        ("payung.assistance.tasks.reconcile_after_change", "READY"),
        ("payung.assistance.tasks.standing_after_change", "READY"),
        ("payung.claims.tasks.relink_after_change", "READY"),
        ("payung.coverage.tasks.snapshot_after_change", "READY"),
        ("payung.employers.tasks.reclassify_after_change", "READY"),
        ("payung.reports.tasks.monthly_report", "READY"),  # `payung init` put it off to the 1st
    ]

    assert run_payung(data_dir, "worker", "--once").returncode == 0
    assert sorted(rows(main, queue)) == [
        ("payung.assistance.tasks.reconcile_after_change", "SUCCESSFUL"),
        ("payung.assistance.tasks.standing_after_change", "SUCCESSFUL"),
        ("payung.claims.tasks.relink_after_change", "SUCCESSFUL"),
        ("payung.coverage.tasks.snapshot_after_change", "SUCCESSFUL"),
        ("payung.employers.tasks.reclassify_after_change", "SUCCESSFUL"),
        ("payung.reports.tasks.monthly_report", "READY"),  # not due before the 1st
    ]
    assert rows(main, "SELECT trigger FROM coverage_snapshot") == [("import:1",)]


def test_a_worker_killed_mid_job_fails_the_job_and_the_next_worker_goes_on(
    data_dir: Path, synth_files: Path, tmp_path: Path
) -> None:
    big = synth_files / "workers.csv"
    small = tmp_path / "desa-kecil.csv"
    small.write_text("Nama Lengkap,Kode Desa\nSiti Aisyah Pakaya,75.02.01.2004\n")
    jobs = data_dir / "payung-jobs.sqlite3"
    main = data_dir / "payung.sqlite3"
    first = python(data_dir, QUEUE_IMPORT, "workers", str(big))
    assert first.returncode == 0, first.stderr
    first_job = first.stdout.strip()
    uploads = data_dir / "uploads/jobs"
    assert len(list(uploads.iterdir())) == 1  # the upload waits for its job

    def phase() -> str:
        found = rows(jobs, f"SELECT status, phase FROM jobs_job WHERE id = '{first_job}'")
        return "/".join(map(str, found[0])) if found else ""

    with worker(data_dir) as dying:
        wait_for(lambda: phase() == "running/write", "the import to be writing")
        dying.send_signal(signal.SIGKILL)
        dying.wait(timeout=30)
    assert phase() == "running/write"  # nobody has noticed yet

    second = python(data_dir, QUEUE_IMPORT, "workers", str(small))
    second_job = second.stdout.strip()
    with worker(data_dir):
        wait_for(
            lambda: (
                rows(jobs, f"SELECT status FROM jobs_job WHERE id = '{second_job}'") == [("done",)]
            ),
            "the next worker to import the next file",
        )
    status, error = rows(jobs, f"SELECT status, error FROM jobs_job WHERE id = '{first_job}'")[0]
    assert status == "failed"
    assert "Pekerja latar berhenti sebelum pekerjaan selesai" in str(error)
    assert list(uploads.iterdir()) == []  # both uploads deleted, the killed job's included
    # The killed import left the database as it was: only the small file's worker is there.
    assert rows(main, "SELECT name FROM registry_worker") == [("Siti Aisyah Pakaya",)]
    assert rows(main, "SELECT count(*) FROM imports_importbatch") == [(1,)]


def test_a_job_that_cannot_be_queued_fails_with_a_message_and_keeps_no_file(
    data_dir: Path, tmp_path: Path
) -> None:
    small = tmp_path / "desa-kecil.csv"
    small.write_text("Nama Lengkap,Kode Desa\nSiti Aisyah Pakaya,75.02.01.2004\n")
    assert python(data_dir, MAKE_ANALYST).returncode == 0
    # Another writer (an import being saved) holds SQLite's one write lock all along.
    with closing(sqlite3.connect(data_dir / "payung.sqlite3", isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        queued = python(data_dir, QUEUE_IMPORT, "workers", str(small))
        other.execute("ROLLBACK")
    assert queued.returncode == 0, queued.stderr  # no traceback for the person uploading
    status, error = rows(data_dir / "payung-jobs.sqlite3", "SELECT status, error FROM jobs_job")[0]
    assert status == "failed"
    assert "Basis data sedang sibuk" in str(error)
    assert list((data_dir / "uploads/jobs").iterdir()) == []
