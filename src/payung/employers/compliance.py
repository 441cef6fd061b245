"""Each licensed business classified against BPJS TK's employer data, with the figures compared
as evidence and the rule applied, citing its regulation:

- PWBD (Perusahaan Wajib Belum Daftar): licensed, with workers, and no BPJS TK employer
  matched (UU 24/2011 Pasal 15 ayat (1): an employer registers itself and its workers);
- PDS Tenaga Kerja: fewer workers registered than the licence declares;
- PDS Upah: wages reported below those declared, or an average wage below the minimum wage in
  force (UU 24/2011 Pasal 15 ayat (2): the employer reports its workers' wages truly);
- PDS Program: a programme the business's scale requires is missing (rules.PROGRAMME_RULES);
- in arrears: months of contributions unpaid (UU 24/2011 Pasal 19);
- compliant: none of these.

A business declaring no workers owes nothing yet and is said so. PP 86/2013 sets the
sanctions (written warning, fine, withholding of public services such as permits). The facts
are gathered in a few queries joined in Polars; the rules then read them business by business.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.coverage import selectors as coverage
from payung.employers.models import (
    Business,
    EmployerMatch,
    Finding,
    FindingCode,
    MinimumWage,
    ProgrammeRule,
)

UU_24 = "UU 24/2011 tentang BPJS"
REGISTER = f"{UU_24} Pasal 15 ayat (1); sanksi PP 86/2013"
REPORT_WAGES = f"{UU_24} Pasal 15 ayat (2); sanksi PP 86/2013"
PAY = f"{UU_24} Pasal 19; sanksi PP 86/2013"


@dataclass
class Classified:
    businesses: int
    by_code: dict[str, int]


def minimum_wage(region: str, on: dt.date) -> MinimumWage | None:
    """The minimum wage in force on `on`: the regency's UMK where set, else the province's UMP."""
    for code in (region, region.split(".")[0]):
        found = (
            MinimumWage.objects.filter(region_code=code, effective_from__lte=on)
            .order_by("-effective_from")
            .first()
        )
        if found is not None:
            return found
    return None


def programme_rules(on: dt.date) -> dict[str, ProgrammeRule]:
    rules: dict[str, ProgrammeRule] = {}
    for rule in ProgrammeRule.objects.filter(effective_from__lte=on).order_by("effective_from"):
        rules[rule.scale] = rule  # the latest in force wins
    return rules


def _facts(month: dt.date) -> pl.DataFrame:
    businesses = pl.DataFrame(
        list(Business.objects.values_list("pk", "scale", "declared_workers", "declared_wages")),
        schema={"id": pl.Int64, "scale": pl.String, "declared_workers": pl.Int64,
                "declared_wages": pl.Int64},
        orient="row",
    )  # fmt: skip
    matched = pl.DataFrame(
        list(
            EmployerMatch.objects.values_list(
                "business_id", "employer__npp", "employer__registered_workers",
                "employer__reported_wages", "employer__programs", "employer__arrears_months",
            )
        ),
        schema={"id": pl.Int64, "npp": pl.String, "registered": pl.Int64, "reported": pl.Int64,
                "programs": pl.String, "arrears": pl.Int64},
        orient="row",
    )  # fmt: skip
    active = pl.DataFrame(
        list(
            coverage.active_participants(month)
            .exclude(employer_npp="")
            .values("employer_npp")
            .annotate(n=Count("pk"))
            .values_list("employer_npp", "n")
        ),
        schema={"npp": pl.String, "participants_active": pl.Int64},
        orient="row",
    )
    return businesses.join(matched, on="id", how="left").join(active, on="npp", how="left")


Found = tuple[str, dict[str, Any], str, bool]  # code, evidence, regulation, verified


def _workers(r: dict[str, Any], base: dict[str, Any]) -> list[Found]:
    declared, counted = r["declared_workers"], r["registered_any"]
    if not declared or counted is None or counted >= declared:
        return []
    evidence = {
        **base,
        "declared_workers": declared,
        "registered_workers": counted,
        "participants_active": r["participants_active"],
    }
    return [(FindingCode.PDS_WORKERS, evidence, REGISTER, True)]


def _wages(r: dict[str, Any], base: dict[str, Any], minimum: MinimumWage | None) -> list[Found]:
    declared, reported = r["declared_wages"], r["reported"]
    if declared and reported is not None and reported < declared:
        evidence = {**base, "declared_wages": declared, "reported_wages": reported}
        return [(FindingCode.PDS_WAGES, evidence, REPORT_WAGES, True)]
    average = r["average_wage"]
    if minimum is None or average is None or average >= minimum.amount:
        return []
    evidence = {
        **base,
        "average_wage": round(average),
        "minimum_wage": minimum.amount,
        "minimum_region": minimum.region_code,
        "minimum_from": minimum.effective_from.isoformat(),
        "minimum_regulation": minimum.regulation,
    }
    return [(FindingCode.PDS_WAGES, evidence, REPORT_WAGES, minimum.verified)]


def _programmes(
    r: dict[str, Any], base: dict[str, Any], rules: dict[str, ProgrammeRule]
) -> list[Found]:
    rule = rules.get(r["scale"] or "")
    if rule is None:
        return []
    have = set(filter(None, (r["programs"] or "").split(",")))
    missing = sorted(set(rule.programs.split(",")) - have)
    if not missing:
        return []
    evidence = {
        **base,
        "scale": rule.scale,
        "required": rule.programs,
        "registered_in": r["programs"] or "",
        "missing": ",".join(missing),
    }
    cited = f"{rule.regulation} {rule.article}".strip()
    return [(FindingCode.PDS_PROGRAMME, evidence, cited, rule.verified)]


def _one(
    r: dict[str, Any], rules: dict[str, ProgrammeRule], minimum: MinimumWage | None
) -> list[Found]:
    if r["npp"] is None:
        if r["declared_workers"] == 0:
            return [(FindingCode.NO_WORKERS, {"declared_workers": 0}, "", True)]
        return [(FindingCode.PWBD, {"declared_workers": r["declared_workers"]}, REGISTER, True)]
    base = {"npp": r["npp"]}
    found = [*_workers(r, base), *_wages(r, base, minimum), *_programmes(r, base, rules)]
    if r["arrears"]:
        found.append((FindingCode.ARREARS, {**base, "months": r["arrears"]}, PAY, True))
    return found or [(FindingCode.COMPLIANT, base, "", True)]


def _findings(
    facts: pl.DataFrame, rules: dict[str, ProgrammeRule], minimum: MinimumWage | None
) -> list[tuple[int, str, dict[str, Any], str, bool]]:
    registered = pl.coalesce("registered", "participants_active")
    frame = facts.with_columns(
        registered.alias("registered_any"),
        (pl.col("reported") / pl.when(registered > 0).then(registered)).alias("average_wage"),
    )
    return [
        (r["id"], str(code), evidence, regulation, verified)
        for r in frame.iter_rows(named=True)
        for code, evidence, regulation, verified in _one(r, rules, minimum)
    ]


@transaction.atomic
def classify(*, on: dt.date | None = None, user: User | None = None) -> Classified:
    """Classify every licensed business afresh (its findings replaced)."""
    day = on or timezone.localdate()
    month = coverage.default_month()
    facts = _facts(month)
    rows = _findings(facts, programme_rules(day), minimum_wage(coverage.regency_code(), day))
    now = timezone.now()
    Finding.objects.all().delete()
    Finding.objects.bulk_create(
        (
            Finding(business_id=b, code=c, evidence=e, regulation=g, verified=v, classified_at=now)
            for b, c, e, g, v in rows
        ),
        batch_size=2000,
    )
    by_code = dict(Counter(code for _b, code, _e, _g, _v in rows))
    record_audit(
        action="employers.classified", user=user, target="employers",
        details={"businesses": facts.height, "by_code": by_code, "on": day.isoformat()},
    )  # fmt: skip
    return Classified(facts.height, by_code)
