"""Production settings as an administrator sets them: through the environment, checked from the
outside (the `payung` command in its own process, HTTP requests through the proxy's headers)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.conftest import run_payung


def test_check_deploy_is_clean_with_https(tmp_path: Path) -> None:
    result = run_payung(tmp_path, "check", "--deploy", PAYUNG_HTTPS="1")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_without_https_says_what_is_missing(tmp_path: Path) -> None:
    result = run_payung(tmp_path, "check", "--deploy")
    assert "SECURE_HSTS_SECONDS" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PAYUNG_HTTPS", "kadang"),
        ("PAYUNG_DEBUG", "ya dong"),
        ("PAYUNG_MAX_ROWS", "10rb"),
        ("PAYUNG_MAX_UPLOAD_MB", "0"),
        ("PAYUNG_SESSION_IDLE_MINUTES", "-5"),
        ("PAYUNG_CSRF_TRUSTED_ORIGINS", "payung.boalemokab.go.id"),
    ],
)
def test_a_bad_setting_is_one_clear_line_not_a_default(
    tmp_path: Path, name: str, value: str
) -> None:
    result = run_payung(tmp_path, "check", **{name: value})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert name in result.stderr


def test_files_and_folders_are_readable_by_payung_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_payung(data, "init").returncode == 0
    for path in [data / "payung.sqlite3", data / "payung-jobs.sqlite3", data / "secret_key"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_the_demo_runs_without_debug_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    from payung import cli, config

    monkeypatch.delenv("PAYUNG_DEBUG", raising=False)
    monkeypatch.setattr(cli, "_demo_environment", cli._demo_environment)
    monkeypatch.setenv("DATABASE_URL", "")
    cli._demo_environment()
    assert config.debug() is False
    monkeypatch.setenv("PAYUNG_DEBUG", "1")
    cli._demo_environment()
    assert config.debug() is True


# Run inside `payung shell` with PAYUNG_HTTPS=1, so the settings are the real ones.
_BEHIND_PROXY = """
import json
from django.test import Client

def attempt(origin):
    c = Client(enforce_csrf_checks=True, HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="localhost")
    page = c.get("/masuk/")
    token = page.cookies["csrftoken"]
    answer = c.post("/masuk/", {"username": "x", "password": "y",
                    "csrfmiddlewaretoken": token.value}, HTTP_ORIGIN=origin)
    return page, token, answer

page, token, answer = attempt("https://localhost")
plain = Client(HTTP_HOST="localhost").get("/masuk/")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "hsts": page.get("Strict-Transport-Security", ""),
    "csrf_secure": bool(token["secure"]),
    "post": answer.status_code,
    "trusted": attempt("https://payung.boalemokab.go.id")[2].status_code,
    "foreign": attempt("https://jahat.example")[2].status_code,
}))
"""


def test_behind_a_tls_proxy_log_in_works_and_plain_http_is_redirected(tmp_path: Path) -> None:
    env = {
        "PAYUNG_HTTPS": "1",
        "PAYUNG_CSRF_TRUSTED_ORIGINS": "https://payung.boalemokab.go.id",
    }
    assert run_payung(tmp_path, "init", **env).returncode == 0
    result = run_payung(tmp_path, "shell", "-c", _BEHIND_PROXY, **env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [301, "https://localhost/masuk/"]
    assert "max-age=31536000" in seen["hsts"] and "includeSubDomains" in seen["hsts"]
    assert seen["csrf_secure"] is True
    assert seen["post"] == 200  # the form again (wrong password), not 403: CSRF passed
    assert seen["trusted"] == 200
    assert seen["foreign"] == 403


def test_pages_and_downloads_are_never_cached_static_files_may_be(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    for url in ["/", "/cakupan/", "/cakupan/ekspor.csv?by=kecamatan", "/api/openapi.json"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    static = client.get("/static/payung/payung.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_every_page_carries_a_content_security_policy(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_an_idle_session_ends(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    assert client.get("/").status_code == 200
    session = client.session
    session["payung_seen"] = time.time() - 31 * 60
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    assert client.get("/").status_code == 302  # logged out for good, not just redirected once


def test_a_session_ends_after_a_working_day_even_when_busy(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    client.get("/")
    session = client.session
    session["payung_started"] = time.time() - 11 * 3600
    session.save()
    assert client.get("/").status_code == 302


def test_a_server_process_settles_its_loaded_app_out_of_the_collectors_walk(
    tmp_path: Path,
) -> None:
    """payung.wsgi, as gunicorn loads it: every view is imported and what the process loaded
    is frozen (gc.freeze), so a full collection no longer walks it on a visitor's request."""
    script = (
        "import gc, sys, payung.wsgi; "
        "print(gc.get_freeze_count(), 'payung.monev.scorepages' in sys.modules)"
    )
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment["PAYUNG_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, timeout=120
    )
    assert done.returncode == 0, done.stderr
    frozen, views_loaded = done.stdout.split()
    assert int(frozen) > 50_000  # Django and the app; an unfrozen process says 0
    assert views_loaded == "True"
