"""JSON API of monev: the periods, the catalogue's indicators, a period's scores and its items.
Every role that reads monev may read the scores (the regency's public account of its
agencies); an Operator OPD reads its own agency's items only, as on the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Router
from ninja.params.functions import Query

from payung.accounts.api import Detail, NotFound, get, read_only
from payung.accounts.models import User
from payung.monev import selectors
from payung.monev.models import Period
from payung.monev.scores import period_scores
from payung.monev.snapshots import level_data, opd_data

api_view = read_only("monev.view", "this role may not read monev")
router = Router(tags=["monev"])
REFUSED = {401: Detail, 403: Detail}
MISSING = {**REFUSED, 400: Detail, 404: Detail}


def _period(pk: int) -> Period:
    found = Period.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound(f"no period {pk}")
    return found


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


@get(router, "/periods", response={200: list[dict[str, Any]], **REFUSED},
     summary="Monev periods with their entry windows")  # fmt: skip
@api_view
def periods(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        [
            {
                "id": p.pk, "name": str(p), "kind": p.kind, "year": p.year, "number": p.number,
                "starts": p.starts.isoformat(), "ends": p.ends.isoformat(),
                "opens": p.opens.isoformat(), "deadline": p.deadline.isoformat(),
                "closes": p.closes.isoformat(), "locked": p.locked,
            }
            for p in selectors.periods()
        ],
        safe=False,
    )  # fmt: skip


@get(router, "/indicators", response={200: list[dict[str, Any]], **REFUSED},
     summary="The catalogue's indicators with their weights and owners")  # fmt: skip
@api_view
def indicators(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        [
            {
                "code": i.code, "name": i.name, "kind": i.kind, "direction": i.direction,
                "unit": i.unit, "baseline": _number(i.baseline), "weight": _number(i.weight),
                "computed_from": i.source or None, "evidence_required": i.evidence_required,
                "action": a.code, "action_weight": _number(a.weight),
                "instruction": ins.code, "instruction_weight": _number(ins.weight),
                "owners": [o.code for o in a.owners.all()],
            }
            for ins in selectors.catalogue()
            for a in ins.actions.all()
            for i in a.indicators.all()
        ],
        safe=False,
    )  # fmt: skip


@get(router, "/periods/{pk}/scores", response={200: dict[str, Any], **MISSING},
     summary="A period's scores, from the regency down to its agencies, ranked")  # fmt: skip
@api_view
def scores(request: HttpRequest, pk: int) -> JsonResponse:
    """Scores as 0-1.2 numbers (strings in the snapshot, numbers here) and traffic lights; an
    item's numbers, never its narrative or evidence."""
    found = _period(pk)
    result = period_scores(found, selectors.previous_period(found))
    return JsonResponse(
        {
            "period": str(found),
            "previous": str(result.previous) if result.previous else None,
            "error": result.error or None,
            "regency": {
                "score": _number(result.regency.score),
                "left_out": result.regency.left_out,
            },
            "instructions": [level_data(level, number=_number) for level in result.instructions],
            "opds": [opd_data(o, number=_number, private=False) for o in result.opds],
        }
    )


@get(router, "/periods/{pk}/items", response={200: list[dict[str, Any]], **MISSING},
     summary="A period's items the user may see (an Operator OPD: its own agency's)")  # fmt: skip
@api_view
def items(
    request: HttpRequest, pk: int, opd: str | None = Query(None, description="OPD code")
) -> JsonResponse:
    """The period's items the user may see, with narrative, status and evidence titles;
    `opd` narrows to one agency, which for an Operator OPD must be its own (404 otherwise)."""
    found = _period(pk)
    user = request.user
    assert isinstance(user, User)
    rows = selectors.items_for(user, found).prefetch_related("evidence")
    wanted = opd
    if wanted is not None:
        rows = rows.filter(opd__code=wanted)
        if not rows.exists():
            raise NotFound(f"no items of agency {wanted[:40]!r} for you in {found}")
    return JsonResponse(
        [
            {
                "id": r.pk, "opd": r.opd.code, "indicator": r.indicator.code,
                "status": r.status, "value": _number(r.value),
                "numerator": _number(r.numerator), "denominator": _number(r.denominator),
                "achieved_on": r.achieved_on.isoformat() if r.achieved_on else None,
                "computed": r.computed, "narrative": r.narrative,
                "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                "verified_at": r.verified_at.isoformat() if r.verified_at else None,
                "return_reason": r.return_reason or None,
                "evidence": [e.title for e in r.evidence.all()],
            }
            for r in rows
        ],
        safe=False,
    )  # fmt: skip
