"""Job rows go through the `jobs` connection; everything else through `default`.

On SQLite `jobs` is a file of its own, migrated apart (`migrate --database jobs`). On PostgreSQL
it is the same database over a second connection, so the job table is made with the rest."""

from __future__ import annotations

from typing import Any

from django.conf import settings

JOBS = "jobs"


class JobsRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        return JOBS if model._meta.app_label == "jobs" else None

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return JOBS if model._meta.app_label == "jobs" else None

    def allow_relation(self, a: Any, b: Any, **hints: Any) -> bool | None:
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        if app_label == "jobs":
            return db == settings.PAYUNG_JOBS_MIGRATE_ON
        return db == "default"
