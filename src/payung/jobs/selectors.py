"""Reads of jobs and of the reactions that ran (or failed) after a write."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from payung.jobs import services
from payung.jobs.events import LABELS
from payung.jobs.models import Job


def job_for(job_id: str, user: Any) -> Job | None:
    """The job, if `user` started it; a job whose worker died is ended first."""
    try:
        job = Job.objects.filter(pk=job_id, user_id=user.pk).first()
    except ValidationError:  # not a UUID
        return None
    if job is not None and not job.finished:
        services.reap()
        job.refresh_from_db()
    return job


def failed_reactions(**change: Any) -> list[dict[str, Any]]:
    """Reactions that failed after the write named by `change` (batch=12, event=...)."""
    results = DBTaskResult.objects.failed().order_by("-finished_at")
    for key, value in change.items():
        results = results.filter(**{f"args_kwargs__kwargs__{key}": value})
    return [
        {
            "id": str(result.pk),
            "label": LABELS.get(result.task_path, result.task_path.rsplit(".", 1)[-1]),
            "finished_at": result.finished_at,
            "reason": (result.traceback.strip().splitlines() or [""])[-1][:300],
        }
        for result in results[:20]
    ]
