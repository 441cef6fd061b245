"""`payung backup` and `payung restore`, as an administrator runs them: a backup taken, the data
then damaged, the backup restored, and every table's count and a sample of records identical."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from payung.conftest import run_payung

SAMPLE = {
    "registry_worker": "SELECT nik, name, income, birth_date FROM registry_worker ORDER BY id",
    "accounts_user": "SELECT username, role FROM accounts_user ORDER BY id",
    "imports_importbatch": "SELECT kind, file_name, rows FROM imports_importbatch ORDER BY id",
}
HEADER = "NIK,Nama Lengkap,JK,Tgl Lahir,Kode Desa,Pekerjaan,Penghasilan\n"
ROWS = [
    f"75020145078500{n:02d},Pekerja {n},P,05-07-1985,75.02.01.2004,Petani,{1_000_000 + n}\n"
    for n in range(1, 40)
]
MAKE_USER = (
    "from payung.accounts.services import create_user; "
    "create_user(username='juru', password='sandi-rahasia-1', role='analis')"
)
DAMAGE = (
    "from payung.registry.models import Worker; "
    "Worker.objects.filter(id__gt=5).delete(); Worker.objects.update(name='RUSAK')"
)


class Sqlite:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "payung.sqlite3"
        self.env: dict[str, str] = {}

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.path) as db:
            return db.execute(sql).fetchall()

    def tables(self) -> list[str]:
        found = self.query("SELECT name FROM sqlite_master WHERE type='table'")
        return sorted(t for (t,) in found if not t.startswith("sqlite_"))


class Postgres:
    def __init__(self, name: str) -> None:
        import psycopg

        settings = connection.settings_dict
        self.params = {
            "host": settings["HOST"] or "127.0.0.1",
            "port": settings["PORT"] or 5432,
            "user": settings["USER"],
            "password": settings["PASSWORD"],
        }
        self.name = name
        with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        password = f":{self.params['password']}" if self.params["password"] else ""
        url = f"postgres://{self.params['user']}{password}@{self.params['host']}"
        self.env = {"DATABASE_URL": f"{url}:{self.params['port']}/{name}"}

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(dbname=self.name, **self.params) as db:
            return [tuple(r) for r in db.execute(sql).fetchall()]

    def tables(self) -> list[str]:
        found = self.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(t for (t,) in found)

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def _state(db: Any) -> tuple[dict[str, int], dict[str, list[tuple[Any, ...]]]]:
    # The restore itself is audited, after the copy: the audit trail is compared apart.
    counts = {
        t: db.query(f"SELECT count(*) FROM {t}")[0][0]
        for t in db.tables()
        if t != "accounts_auditevent"
    }
    return counts, {t: db.query(sql) for t, sql in SAMPLE.items()}


def _round_trip(tmp_path: Path, db: Any, suffix: str) -> None:
    env = db.env
    assert run_payung(tmp_path, "init", **env).returncode == 0
    assert run_payung(tmp_path, "shell", "--no-imports", "-c", MAKE_USER, **env).returncode == 0
    source = tmp_path / "desa.csv"
    source.write_text(HEADER + "".join(ROWS))
    imported = run_payung(tmp_path, "import", "workers", str(source), **env)
    assert imported.returncode == 0, imported.stderr
    before = _state(db)
    assert before[0]["registry_worker"] == len(ROWS)

    target = tmp_path / f"cadangan.{suffix}"
    made = run_payung(tmp_path, "backup", str(target), **env)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert db.query("SELECT count(*) FROM accounts_auditevent WHERE action = 'backup.made'")[0][0]
    assert run_payung(tmp_path, "shell", "--no-imports", "-c", DAMAGE, **env).returncode == 0
    assert _state(db) != before

    refused = run_payung(tmp_path, "restore", str(target), **env)
    assert refused.returncode != 0 and "--yes" in refused.stderr
    restored = run_payung(tmp_path, "restore", str(target), "--yes", **env)
    assert restored.returncode == 0, restored.stderr
    assert _state(db) == before
    # The trail is the backup's (made before its own "backup.made"), plus the restore.
    actions = {a for (a,) in db.query("SELECT action FROM accounts_auditevent")}
    assert "backup.restored" in actions and "backup.made" not in actions


def test_a_sqlite_backup_restores_every_table(tmp_path: Path) -> None:
    _round_trip(tmp_path, Sqlite(tmp_path), "sqlite3")


@pytest.mark.django_db
def test_a_postgresql_backup_restores_every_table(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass of the suite")
    db = Postgres(f"payung_backup_{os.getpid()}")
    try:
        _round_trip(tmp_path, db, "pgdump")
    finally:
        db.drop()


def test_a_file_that_is_no_backup_is_refused(tmp_path: Path, initialised_folder: Path) -> None:
    data = initialised_folder
    bogus = tmp_path / "bukan.sqlite3"
    bogus.write_text("NIK,Nama\n")
    result = run_payung(data, "restore", str(bogus), "--yes")
    assert result.returncode != 0 and "not a SQLite backup" in result.stderr
