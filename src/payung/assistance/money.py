"""What a programme costs, always from the one contribution calculator (contributions app).

A worker's package is priced month by month on that month's rules, so a rate change in the
middle of the year is billed correctly; 5,000 workers × Rp 16.800 × 12 = Rp 1.008.000.000 at the
2025 minimum BPU package (PP 44/2015 as amended by PP 82/2019; Permenaker 5/2021).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from payung.assistance.models import FundingSource, Programme
from payung.contributions.calculator import Calculation, calculate_bpu

# Sources paid from APBN or APBD (the regency's budget, its DBH CHT share, the village fund
# the state transfers): PP 50/2025's cut of BPU contributions does not apply to them.
PUBLIC_FUNDS = {FundingSource.APBD, FundingSource.DBH_CHT, FundingSource.DANA_DESA}


def monthly(programme: Programme, month: dt.date) -> Calculation:
    """One worker's package for one month, on the rules in force in that month. A programme
    paid from public funds pays full price; one paid by CSR or BAZNAS gets any temporary cut
    of "other sectors" (its workers' sectors are not told apart)."""
    return calculate_bpu(
        programme.declared_income,
        programs=list(programme.programs),
        months=1,
        on_date=month,
        public_funds=programme.funding_source in PUBLIC_FUNDS,
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
