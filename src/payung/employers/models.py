"""The regency as an employer: the lists of its own non-ASN staff (one per OPD) and of
village heads and officials (per desa), each person checked against BPJS TK's participants."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.imports.models import ImportBatch


class Roster(models.TextChoices):
    NON_ASN = "non_asn", _("non-ASN staff of an agency")
    VILLAGE = "perangkat_desa", _("village heads and officials")


class StaffFields(models.Model):
    """What a staff list says about one person in one unit (an OPD or a desa)."""

    roster = models.CharField(max_length=16, choices=Roster.choices)
    unit = models.CharField(max_length=30)  # the OPD's code, or the desa's Kemendagri code
    nik = models.CharField(max_length=16)
    name = models.CharField(max_length=200)
    position = models.CharField(max_length=120, blank=True)
    honorarium = models.BigIntegerField(null=True, blank=True)  # rupiah a month
    funding = models.CharField(max_length=60, blank=True)  # APBD, ADD, Dana Desa, BLUD…
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    source_file = models.CharField(max_length=255)
    source_row = models.PositiveIntegerField()

    class Meta:
        abstract = True


class StaffMember(StaffFields):
    key = models.CharField(max_length=60)  # roster|unit|nik: how a re-import finds the row
    # On the unit's latest list. A person missing from a later upload of the same unit has left
    # it: kept (with versions), no longer counted.
    current = models.BooleanField(default=True, db_default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["roster", "unit", "name"]
        constraints = [models.UniqueConstraint(fields=["key"], name="staff_member_key")]
        indexes = [models.Index(fields=["roster", "unit"]), models.Index(fields=["nik"])]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self) -> str:
        return f"{self.unit} {self.name}"


class StaffMemberVersion(StaffFields):
    member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="versions")
    key = models.CharField(max_length=60)
    replaced_by_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "-replaced_at"]

    def __str__(self) -> str:
        return f"{self.key} before batch {self.replaced_by_batch_id}"
