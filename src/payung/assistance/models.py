"""The contribution-assistance programme (bantuan iuran): who the regency pays for, and what.

A Programme holds its funding, its quota and package, the eligibility rules an Analis composed
and the priority weights; Beneficiary rows are the workers it selected and what became of each;
Bill and Payment rows are the money. The rule that no one is subsidised twice (already an active
participant, or funded by another programme) is not a field: it lives in `eligibility` and no
path around it exists.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.contributions.calculator import SEGMENT_PROGRAMMES
from payung.contributions.models import Segment, Sourced
from payung.imports.models import ImportBatch
from payung.lib.months import add_months
from payung.regions.models import Region
from payung.regions.selectors import unknown_in_regency
from payung.registry.models import Worker


class FundingSource(models.TextChoices):
    # Domain brief, "Funding sources for contribution assistance".
    APBD = "apbd", _("APBD (regency budget)")
    DBH_CHT = "dbh_cht", _("DBH CHT (tobacco excise share)")
    DANA_DESA = "dana_desa", _("Dana Desa (village fund)")
    CSR = "csr", _("Company CSR")
    BAZNAS = "baznas", _("BAZNAS (zakat)")
    OTHER = "other", _("Other")


class FundingRule(Sourced):
    """Whether a funding source may pay BPJS TK contributions, from a date on, and the
    regulation that says so (domain brief, "Funding sources"). The rule in force for a
    programme is the source's row with the latest start on or before the programme's first
    day of its year; a source without a row is allowed. Like every rule row, it is read-only
    once in force: a change is a new row with a later start (contributions.models.Sourced)."""

    source = models.CharField(_("funding source"), max_length=12, choices=FundingSource.choices)
    allowed = models.BooleanField(_("may pay BPJS TK contributions"))

    FIGURE_FIELDS = ("source", "allowed")

    class Meta:
        ordering = ["source", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "effective_from"], name="assistance_funding_rule_one_a_day"
            )
        ]
        verbose_name = _("funding source rule")
        verbose_name_plural = _("funding source rules")

    def __str__(self) -> str:
        verdict = "allowed" if self.allowed else "not allowed"
        return f"{self.source} {verdict} from {self.effective_from} ({self.regulation})"


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VERIFICATION = "verification", _("Verification by desa")
    ENROLLED = "enrolled", _("Enrolled")


class Allocation(models.TextChoices):
    PROPORTIONAL = "proportional", _("Proportional to eligible workers per desa")
    FIXED = "fixed", _("Fixed table per desa or kecamatan")


def default_programs() -> list[str]:
    return ["jkk", "jkm"]


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    funding_source = models.CharField(
        _("funding source"), max_length=12, choices=FundingSource.choices
    )
    funder = models.CharField(
        _("funder"), max_length=200, blank=True, help_text=_("The company for CSR, or who pays.")
    )
    budget_line = models.CharField(_("budget line"), max_length=200, blank=True)
    budget = models.BigIntegerField(_("budget (Rp)"), validators=[MinValueValidator(0)])
    quota = models.PositiveIntegerField(_("quota (workers)"), validators=[MinValueValidator(1)])
    start_month = models.DateField(_("first month covered"))
    months = models.PositiveSmallIntegerField(
        _("months covered"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    # The benefit package: BPU programmes on a declared income (PP 44/2015 as amended by
    # PP 82/2019; Permenaker 5/2021: JKK + JKM mandatory, JHT optional).
    programs = models.JSONField(_("programmes"), default=default_programs)
    declared_income = models.BigIntegerField(
        _("declared monthly income (Rp)"), default=1_000_000, validators=[MinValueValidator(1)]
    )

    # Eligibility an Analis composes; empty means "any".
    occupations = models.JSONField(_("occupations"), default=list, blank=True)
    max_decile = models.PositiveSmallIntegerField(
        _("decile at most"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    min_age = models.PositiveSmallIntegerField(_("age from"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("age up to"), null=True, blank=True)
    max_income = models.BigIntegerField(_("income at most (Rp)"), null=True, blank=True)
    regions = models.JSONField(_("kecamatan or desa"), default=list, blank=True)
    require_valid_nik = models.BooleanField(_("valid NIK only"), default=True)

    # Priority: points per component, each component scored 0..1 (see priority.py).
    weight_decile = models.PositiveSmallIntegerField(_("weight: decile"), default=50)
    weight_occupation = models.PositiveSmallIntegerField(_("weight: risky occupation"), default=30)
    weight_dependants = models.PositiveSmallIntegerField(_("weight: dependants"), default=10)
    weight_age = models.PositiveSmallIntegerField(_("weight: age"), default=10)
    risky_occupations = models.JSONField(_("risky occupations"), default=list, blank=True)

    allocation = models.CharField(
        _("quota allocation"),
        max_length=12,
        choices=Allocation.choices,
        default=Allocation.PROPORTIONAL,
    )
    fixed_allocation = models.JSONField(_("fixed allocation"), default=dict, blank=True)

    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("assistance programme")
        verbose_name_plural = _("assistance programmes")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def clean(self) -> None:
        super().clean()
        if self.start_month and self.start_month.day != 1:
            self.start_month = self.start_month.replace(day=1)
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("The upper age is below the lower one.")})
        if self.funding_source == FundingSource.CSR and not self.funder:
            raise ValidationError({"funder": _("Name the company that funds the CSR.")})
        if self.funding_source and self.year:
            rule = funding_rule(self.funding_source, self.year)
            if rule is not None and not rule.allowed:
                raise ValidationError(
                    {
                        "funding_source": _(
                            "%(source)s may not pay BPJS TK contributions in %(year)s"
                            " (%(regulation)s)."
                        )
                        % {
                            "source": FundingSource(self.funding_source).label,
                            "year": self.year,
                            "regulation": f"{rule.regulation} {rule.article}".strip(),
                        }
                    }
                )
        errors: dict[str, object] = {}
        # BPU: JKK + JKM mandatory, JHT optional (PP 44/2015 Pasal 6; Permenaker 5/2021).
        allowed, mandatory = SEGMENT_PROGRAMMES[Segment.BPU]
        if any(p not in allowed for p in self.programs) or any(
            p not in self.programs for p in mandatory
        ):
            errors["programs"] = _(
                "JKK and JKM are mandatory for BPU participants; JHT is optional."
            )
        unknown = unknown_in_regency([*self.regions, *map(str, self.fixed_allocation)])
        if unknown:
            errors["regions" if set(unknown) & set(self.regions) else "fixed_allocation"] = _(
                "Unknown region code: %(codes)s"
            ) % {"codes": ", ".join(unknown)}
        if self.allocation == Allocation.FIXED and not self.fixed_allocation:
            errors["fixed_allocation"] = _("A fixed allocation needs its table.")
        if any(not isinstance(n, int) or n < 0 for n in self.fixed_allocation.values()):
            errors["fixed_allocation"] = _("Each quota in the table is a whole number of workers.")
        if errors:
            raise ValidationError(errors)

    @property
    def end_month(self) -> dt.date:
        """The last month covered."""
        return add_months(self.start_month, self.months - 1)

    def month_list(self) -> list[dt.date]:
        return [add_months(self.start_month, i) for i in range(self.months)]

    def overlaps(self, other: Programme) -> bool:
        return self.start_month <= other.end_month and other.start_month <= self.end_month


class Status(models.TextChoices):
    SELECTED = "selected", _("Selected, awaiting desa")
    VERIFIED = "verified", _("Verified by desa")
    REJECTED = "rejected", _("Rejected by desa")
    ENROLLED = "enrolled", _("Enrolled")
    LEFT = "left", _("Left the programme")


# The statuses that hold a place in the quota and count as "funded by this programme".
HOLDING = (Status.SELECTED, Status.VERIFIED, Status.ENROLLED)


class Source(models.TextChoices):
    PRIORITY = "priority", _("Priority list")
    MANUAL = "manual", _("Added by hand")
    REPLACEMENT = "replacement", _("Replacement")
    FILE = "file", _("From a file")


class BpjsState(models.TextChoices):
    UNCHECKED = "", _("Not yet reconciled")
    ACTIVE = "active", _("Active BPU participant")
    NOT_FOUND = "not_found", _("Not in the BPJS export")
    LAPSED = "lapsed", _("Participant, not active")
    COVERED_ELSEWHERE = "covered_elsewhere", _("Covered elsewhere (PU or Jakon)")


class Beneficiary(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="beneficiaries")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="+")
    desa = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField(null=True, blank=True)  # on the priority list
    score = models.FloatField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SELECTED)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.PRIORITY)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by"
    )
    reason = models.CharField(max_length=300, blank=True)  # why rejected, left or added by hand
    enrolled_on = models.DateField(null=True, blank=True)
    bpjs_state = models.CharField(
        max_length=20, choices=BpjsState.choices, blank=True, default=BpjsState.UNCHECKED
    )
    bpjs_kpj = models.CharField(max_length=11, blank=True)
    reconciled_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "desa_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "worker"], name="one_place_per_programme")
        ]
        indexes = [models.Index(fields=["programme", "status"])]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.worker_id} ({self.status})"


class Bill(models.Model):
    """One month's contributions for a programme, with the amounts the calculator gave then."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="bills")
    month = models.DateField()
    workers = models.PositiveIntegerField()
    per_worker = models.BigIntegerField()
    amount = models.BigIntegerField()
    excluded = models.PositiveIntegerField(default=0)  # enrolled but covered elsewhere
    regulation = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "month"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "month"], name="one_bill_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.month:%Y-%m}: {self.amount}"


class Payment(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="payments")
    bill = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.BigIntegerField(validators=[MinValueValidator(1)])
    paid_on = models.DateField()
    reference = models.CharField(max_length=100)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "paid_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "reference"], name="one_payment_per_ref")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.paid_on} {self.reference}: {self.amount}"


class Reconciliation(models.Model):
    """One comparison of a programme's enrolled workers with the participant data."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="reconciliations"
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    month = models.DateField()  # the month whose status was checked
    counts = models.JSONField(default=dict)
    run_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "-run_at"]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.month:%Y-%m} {self.counts}"


class Standing(models.Model):
    """When a programme's priority list (its Candidates) was last worked out, and its length:
    see assistance.standing."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="standing")
    eligible = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.eligible} eligible at {self.computed_at:%Y-%m-%d %H:%M}"


class Candidate(models.Model):
    """A worker the programme could still take, at their place on its priority list."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    # No database-level key: the list is rewritten whole from the registry it was read from,
    # in one transaction, and a per-row check would cost a million-row list seconds.
    worker = models.ForeignKey(
        Worker, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    desa = models.ForeignKey(
        Region, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    rank = models.PositiveIntegerField()
    score = models.FloatField()

    class Meta:
        ordering = ["programme", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "rank"], name="one_candidate_per_rank")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} #{self.rank}: {self.worker_id}"


def funding_rule(source: str, year: int) -> FundingRule | None:
    """The source's rule in force on 1 January of `year`, or None (then it is allowed)."""
    return (
        FundingRule.objects.filter(source=source, effective_from__lte=dt.date(year, 1, 1))
        .order_by("-effective_from")
        .first()
    )
