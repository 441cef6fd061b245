"""BPJS TK's claims: the benefits paid to participants and their families, one row per claim
as the claim export gives it, linked to the participation (KPJ) and the registry worker."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.imports.models import ImportedRow, ReplacedRow
from payung.participants.models import Participant
from payung.registry.models import Worker


class ClaimType(models.TextChoices):
    JKK = "JKK", _("Work accident (JKK)")
    JKM = "JKM", _("Death (JKM)")
    JHT = "JHT", _("Old-age savings (JHT)")
    SCHOLARSHIP = "BEASISWA", _("Scholarship")
    JP = "JP", _("Pension (JP)")
    JKP = "JKP", _("Job-loss (JKP)")


class ClaimStatus(models.TextChoices):
    PAID = "DIBAYAR", _("Paid")
    IN_PROCESS = "PROSES", _("In process")
    REJECTED = "DITOLAK", _("Rejected")


# The claims the Regent's office follows case by case: a death, an accident at work.
CASE_TYPES = (ClaimType.JKM, ClaimType.JKK)


class ClaimFields(ImportedRow):
    """What the claim export says about one claim."""

    number = models.CharField(max_length=40, blank=True)  # BPJS TK's claim number, if given
    kpj = models.CharField(max_length=11)
    name = models.CharField(max_length=200, blank=True)  # the participant, as the export says
    claim_type = models.CharField(max_length=8, choices=ClaimType.choices)
    event_date = models.DateField(null=True, blank=True)  # death, accident, school year
    paid_date = models.DateField(null=True, blank=True)
    amount = models.BigIntegerField(null=True, blank=True)  # rupiah, as paid or claimed
    status = models.CharField(max_length=8, choices=ClaimStatus.choices, blank=True)
    recipient = models.CharField(max_length=200, blank=True)  # the heir, the child at school

    class Meta:
        abstract = True


class Claim(ClaimFields):
    # The claim number where the export has one; else the KPJ, type and event date, which
    # recognise the same claim in next month's export.
    key = models.CharField(max_length=60)
    # Set from the KPJ after every import and every change of participants or links
    # (payung.claims.linking): a claim whose KPJ is in no export waits, listed, for one.
    # No database constraint, as for the other imported rows: PostgreSQL queues a deferred
    # check per row, and a big load (imports.writer) cannot then alter its table.
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        db_constraint=False,
    )  # fmt: skip
    worker = models.ForeignKey(
        Worker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        db_constraint=False,
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-event_date", "key"]
        constraints = [models.UniqueConstraint(fields=["key"], name="claim_key")]
        indexes = [models.Index(fields=["kpj"]), models.Index(fields=["claim_type", "status"])]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self) -> str:
        return f"{self.key} {self.claim_type}"


class ClaimVersion(ClaimFields, ReplacedRow):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="versions")
    key = models.CharField(max_length=60)

    def __str__(self) -> str:
        return f"{self.key} before batch {self.replaced_by_batch_id}"
