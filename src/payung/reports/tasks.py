"""The monthly report's job on the task queue: on the first of each month it makes the report
of the month just reported and puts itself back on the queue for the next first. One waits at
all times once `payung init` (or the worker, on start) has scheduled it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from payung.lib.months import add_months, month_start
from payung.reports import services
from payung.reports.models import Trigger

HOUR = 7  # in the morning of the first, before the office opens
TASK_PATH = "payung.reports.tasks.monthly_report"


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """07:00 local on the first of the next month."""
    here = timezone.localtime(now)
    first = add_months(month_start(here.date()), 1)
    return timezone.make_aware(dt.datetime.combine(first, dt.time(HOUR)))


@task()
def monthly_report() -> dict[str, Any]:
    """Make the month's report unless the job made it already, then schedule the next."""
    with transaction.atomic():
        report = services.make_monthly_report(user=None, trigger=Trigger.SCHEDULED)
        schedule(after=next_run())
    return {"report": report.pk, "month": report.data["month"]}


def schedule(after: dt.datetime | None = None) -> bool:
    """Put the monthly job on the queue unless one waits already. Returns whether it did."""
    # READY whether due now or put off until a later first (`ready()` holds only those due)
    if DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").exists():
        return False
    monthly_report.using(run_after=after or next_run()).enqueue()
    return True
