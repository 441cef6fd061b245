"""Linkage runs started from the browser, run by the worker (payung worker)."""

from __future__ import annotations

from django_tasks import task

from payung.accounts.models import User
from payung.jobs import services as jobs
from payung.jobs.models import Job
from payung.linkage.services import run_linkage


@task()
def linkage_run(*, job: str) -> None:
    with jobs.running(job) as current:
        current.progress("link", 0.1)
        result = run_linkage(user=current.user)
        current.result = result.as_dict()


def start_linkage(*, user: User) -> Job:
    return jobs.start(kind="linkage", task=linkage_run, user=user)
