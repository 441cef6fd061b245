"""Imports started from the browser, run by the worker (payung worker), not the web server."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from payung.accounts.models import User
from payung.imports.errors import ImportRefused
from payung.imports.services import run_workbook
from payung.jobs import services as jobs
from payung.jobs.models import Job


@task()
def import_upload(*, job: str) -> None:
    with jobs.running(job, refusals=(ImportRefused,)) as current:
        arguments = current.arguments
        done = run_workbook(
            arguments["kind"],
            current.upload,
            file_name=current.upload.name,
            sheet=arguments.get("sheet") or None,
            user=current.user,
            overrides=arguments.get("overrides") or {},
            progress=current.progress,
            scope=arguments.get("scope", ""),
        )
        # One batch per sheet imported: the job's page lists them when there are several.
        current.result = {
            "batch": done.results[0].batch,
            "batches": [result.batch for result in done.results],
            "skipped": done.skipped,
        }


def start_import(
    *,
    kind: str,
    upload: Any,
    user: User,
    overrides: dict[str, str],
    scope: str = "",
    sheet: str = "",
) -> Job:
    """Save the upload and queue its import; the job's page follows it."""
    return jobs.start(
        kind="import",
        task=import_upload,
        user=user,
        upload=jobs.save_upload(upload),
        arguments={"kind": kind, "overrides": overrides, "scope": scope, "sheet": sheet},
    )
