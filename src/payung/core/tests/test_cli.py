"""The `payung` command as a user runs it: in a subprocess, with its own environment."""

from __future__ import annotations

import re
from pathlib import Path

from payung.conftest import run_payung

README = Path(__file__).resolve().parents[4] / "README.md"


def test_help_lists_payung_commands(tmp_path: Path) -> None:
    result = run_payung(tmp_path, "--help")
    assert result.returncode == 0
    for command in ("init", "demo", "createuser"):
        assert f"\n  {command} " in result.stdout


def test_the_readme_table_lists_exactly_the_commands_of_help(tmp_path: Path) -> None:
    """As Datasette does: the manual cannot drift from `--help`."""
    listed = run_payung(tmp_path, "--help").stdout
    commands = set(re.findall(r"^  ([a-z]+)  ", listed, flags=re.M))
    table = README.read_text().split("## The `payung` command", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `payung ([a-z]+)", table, flags=re.M)) - {"runserver"}
    assert commands and documented == commands


def test_unknown_regency_ends_with_one_clear_line(tmp_path: Path) -> None:
    result = run_payung(tmp_path, "init", PAYUNG_REGENCY="99.99")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "99.99" in result.stderr


def test_unreachable_database_ends_with_one_clear_line(tmp_path: Path) -> None:
    url = "postgres://payung:rahasia@127.0.0.1:1/payung"
    result = run_payung(tmp_path, "init", DATABASE_URL=url)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "cannot use the database" in result.stderr
    assert "rahasia" not in result.stderr  # the password is never echoed


def test_unknown_database_scheme_ends_with_one_clear_line(tmp_path: Path) -> None:
    result = run_payung(tmp_path, "init", DATABASE_URL="mysq://localhost/payung")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_init_on_a_fresh_sqlite_file_then_again(tmp_path: Path) -> None:
    first = run_payung(tmp_path, "init")
    assert first.returncode == 0, first.stderr
    assert "7 kecamatan, 82 desa" in first.stdout
    assert (tmp_path / "payung.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
    second = run_payung(tmp_path, "init")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout


def test_demo_sets_up_users_and_a_synthetic_regency(tmp_path: Path) -> None:
    import sqlite3

    result = run_payung(tmp_path, "demo", "--no-serve", "--workers", "2000")
    assert result.returncode == 0, result.stderr
    assert "workers: 2000 rows" in result.stdout and "linkage: " in result.stdout
    with sqlite3.connect(tmp_path / "demo.sqlite3") as db:
        workers = db.execute("SELECT count(*) FROM registry_worker").fetchone()[0]
        participants = db.execute("SELECT count(*) FROM participants_participant").fetchone()[0]
        users = {r[0] for r in db.execute("SELECT username FROM accounts_user")}
        links = db.execute("SELECT count(*) FROM linkage_link").fetchone()[0]
        months = db.execute("SELECT count(*) FROM coverage_snapshot").fetchone()[0]
        periods = db.execute("SELECT locked FROM monev_period ORDER BY year, number").fetchall()
        statuses = {r[0] for r in db.execute("SELECT status FROM monev_realisation")}
    assert periods == [(1,), (0,)]  # a quarter closed, the next one open
    assert statuses == {"draft", "submitted", "returned", "verified"}
    assert workers > 1900 and participants > 0
    assert 0 < links <= participants
    assert months == 6  # a trend on the dashboard from the first start
    assert users >= {"admin", "analis", "operator", "bpjs", "pimpinan"}
    again = run_payung(tmp_path, "demo", "--no-serve", "--workers", "2000")
    assert again.returncode == 0 and "already loaded" in again.stdout


def test_a_commands_help_calls_it_by_the_name_people_type(tmp_path: Path) -> None:
    for typed in (["import", "--help"], ["help", "import"], ["export", "--help"]):
        result = run_payung(tmp_path, *typed)
        assert result.returncode == 0, result.stderr
        assert f"payung {typed[0] if typed[0] != 'help' else typed[1]} " in result.stdout
        assert "import_data" not in result.stdout and "export_data" not in result.stdout


def test_demo_flag_runs_a_command_on_the_demo_database(initialised_folder: Path) -> None:
    """After `make demo`, `payung --demo …` reads the demo's file, not the default one."""
    (initialised_folder / "payung.sqlite3").rename(initialised_folder / "demo.sqlite3")
    result = run_payung(initialised_folder, "--demo", "coverage", "--by", "kecamatan")
    assert result.returncode == 0, result.stderr
    assert "cakupan" in result.stdout and "no such table" not in result.stderr
    assert not (initialised_folder / "payung.sqlite3").exists()  # no empty default made
