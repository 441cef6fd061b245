"""The monev catalogue: what the Inpres asks (instructions), what each agency does about it
(actions), how that is measured (indicators), for which period, against which target.

Every model keeps its history (django-simple-history): who changed what and why, the values
before and after. A target revised in the year is a new history row, never an overwrite.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from payung.accounts.models import Opd, User


def weight_field(label: Any) -> models.DecimalField[Decimal | None, Decimal | None]:
    """A part's weight in the level above, in percent; empty until set, and an empty weight
    is an error when scoring (monev.scoring.check_weights), never a zero."""
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


class Wording(models.TextChoices):
    """Whether the text is the Inpres's own words or Payung's summary of them (domain brief:
    only point b is quoted verbatim; the rest is paraphrase to verify against the text)."""

    VERBATIM = "verbatim", _("the Inpres's own words")
    PARAPHRASE = "paraphrase", _("paraphrase, to verify against the text")


class Instruction(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    text = models.TextField(_("instruction"))
    wording = models.CharField(_("wording"), max_length=10, choices=Wording.choices)
    legal_reference = models.CharField(_("legal reference"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    weight = weight_field(_("weight in the regency score (%)"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("Inpres instruction")
        verbose_name_plural = _("Inpres instructions")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    DONE = "done", _("done")
    STALLED = "stalled", _("stalled")


class Action(models.Model):
    """What agencies do under one instruction, with who answers for it and by when."""

    instruction = models.ForeignKey(
        Instruction, on_delete=models.PROTECT, related_name="actions", verbose_name=_("instruction")
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    title = models.CharField(_("action"), max_length=300)
    owners = models.ManyToManyField(Opd, related_name="monev_actions", verbose_name=_("OPD"))
    responsible = models.CharField(_("responsible person"), max_length=200, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    budget_line = models.CharField(_("budget line"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    review_on = models.DateField(_("review date"), null=True, blank=True)
    weight = weight_field(_("weight in the instruction (%)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        ordering = ["instruction__position", "position", "code"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.code} {self.title[:60]}"


class Kind(models.TextChoices):
    RATIO = "ratio", _("ratio (numerator / denominator)")
    COUNT = "count", _("count against a target")
    MILESTONE = "milestone", _("milestone (done or not, with date and document)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Indicator(models.Model):
    """How an action is measured. `source` names the figure Payung computes itself at a
    period's close (monev.sources); empty, the owning OPD enters the realisation."""

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("action")
    )
    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("indicator"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    numerator = models.CharField(_("numerator"), max_length=200, blank=True)
    denominator = models.CharField(_("denominator"), max_length=200, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(_("computed from"), max_length=40, blank=True)
    evidence_required = models.BooleanField(_("evidence required"), default=True)
    weight = weight_field(_("weight in the action (%)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action__instruction__position", "action__position", "position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.name[:60]}"

    def clean(self) -> None:
        if self.kind == Kind.RATIO and not (self.numerator and self.denominator):
            raise ValidationError(_("A ratio names its numerator and its denominator."))


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("quarter")
    SEMESTER = "semester", _("semester")
    YEAR = "year", _("year")


class Period(models.Model):
    """A reporting period with its entry window: items are entered between `opens` and
    `closes`; `deadline` is when they must be submitted to count as on time."""

    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2021), MaxValueValidator(2100)]
    )
    number = models.PositiveSmallIntegerField(_("number in the year"), default=1)
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))
    opens = models.DateField(_("entry opens"))
    deadline = models.DateField(_("submission deadline"))
    closes = models.DateField(_("entry closes"))
    locked = models.BooleanField(_("locked"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="monev_period_once"),
            models.CheckConstraint(
                condition=models.Q(starts__lte=models.F("ends"))
                & models.Q(opens__lte=models.F("deadline"))
                & models.Q(deadline__lte=models.F("closes")),
                name="monev_period_in_order",
            ),
        ]
        verbose_name = _("period")
        verbose_name_plural = _("periods")

    def __str__(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        letter = "T" if self.kind == PeriodKind.QUARTER else "S"
        return f"{letter}{self.number} {self.year}"


class Target(models.Model):
    """What one OPD aims at for one indicator in one period. A revision keeps the old value
    in the history with who revised it and why (`history_change_reason`)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("indicator")
    )
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="targets", verbose_name=_("period")
    )
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "opd", "period"], name="monev_target_once")
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.opd.short_name} {self.period}: {self.value}"

    def clean(self) -> None:
        milestone = self.indicator_id is not None and self.indicator.kind == Kind.MILESTONE
        if milestone and self.value not in (Decimal(0), Decimal(1)):
            raise ValidationError(_("A milestone's target is 1 (done) or 0."))


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("being filled")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for correction")
    VERIFIED = "verified", _("verified")


class Realisation(models.Model):
    """One item of a period: what one OPD achieved on one indicator. A computed indicator is
    filled by Payung at the period's close (`computed`, with the figures it came from kept in
    `inputs`, frozen); the OPD adds the narrative and the evidence."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="realisations",
        verbose_name=_("indicator"),
    )
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="realisations", verbose_name=_("period")
    )
    value = models.DecimalField(
        _("realisation"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    numerator = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    computed = models.BooleanField(_("computed by Payung"), default=False)
    inputs = models.JSONField(_("figures it came from"), default=dict, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    achieved_on = models.DateField(_("date achieved"), null=True, blank=True)  # milestones
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "opd", "period"], name="monev_realisation_once"
            )
        ]
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.opd.short_name} {self.period}: {self.value}"


class EvidenceFile(models.Model):
    """A file of evidence, stored once however many items cite it: named by its SHA-256 in
    the data folder (payung.monev.evidence)."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=40)  # sniffed from the bytes, never the name

    def __str__(self) -> str:
        return self.sha256[:12]


class Evidence(models.Model):
    """One piece of evidence for an item: an uploaded file or a link."""

    item = models.ForeignKey(
        Realisation, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("item")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.ForeignKey(
        EvidenceFile, null=True, blank=True, on_delete=models.PROTECT, related_name="uses"
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(file__isnull=False) ^ ~models.Q(link=""),
                name="monev_evidence_file_or_link",
            )
        ]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title


class Reopening(models.Model):
    """An Administrator's leave for one OPD to enter a period's items again after the period
    closed, until a date, for a stated reason (logged: the history and the audit trail)."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reopenings")
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    reason = models.TextField(_("reason"))
    until = models.DateField(_("open until"))
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("reopening")
        verbose_name_plural = _("reopenings")

    def __str__(self) -> str:
        return f"{self.period} {self.opd.short_name} → {self.until}"


class Recommendation(models.Model):
    """What Bappeda recommends to the Regent for a period; printed in the period report."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.text[:60]


class Snapshot(models.Model):
    """A period's scores and items frozen at one moment: the report is made from a snapshot,
    so what the Regent reads does not move when an item is later reopened."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="snapshots")
    made_at = models.DateTimeField(auto_now_add=True)
    made_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField()

    class Meta:
        ordering = ["-made_at", "-pk"]
        get_latest_by = "made_at"

    def __str__(self) -> str:
        return f"{self.period} {self.made_at:%Y-%m-%d %H:%M}"
