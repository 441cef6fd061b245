"""Outreach the regency records: socialisation events in a desa (and who came), and the CSR
and BUMD pledges that fund workers' contributions; each traced to the enrolments that
followed (payung.outreach.tracing)."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import Opd, User
from payung.assistance.models import Programme
from payung.regions.models import Region


class Event(models.Model):
    """A socialisation event: where, when, who organised it (an OPD, or BPJS TK), how many
    came, and, when the list was kept, their NIKs."""

    held_on = models.DateField(_("date"))
    desa = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("desa")
    )
    organiser_opd = models.ForeignKey(
        Opd, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # None: BPJS TK organised it
    title = models.CharField(_("topic"), max_length=200)
    attendees = models.PositiveIntegerField(_("attendees"))
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("socialisation event")
        verbose_name_plural = _("socialisation events")

    def __str__(self) -> str:
        return f"{self.held_on} {self.desa_id} {self.title[:40]}"

    @property
    def organiser(self) -> str:
        return self.organiser_opd.short_name if self.organiser_opd else "BPJS TK"


class Attendee(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    nik = models.CharField(max_length=16)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "nik"], name="attendee_once")]

    def __str__(self) -> str:
        return f"{self.event_id} {self.nik[:6]}…"


class PledgeKind(models.TextChoices):
    CSR = "csr", _("CSR of a company")
    BUMD = "bumd", _("BUMD")


class Pledge(models.Model):
    """A company's or BUMD's pledge to pay workers' contributions: how much, for how many
    workers, over which months, and the assistance programme that carries it out."""

    company = models.CharField(_("company"), max_length=200)
    kind = models.CharField(_("kind"), max_length=5, choices=PledgeKind.choices)
    amount = models.BigIntegerField(_("amount (Rp)"), validators=[MinValueValidator(1)])
    workers = models.PositiveIntegerField(_("workers pledged"), validators=[MinValueValidator(1)])
    starts = models.DateField(_("from"))
    ends = models.DateField(_("until"))
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("programme"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts", "company"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts__lte=models.F("ends")), name="pledge_starts_first"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.starts:%Y}"
