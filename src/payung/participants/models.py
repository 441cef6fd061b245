from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.imports.models import ImportBatch


class Segment(models.TextChoices):
    PU = "PU", _("Wage earners (PU)")
    BPU = "BPU", _("Non-wage earners (BPU)")
    JAKON = "JAKON", _("Construction (Jakon)")


class Status(models.TextChoices):
    ACTIVE = "AKTIF", _("Active")
    INACTIVE = "NON_AKTIF", _("Inactive")


class ParticipantFields(models.Model):
    """What a BPJS TK export says about one participation (one KPJ)."""

    nik = models.CharField(max_length=16, null=True, blank=True)
    nik_raw = models.CharField(max_length=40, blank=True)
    nik_status = models.CharField(max_length=24, default="valid")
    name = models.CharField(max_length=200)
    birth_date = models.DateField(null=True, blank=True)
    segment = models.CharField(max_length=5, choices=Segment.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    programs = models.CharField(max_length=40, blank=True)  # e.g. "JKK,JKM,JHT"
    last_paid = models.DateField(null=True, blank=True)  # first day of the last month paid
    employer_npp = models.CharField(max_length=20, blank=True)
    region_code = models.CharField(max_length=13, blank=True)
    # Written in the batch's own transaction: no per-row database check needed (see Worker).
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    source_file = models.CharField(max_length=255)
    source_row = models.PositiveIntegerField()

    class Meta:
        abstract = True


class Participant(ParticipantFields):
    kpj = models.CharField(max_length=11)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kpj"]
        constraints = [models.UniqueConstraint(fields=["kpj"], name="participant_kpj")]
        indexes = [models.Index(fields=["nik"]), models.Index(fields=["region_code"])]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.kpj} {self.name}"


class ParticipantVersion(ParticipantFields):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="versions")
    kpj = models.CharField(max_length=11)
    replaced_by_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["participant", "-replaced_at"]

    def __str__(self) -> str:
        return f"{self.kpj} before batch {self.replaced_by_batch_id}"
