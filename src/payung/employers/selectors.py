"""Reads of the employers app: businesses with their findings, the review queue, the permit
check, and the figures monev and the Regent's page read."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from payung.employers.kbli import section, section_name
from payung.employers.models import (
    BpjsEmployer,
    Business,
    EmployerMatch,
    EmployerReview,
    Finding,
    FindingCode,
    ReviewDecision,
)
from payung.lib.rawsql import document, moment

# What bars a permit: every finding but these.
CLEAR = {FindingCode.COMPLIANT.value, FindingCode.NO_WORKERS.value}


def businesses(code: str | None = None) -> QuerySet[Business]:
    found = Business.objects.select_related("match__employer").prefetch_related(
        Prefetch("findings", queryset=Finding.objects.order_by("code"))
    )
    if code:
        found = found.filter(findings__code=code).distinct()
    return found.order_by("name_key")


def business(nib: str) -> Business | None:
    return businesses().filter(nib=nib).first()


def pending_reviews() -> QuerySet[EmployerReview]:
    return (
        EmployerReview.objects.filter(decision=ReviewDecision.PENDING)
        .select_related("business", "employer")
        .order_by("-score")
    )


def finding_counts() -> dict[str, int]:
    """How many businesses carry each finding (a business may carry several)."""
    return dict(Counter(Finding.objects.values_list("code", flat=True)))


@dataclass
class PermitAnswer:
    nib: str
    known: bool  # on the licensing office's list
    classified: bool
    compliant: bool
    name: str = ""
    npp: str = ""
    reasons: list[dict[str, Any]] = field(default_factory=list)  # code, label, evidence, rule
    classified_at: str | None = None


def _permit_sql() -> str:
    """The permit check's one statement: the business, its BPJS TK employer number and its
    findings (none when it is not classified yet), a row a finding."""
    business, finding = Business._meta.db_table, Finding._meta.db_table
    match, employer = EmployerMatch._meta.db_table, BpjsEmployer._meta.db_table
    return (
        f"SELECT b.name, e.npp, f.code, f.evidence, f.regulation, f.verified, f.classified_at"
        f" FROM {business} b"
        f" LEFT JOIN {match} m ON m.business_id = b.id"
        f" LEFT JOIN {employer} e ON e.id = m.employer_id"
        f" LEFT JOIN {finding} f ON f.business_id = b.id"
        f" WHERE b.nib = %s ORDER BY f.code"
    )


def permit_check(nib: str) -> PermitAnswer:
    """Is the business with `nib` an active, compliant BPJS TK employer, and if not, why.

    One SQL statement, not the ORM: the licensing system asks many times a second, and
    building the joined query through the ORM cost ten times the read itself (1,1 ms against
    0,1 ms of CPU a call, benchmarks/results/employers-20k.md)."""
    with connection.cursor() as cursor:
        cursor.execute(_permit_sql(), [nib])
        rows = cursor.fetchall()
    if not rows:
        return PermitAnswer(nib, known=False, classified=False, compliant=False)
    name, npp = rows[0][0], rows[0][1] or ""
    findings = [r[2:] for r in rows if r[2] is not None]
    labels = dict(FindingCode.choices)
    return PermitAnswer(
        nib=nib,
        known=True,
        classified=bool(findings),
        compliant=bool(findings) and all(code in CLEAR for code, *_ in findings),
        name=name,
        npp=npp,
        reasons=[
            {
                "code": code,
                "label": str(labels[code]),
                "evidence": document(evidence),
                "regulation": regulation,
                "verified": bool(verified),
            }
            for code, evidence, regulation, verified, _at in findings
            if code not in CLEAR
        ],  # fmt: skip
        classified_at=(
            timezone.localtime(moment(findings[0][4])).isoformat(timespec="minutes")
            if findings
            else None
        ),
    )


@dataclass
class Group:
    key: str
    name: str
    businesses: int = 0
    compliant: int = 0
    not_registered_workers: int = 0  # declared, not registered: PWBD's all, PDS TK's gap

    @property
    def share(self) -> float | None:
        return self.compliant / self.businesses if self.businesses else None


def _gap(finding: Finding, declared: int | None) -> int:
    if finding.code == FindingCode.PWBD:
        return declared or 0
    if finding.code == FindingCode.PDS_WORKERS:
        return int(finding.evidence["declared_workers"]) - int(
            finding.evidence["registered_workers"]
        )
    return 0


def compliance_by(by: str, region_names: dict[str, str] | None = None) -> list[Group]:
    """Compliance by KBLI section (`sector`) or by kecamatan (`kecamatan`): businesses,
    those compliant, and the workers they declared but have not registered."""
    groups: dict[str, Group] = {}
    names = region_names or {}
    owed: dict[int, list[Finding]] = defaultdict(list)
    for f in Finding.objects.all():
        owed[f.business_id].append(f)
    rows = Business.objects.values_list("pk", "kbli", "desa_id", "declared_workers")
    for pk, kbli, desa, declared in rows:
        if by == "sector":
            key = section(kbli) or "?"
            name = section_name(key) if key != "?" else ""
        else:
            key = desa[:8] if desa else "?"
            name = names.get(key, "")
        group = groups.setdefault(key, Group(key, name))
        group.businesses += 1
        findings = owed.get(pk, [])
        group.compliant += bool(findings) and all(f.code in CLEAR for f in findings)
        group.not_registered_workers += sum(_gap(f, declared) for f in findings)
    return sorted(groups.values(), key=lambda g: g.key)


def compliant_share() -> tuple[int, int] | None:
    """(compliant, classified with workers) across the licensed businesses; None before any
    classification (monev's indicator 3.1.b)."""
    codes: dict[int, set[str]] = defaultdict(set)
    for business_id, code in Finding.objects.values_list("business_id", "code"):
        codes[business_id].add(code)
    obliged = [c for c in codes.values() if c != {FindingCode.NO_WORKERS.value}]
    if not obliged:
        return None
    return sum(c == {FindingCode.COMPLIANT.value} for c in obliged), len(obliged)
