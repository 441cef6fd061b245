"""JSON API of the coverage figures (a django-ninja router, mounted by payung.api, which
generates the OpenAPI document from these signatures and schemas). Session log-in, every role
may read."""

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest, JsonResponse
from ninja import Field, Router, Schema
from ninja.params.functions import Query

from payung.accounts.api import Detail, NotFound, get, read_only
from payung.coverage import selectors
from payung.coverage.models import Target, WorkingPopulation
from payung.lib import months
from payung.lib.months import parse_month
from payung.regions.codes import CODE

REGION_PATTERN = f"^{CODE.pattern}$"

api_view = read_only("coverage.view", "not allowed for this role")


class NoSuchRegion(NotFound):
    """A well-formed Kemendagri code that is no region of the regency: 404, not 400."""


def _month(value: str | None) -> dt.date:
    if value is None:
        return selectors.default_month()
    return parse_month(value)  # "month=" is a month given wrongly, not no month


def _region(raw: str | None) -> str:
    """The region asked for (the regency when none is): a malformed code is a bad parameter
    (400), a well-formed one outside the regency a region not found (404)."""
    if raw is None:
        return selectors.region_of_regency(None)
    if not re.fullmatch(REGION_PATTERN, raw):
        raise ValueError(f"{raw[:20]!r} is not a region of the regency (a Kemendagri code)")
    try:
        return selectors.region_of_regency(raw)
    except ValueError as exc:
        raise NoSuchRegion(str(exc)) from None


def _within(raw: str | None) -> str | None:
    """The region asked for, checked; None (the whole regency) when none is."""
    return _region(raw) if raw is not None else None


# Typed `str` with a default of None: a query parameter is absent or a string, never null, so
# the document says string (with its pattern) and the view reads None as "not given".
MONTH = Query(
    None, pattern=months.PATTERN, description="YYYY-MM; default: the latest snapshot's month"
)
REGION = Query(
    None,
    pattern=REGION_PATTERN,
    description=(
        "Kemendagri code of the regency, a kecamatan or a desa (default: regency); "
        "404 when no region of the regency has it"
    ),
)
ERRORS = {
    400: Detail, 401: Detail, 403: Detail, 404: Detail,
}  # fmt: skip
router = Router(tags=["coverage"])
if TYPE_CHECKING:
    By = str
else:  # the choices as a type, so the document lists them (selectors holds them, once)
    By = Literal[tuple(selectors.BY_CHOICES)]


class CoverageRow(Schema):
    code: str | None = Field(None, description="Kemendagri code (region rows)")
    key: str | None = Field(
        None, description="dimension value (other rows); tab-joined when crossed"
    )
    name: str
    workers: int = Field(description="canonical registry workers")
    active: int = Field(description="of them, with an active participation")
    coverage: float = Field(ge=0, le=1)
    active_pu: int | None = None
    active_bpu: int | None = None
    active_jakon: int | None = None
    participants_active: int | None = Field(
        None, description="active participants recorded in the region, linked or not"
    )
    working_population: int | None = Field(None, description="BPS Sakernas")
    working_population_year: int | None = None
    ucj: float | None = Field(None, description="participants_active / working_population")
    target: float | None = None
    gap_registry: int | None = None
    gap_official: int | None = None


class Summary(CoverageRow):
    month: str


@get(router, "/summary", response={200: Summary, **ERRORS}, summary="Figures of one region")
@api_view
def summary(request: HttpRequest, month: str = MONTH, region: str = REGION) -> Any:
    when = _month(month)
    row = selectors.region_row(when, _region(region))
    return JsonResponse({"month": f"{when:%Y-%m}", **row.as_dict()})


@get(
    router,
    "/breakdown",
    response={200: list[CoverageRow], **ERRORS},
    summary="Coverage by a region level or dimension, optionally crossed with a second",
)
@api_view
def breakdown(
    request: HttpRequest,
    by: By = Query("kecamatan"),
    # Crossed with a dimension other than `by` (400 otherwise: a rule between two parameters,
    # which the document cannot state), a region level only with a dimension that is none.
    then: By = Query(None),
    month: str = MONTH,
    region: str = REGION,
) -> Any:
    when = _month(month)
    within = _within(region)
    if then:
        rows = selectors.crossed(by, then, when, within=within)
    else:
        rows = selectors.breakdown(by, when, within=within)
    return JsonResponse([r.as_dict() for r in rows], safe=False)


class TrendPoint(Schema):
    month: str
    workers: int
    active: int
    coverage: float
    participants_active: int | None


@get(
    router, "/trend", response={200: list[TrendPoint], **ERRORS},
    summary="Coverage in every monthly snapshot",
)  # fmt: skip
@api_view
def trend(request: HttpRequest, region: str = REGION) -> Any:
    points = selectors.trend(within=_within(region))
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


@get(
    router, "/closing", response={200: dict[str, Any], **ERRORS},
    summary="Uncovered registry workers by likely segment and decile band, cheapest first",
)  # fmt: skip
@api_view
def closing(request: HttpRequest, month: str = MONTH, region: str = REGION) -> Any:
    when = _month(month)
    code = _region(region)
    row = selectors.region_row(when, code)
    gap = row.gap_official if row.gap_official is not None else row.gap_registry
    options = selectors.closing_options(when, gap, within=code)
    return JsonResponse(
        {
            "month": f"{when:%Y-%m}",
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


@get(
    router, "/figures", response={200: dict[str, Any], **ERRORS},
    summary="BPS working population, targets and the BPU grace months",
)  # fmt: skip
@api_view
def figures(request: HttpRequest) -> Any:
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
