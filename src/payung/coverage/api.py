"""JSON API for the coverage figures, and its OpenAPI 3.1 document (written by hand: a few
read-only endpoints do not need a framework). Session log-in, every role may read."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import path

from payung.accounts.api import NotFound, read_only
from payung.coverage import selectors
from payung.coverage.models import Target, WorkingPopulation
from payung.lib import months
from payung.lib.months import parse_month
from payung.regions.codes import CODE

REGION_PATTERN = f"^{CODE.pattern}$"

api_view = read_only("coverage.view", "not allowed for this role")


class NoSuchRegion(NotFound):
    """A well-formed Kemendagri code that is no region of the regency: 404, not 400."""


def _month(request: HttpRequest) -> dt.date:
    value = request.GET.get("month")
    if value is None:
        return selectors.default_month()
    return parse_month(value)  # "month=" is a month given wrongly, not no month


def _region(request: HttpRequest) -> str:
    """The region asked for (the regency when none is): a malformed code is a bad parameter
    (400), a well-formed one outside the regency a region not found (404)."""
    raw = request.GET.get("region")
    if raw is None:
        return selectors.region_of_regency(None)
    if not re.fullmatch(REGION_PATTERN, raw):
        raise ValueError(f"{raw[:20]!r} is not a region of the regency (a Kemendagri code)")
    try:
        return selectors.region_of_regency(raw)
    except ValueError as exc:
        raise NoSuchRegion(str(exc)) from None


def _within(request: HttpRequest) -> str | None:
    """The region asked for, checked; None (the whole regency) when none is."""
    return _region(request) if request.GET.get("region") is not None else None


@api_view
def summary(request: HttpRequest) -> JsonResponse:
    month = _month(request)
    code = _region(request)
    row = selectors.region_row(month, code)
    return JsonResponse({"month": f"{month:%Y-%m}", **row.as_dict()})


@api_view
def breakdown(request: HttpRequest) -> JsonResponse:
    month = _month(request)
    by = request.GET.get("by", "kecamatan")
    then = request.GET.get("then")
    within = _within(request)
    if then:
        rows = selectors.crossed(by, then, month, within=within)
    else:
        rows = selectors.breakdown(by, month, within=within)
    return JsonResponse([r.as_dict() for r in rows], safe=False)


@api_view
def trend(request: HttpRequest) -> JsonResponse:
    points = selectors.trend(within=_within(request))
    return JsonResponse(
        [
            {
                "month": f"{p.month:%Y-%m}",
                "workers": p.workers,
                "active": p.active,
                "coverage": round(p.coverage, 6),
                "participants_active": p.participants_active,
            }
            for p in points
        ],
        safe=False,
    )


@api_view
def closing(request: HttpRequest) -> JsonResponse:
    month = _month(request)
    code = _region(request)
    row = selectors.region_row(month, code)
    gap = row.gap_official if row.gap_official is not None else row.gap_registry
    options = selectors.closing_options(month, gap, within=code)
    return JsonResponse(
        {
            "month": f"{month:%Y-%m}",
            "gap": gap,
            "groups": [
                {
                    "segment": o.segment,
                    "decile_band": o.band,
                    "uncovered": o.uncovered,
                    "monthly_cost_per_worker": o.monthly_cost,
                    "cumulative": o.cumulative,
                    "needed": o.needed,
                }
                for o in options
            ],
        }
    )


@api_view
def figures(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "bpu_grace_months": selectors.bpu_grace_months(),
            "working_population": [
                {"year": p.year, "code": p.region_id, "workers": p.workers, "source": p.source}
                for p in WorkingPopulation.objects.all()
            ],
            "targets": [
                {"year": t.year, "code": t.region_id, "rate": float(t.rate), "source": t.source}
                for t in Target.objects.all()
            ],
        }
    )


# ---- OpenAPI --------------------------------------------------------------------------------

_MONTH = {
    "name": "month",
    "in": "query",
    "schema": {"type": "string", "pattern": months.PATTERN},
    "description": "YYYY-MM; default: the latest snapshot's month",
}
_REGION = {
    "name": "region",
    "in": "query",
    "schema": {"type": "string", "pattern": REGION_PATTERN},
    "description": (
        "Kemendagri code of the regency, a kecamatan or a desa (default: regency); "
        "404 when no region of the regency has it"
    ),
}
_ROW = {
    "type": "object",
    "required": ["name", "workers", "active", "coverage"],
    "properties": {
        "code": {"type": "string", "description": "Kemendagri code (region rows)"},
        "key": {
            "type": "string",
            "description": "dimension value (other rows); tab-joined when crossed",
        },
        "name": {"type": "string"},
        "workers": {"type": "integer", "description": "canonical registry workers"},
        "active": {"type": "integer", "description": "of them, with an active participation"},
        "coverage": {"type": "number", "minimum": 0, "maximum": 1},
        "active_pu": {"type": "integer"},
        "active_bpu": {"type": "integer"},
        "active_jakon": {"type": "integer"},
        "participants_active": {
            "type": ["integer", "null"],
            "description": "active participants recorded in the region, linked or not",
        },
        "working_population": {"type": ["integer", "null"], "description": "BPS Sakernas"},
        "working_population_year": {"type": ["integer", "null"]},
        "ucj": {
            "type": ["number", "null"],
            "description": "participants_active / working_population",
        },
        "target": {"type": ["number", "null"]},
        "gap_registry": {"type": ["integer", "null"]},
        "gap_official": {"type": ["integer", "null"]},
    },
}
_ERRORS = {
    "400": {"description": "bad parameter"},
    "404": {"description": "no such region in the regency"},
    "401": {"description": "not logged in"},
    "403": {"description": "role may not read coverage"},
}


def _get(summary_text: str, params: list[dict[str, Any]], schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary_text,
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
                **_ERRORS,
            },
        }
    }


def openapi_document() -> dict[str, Any]:
    by = {"type": "string", "enum": list(selectors.BY_CHOICES)}
    # Crossed with a dimension other than `by` (400 otherwise), never a second region level.
    then = {
        "type": "string",
        "enum": [b for b in selectors.BY_CHOICES if b not in selectors.REGION_LEVELS],
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Payung API",
            "version": "1",
            "description": (
                "Registry coverage = registry workers with an active BPJS TK participation / "
                "registry workers. Official UCJ = active participants in the region / BPS "
                "working population. Log in with a session (the web log-in)."
            ),
        },
        "components": {
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "sessionid"}},
            "schemas": {"CoverageRow": _ROW},
        },
        "security": [{"session": []}],
        "paths": {
            "/api/coverage/summary": _get(
                "Figures of one region",
                [_MONTH, _REGION],
                {"$ref": "#/components/schemas/CoverageRow"},
            ),
            "/api/coverage/breakdown": _get(
                "Coverage by a region level or dimension, optionally crossed with a second",
                [
                    {"name": "by", "in": "query", "schema": by},
                    {"name": "then", "in": "query", "schema": then},
                    _MONTH,
                    _REGION,
                ],
                {"type": "array", "items": {"$ref": "#/components/schemas/CoverageRow"}},
            ),
            "/api/coverage/trend": _get(
                "Coverage in every monthly snapshot",
                [_REGION],
                {"type": "array", "items": {"type": "object"}},
            ),
            "/api/coverage/closing": _get(
                "Uncovered registry workers by likely segment and decile band, cheapest first",
                [_MONTH, _REGION],
                {"type": "object"},
            ),
            "/api/coverage/figures": _get(
                "BPS working population, targets and the BPU grace months", [], {"type": "object"}
            ),
        },
    }


urlpatterns = [
    path("summary", summary, name="api-summary"),
    path("breakdown", breakdown, name="api-breakdown"),
    path("trend", trend, name="api-trend"),
    path("closing", closing, name="api-closing"),
    path("figures", figures, name="api-figures"),
]
