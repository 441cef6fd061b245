"""Is a participation active in a month? The one place this rule lives.

Domain brief, "Participant status": active means contributions paid through the month in
question; a BPU (non-wage) participant who stops paying keeps cover for a grace period
[verify its length], kept as data in CoverageSettings.bpu_grace_months.

Which fact wins: the export's `last_paid` (first day of the last month paid) is the one that can
be read as of any month, so it decides whenever it is present. The AKTIF / NON AKTIF flag is a
statement about the day of the export only; it decides only for rows without `last_paid`.
The export carries no start date, so a participation paid beyond a past month counts as active
in that month.
"""

from __future__ import annotations

import datetime as dt

from payung.lib.months import add_months, month_start
from payung.participants.models import Segment, Status


def grace_months(segment: str, bpu_grace_months: int) -> int:
    return bpu_grace_months if segment == Segment.BPU else 0


def is_active(
    *,
    segment: str,
    status: str,
    last_paid: dt.date | None,
    month: dt.date,
    bpu_grace_months: int,
) -> bool:
    """The rule for one participation in `month` (any day of it)."""
    if last_paid is None:
        return status == Status.ACTIVE
    oldest_paid = add_months(month_start(month), -grace_months(segment, bpu_grace_months))
    return month_start(last_paid) >= oldest_paid


def active_sql(alias: str, month: dt.date, bpu_grace_months: int) -> tuple[str, list[object]]:
    """The same rule as `is_active`, as a SQL condition on participants_participant `alias`
    (set-based: one pass over the participants, on SQLite and PostgreSQL alike)."""
    start = month_start(month)
    bpu_from = add_months(start, -bpu_grace_months)
    sql = (
        f"(({alias}.last_paid IS NOT NULL AND {alias}.last_paid >= "
        f"CASE WHEN {alias}.segment = %s THEN %s ELSE %s END)"
        f" OR ({alias}.last_paid IS NULL AND {alias}.status = %s))"
    )
    return sql, [Segment.BPU.value, bpu_from, start, Status.ACTIVE.value]
