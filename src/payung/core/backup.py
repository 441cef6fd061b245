"""`payung backup` and `payung restore`: a consistent copy of the database while Payung runs.

SQLite: the online backup API (pages copied under SQLite's own locking, so writers may go on).
PostgreSQL: pg_dump, one snapshot of the whole database, in its custom format; pg_restore brings
it back. The jobs' own SQLite file is not copied: it holds only the progress of running jobs.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from payung.accounts.models import User
from payung.accounts.services import record_audit

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Why a backup or restore could not be made; one line for the person."""


def default_target() -> Path:
    folder = Path(settings.DATA_DIR) / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
    return folder / f"payung-{stamp}.{suffix}"


def backup(target: Path, *, user: User | None = None) -> Path:
    """Write the whole database to `target` (created 0600); returns it."""
    if target.exists():
        raise BackupError(f"{target} exists already: choose another file")
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        with (
            closing(sqlite3.connect(_database_name())) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"])
    target.chmod(0o600)
    record_audit(action="backup.made", user=user, target=str(target), details=_counts_note())
    return target


def restore(source: Path, *, user: User | None = None) -> None:
    """Replace the database with the backup `source`."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    with source.open("rb") as handle:
        head = handle.read(16)
    connections.close_all()
    if connection.vendor == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{source.name} is not a SQLite backup of Payung")
        with (
            closing(sqlite3.connect(source)) as copy,
            closing(sqlite3.connect(_database_name())) as live,
        ):
            copy.backup(live)
    else:
        if not head.startswith(PG_MAGIC):
            raise BackupError(f"{source.name} is not a pg_dump backup (custom format)")
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              f"--dbname={_database_name()}", str(source)])  # fmt: skip
    record_audit(action="backup.restored", user=user, target=str(source))


def _database_name() -> str:
    """The SQLite file, or the PostgreSQL database's name."""
    return str(settings.DATABASES["default"]["NAME"])


def _run(command: list[str]) -> None:
    """pg_dump or pg_restore with the database settings in the environment (the password
    never on the command line, where `ps` shows it)."""
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} not found: install PostgreSQL's client (postgresql-client)"
        )
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "PGHOST": str(db.get("HOST") or "localhost"),
        "PGPORT": str(db.get("PORT") or "5432"),
        "PGUSER": str(db.get("USER") or ""),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGDATABASE": _database_name(),
    }
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise BackupError(f"{command[0]}: {reason}")


def _counts_note() -> dict[str, int]:
    from payung.registry.models import Worker

    return {"workers": Worker.objects.count()}
