from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import Opd, User
from payung.imports.models import ImportBatch
from payung.lib.names import normalise_one
from payung.regions.models import Region


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class WorkerFields(models.Model):
    """What a village list says about a worker; shared by the current row and its history."""

    nik = models.CharField(max_length=16, null=True, blank=True)
    nik_raw = models.CharField(max_length=40, blank=True)
    nik_status = models.CharField(max_length=24, default="valid")
    name = models.CharField(max_length=200)
    sex = models.CharField(max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    # Indexed through (desa, birth_date) on Worker. The import accepts only desa codes it found
    # in the region table, and regions are never deleted (PROTECT), so a database-level check
    # per row would only cost a million-row import seconds at commit.
    desa = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    occupation = models.CharField(max_length=100, blank=True)
    income = models.BigIntegerField(null=True, blank=True)
    decile = models.PositiveSmallIntegerField(null=True, blank=True)
    # Jumlah tanggungan: people the worker supports; the contribution-assistance priority uses it.
    dependants = models.PositiveSmallIntegerField(null=True, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    notes = models.TextField(blank=True)
    # Written in the batch's own transaction, so a database-level check per row (and an index
    # nobody reads by) would only slow a million-row import.
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    source_file = models.CharField(max_length=255)
    source_row = models.PositiveIntegerField()

    class Meta:
        abstract = True


class Worker(WorkerFields):
    """A worker known to the regency. `match_key` makes re-imports land on the same row:
    `N:<nik>` for a valid NIK, otherwise what the row says (see registry.importer._finalise)."""

    match_key = models.CharField(max_length=255)
    # The name as search compares it (payung.lib.names.normalise: capitals, no titles, Moh./
    # Muhammad as one), written by the import beside the name and indexed for search by
    # trigrams (registry.search). Not kept in versions: it follows from the name.
    name_key = models.CharField(max_length=200, blank=True, default="")
    # The agency that brought the worker (the first import's, none for regency-wide roles): an
    # Operator OPD corrects its own agency's workers; other changes it asks for are reviewed.
    opd = models.ForeignKey(
        Opd, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["desa_id", "name"]
        # A constraint, not unique=True: PostgreSQL then gets no second, LIKE-only index.
        constraints = [models.UniqueConstraint(fields=["match_key"], name="worker_match_key")]
        indexes = [
            models.Index(fields=["nik"]),
            models.Index(fields=["desa", "birth_date"]),
        ]
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A worker saved one by one (a form, the admin, a test) keeps its search key too; the
        import writes the key itself, set-based. And any save marks the row changed: a save of
        some fields only still moves updated_at, which says whether the registry changed since
        an import or a linkage run (imports.repeat.table_state)."""
        self.name_key = normalise_one(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = {"updated_at", "name_key"} if "name" in update_fields else {"updated_at"}
            kwargs["update_fields"] = {*update_fields, *extra}
        super().save(*args, **kwargs)


class WorkerVersion(WorkerFields):
    """The values a worker had before an import changed them."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="versions")
    replaced_by_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["worker", "-replaced_at"]

    def __str__(self) -> str:
        return f"{self.name} before batch {self.replaced_by_batch_id}"


class ChangeRequest(models.Model):
    """A change an Operator OPD's import would make to a worker its agency did not bring: held
    until an Analis approves (the worker takes `new`) or rejects it. Old and new are the whole
    row as text (registry.importer.DATA_COLUMNS), for showing side by side."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="change_requests")
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    opd = models.ForeignKey(Opd, null=True, on_delete=models.PROTECT, related_name="+")
    old = models.JSONField()
    new = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"change to worker {self.worker_id} from batch {self.batch_id}: {self.status}"

    @property
    def changed_fields(self) -> list[str]:
        return [k for k in self.new if self.new.get(k) != self.old.get(k) and k in SHOWN_FIELDS]


# What a reviewer compares (where a row came from differs on every request, and is not shown).
SHOWN_FIELDS = [
    "nik", "nik_raw", "name", "sex", "birth_date", "desa_id", "occupation", "income", "decile",
    "dependants", "phone", "notes",
]  # fmt: skip
