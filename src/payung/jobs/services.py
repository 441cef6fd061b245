"""Writes of jobs: start one, run it with its progress, and end the ones whose worker died.

A job's row is written through its own connection (routers.JOBS) at once, outside the job's
own transaction, so any web process sees the progress while the work is still uncommitted."""

from __future__ import annotations

import logging
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from payung.accounts.models import User
from payung.jobs import processes
from payung.jobs.models import Job, Status

logger = logging.getLogger(__name__)

# A reaction whose worker died is queued again, up to this many runs in all: a reaction that
# kills its worker every time (out of memory, say) must end, failed, instead of looping.
REACTION_RUNS = 3


class WorkerDied(Exception):
    """The process running a task ended before the task did."""


def upload_folder() -> Path:
    """Where a job's upload waits for it. Inside the data folder, never served."""
    path = Path(settings.MEDIA_ROOT) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(upload: Any) -> Path:
    """Write a browser upload where its job will read it (and delete it)."""
    folder = upload_folder() / uuid.uuid4().hex  # a folder of its own: deleted whole, with it
    folder.mkdir()
    path = folder / Path(upload.name).name
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path


def start(
    *,
    kind: str,
    task: Any,
    user: Any = None,
    upload: Path | None = None,
    arguments: dict[str, Any] | None = None,
) -> Job:
    """Record a job and put it on the queue; the worker runs `task(job=<id>)`. A job that cannot
    be queued (SQLite busy with another job's writes) comes back failed, with a message."""
    job = Job.objects.create(
        kind=kind,
        user_id=getattr(user, "pk", None),
        upload=str(upload or ""),
        arguments={"language": translation.get_language() or settings.LANGUAGE_CODE}
        | (arguments or {}),
    )
    try:
        task.enqueue(job=str(job.pk))
    except OperationalError:
        # SQLite has one writer: a job writing a big file holds the database for a while.
        logger.warning("job %s (%s) could not be queued", job.pk, kind, exc_info=True)
        _finish(job, Status.FAILED, error=_busy())
        _delete_upload(job)
    return job


class Running:
    """The job a task is running: its arguments, and where it reports progress."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.result: dict[str, Any] = {}

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.job.arguments)

    @property
    def user(self) -> User | None:
        """Who started the job (for the audit trail of what it writes)."""
        if self.job.user_id is None:
            return None
        return User.objects.filter(pk=self.job.user_id).first()

    @property
    def upload(self) -> Path:
        return Path(self.job.upload)

    def progress(self, phase: str, fraction: float) -> None:
        Job.objects.filter(pk=self.job.pk).update(phase=phase[:20], fraction=fraction)


class JobGone(Exception):
    """The job was ended (by the reaper) before its task started."""


@contextmanager
def running(job_id: str, *, refusals: tuple[type[Exception], ...] = ()) -> Iterator[Running]:
    """Run the body as job `job_id`: it is marked running, then done, or failed with a message
    its owner can read. An exception in `refusals` is the input's fault and its message is that
    message; any other is logged and raised again, so the task queue records it too. The job's
    upload is deleted however the body ends (UU 27/2022: personal data not kept beyond use)."""
    job = Job.objects.get(pk=job_id)
    try:
        if job.finished:
            raise JobGone(job_id)
        job.status, job.phase, job.worker = Status.RUNNING, "start", processes.this_process()
        job.started_at = timezone.now()
        job.save(update_fields=["status", "phase", "worker", "started_at"])
        current = Running(job)
        with translation.override(job.arguments.get("language") or settings.LANGUAGE_CODE):
            try:
                yield current
            except refusals as exc:
                _finish(job, Status.FAILED, error=str(exc))
                return
            except Exception:
                logger.exception("job %s (%s) failed", job.pk, job.kind)
                _finish(job, Status.FAILED, error=_unexpected())
                raise
        _finish(job, Status.DONE, result=current.result)
    finally:
        _delete_upload(job)


def _busy() -> str:
    return _(
        "The database is busy saving another job, so this one could not be queued and its file "
        "was deleted. Try again in a minute."
    )


def _unexpected() -> str:
    return _(
        "The job stopped on an unexpected error and nothing of it was saved. "
        "The administrator finds the details in the server log."
    )


def _worker_died(job: Job | None = None) -> str:
    language = (job.arguments.get("language") if job else None) or settings.LANGUAGE_CODE
    with translation.override(language):
        return _(
            "The background worker stopped before the job ended (it was killed, or the computer "
            "restarted). Nothing of the job was saved and its file was deleted: start it again."
        )


def _finish(
    job: Job, status: str, *, error: str = "", result: dict[str, Any] | None = None
) -> None:
    job.status, job.error, job.result = status, error, result or {}
    job.phase = "done" if status == Status.DONE else job.phase
    job.fraction = 1.0
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "result", "phase", "fraction", "finished_at"])


def _delete_upload(job: Job) -> None:
    if not job.upload:
        return
    path = Path(job.upload)
    folder = path.parent
    # A job's upload sits alone in a folder of its own under upload_folder(); nothing else goes.
    if folder.parent == upload_folder():
        shutil.rmtree(folder, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def reap() -> int:
    """End what a dead worker left running: its job fails with the reason and loses its upload;
    a reaction goes back on the queue (its transaction was rolled back with the process), until
    it has had REACTION_RUNS runs. Only processes of this machine are judged. Returns how many."""
    ended = 0
    for job in Job.objects.filter(status=Status.RUNNING).exclude(worker=""):
        if processes.is_dead(job.worker):
            _finish(job, Status.FAILED, error=_worker_died(job))
            _delete_upload(job)
            ended += 1
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update():
            if not result.worker_ids or not processes.is_dead(result.worker_ids[-1]):
                continue
            job_id = result.args_kwargs.get("kwargs", {}).get("job")
            if job_id is None and len(result.worker_ids) < REACTION_RUNS:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
            else:
                result.set_failed(WorkerDied(_worker_died()))
            if job_id is not None:
                left = Job.objects.filter(pk=job_id).first()
                if left is not None and not left.finished:
                    _finish(left, Status.FAILED, error=_worker_died(left))
                    _delete_upload(left)
            ended += 1
    return ended


def retry(result_id: Any) -> bool:
    """Queue a failed reaction again, with the same arguments. False when there is none."""
    result = DBTaskResult.objects.failed().filter(pk=result_id).first()
    if result is None or "job" in result.args_kwargs.get("kwargs", {}):
        return False
    result.task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    result.delete()
    return True
