"""Coverage: the settings of the status rule, BPS working population, targets, and monthly
snapshots of the coverage figures (so the dashboard reads small tables, and a trend exists)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.regions.models import Region

# Domain brief, "Participant status": BPJS TK's procedure (Perdir 22/PERDIR.02/072022, as
# quoted in a BPJS TK process document) ends a BPU participation after more than 3
# consecutive months in arrears; whether cover holds during the unpaid months is not
# confirmed. Three months by default (one until 2026-12, issue 18); an administrator changes
# it on the coverage figures page or in the admin.
DEFAULT_BPU_GRACE_MONTHS = 3


class CoverageSettings(models.Model):
    """One row (pk=1): the editable parameters of the status rule (see status.py)."""

    bpu_grace_months = models.PositiveSmallIntegerField(
        _("BPU grace months"),
        default=DEFAULT_BPU_GRACE_MONTHS,
        validators=[MaxValueValidator(24)],
        help_text=_(
            "Months a non-wage earner (BPU) stays covered after the last month paid. "
            "BPJS TK's procedure ends the participation after more than 3 months in arrears; "
            "whether cover holds in those months is not confirmed."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("coverage settings")
        verbose_name_plural = _("coverage settings")

    def __str__(self) -> str:
        return f"BPU grace {self.bpu_grace_months}"


class WorkingPopulation(models.Model):
    """BPS (Sakernas) "penduduk bekerja": the official UCJ denominator, per year and region."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    workers = models.PositiveIntegerField(_("working population"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "region"], name="one_population_per_year")
        ]
        verbose_name = _("working population (BPS)")
        verbose_name_plural = _("working population (BPS)")

    def __str__(self) -> str:
        return f"{self.year} {self.region_id}: {self.workers}"


class Target(models.Model):
    """The coverage the RPJMD/RPJMN or the Regent sets for a year, as a share (0-1)."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    rate = models.DecimalField(
        _("target coverage (0-1)"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "region"], name="one_target_per_year")
        ]
        verbose_name = _("coverage target")
        verbose_name_plural = _("coverage targets")

    def __str__(self) -> str:
        return f"{self.year} {self.region_id}: {self.rate}"


class Snapshot(models.Model):
    """The coverage figures as of one month, computed once (after an import) and kept."""

    month = models.DateField(unique=True)  # first day of the month
    taken_at = models.DateTimeField(auto_now=True)
    bpu_grace_months = models.PositiveSmallIntegerField()
    workers = models.PositiveIntegerField()
    covered = models.PositiveIntegerField()
    participants_active = models.PositiveIntegerField()  # in the regency, linked or not
    trigger = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.covered}/{self.workers}"


class SnapshotFact(models.Model):
    """Registry workers of one desa with one value of one dimension ("" = all of them).

    The grain (desa x one dimension) rolls up to kecamatan and regency and crosses any region
    level with any dimension; the covered_* columns cross everything with the segment. The same
    rows are also stored already rolled up to each kecamatan and the regency (`level` 3 and 2,
    `desa` then holds that region's code), so a region's page reads a handful of rows."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="facts")
    level = models.PositiveSmallIntegerField(default=4)  # regions.models.Level
    desa = models.CharField(max_length=13)
    dimension = models.CharField(max_length=12)
    key = models.CharField(max_length=110)
    workers = models.PositiveIntegerField()
    covered = models.PositiveIntegerField()
    covered_pu = models.PositiveIntegerField()
    covered_bpu = models.PositiveIntegerField()
    covered_jakon = models.PositiveIntegerField()
    uncovered_income_sum = models.BigIntegerField(default=0)
    uncovered_income_n = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["snapshot", "dimension", "level", "desa"])]

    def __str__(self) -> str:
        return f"{self.desa} {self.dimension}={self.key}: {self.covered}/{self.workers}"


class SnapshotParticipants(models.Model):
    """Active participants by the region code BPJS recorded and segment (official UCJ)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="participants")
    region_code = models.CharField(max_length=13)
    segment = models.CharField(max_length=5)
    active = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.region_code} {self.segment}: {self.active}"
