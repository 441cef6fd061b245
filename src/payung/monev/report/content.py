"""What the period report says, from a snapshot alone: every figure written as the Regent
reads it (93,0 %; 78.485), every heading in the active language. The PDF, the .docx and the
charts are drawn from this one dict, so the two forms of the report cannot disagree."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from payung.lib.numbers import grouped, percent
from payung.monev.models import ItemStatus, Kind, Snapshot
from payung.monev.scores import AMBER, GREEN, method

TOP = 3  # the summary names the three best and the three lagging OPDs
LABEL = 38  # a chart's label: the first characters of a long instruction
LIGHTS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "none": "#9e9e9e"}


def _share(value: str | None, decimals: int = 1) -> str:
    return percent(None if value is None else Decimal(value), decimals)


def _figure(value: str | None, unit: str, kind: str) -> str:
    """An item's target or realisation in its indicator's unit."""
    if value is None:
        return "–"
    if kind == Kind.MILESTONE:
        return _("done") if Decimal(value) >= 1 else _("not done")
    if unit == "%":
        return percent(Decimal(value))
    number = Decimal(value)
    if number == number.to_integral_value():
        return grouped(number)
    return f"{number.normalize():f}".replace(".", ",")


def _bar(value: str | None) -> float:
    """A score as a bar's length in percent of the axis (0 to the cap, 120 %)."""
    return 0.0 if value is None else round(min(float(value), 1.2) * 100, 1)


def _level(level: dict[str, Any]) -> dict[str, Any]:
    name = level["name"]
    return {
        "code": level["code"],
        "name": name,
        "label": f"{level['code']} {name[:LABEL]}…" if len(name) > LABEL else name,
        "weight": "–" if level["weight"] is None else grouped(Decimal(level["weight"])),
        "score": _share(level["score"]),
        "light": level["light"],
        "colour": LIGHTS[level["light"]],
        "bar": _bar(level["score"]),
        "left_out": ", ".join(level["left_out"]),
        "parts": [_level(p) for p in level["parts"]],
    }


def _rows(instruction: dict[str, Any]) -> list[dict[str, Any]]:
    """An instruction's actions, each followed by its indicators: one table for Word."""
    rows = []
    for action in instruction["parts"]:
        rows.append({**action, "action": True})
        rows.extend({**i, "action": False} for i in action["parts"])
    return rows


def _change(opd: dict[str, Any]) -> str:
    change = opd["rank_change"]
    if change is None:
        return "–" if opd["previous_rank"] is None else "="
    if change == 0:
        return "="
    return f"▲{change}" if change > 0 else f"▼{-change}"


def _opd(opd: dict[str, Any]) -> dict[str, Any]:
    statuses = dict(ItemStatus.choices)
    return {
        "rank": "–" if opd["rank"] is None else str(opd["rank"]),
        "code": opd["code"],
        "name": opd["name"],
        "label": opd["name"],
        "score": _share(opd["score"]),
        "light": opd["light"],
        "colour": LIGHTS[opd["light"]],
        "bar": _bar(opd["score"]),
        "change": _change(opd),
        "results": [
            {
                "code": i["indicator"],
                "name": i["name"],
                "target": _figure(i["target"], i["unit"], i["kind"]),
                "value": _figure(i["value"], i["unit"], i["kind"]),
                "achievement": _share(i["achievement"], 0),
                "reason": i["reason"],
                "light": i["light"],
                "colour": LIGHTS[i["light"]],
                "status": str(statuses.get(i["status"], i["status"])),
                "evidence": len(i["evidence"]),
            }
            for i in opd["items"]
        ],
    }


def labels() -> dict[str, str]:
    """Every heading of the report, translated once here for the PDF and the .docx."""
    return {
        "title": _("Monitoring and evaluation report"),
        "subtitle": _("Presidential Instruction No. 2 of 2021 on Social Security Employment"),
        "period": _("Period"),
        "taken": _("Snapshot taken"),
        "summary": _("Summary for the Regent"),
        "score": _("Regency score"),
        "score_short": _("Score"),
        "coverage": _("Coverage"),
        "registry": _("Registry coverage"),
        "official": _("Official UCJ coverage"),
        "target": _("Target"),
        "kecamatan": _("Coverage per kecamatan"),
        "kecamatan_name": _("Kecamatan"),
        "best": _("Best agencies"),
        "lagging": _("Lagging agencies"),
        "instructions": _("Results per instruction"),
        "action": _("Action"),
        "indicator": _("Indicator"),
        "weight": _("Weight"),
        "achievement": _("Achievement"),
        "realisation": _("Realisation"),
        "status": _("Status"),
        "opds": _("Results per agency"),
        "rank": _("Rank"),
        "change": _("Change"),
        "agency": _("Agency"),
        "charts": _("Charts"),
        "chart_opds": _("Agency scores (capped at 120 %)"),
        "chart_instructions": _("Instruction scores (capped at 120 %)"),
        "recommendations": _("Bappeda's recommendations"),
        "none": _("None entered."),
        "method": method(),
        "legend": _(
            "Green: at least %(green)s %% of the target; amber: %(amber)s %% to under %(green)s %%;"
            " red: under %(amber)s %%."
        )
        % {"green": int(GREEN * 100), "amber": int(AMBER * 100)},
        "left_out": _("Not scored (no target)"),
        "error": _("The scores could not be computed"),
        "evidence": _("Evidence"),
    }


def content(snapshot: Snapshot) -> dict[str, Any]:
    data = snapshot.data
    opds = [_opd(o) for o in data["opds"]]
    scored = [o for o in opds if o["rank"] != "–"]
    best = scored[:TOP]
    lagging = [o for o in reversed(scored[TOP:])][:TOP]
    coverage = data["coverage"]
    return {
        "labels": labels(),
        "regency": data.get("regency_name", ""),
        "period": data["period"],
        "previous": data["previous"] or "–",
        "taken": data["taken"].replace("T", " ")[:16],
        "error": data["error"],
        "score": _share(data["regency"]["score"]),
        "light": data["regency"]["light"],
        "colour": LIGHTS[data["regency"]["light"]],
        "coverage": {
            "registry": _share(coverage["registry"]),
            "official": _share(coverage["official"]),
            "target": _share(coverage["target"]),
            "month": coverage["month"] or "–",
            "kecamatan": [
                {
                    "name": k["name"],
                    "registry": _share(k["registry"]),
                    "official": _share(k["official"]),
                    "target": _share(k["target"]),
                }
                for k in coverage.get("kecamatan", [])  # snapshots before 2026-12-06 lack it
            ],
        },
        "best": best,
        "lagging": lagging,
        "instructions": [
            {**level, "rows": _rows(level)} for level in map(_level, data["instructions"])
        ],
        "opds": opds,
        "recommendations": data["recommendations"],
    }
