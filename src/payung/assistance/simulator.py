"""What a budget buys, or what a quota costs, and the coverage it would add: a dry run of the
programme's own selection, so the simulator and the real selection can never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from payung.assistance import eligibility, money, priority
from payung.assistance.models import Programme
from payung.assistance.services import AssistanceError, choose
from payung.coverage.selectors import (
    load_facts,
    regency_code,
    region_names,
    reporting_month,
    rollup,
)


@dataclass(frozen=True)
class AreaGain:
    code: str
    name: str
    workers: int
    covered: int
    added: int

    @property
    def before(self) -> float:
        return self.covered / self.workers if self.workers else 0.0

    @property
    def after(self) -> float:
        return (self.covered + self.added) / self.workers if self.workers else 0.0

    @property
    def before_percent(self) -> float:
        return 100 * self.before

    @property
    def after_percent(self) -> float:
        return 100 * self.after

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "workers": self.workers,
            "covered": self.covered,
            "added": self.added,
            "coverage_before": round(self.before, 4),
            "coverage_after": round(self.after, 4),
        }


@dataclass(frozen=True)
class Simulation:
    programme: Programme
    asked: str  # "budget" or "quota"
    fit: money.Fit
    eligible: int
    selected: int
    regency: AreaGain
    kecamatan: list[AreaGain] = field(default_factory=list)

    @property
    def all_eligible_taken(self) -> bool:
        return self.selected == self.eligible and self.eligible < self.fit.workers

    def as_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme.pk,
            "name": self.programme.name,
            "asked": self.asked,
            "workers": self.fit.workers,
            "budget": self.fit.budget,
            "per_worker": self.fit.per_worker,
            "left_over": self.fit.left_over,
            "eligible": self.eligible,
            "selected": self.selected,
            "all_eligible_taken": self.all_eligible_taken,
            "regency": self.regency.as_dict(),
            "kecamatan": [k.as_dict() for k in self.kecamatan],
        }


def simulate(
    programme: Programme, *, budget: int | None = None, quota: int | None = None
) -> Simulation:
    """Give a budget (how many workers, what gain) or a quota (what budget, what gain)."""
    if (budget is None) == (quota is None):
        raise ValueError("give a budget or a quota")
    if (budget or 0) < 0 or (quota or 0) < 0:
        raise AssistanceError(_("A budget or a quota cannot be negative."))
    fit = (
        money.workers_for(programme, budget)
        if budget is not None
        else money.budget_for(programme, quota or 0)
    )
    ranked = priority.priority_list(programme, eligibility.eligible_workers(programme, fresh=True))
    chosen, _seats, _short = choose(programme, ranked, quota=fit.workers)
    added = dict(chosen.group_by(pl.col("desa_id").str.slice(0, 8).alias("kec")).len().iter_rows())
    names = region_names()
    kecamatan = [
        AreaGain(row.key, row.name, row.workers, row.active, added.get(row.key, 0))
        for row in rollup(load_facts(reporting_month()), "kecamatan", names=names)
    ]
    regency = regency_code()
    total = AreaGain(
        regency,
        names.get(regency, regency),
        sum(k.workers for k in kecamatan),
        sum(k.covered for k in kecamatan),
        sum(k.added for k in kecamatan),
    )
    asked = "budget" if budget is not None else "quota"
    return Simulation(programme, asked, fit, ranked.height, chosen.height, total, kecamatan)
