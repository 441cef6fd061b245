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
