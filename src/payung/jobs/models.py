"""A job a person started (an import, a linkage run) and how far it got.

Jobs live in their own database connection (`jobs`; on SQLite its own file): the job's work
holds the main database's one write lock for most of its life, and the progress bar must still
move. The job's code runs on the task queue (django-tasks-db); this row is what people see."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)  # what runs it: "import", "linkage"
    # The accounts.User who started it. No foreign key: on SQLite the jobs database is its own file.
    user_id = models.BigIntegerField(null=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(max_length=20, default="queued")
    fraction = models.FloatField(default=0.0)
    # A file holding personal data (an upload): deleted when the job ends, however it ends.
    upload = models.CharField(max_length=500, blank=True)
    arguments = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    error = models.TextField(blank=True)  # shown to the person who started the job
    worker = models.CharField(max_length=64, blank=True)  # the process running it
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)
