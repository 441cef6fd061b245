"""Fixtures shared by every app's tests: regions, users per role, and a real browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
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


@pytest.fixture
def regions(db: None) -> None:
    from payung.accounts.services import seed_opds
    from payung.regions.services import load_regions

    load_regions("75.02")
    seed_opds()


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
    yield context.new_page()
    context.close()
