"""Fixtures shared by every app's tests: regions, users per role, and a real browser."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from payung.accounts.models import User
from payung.accounts.roles import Role

TEST_PASSWORD = "uji-Payung-2025"

# Flags that keep Chromium from calling out to the internet, which this machine does not reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


# Browser tests on SQLite run against an in-memory database, which Django's live server shares
# with the test thread as one connection. A test that works the queue (work_the_queue) while
# the page polls its job would then use that one connection from two threads at once ("cannot
# start a transaction within a transaction"). Each request of the live server and each turn of
# the queue take this lock, so they use it in turn, as a worker process and a web process use
# their own connections in production (test_worker_process and test_sqlite_concurrency test
# those for real).
ONE_AT_A_TIME = threading.RLock()


def pytest_configure(config: pytest.Config) -> None:
    """Hash test users' passwords with a fast hasher first: PBKDF2's 1M rounds cost every
    log-in and every created user about a quarter of a second. The real hashers stay listed,
    so a password hashed by a `payung` subprocess still verifies here, and the settings
    themselves (what production uses) are unchanged."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    serve = WSGIHandler.__call__

    def serve_in_turn(self: WSGIHandler, environ: Any, start_response: Any) -> Any:
        with ONE_AT_A_TIME:
            return serve(self, environ, start_response)

    WSGIHandler.__call__ = serve_in_turn  # type: ignore[method-assign]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the database may use both connections: `default`, and `jobs`,
    which every write that starts a job or announces a change also touches (payung.jobs)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        uses_db = DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        if (marker is None and not uses_db) or (marker and "databases" in marker.kwargs):
            continue
        args, kwargs = (marker.args, marker.kwargs) if marker else ((), {})
        item.add_marker(pytest.mark.django_db(*args, **kwargs, databases="__all__"), append=False)


def run_payung(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The `payung` command as a user runs it: its own process, its own data folder and
    default SQLite database (unless `env` gives a DATABASE_URL)."""
    # Not the test process's own: its database, and the browser fixture's async switch.
    test_only = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in test_only}
    environment.update({"PAYUNG_DATA_DIR": str(data_dir)}, **env)
    return subprocess.run(
        [sys.executable, "-m", "payung.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture(scope="session")
def _initialised_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("initialised") / "data"
    made = run_payung(folder, "init")
    assert made.returncode == 0, made.stderr
    return folder


@pytest.fixture
def initialised_folder(_initialised_template: Path, tmp_path: Path) -> Path:
    """A data folder as `payung init` leaves it (SQLite, migrated, regions loaded), copied from
    one made once per run: each `payung init` migrates from nothing, about 4 s."""
    folder = tmp_path / "data"
    shutil.copytree(_initialised_template, folder)
    return folder


def work_the_queue(timeout: float = 15.0) -> int:
    """Be the background worker for a browser test: once the page has queued a job, run it and
    what it announced here, in the test's thread (and its in-memory database)."""
    from payung.jobs.models import Job, Status
    from payung.jobs.worker import run_pending

    deadline = time.monotonic() + timeout
    while not Job.objects.filter(status=Status.QUEUED).exists():
        if time.monotonic() > deadline:
            raise AssertionError("the page queued no job")
        time.sleep(0.05)
    with ONE_AT_A_TIME:
        return run_pending()


def log_in(page: Any, base_url: str, username: str, password: str = TEST_PASSWORD) -> None:
    """Log in through the real form, as a person would (its button says Masuk: Indonesian)."""
    page.goto(f"{base_url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]:has-text('Masuk')")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The test databases as pytest-django makes them; at the end every connection is closed
    first, the `jobs` one included (on PostgreSQL a second session on the same database, which
    would keep the test database from being dropped)."""
    yield
    with django_db_blocker.unblock():
        from django.db import connections

        connections.close_all()


@pytest.fixture
def regions(db: None) -> None:
    from payung.accounts.services import seed_opds
    from payung.regions.services import load_regions

    load_regions("75.02")
    seed_opds()


@pytest.fixture
def seeded_rules(transactional_db: None) -> None:
    """An earlier transactional test flushes every table, the contribution rules the migration
    seeded with them: seed again (get_or_create, so a no-op when they are still there)."""
    from django.apps import apps

    migration = importlib.import_module("payung.contributions.migrations.0002_seed_rules")
    migration.seed(apps, None)


@pytest.fixture
def make_user(regions: None) -> Any:
    def make(role: Role, username: str | None = None, opd_code: str | None = None) -> User:
        from payung.accounts.services import create_user

        if role == Role.OPERATOR_OPD and opd_code is None:
            opd_code = "disnaker"
        return create_user(
            username=username or f"uji-{role}",
            password=TEST_PASSWORD,
            role=role,
            opd_code=opd_code,
        )

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Playwright's sync API runs an event loop; the live server's ORM calls are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("PAYUNG_CHROMIUM") or shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium not found: install Debian's chromium (make test does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # An English browser, as on many office PCs: Payung must still speak Indonesian.
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(15_000)
    opened = context.new_page()
    # Every browser test also checks the Content-Security-Policy: Chromium reports what the
    # policy refused (an inline script or style) on the console.
    refused: list[str] = []
    opened.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield opened
    context.close()
    assert not refused, f"the page broke its Content-Security-Policy: {refused}"
