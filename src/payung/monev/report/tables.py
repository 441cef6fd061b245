"""The report's tables as one .xlsx: numbers stay numbers (scores and shares as fractions shown
as percent), so Bappeda can sort, filter and chart them in Excel. From the snapshot alone."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from payung.lib.spreadsheet import as_workbook
from payung.monev.models import Snapshot


def _n(value: str | None) -> float | None:
    return None if value is None else float(value)


def report_xlsx(snapshot: Snapshot) -> bytes:
    data = snapshot.data
    score, achievement, target, value = _("Score"), _("Achievement"), _("Target"), _("Value")
    agencies: list[list[Any]] = [
        [_("Rank"), _("Code"), _("Agency"), score, _("Previous rank"), _("Previous score")]
    ]
    items: list[list[Any]] = [
        [_("Agency"), _("Indicator"), _("Name"), _("Unit"), target, value, achievement,
         _("Status"), _("Computed by Payung"), _("Evidence")]
    ]  # fmt: skip
    for o in data["opds"]:
        agencies.append(
            [o["rank"], o["code"], o["name"], _n(o["score"]), o["previous_rank"],
             _n(o["previous_score"])]
        )  # fmt: skip
        for i in o["items"]:
            items.append(
                [o["name"], i["indicator"], i["name"], i["unit"], _n(i["target"]),
                 _n(i["value"]), _n(i["achievement"]), i["status"],
                 _("yes") if i["computed"] else _("no"), len(i["evidence"])]
            )  # fmt: skip
    levels: list[list[Any]] = [[_("Instruction"), _("Action"), _("Indicator"), _("Weight"), score]]
    for ins in data["instructions"]:
        levels.append([ins["code"], "", "", _n(ins["weight"]), _n(ins["score"])])
        for a in ins["parts"]:
            levels.append([ins["code"], a["code"], "", _n(a["weight"]), _n(a["score"])])
            for i in a["parts"]:
                levels.append([ins["code"], a["code"], i["code"], _n(i["weight"]), _n(i["score"])])
    keys = ("items", "filled", "evidenced", "on_time", "late", "missing", "verified")
    heads = [_("Items"), _("Filled"), _("Evidenced"), _("On time"), _("Late"), _("Missing"),
             _("Verified")]  # fmt: skip
    complete: list[list[Any]] = [[_("Code"), _("Agency"), *heads]]
    complete.extend([r["code"], r["name"], *(r[k] for k in keys)] for r in data["completeness"])
    registry, official = _("Registry coverage"), _("Official UCJ coverage")
    goal = _("Coverage target")
    kecamatan: list[list[Any]] = [[_("Code"), _("Kecamatan"), registry, official, goal]]
    kecamatan.extend(
        [k["code"], k["name"], _n(k["registry"]), _n(k["official"]), _n(k["target"])]
        for k in data["coverage"].get("kecamatan", [])  # snapshots before 2026-12-06 lack it
    )
    return as_workbook(
        [
            (_("Agencies"), agencies),
            (_("Items"), items),
            (_("Instructions"), levels),
            (_("Completeness"), complete),
            (_("Coverage per kecamatan"), kecamatan),
        ],
        shares=(score, achievement, _("Previous score"), registry, official, goal),
    )
