"""What the Regent's reports read that no other app holds: the poverty rate the regency ties
its coverage work to, entered per year with its source."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import User

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class PovertyRate(models.Model):
    """The share of the regency's people below the poverty line in a year (BPS), and the
    regency's target for it (its RPJMD: from 18 % toward under 10 %), each as typed."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    rate = models.DecimalField(
        _("poverty rate (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    target = models.DecimalField(
        _("target (%)"), max_digits=5, decimal_places=2, validators=PERCENT, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=300)
    entered_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("poverty rate")
        verbose_name_plural = _("poverty rates")

    def __str__(self) -> str:
        return f"{self.year}: {self.rate} %"

    @property
    def rate_share(self) -> Decimal:
        return self.rate / 100

    @property
    def target_share(self) -> Decimal | None:
        return None if self.target is None else self.target / 100


class Trigger(models.TextChoices):
    ON_DEMAND = "on_demand", _("on demand")
    SCHEDULED = "scheduled", _("monthly job")


class MonthlyReport(models.Model):
    """A monthly report to the Regent: its figures frozen when it was made (reports.monthly),
    the PDF and the .docx drawn from them whenever downloaded."""

    month = models.DateField(_("month"))  # the first day of the month reported on
    made_at = models.DateTimeField(auto_now_add=True)
    made_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    data = models.JSONField()

    class Meta:
        ordering = ["-made_at", "-pk"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} ({self.made_at:%Y-%m-%d %H:%M})"


# ---- the Paritrana Award self-assessment (category Pemerintah Daerah) -----------------------


class ParitranaArea(models.Model):
    """An area the award assesses (policy, implementation, performance, innovation), with a
    weight that is an assumption: the official weights are not published."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(_("area"), max_length=200)
    weight = models.DecimalField(
        _("weight (assumed)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class ParitranaItem(models.Model):
    """One item of an area: filled from Payung's data when it has a `source`
    (reports.paritrana.SOURCES), entered with evidence when it has none or the data is not
    there yet."""

    area = models.ForeignKey(ParitranaArea, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=20, unique=True)
    text = models.CharField(_("item"), max_length=300)
    source = models.CharField(max_length=40, blank=True)
    weight = models.DecimalField(
        _("weight within the area (assumed)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area__position", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class ParitranaEntry(models.Model):
    """What the regency enters for an item in a year: how far it is met (0-100) and the
    evidence (the regulation's number, the document, where it is kept)."""

    item = models.ForeignKey(ParitranaItem, on_delete=models.CASCADE, related_name="entries")
    year = models.PositiveSmallIntegerField()
    achievement = models.DecimalField(
        _("met (0-100)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    evidence = models.TextField(_("evidence"))
    entered_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "year"], name="paritrana_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.year}: {self.achievement}"
