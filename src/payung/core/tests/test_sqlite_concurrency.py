"""SQLite on a laptop: a long write (an import) makes the others wait, never fail."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from payung.conftest import run_payung

# Holds the write lock for nine seconds, as a big import's transaction does.
_LONG_WRITE = """
import time
from django.db import transaction
from payung.accounts.services import record_audit
with transaction.atomic():
    record_audit(action="test.long_write")
    print("holding", flush=True)
    time.sleep(9)  # well longer than SQLite's default 5 s wait
"""

_MAKE_USER = """
from payung.accounts.models import User
User.objects.create_user("juru", password="sandi-rahasia-1", role="analis")
"""

# A user logging in meanwhile: a session row and an audit event to write.
_LOG_IN = """
from django.test import Client
answer = Client(HTTP_HOST="localhost").post(
    "/masuk/", {"username": "juru", "password": "sandi-rahasia-1"}
)
print(answer.status_code)
"""


def test_writers_wait_for_a_long_write_instead_of_failing(initialised_folder: Path) -> None:
    data = initialised_folder
    made = run_payung(data, "shell", "-c", _MAKE_USER)
    assert made.returncode == 0, made.stderr
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["PAYUNG_DATA_DIR"] = str(data)

    def shell(script: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "payung.cli", "shell", "--no-imports", "-c", script],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    holder = shell(_LONG_WRITE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    started = time.monotonic()
    writers = [shell(_LOG_IN) for _ in range(3)]
    answers = [w.communicate(timeout=60) for w in writers]
    assert holder.wait(timeout=60) == 0
    for (out, err), writer in zip(answers, writers, strict=True):
        assert writer.returncode == 0, err
        assert "database is locked" not in err
        assert out.strip().splitlines()[-1] == "302"  # logged in
    assert time.monotonic() - started > 1  # they did wait for the long write
