"""What a programme costs, always from the one contribution calculator (contributions app).

A worker's package is priced month by month on that month's rules, so a rate change in the
middle of the year is billed correctly; 5,000 workers × Rp 16.800 × 12 = Rp 1.008.000.000 at the
2025 minimum BPU package (PP 44/2015 as amended by PP 82/2019; Permenaker 5/2021).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from payung.assistance.models import Programme
from payung.contributions.calculator import Calculation, calculate_bpu


def monthly(programme: Programme, month: dt.date) -> Calculation:
    """One worker's package for one month, on the rules in force in that month."""
    return calculate_bpu(
        programme.declared_income, programs=list(programme.programs), months=1, on_date=month
    )


def prices(programme: Programme) -> dict[dt.date, int]:
    """One worker's package in each month the programme covers, on that month's rules."""
    return {month: monthly(programme, month).monthly_total for month in programme.month_list()}


def per_worker(programme: Programme) -> int:
    """One worker for every month the programme covers."""
    return sum(prices(programme).values())


@dataclass(frozen=True)
class Fit:
    workers: int
    budget: int  # what that many workers cost
    per_worker: int
    left_over: int  # of the budget asked about (0 when the quota was given)


def budget_for(programme: Programme, workers: int) -> Fit:
    unit = per_worker(programme)
    return Fit(workers, workers * unit, unit, 0)


def workers_for(programme: Programme, budget: int) -> Fit:
    unit = per_worker(programme)
    workers = budget // unit if unit else 0
    return Fit(workers, workers * unit, unit, budget - workers * unit)
