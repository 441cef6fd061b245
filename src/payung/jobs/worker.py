"""The worker that runs the task queue (django-tasks-db), in a process of its own.

`payung worker` runs Worker.run (claim, run, repeat) after ending what a dead worker left
behind; `run_pending` runs what waits in this process and returns, for the commands that do a
write and then its reactions (`payung import`, `payung link`) and for tests."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from payung.jobs import processes, services


def worker(*, interval: float = 1.0, batch: bool = False) -> Worker:
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=processes.this_process(),
        excluded_queue_names=[],
    )


def serve(*, interval: float = 1.0, batch: bool = False) -> None:
    """Run tasks until stopped (SIGINT/SIGTERM end after the task at hand), or until none wait."""
    services.reap()
    running = worker(interval=interval, batch=batch)
    running.configure_signals()
    running.run()


def run_pending(*, jobs: bool = True) -> int:
    """Run every task that waits, here and now; return how many ran. Unlike Worker.run it never
    closes the database connection, so it may run inside a caller's (or a test's) transaction.
    With jobs=False only reactions run: a command finishes what its own write announced and
    leaves the imports people started from the browser to the worker."""
    services.reap()
    here = worker(batch=True)
    waiting = DBTaskResult.objects.ready()
    if not jobs:
        waiting = waiting.exclude(args_kwargs__kwargs__has_key="job")
    ran = 0
    while True:
        with exclusive_transaction():
            claimed = waiting.get_locked()
            if claimed is not None:
                claimed.claim(here.worker_id)
        if claimed is None:
            return ran
        here.run_task(claimed)
        ran += 1
