"""A period frozen: its scores, items, completeness, coverage and Bappeda's recommendations as
plain data (JSON), taken at the close or when a report is asked for. The period report is made
from a snapshot alone, so the Regent's copy says what the period said when it was taken."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from payung.coverage import selectors as coverage
from payung.monev import selectors, sources
from payung.monev.models import Period
from payung.monev.scores import LevelScore, OpdScore, light, period_scores, with_items
from payung.regions.selectors import configured_regency


def _number(value: Decimal | None) -> str | None:
    """A snapshot keeps numbers as strings: JSON would round a Decimal through a float."""
    return None if value is None else str(value)


Number = Callable[[Decimal | None], Any]


def level_data(level: LevelScore, *, number: Number = _number) -> dict[str, Any]:
    return {
        "code": level.code,
        "name": level.name,
        "weight": number(level.weight),
        "score": number(level.score),
        "light": level.light,
        "left_out": level.left_out,
        "parts": [level_data(p, number=number) for p in level.parts],
    }


def opd_data(opd: OpdScore, *, number: Number = _number, private: bool = True) -> dict[str, Any]:
    """An OPD's score and its items' numbers; `private` adds each item's narrative and
    evidence titles (the snapshot keeps them; the API's scores leave them to the items)."""
    items = []
    for s in opd.items:
        row = {
            "indicator": s.indicator.code,
            "name": s.indicator.name,
            "unit": s.indicator.unit,
            "kind": s.indicator.kind,
            "target": number(s.target),
            "value": number(s.value),
            "achievement": number(s.achievement.value),
            "reason": s.achievement.reason,
            "light": s.light,
            "status": s.status,
            "computed": s.computed,
        }
        if private:
            item = s.item
            assert item is not None, "read by scores.with_items first"
            row["narrative"] = item.narrative
            row["evidence"] = [e.title for e in item.evidence.all()]
        items.append(row)
    return {
        "code": opd.code,
        "name": opd.name,
        "rank": opd.rank,
        "previous_rank": opd.previous_rank,
        "rank_change": opd.rank_change,
        "score": number(opd.score),
        "previous_score": number(opd.previous_score),
        "light": opd.light,
        "left_out": opd.left_out,
        "items": items,
    }


def _coverage(period: Period) -> dict[str, Any]:
    code = coverage.regency_code()
    registry = sources.figure("coverage_registry", period.ends)
    official = sources.figure("coverage_ucj", period.ends)
    target = coverage.targets_for(period.year, [code]).get(code)
    return {
        "registry": _number(registry.value) if registry else None,
        "official": _number(official.value) if official else None,
        "target": None if target is None else str(target),
        "month": (registry.inputs.get("month") if registry else None),
        # The registry figure carries each kecamatan's rows (read once, at its month).
        "kecamatan": [
            {
                "code": k["code"],
                "name": k["name"],
                "registry": _number(k["registry"]),
                "official": _number(k["official"]),
                "target": k["target"],
            }
            for k in sources.kecamatan_shares(registry.inputs["kecamatan"] if registry else [])
        ],
    }


def freeze(period: Period, previous: Period | None) -> dict[str, Any]:
    scores = period_scores(period, previous)
    with_items([s for o in scores.opds for s in o.items])
    rows = selectors.completeness(period, timezone.localdate())
    regency = configured_regency()
    return {
        "regency_name": regency.display_name if regency else "",
        "period": str(period),
        "period_range": [period.starts.isoformat(), period.ends.isoformat()],
        "period_id": period.pk,
        "previous": str(previous) if previous else None,
        "taken": timezone.localtime().isoformat(timespec="minutes"),
        "error": scores.error,
        "regency": {
            "score": _number(scores.regency.score),
            "light": light(scores.regency.score),
            "left_out": scores.regency.left_out,
        },
        "coverage": _coverage(period),
        "instructions": [level_data(level) for level in scores.instructions],
        "opds": [opd_data(o) for o in scores.opds],
        "completeness": [
            {
                "code": r.code,
                "name": r.name,
                "items": r.items,
                "filled": r.filled,
                "evidenced": r.evidenced,
                "on_time": r.on_time,
                "late": r.late,
                "missing": r.missing,
                "verified": r.verified,
            }
            for r in rows
        ],
        "recommendations": [r.text for r in selectors.recommendations(period)],
    }
