"""Any coverage table as .csv or .xlsx: the same columns, the same figures as the page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from payung.coverage.selectors import ClosingOption, Row, TrendPoint
from payung.lib import spreadsheet

COLUMNS = (
    "key", "name", "workers", "active", "coverage", "active_pu", "active_bpu", "active_jakon",
    "participants_active", "working_population", "ucj", "target", "gap_registry", "gap_official",
)  # fmt: skip


SHARES = ("coverage", "ucj", "target")


def table(rows: list[Row]) -> list[list[Any]]:
    out: list[list[Any]] = [list(COLUMNS)]
    for row in rows:
        data = row.as_dict()
        data["key"] = data.pop("code", data.get("key"))
        out.append([data.get(c) for c in COLUMNS])
    return out


def as_csv(lines: list[list[Any]]) -> bytes:
    return spreadsheet.as_csv(lines)


# The .xlsx is for people: its headers in the catalogue's language. The .csv keeps the keys the
# API uses (a file for programs), as the page says.
HEADERS = {
    "key": _("code"), "name": _("name"), "workers": _("registry workers"),
    "active": _("covered"), "coverage": _("coverage"), "active_pu": _("covered PU"),
    "active_bpu": _("covered BPU"), "active_jakon": _("covered Jakon"),
    "participants_active": _("active participants"),
    "working_population": _("working population (BPS)"), "ucj": _("UCJ"),
    "target": _("target"), "gap_registry": _("to enrol (registry)"),
    "gap_official": _("to enrol (UCJ)"), "segment": _("segment"),
    "decile_band": _("decile band"), "uncovered": _("not covered"),
    "monthly_cost_per_worker": _("monthly contribution per worker (Rp)"),
    "cumulative": _("cumulative"), "needed": _("needed for the target"), "month": _("month"),
}  # fmt: skip


def as_xlsx(lines: list[list[Any]], sheet: str = "coverage") -> bytes:
    def label(key: Any) -> str:
        return str(HEADERS.get(key, key))

    named = [[label(k) for k in lines[0]], *lines[1:]]
    return spreadsheet.as_xlsx(named, sheet, shares={label(k) for k in SHARES})


def closing_table(options: list[ClosingOption]) -> list[list[Any]]:
    lines: list[list[Any]] = [
        ["segment", "decile_band", "uncovered", "monthly_cost_per_worker", "cumulative", "needed"]
    ]
    for o in options:
        lines.append(
            [
                o.segment,
                o.band,
                o.uncovered,
                o.monthly_cost,
                o.cumulative,
                "yes" if o.needed else "",
            ]
        )
    return lines


def trend_table(points: list[TrendPoint]) -> list[list[Any]]:
    lines: list[list[Any]] = [["month", "workers", "active", "coverage", "participants_active"]]
    for p in points:
        lines.append(
            [f"{p.month:%Y-%m}", p.workers, p.active, round(p.coverage, 6), p.participants_active]
        )
    return lines
