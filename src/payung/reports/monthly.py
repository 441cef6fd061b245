"""The monthly report to the Regent: the summary's figures frozen as plain data (JSON) when
the report is made, on demand or by the monthly job, so a report in the list says what that
month said. `content` writes every figure as the Regent reads it (17,2 %; Rp 1.500.000) in the
active language; the PDF (Typst) and the .docx (docxtpl) are both drawn from it, so the two
cannot disagree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from payung.claims.models import ClaimType
from payung.coverage import selectors as coverage
from payung.employers import selectors as employers
from payung.employers.models import FindingCode
from payung.lib.numbers import grouped, percent, rupiah
from payung.monev import selectors as monev
from payung.outreach import tracing
from payung.regions.selectors import configured_regency
from payung.reports.executive import Executive, executive


def _share(value: float | Decimal | None) -> str | None:
    return None if value is None else str(value)


def freeze(month: dt.date | None = None) -> dict[str, Any]:
    """Every figure of the report for `month` (the latest reported month by default)."""
    page = executive(month)
    regency = configured_regency()
    kecamatan = coverage.breakdown("kecamatan", page.month)
    snapshot = monev.latest_snapshot()
    return {
        "regency": regency.display_name if regency else "",
        "month": page.month.isoformat(),
        "taken": timezone.localtime().isoformat(timespec="minutes"),
        "coverage": _coverage(page),
        "kecamatan": [
            {
                "name": r.name,
                "workers": r.workers,
                "active": r.active,
                "coverage": _share(r.coverage),
                "ucj": _share(r.ucj),
            }
            for r in kecamatan
        ],
        "poor": {
            "poor": [page.poor.poor.active, page.poor.poor.workers],
            "rest": [page.poor.rest.active, page.poor.rest.workers],
            "poverty": None
            if page.poor.poverty is None
            else {
                "year": page.poor.poverty.year,
                "rate": str(page.poor.poverty.rate_share),
                "target": _share(page.poor.poverty.target_share),
                "source": page.poor.poverty.source,
            },
        },
        "money": {
            "error": page.money.error,
            "sources": [
                {"label": label, **r.as_dict()} for _code, label, r in page.money.by_source
            ],
            "programmes": [
                {
                    "name": line.programme.name,
                    "source": line.programme.get_funding_source_display(),
                    "enrolled": line.enrolled,
                    "quota": line.programme.quota,
                    "paid": line.realisation.paid if line.realisation else None,
                }
                for line in page.money.programmes
            ],
        },
        "benefits": {
            "by_type": [
                {
                    "type": code,
                    "claims": t.claims,
                    "paid_claims": t.paid_claims,
                    "paid": t.paid,
                    "in_process": t.in_process,
                }
                for code, t in sorted(page.benefits.by_type.items())
            ],
            "paid": page.benefits.paid,
            "deaths": page.benefits.deaths.paid_claims,
            "heirs": page.benefits.deaths.paid,
            "children": page.benefits.children,
            "assisted": {
                "contributions": page.assisted.contributions_paid,
                "jkm": page.assisted.tally(ClaimType.JKM).paid_claims,
                "heirs": page.assisted.heirs_paid,
                "children": page.assisted.children,
                "benefits": page.assisted.benefits_paid,
            },
        },
        "employers": None
        if page.employers is None
        else {
            "compliant": page.employers.compliant,
            "jakon": page.employers.jakon,
            "overdue": page.employers.overdue,
            "findings": employers.finding_counts(),
        },
        "monev": None
        if page.monev is None
        else {
            "period": page.monev.period,
            "score": page.monev.score,
            "lagging": [{"name": o["name"], "score": o["score"]} for o in page.monev.lagging],
            "recommendations": snapshot.data.get("recommendations", []) if snapshot else [],
        },
        "outreach": _outreach(page.year),
        "attention": [item.text for item in page.attention],
    }


def _outreach(year: int) -> dict[str, Any]:
    found = tracing.summary(year)
    return {
        "events": found.events,
        "attendees": found.attendees,
        "listed": found.listed,
        "attendees_enrolled": found.attendees_enrolled,
        "desa_enrolled": found.desa_enrolled,
        "pledges": [
            {
                "company": t.pledge.company,
                "amount": t.pledge.amount,
                "paid": t.paid,
                "workers": t.pledge.workers,
                "enrolled": t.enrolled,
                "state": t.state,
            }
            for t in found.pledges
        ],  # fmt: skip
    }


def _coverage(page: Executive) -> dict[str, Any]:
    row = page.coverage.row
    return {
        "official": page.coverage.official,
        "share": _share(page.coverage.share),
        "registry": _share(row.coverage),
        "target": _share(row.target),
        "gap": page.coverage.gap,
        "participants_active": row.participants_active,
        "working_population": row.working_population,
        "working_population_year": row.working_population_year,
        "trend": [
            {"month": p.month.isoformat(), "coverage": _share(p.coverage)}
            for p in page.coverage.trend
        ],
    }


# ---- the report as the Regent reads it ------------------------------------------------------


def _pct(value: str | None) -> str:
    return percent(None if value is None else Decimal(value))


def _of(pair: list[int] | None) -> str:
    if not pair:
        return "–"
    done, total = pair
    share = percent(Decimal(done) / total) if total else "–"
    return _("%(n)s of %(total)s (%(share)s)") % {
        "n": grouped(done),
        "total": grouped(total),
        "share": share,
    }


def _month_name(iso: str) -> str:
    from django.utils.formats import date_format

    return date_format(dt.date.fromisoformat(iso), "F Y")


def labels() -> dict[str, str]:
    return {
        "title": _("Monthly report to the Regent"),
        "subtitle": _("Universal Coverage Jamsostek (Inpres No. 2 Tahun 2021)"),
        "month": _("Month"),
        "taken": _("Figures taken"),
        "coverage": _("Coverage"),
        "official": _("Official UCJ"),
        "registry": _("Registry coverage"),
        "target": _("Target"),
        "gap": _("Workers still to protect"),
        "trend": _("Coverage by month (registry)"),
        "kecamatan": _("Kecamatan"),
        "workers": _("Workers"),
        "active": _("Active"),
        "poor": _("Protection of the poor"),
        "deciles_poor": _("Deciles 1–4"),
        "deciles_rest": _("Deciles 5–10"),
        "poverty": _("Poverty rate"),
        "money": _("Contribution assistance: the money"),
        "source": _("Funding source"),
        "budget": _("Budget"),
        "committed": _("Committed"),
        "billed": _("Billed"),
        "paid": _("Paid"),
        "programme": _("Programme"),
        "enrolled": _("Enrolled"),
        "benefits": _("Benefits paid to families"),
        "claim_type": _("Claim type"),
        "claims": _("Claims"),
        "in_process": _("In process"),
        "assisted": _("Workers of the assistance programmes"),
        "outreach": _("Outreach and CSR"),
        "outreach_none": _("No socialisation event or pledge recorded this year."),
        "company": _("Company"),
        "pledged": _("Pledged"),
        "workers_pledged": _("Workers pledged"),
        "state": _("State"),
        "compliance": _("Employers' compliance"),
        "compliant": _("Businesses compliant"),
        "jakon": _("APBD construction projects registered for Jakon"),
        "overdue": _("Follow-ups past their deadline"),
        "finding": _("Finding"),
        "businesses": _("Businesses"),
        "monev": _("Inpres monitoring"),
        "score": _("Regency score"),
        "lagging": _("Lagging agencies"),
        "recommendations": _("Recommendations"),
        "none": _("None."),
        "not_yet": _("No data yet."),
    }


def content(data: dict[str, Any]) -> dict[str, Any]:
    """The frozen figures written out, with the labels, for the PDF and the .docx."""
    cov = data["coverage"]
    type_names = dict(ClaimType.choices)
    finding_names = dict(FindingCode.choices)
    money = data["money"]
    benefits = data["benefits"]
    assisted = benefits["assisted"]
    poverty = data["poor"]["poverty"]
    found = data["employers"]
    monev_data = data["monev"]
    recommendations = list(data["attention"])
    if monev_data:
        recommendations += monev_data["recommendations"]
    return {
        "labels": labels(),
        "regency": data["regency"],
        "month": _month_name(data["month"]),
        "taken": data["taken"][:16].replace("T", " "),  # the minute, without the offset
        "coverage": {
            "kind": labels()["official"] if cov["official"] else labels()["registry"],
            "share": _pct(cov["share"]),
            "registry": _pct(cov["registry"]),
            "target": _pct(cov["target"]),
            "gap": "–" if cov["gap"] is None else grouped(cov["gap"]),
            "population": _(
                "%(active)s active participants of %(population)s working people (BPS %(year)s)"
            )
            % {
                "active": grouped(cov["participants_active"]),
                "population": grouped(cov["working_population"]),
                "year": cov["working_population_year"],
            }
            if cov["official"]
            else "",
            "trend": [
                {
                    "month": _month_name(p["month"]),
                    "value": _pct(p["coverage"]),
                    "bar": round(float(p["coverage"] or 0) * 100, 1),
                }
                for p in cov["trend"]
            ],  # fmt: skip
        },
        "kecamatan": [
            {
                "name": k["name"],
                "workers": grouped(k["workers"]),
                "active": grouped(k["active"]),
                "coverage": _pct(k["coverage"]),
                "ucj": _pct(k["ucj"]),
            }
            for k in data["kecamatan"]
        ],
        "poor": {
            "poor": _of(data["poor"]["poor"]),
            "rest": _of(data["poor"]["rest"]),
            "poverty": ""
            if poverty is None
            else _("%(year)s: %(rate)s (%(source)s)")
            % {"year": poverty["year"], "rate": _pct(poverty["rate"]), "source": poverty["source"]}
            + (
                f"; {labels()['target'].lower()} {_pct(poverty['target'])}"
                if poverty["target"]
                else ""
            ),
        },
        "money": {
            "error": money["error"],
            "sources": [
                {
                    k: (s[k] if k == "label" else rupiah(s[k]))
                    for k in ("label", "budget", "committed", "billed", "paid")
                }
                for s in money["sources"]
            ],  # fmt: skip
            "programmes": [
                {
                    "name": p["name"],
                    "source": p["source"],
                    "enrolled": _("%(enrolled)s of %(quota)s")
                    % {"enrolled": grouped(p["enrolled"]), "quota": grouped(p["quota"])},
                    "paid": rupiah(p["paid"]),
                }
                for p in money["programmes"]
            ],
        },
        "benefits": {
            "any": bool(benefits["by_type"]),
            "paid": rupiah(benefits["paid"]),
            "summary": _(
                "%(deaths)s death benefits (JKM), %(heirs)s to heirs; %(children)s scholarships."
            )
            % {
                "deaths": grouped(benefits["deaths"]),
                "heirs": rupiah(benefits["heirs"]),
                "children": grouped(benefits["children"]),
            },
            "by_type": [
                {
                    "label": str(type_names.get(t["type"], t["type"])),
                    "claims": grouped(t["claims"]),
                    "paid_claims": grouped(t["paid_claims"]),
                    "paid": rupiah(t["paid"]),
                    "in_process": grouped(t["in_process"]),
                }
                for t in benefits["by_type"]
            ],
            "assisted": _(
                "%(paid)s paid in contributions; %(jkm)s JKM claims, %(heirs)s to heirs,"
                " %(children)s children on scholarships; %(benefits)s in benefits."
            )
            % {
                "paid": rupiah(assisted["contributions"]),
                "jkm": grouped(assisted["jkm"]),
                "heirs": rupiah(assisted["heirs"]),
                "children": grouped(assisted["children"]),
                "benefits": rupiah(assisted["benefits"]),
            },
        },
        "employers": None
        if found is None
        else {
            "compliant": _of(found["compliant"]),
            "jakon": _of(found["jakon"]),
            "overdue": grouped(found["overdue"]),
            "findings": [
                {"label": str(finding_names.get(code, code)), "n": grouped(n)}
                for code, n in sorted(found["findings"].items())
            ],
        },
        "monev": None
        if monev_data is None
        else {
            "period": monev_data["period"],
            "score": _pct(monev_data["score"]),
            "lagging": [
                {"name": o["name"], "score": _pct(o["score"])} for o in monev_data["lagging"]
            ],
        },
        "outreach": _outreach_content(data.get("outreach")),
        "recommendations": recommendations,
    }


STATES = {
    tracing.HONOURED: _lazy("honoured"),
    tracing.UNDER_WAY: _lazy("under way"),
    tracing.NOT_HONOURED: _lazy("not honoured"),
    tracing.NO_PROGRAMME: _lazy("no programme carries it"),
}


def _outreach_content(found: dict[str, Any] | None) -> dict[str, Any]:
    if not found or not (found["events"] or found["pledges"]):
        return {"any": False, "summary": "", "pledges": []}
    summary = _(
        "%(events)s socialisation events, %(attendees)s attendees; %(enrolled)s of the"
        " %(listed)s listed attendees enrolled since; %(desa)s new participants in their desa"
        " in the months after."
    ) % {
        "events": grouped(found["events"]),
        "attendees": grouped(found["attendees"]),
        "enrolled": grouped(found["attendees_enrolled"]),
        "listed": grouped(found["listed"]),
        "desa": grouped(found["desa_enrolled"]),
    }
    return {
        "any": True,
        "summary": summary,
        "pledges": [
            {
                "company": p["company"],
                "amount": rupiah(p["amount"]),
                "paid": rupiah(p["paid"]),
                "workers": grouped(p["workers"]),
                "enrolled": grouped(p["enrolled"]),
                "state": str(STATES.get(p["state"], p["state"])),
            }
            for p in found["pledges"]
        ],  # fmt: skip
    }
