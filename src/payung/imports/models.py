from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One file imported: where every row of it went. rows = accepted + rejected, always."""

    kind = models.CharField(max_length=20)  # an ImportKind's name (payung.imports.kinds)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    column_map = models.JSONField(default=dict)
    scope = models.CharField(max_length=60, blank=True)  # what the file belongs to (kinds.scope)
    # The file's own columns in their order (a JSON object in PostgreSQL does not keep it).
    source_columns = models.JSONField(default=list)
    rows = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    inserted = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list)
    seconds = models.FloatField(default=0)
    # What the file and everything else its rows' validation reads come to (imports.repeat),
    # and the state its table was left in: an import of the same file into a table nothing
    # wrote since repeats this batch's result instead of validating a million rows again.
    # Empty where the kind or the user allows no repeat.
    content_key = models.CharField(max_length=64, blank=True, db_index=True)
    state_after = models.CharField(max_length=255, blank=True)
    # The earlier batch this one repeats (its issues copied, no row validated or written).
    same_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rows=models.F("accepted") + models.F("rejected")),
                name="import_rows_accounted_for",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.file_name}"

    @property
    def kind_label(self) -> str:
        from payung.imports.kinds import label

        return label(self.kind)


class Severity(models.TextChoices):
    REJECTED = "rejected", _("rejected")
    FLAGGED = "flagged", _("kept, flagged")


class ImportIssue(models.Model):
    """A problem found in one source row: why it was rejected, or what is wrong with a kept row."""

    # Written in the batch's own transaction, right after the batch: a database-level check per
    # issue (and an index beside the one below, which starts with the batch) would only cost a
    # million-row import time at commit. Deleting a batch still deletes its issues (Django).
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        related_name="issues",
        db_index=False,
        db_constraint=False,
    )
    source_row = models.PositiveIntegerField()
    severity = models.CharField(max_length=10, choices=Severity.choices)
    code = models.CharField(max_length=40)
    field = models.CharField(max_length=40, blank=True)
    value = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["batch", "source_row"]
        indexes = [models.Index(fields=["batch", "severity", "source_row"])]

    def __str__(self) -> str:
        return f"row {self.source_row}: {self.code}"


class ImportRow(models.Model):
    """A source row that has at least one issue, as the file had it (its cells by column), for
    the file sent back to the village: once per row, however many issues the row has."""

    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        related_name="problem_rows",
        db_index=False,
        db_constraint=False,  # as ImportIssue: written in the batch's transaction, in bulk
    )
    source_row = models.PositiveIntegerField()
    raw = models.JSONField(default=dict)

    class Meta:
        ordering = ["batch", "source_row"]
        indexes = [models.Index(fields=["batch", "source_row"])]

    def __str__(self) -> str:
        return f"row {self.source_row}"


class ImportedRow(models.Model):
    """What every imported record keeps of where it came from: its batch (written in the
    batch's own transaction, so no per-row database check), its file and its row there."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    source_file = models.CharField(max_length=255)
    source_row = models.PositiveIntegerField()

    class Meta:
        abstract = True


class ReplacedRow(models.Model):
    """A version of an imported record: the values it had until a later batch replaced them."""

    replaced_by_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class PendingIndex(models.Model):
    """An index a big load dropped (imports.writer) and builds again after its commit, side by
    side with the load's other indexes. Written in the load's transaction, so an index whose
    build was cut short (the process stopped) is still known, and the next import into the
    table builds it first."""

    name = models.CharField(max_length=63, primary_key=True)  # PostgreSQL's longest name
    table = models.CharField(max_length=63)
    definition = models.TextField()  # as pg_indexes gives it: CREATE INDEX name ON table ...
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "name"]

    def __str__(self) -> str:
        return f"{self.name} on {self.table}"
