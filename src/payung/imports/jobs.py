"""Imports started from the browser run in a thread; their progress lives in a small JSON
file in the data folder, so any server process can answer the progress bar's questions
while the import's own transaction is still open."""

from __future__ import annotations

import json
import logging
import shutil
import threading
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import close_old_connections

from payung.accounts.models import User
from payung.imports.errors import ImportRefused
from payung.imports.services import run_import

logger = logging.getLogger(__name__)


def _jobs_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "import-jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _state_file(job: str) -> Path:
    return _jobs_dir() / f"{job}.json"


def _save(job: str, **state: Any) -> None:
    target = _state_file(job)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(state))
    temporary.replace(target)  # atomic: a reader never sees half a file


def read_state(job: str) -> dict[str, Any] | None:
    if not job.isalnum():
        return None
    try:
        return dict(json.loads(_state_file(job).read_text()))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def start_import(
    *, kind: str, upload: Any, user: User, overrides: dict[str, str], background: bool = True
) -> str:
    """Save the upload, start importing it, and return the job id to poll."""
    job = uuid.uuid4().hex
    folder = _jobs_dir() / job
    folder.mkdir()
    path = folder / Path(upload.name).name
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    _save(job, user=user.pk, status="running", phase="read", fraction=0.0)

    def work() -> None:
        try:
            result = run_import(
                kind,
                path,
                file_name=path.name,
                user=user,
                overrides=overrides,
                progress=lambda phase, fraction: _save(
                    job, user=user.pk, status="running", phase=phase, fraction=fraction
                ),
            )
            _save(job, user=user.pk, status="done", phase="done", fraction=1.0, batch=result.batch)
        except ImportRefused as exc:
            _save(job, user=user.pk, status="failed", phase="read", fraction=1.0, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - the user must hear of it, and the log too
            logger.exception("import job %s failed", job)
            _save(job, user=user.pk, status="failed", phase="write", fraction=1.0, error=str(exc))
        finally:
            # Personal data is not kept beyond the import (UU 27/2022): the batch keeps its hash.
            shutil.rmtree(folder, ignore_errors=True)
            close_old_connections()

    if background:
        threading.Thread(target=work, name=f"import-{job}", daemon=True).start()
    else:
        work()
    return job
