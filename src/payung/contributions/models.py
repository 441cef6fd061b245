"""Contribution rules and benefits as effective-dated data, each row with its regulation.

How a change never alters figures already billed
-------------------------------------------------
Rules are *versioned*, never edited in place. The row in force on a date is, for its key, the
one with the latest ``effective_from`` on or before that date. A row whose ``effective_from``
is today or earlier may already have been used for a bill, so it is frozen: ``clean()``
refuses to change its figures or start date and the admin shows it read-only and refuses to
delete it. A regulation change is a *new row* with a later ``effective_from`` (see
``services.add_rate_rule_version``). Rows that start in the future may still be corrected.
On top of that, anything that bills (assistance budgets, letters) stores the amounts of the
``Calculation`` it was given, not a reference to recompute later.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Segment(models.TextChoices):
    PU = "pu", _("Wage earners (PU)")
    BPU = "bpu", _("Non-wage earners (BPU)")
    JAKON = "jakon", _("Construction services (Jakon)")


class Programme(models.TextChoices):
    JKK = "jkk", _("Work-accident cover (JKK)")
    JKM = "jkm", _("Death cover (JKM)")
    JHT = "jht", _("Old-age savings (JHT)")
    JP = "jp", _("Pension (JP)")
    JKP = "jkp", _("Job-loss cover (JKP)")


class Payer(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    WORKER = "worker", _("Worker")
    PARTICIPANT = "participant", _("Participant")
    GOVERNMENT = "government", _("Government")


class RiskGroup(models.IntegerChoices):
    VERY_LOW = 1, _("Very low")
    LOW = 2, _("Low")
    MEDIUM = 3, _("Medium")
    HIGH = 4, _("High")
    VERY_HIGH = 5, _("Very high")


class Sourced(models.Model):
    """What every rule row carries: when it starts and which regulation says so."""

    effective_from = models.DateField(_("in force from"), db_index=True)
    regulation = models.CharField(_("regulation"), max_length=120, help_text="e.g. PP 44/2015")
    article = models.CharField(
        _("article"), max_length=200, blank=True, help_text="e.g. Pasal 16, Lampiran I"
    )
    verified = models.BooleanField(
        _("verified against the regulation's text"),
        default=False,
    )
    note = models.TextField(_("note"), blank=True)

    # Fields whose change would alter a figure computed from the row.
    FIGURE_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def citation(self) -> str:
        return f"{self.regulation} {self.article}".strip()

    def in_force_since(self, today: datetime.date | None = None) -> bool:
        """True once the row has started: from then on a bill may rest on it."""
        return self.effective_from <= (today or timezone.localdate())

    def clean(self) -> None:
        super().clean()
        if self.pk is None:
            return
        stored = type(self).objects.filter(pk=self.pk).first()  # type: ignore[attr-defined]
        if stored is None or not stored.in_force_since():
            return
        changed = [
            f
            for f in (*self.FIGURE_FIELDS, "effective_from")
            if getattr(stored, f) != getattr(self, f)
        ]
        if changed:
            raise ValidationError(
                _(
                    "This rule has been in force since %(date)s and may have been billed: "
                    "add a new version with a later start date instead of changing %(fields)s."
                )
                % {"date": stored.effective_from, "fields": ", ".join(changed)}
            )


class RateRule(Sourced):
    """One contribution line: a share of a base (wage, income, contract value) or a flat sum.

    Key: segment, programme, payer, risk group. The version in force on a date is the key's
    row with the latest start on or before it.
    """

    segment = models.CharField(_("segment"), max_length=10, choices=Segment.choices)
    programme = models.CharField(_("programme"), max_length=5, choices=Programme.choices)
    payer = models.CharField(_("payer"), max_length=12, choices=Payer.choices)
    risk_group = models.PositiveSmallIntegerField(
        _("risk group"), choices=RiskGroup.choices, null=True, blank=True
    )
    rate_percent = models.DecimalField(
        _("rate (% of base)"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    flat_amount = models.PositiveBigIntegerField(
        _("flat amount (Rp a month)"), null=True, blank=True
    )
    capped = models.BooleanField(
        _("base capped by the programme's wage cap"),
        default=False,
    )
    label = models.CharField(_("label"), max_length=120, blank=True)

    FIGURE_FIELDS = (
        "segment",
        "programme",
        "payer",
        "risk_group",
        "rate_percent",
        "flat_amount",
        "capped",
    )

    class Meta:
        ordering = ["segment", "programme", "risk_group", "payer", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "programme", "payer", "risk_group", "effective_from"],
                name="contributions_rate_rule_one_version_a_day",
            )
        ]
        verbose_name = _("contribution rate")
        verbose_name_plural = _("contribution rates")

    def __str__(self) -> str:
        group = f" {self.risk_group}" if self.risk_group else ""
        figure = (
            f"{self.rate_percent}%" if self.rate_percent is not None else f"Rp {self.flat_amount}"
        )
        return (
            f"{self.segment.upper()} {self.programme.upper()}{group} {self.payer}: {figure} "
            f"from {self.effective_from}"
        )

    def clean(self) -> None:
        super().clean()
        if (self.rate_percent is None) == (self.flat_amount is None):
            raise ValidationError(_("Give either a rate or a flat amount, not both."))
        if self.segment == Segment.PU and self.programme == Programme.JKK and not self.risk_group:
            raise ValidationError({"risk_group": _("PU work-accident rates need a risk group.")})


class Bracket(Sourced):
    """One row of a bracket table (BPU income → JKK, Jakon contract value → JKK).

    amount = fixed_amount + rate_percent % × (value − rate_over), for lower < value ≤ upper.
    A table is versioned whole: the brackets in force on a date are those of the latest
    ``effective_from`` on or before it for that segment and programme.
    """

    segment = models.CharField(_("segment"), max_length=10, choices=Segment.choices)
    programme = models.CharField(_("programme"), max_length=5, choices=Programme.choices)
    lower = models.PositiveBigIntegerField(_("above (Rp)"), default=0)
    upper = models.PositiveBigIntegerField(
        _("up to and including (Rp)"), null=True, blank=True, help_text="empty: no upper end"
    )
    fixed_amount = models.PositiveBigIntegerField(_("fixed amount (Rp)"), default=0)
    rate_percent = models.DecimalField(
        _("rate (%)"),
        max_digits=7,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    rate_over = models.PositiveBigIntegerField(_("rate applies to the value above (Rp)"), default=0)

    FIGURE_FIELDS = (
        "segment",
        "programme",
        "lower",
        "upper",
        "fixed_amount",
        "rate_percent",
        "rate_over",
    )

    class Meta:
        ordering = ["segment", "programme", "-effective_from", "lower"]
        verbose_name = _("contribution bracket")
        verbose_name_plural = _("contribution brackets")

    def __str__(self) -> str:
        upper = f"{self.upper}" if self.upper is not None else "…"
        return f"{self.segment.upper()} {self.programme.upper()} ({self.lower}, {upper}]"

    def clean(self) -> None:
        super().clean()
        if self.upper is not None and self.upper <= self.lower:
            raise ValidationError({"upper": _("The upper end must be above the lower end.")})


class Sector(models.TextChoices):
    """The sectors a relief names (PP 50/2025): transport workers, and every other sector."""

    TRANSPORT = "transport", _("transport workers")
    OTHER = "other", _("other sectors")


class Relief(Sourced):
    """A temporary cut of a segment's contributions for the months and sector a regulation
    names (PP 50/2025: 50 % of BPU JKK and JKM), from ``effective_from`` to ``until``. With
    ``public_funds_excluded`` it does not apply to contributions paid from APBN or APBD, such
    as an assistance programme's: those keep full price."""

    segment = models.CharField(_("segment"), max_length=10, choices=Segment.choices)
    programmes = models.CharField(
        _("programmes"), max_length=40, help_text=_("comma-separated, e.g. jkk,jkm")
    )
    sector = models.CharField(_("sector"), max_length=10, choices=Sector.choices)
    percent = models.DecimalField(
        _("cut (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    until = models.DateField(_("last day in force"))
    public_funds_excluded = models.BooleanField(
        _("not for contributions paid from APBN or APBD"), default=True
    )

    FIGURE_FIELDS = ("segment", "programmes", "sector", "percent", "until", "public_funds_excluded")

    class Meta:
        ordering = ["segment", "sector", "-effective_from"]
        verbose_name = _("contribution relief")
        verbose_name_plural = _("contribution reliefs")

    def __str__(self) -> str:
        return (
            f"{self.segment.upper()} {self.programmes} {self.sector} −{self.percent}% "
            f"{self.effective_from}–{self.until}"
        )

    def clean(self) -> None:
        super().clean()
        if self.until and self.effective_from and self.until < self.effective_from:
            raise ValidationError({"until": _("The last day is before the first.")})


class WageCap(Sourced):
    """The highest wage a programme's contribution is computed on (JP, JKP)."""

    programme = models.CharField(_("programme"), max_length=5, choices=Programme.choices)
    amount = models.PositiveBigIntegerField(_("wage cap (Rp a month)"))

    FIGURE_FIELDS = ("programme", "amount")

    class Meta:
        ordering = ["programme", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "effective_from"], name="contributions_wage_cap_one_a_day"
            )
        ]
        verbose_name = _("wage cap")
        verbose_name_plural = _("wage caps")

    def __str__(self) -> str:
        return f"{self.programme.upper()} cap Rp {self.amount} from {self.effective_from}"


class Benefit(Sourced):
    """One benefit a participant or heir receives, with its amount and the rule it comes from.

    ``parent`` groups parts (the JKM death benefit and its lump sum, periodic and funeral
    parts). ``wage_multiple`` is set when the benefit is a multiple of the monthly wage.
    """

    code = models.SlugField(_("code"), max_length=40)
    programme = models.CharField(_("programme"), max_length=5, choices=Programme.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    name = models.CharField(_("name"), max_length=160)
    amount = models.PositiveBigIntegerField(_("amount (Rp)"), null=True, blank=True)
    wage_multiple = models.PositiveSmallIntegerField(_("× monthly wage"), null=True, blank=True)
    per = models.CharField(_("paid per"), max_length=60, blank=True)
    max_years = models.PositiveSmallIntegerField(_("for at most (years)"), null=True, blank=True)
    condition = models.CharField(_("condition"), max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    FIGURE_FIELDS = ("code", "programme", "amount", "wage_multiple", "max_years")

    class Meta:
        ordering = ["programme", "position", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="contributions_benefit_one_a_day"
            )
        ]
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")

    def __str__(self) -> str:
        return f"{self.name} ({self.programme.upper()}) from {self.effective_from}"

    def as_row(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "programme": self.programme,
            "name": self.name,
            "amount": self.amount,
            "wage_multiple": self.wage_multiple,
            "per": self.per,
            "max_years": self.max_years,
            "condition": self.condition,
            "regulation": self.citation,
            "verified": self.verified,
        }
