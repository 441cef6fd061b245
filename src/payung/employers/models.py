"""The regency as an employer: the lists of its own non-ASN staff (one per OPD) and of
village heads and officials (per desa), each person checked against BPJS TK's participants."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.imports.models import ImportedRow, ReplacedRow


class Roster(models.TextChoices):
    NON_ASN = "non_asn", _("non-ASN staff of an agency")
    VILLAGE = "perangkat_desa", _("village heads and officials")
    ELECTION = "petugas_pemilu", _("ad-hoc election staff")


class StaffFields(ImportedRow):
    """What a staff list says about one person in one unit (an OPD or a desa)."""

    roster = models.CharField(max_length=16, choices=Roster.choices)
    unit = models.CharField(max_length=30)  # the OPD's code, the desa's, or the election
    nik = models.CharField(max_length=16)
    name = models.CharField(max_length=200)
    position = models.CharField(max_length=120, blank=True)
    honorarium = models.BigIntegerField(null=True, blank=True)  # rupiah a month
    funding = models.CharField(max_length=60, blank=True)  # APBD, ADD, Dana Desa, BLUD…

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


class StaffMemberVersion(StaffFields, ReplacedRow):
    member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="versions")
    key = models.CharField(max_length=60)

    class Meta:
        ordering = ["member", "-replaced_at"]

    def __str__(self) -> str:
        return f"{self.key} before batch {self.replaced_by_batch_id}"


class Scale(models.TextChoices):
    """Business scale as the licence states it (PP 7/2021 on MSMEs)."""

    MICRO = "mikro", _("micro")
    SMALL = "kecil", _("small")
    MEDIUM = "menengah", _("medium")
    LARGE = "besar", _("large")


class BusinessFields(ImportedRow):
    """What the licensing office's list (DPMPTSP, OSS) says about one business."""

    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200)  # employers.names.business_key
    kbli = models.CharField(max_length=5, blank=True)
    scale = models.CharField(max_length=10, choices=Scale.choices, blank=True)
    address = models.CharField(max_length=300, blank=True)
    desa_id = models.CharField(max_length=13, blank=True)
    declared_workers = models.PositiveIntegerField(null=True, blank=True)
    declared_wages = models.BigIntegerField(null=True, blank=True)  # rupiah a month, all workers

    class Meta:
        abstract = True


class Business(BusinessFields):
    nib = models.CharField(max_length=13)  # Nomor Induk Berusaha
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_key"]
        constraints = [models.UniqueConstraint(fields=["nib"], name="business_nib")]
        indexes = [models.Index(fields=["name_key"])]
        verbose_name = _("licensed business")
        verbose_name_plural = _("licensed businesses")

    def __str__(self) -> str:
        return f"{self.nib} {self.name}"


class BusinessVersion(BusinessFields, ReplacedRow):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="versions")
    nib = models.CharField(max_length=13)

    def __str__(self) -> str:
        return f"{self.nib} before batch {self.replaced_by_batch_id}"


class EmployerFields(ImportedRow):
    """What BPJS TK's employer export says about one employer (one NPP)."""

    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200)
    nib = models.CharField(max_length=13, blank=True)
    registered_workers = models.PositiveIntegerField(null=True, blank=True)
    reported_wages = models.BigIntegerField(null=True, blank=True)  # rupiah a month, all workers
    programs = models.CharField(max_length=40, blank=True)  # e.g. "JKK,JKM,JHT"
    arrears_months = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        abstract = True


class BpjsEmployer(EmployerFields):
    npp = models.CharField(max_length=12)  # Nomor Pendaftaran Perusahaan
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_key"]
        constraints = [models.UniqueConstraint(fields=["npp"], name="bpjs_employer_npp")]
        indexes = [models.Index(fields=["nib"]), models.Index(fields=["name_key"])]
        verbose_name = _("BPJS TK employer")
        verbose_name_plural = _("BPJS TK employers")

    def __str__(self) -> str:
        return f"{self.npp} {self.name}"


class BpjsEmployerVersion(EmployerFields, ReplacedRow):
    employer = models.ForeignKey(BpjsEmployer, on_delete=models.CASCADE, related_name="versions")
    npp = models.CharField(max_length=12)

    def __str__(self) -> str:
        return f"{self.npp} before batch {self.replaced_by_batch_id}"


class MatchMethod(models.TextChoices):
    NIB = "nib", _("same NIB")
    NAME = "name", _("same name")
    SIMILAR = "similar", _("similar name")
    REVIEWED = "reviewed", _("confirmed in review")


class EmployerMatch(models.Model):
    """A licensed business and the BPJS TK employer that is the same firm: one each way."""

    business = models.OneToOneField(Business, on_delete=models.CASCADE, related_name="match")
    employer = models.OneToOneField(BpjsEmployer, on_delete=models.CASCADE, related_name="match")
    method = models.CharField(max_length=10, choices=MatchMethod.choices)
    score = models.FloatField()
    matched_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.business_id} = {self.employer_id} ({self.method})"


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("to decide")
    SAME = "same", _("the same business")
    DIFFERENT = "different", _("different businesses")


class EmployerReview(models.Model):
    """A pair whose names are close but not close enough: a person decides, once."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="reviews")
    employer = models.ForeignKey(BpjsEmployer, on_delete=models.CASCADE, related_name="reviews")
    score = models.FloatField()
    decision = models.CharField(
        max_length=10, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["business", "employer"], name="employer_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.business_id} ~ {self.employer_id} {self.decision}"


class ProgrammeRule(models.Model):
    """The programmes an employer of a scale must register its workers in, from a date."""

    scale = models.CharField(max_length=10, choices=Scale.choices)
    effective_from = models.DateField()
    programs = models.CharField(max_length=40)  # e.g. "JKK,JKM,JHT,JP"
    regulation = models.CharField(max_length=120)
    article = models.CharField(max_length=60, blank=True)
    verified = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["scale", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "effective_from"], name="programme_rule_once")
        ]

    def __str__(self) -> str:
        return f"{self.scale} {self.effective_from}: {self.programs}"


class MinimumWage(models.Model):
    """The minimum wage in force in a province (UMP, code "75") or regency (UMK, "75.02")."""

    region_code = models.CharField(max_length=13)
    effective_from = models.DateField()
    amount = models.BigIntegerField()  # rupiah a month
    regulation = models.CharField(max_length=160)
    verified = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["region_code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "effective_from"], name="minimum_wage_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.effective_from}: {self.amount}"


class FindingCode(models.TextChoices):
    COMPLIANT = "compliant", _("compliant")
    PDS_WORKERS = "pds_tk", _("PDS Tenaga Kerja: fewer workers registered than declared")
    PDS_WAGES = "pds_upah", _("PDS Upah: wages reported below those declared or the minimum")
    PDS_PROGRAMME = "pds_program", _("PDS Program: a required programme missing")
    PWBD = "pwbd", _("PWBD: licensed but not registered with BPJS TK")
    ARREARS = "arrears", _("in arrears")
    NO_WORKERS = "no_workers", _("no workers declared")


class Finding(models.Model):
    """One finding of the latest classification of a licensed business, with its evidence
    (the figures compared) and the rule it applies, citing its regulation."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(max_length=12, choices=FindingCode.choices)
    evidence = models.JSONField(default=dict)
    regulation = models.CharField(max_length=200, blank=True)
    verified = models.BooleanField(default=True)  # False when the rule's figure is unconfirmed
    classified_at = models.DateTimeField()

    class Meta:
        ordering = ["business", "code"]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.business_id} {self.code}"


class Step(models.TextChoices):
    """The follow-up of an employer that does not comply, in order (PP 86/2013 Pasal 5-6:
    written warnings before a fine and the withholding of public services)."""

    VISIT = "visit", _("visit")
    WARNING_1 = "warning_1", _("written warning 1")
    WARNING_2 = "warning_2", _("written warning 2")
    REFERRAL = "referral", _("referral to the provincial labour inspectorate")
    RESOLVED = "resolved", _("resolved")


class FollowUp(models.Model):
    """One step of a follow-up: who took it, when, and by when the business must act. The
    subject is a licensed business or an APBD construction project (its contractor is the
    employer who registers the project's workers), never both."""

    business = models.ForeignKey(
        Business, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    project = models.ForeignKey(
        "Project", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    findings = models.JSONField(default=list)  # the findings' codes the step answered
    done_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "pk"]
        indexes = [models.Index(fields=["deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(business__isnull=False, project__isnull=True)
                    | models.Q(business__isnull=True, project__isnull=False)
                ),
                name="follow_up_one_subject",
            )
        ]

    def __str__(self) -> str:
        subject = f"b{self.business_id}" if self.business_id else f"p{self.project_id}"
        return f"{subject} {self.step} {self.done_at:%Y-%m-%d}"

    @property
    def subject(self) -> Business | Project:
        """The business or the construction project followed up."""
        found = self.business or self.project
        assert found is not None  # follow_up_one_subject: one or the other
        return found


class ProjectFields(ImportedRow):
    """What the procurement list (SiRUP/LPSE) says about one APBD construction package."""

    name = models.CharField(max_length=300)
    name_key = models.CharField(max_length=300)
    opd_code = models.CharField(max_length=30, blank=True)  # the owning agency (accounts.Opd)
    contractor = models.CharField(max_length=200, blank=True)
    contract_value = models.BigIntegerField(null=True, blank=True)
    starts = models.DateField(null=True, blank=True)
    ends = models.DateField(null=True, blank=True)
    funding = models.CharField(max_length=60, blank=True)

    class Meta:
        abstract = True


class Project(ProjectFields):
    package = models.CharField(max_length=30)  # the package code (kode paket / kode RUP)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts", "package"]
        constraints = [models.UniqueConstraint(fields=["package"], name="project_package")]
        indexes = [models.Index(fields=["opd_code"])]
        verbose_name = _("construction project")
        verbose_name_plural = _("construction projects")

    def __str__(self) -> str:
        return f"{self.package} {self.name[:60]}"


class ProjectVersion(ProjectFields, ReplacedRow):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions")
    package = models.CharField(max_length=30)

    def __str__(self) -> str:
        return f"{self.package} before batch {self.replaced_by_batch_id}"


class JakonFields(ImportedRow):
    """What BPJS TK's Jakon export says about one registered construction project."""

    package = models.CharField(max_length=30, blank=True)  # where BPJS recorded it
    name = models.CharField(max_length=300)
    registered_on = models.DateField(null=True, blank=True)
    contract_value = models.BigIntegerField(null=True, blank=True)

    class Meta:
        abstract = True


class JakonRegistration(JakonFields):
    number = models.CharField(max_length=30)  # BPJS TK's project registration number
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["number"], name="jakon_number")]
        indexes = [models.Index(fields=["package"])]

    def __str__(self) -> str:
        return f"{self.number} {self.name[:60]}"


class JakonRegistrationVersion(JakonFields, ReplacedRow):
    registration = models.ForeignKey(
        JakonRegistration, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.CharField(max_length=30)

    def __str__(self) -> str:
        return f"{self.number} before batch {self.replaced_by_batch_id}"
