"""Coverage facts computed from the tables: set-based SQL, two statements for any dimensions.

A fact is "the canonical registry workers of one desa with one value of a dimension, how many of
them are covered, and by which segments". Everything the dashboard, the command and the API show
is a roll-up of facts, whether read live (here) or from a stored snapshot (models.SnapshotFact).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db import connection, transaction

from payung.coverage.status import active_sql
from payung.lib.months import month_start, years_before
from payung.linkage.models import WorkerDuplicate
from payung.linkage.selectors import canonical_workers, links
from payung.participants.models import Segment

# Dimensions a fact can carry besides the desa. "closing" is decile band x occupation: what the
# gap-closing options need (who is not covered, how poor, in which trade).
DIMENSIONS = ("sex", "age_band", "decile", "occupation", "closing")
UNKNOWN = "?"
AGE_BANDS = ((15, "15-24"), (25, "25-34"), (35, "35-44"), (45, "45-54"), (55, "55-64"), (65, "65+"))
# Pekerja rentan: decile 1-4 of the national socio-economic data (domain brief, glossary).
VULNERABLE_DECILES = (1, 4)
# Memory for the grouping statements' sorts and hashes, per node (PostgreSQL's work_mem).
WORK_MEM = "32MB"


# A fact's figures, in the order _grouped gives them.
NUMBERS = (
    "workers", "covered", "covered_pu", "covered_bpu", "covered_jakon",
    "uncovered_income_sum", "uncovered_income_n",
)  # fmt: skip


@dataclass
class Fact:
    desa: str
    dimension: str
    key: str
    workers: int
    covered: int
    covered_pu: int
    covered_bpu: int
    covered_jakon: int
    uncovered_income_sum: int = 0
    uncovered_income_n: int = 0


def age_band(birth_date: dt.date | None, month: dt.date) -> str:
    """Age in whole years on the first day of `month`, as a band (the SQL below does the same)."""
    if birth_date is None:
        return UNKNOWN
    label = "<15"
    for age, band in AGE_BANDS:
        if birth_date <= years_before(month_start(month), age):
            label = band
    return label


def decile_band(decile: int | None) -> str:
    if decile is None or not 1 <= decile <= 10:
        return UNKNOWN
    return "1-4" if decile <= VULNERABLE_DECILES[1] else "5-10"


def _key_sql(dimension: str, month: dt.date) -> tuple[str, list[object]]:
    if dimension == "":
        return "''", []
    if dimension == "sex":
        return f"COALESCE(NULLIF(w.sex, ''), '{UNKNOWN}')", []
    if dimension == "occupation":
        return f"COALESCE(NULLIF(w.occupation, ''), '{UNKNOWN}')", []
    if dimension == "decile":
        return (
            f"CASE WHEN w.decile BETWEEN 1 AND 10 THEN CAST(w.decile AS TEXT) ELSE '{UNKNOWN}' END",
            [],
        )
    if dimension == "closing":
        band = (
            "CASE WHEN w.decile BETWEEN 1 AND 4 THEN '1-4' "
            f"WHEN w.decile BETWEEN 5 AND 10 THEN '5-10' ELSE '{UNKNOWN}' END"
        )
        return f"{band} || '|' || COALESCE(NULLIF(w.occupation, ''), '{UNKNOWN}')", []
    if dimension == "age_band":
        start = month_start(month)
        parts = [f"CASE WHEN w.birth_date IS NULL THEN '{UNKNOWN}'"]
        params: list[object] = []
        labels = ["<15", *(band for _, band in AGE_BANDS)]
        for (age, _band), label in zip(AGE_BANDS, labels, strict=False):
            parts.append(f"WHEN w.birth_date > %s THEN '{label}'")
            params.append(years_before(start, age))
        parts.append(f"ELSE '{AGE_BANDS[-1][1]}' END")
        return " ".join(parts), params
    raise ValueError(f"unknown dimension {dimension!r}")


def compute(
    month: dt.date,
    bpu_grace_months: int,
    dimension: str = "",
    second: str | None = None,
    within: str | None = None,
) -> list[Fact]:
    """Facts of `month` by desa and `dimension` (and `second`, whose value is joined to the key
    with a tab) for the registry, or the part of it under region code `within`."""
    grouped = _grouped(month, bpu_grace_months, [dimension, second or ""], within)
    label = dimension if second is None else f"{dimension}\t{second}"
    return [
        Fact(desa, label, k1 if second is None else f"{k1}\t{k2}", *numbers)
        for (desa, k1, k2), numbers in grouped.items()
    ]


def compute_all(month: dt.date, bpu_grace_months: int) -> dict[str, list[Fact]]:
    """compute() of every dimension of DIMENSIONS, from one grouping by desa and all their
    keys at once: two passes over the registry instead of two per dimension (a snapshot of
    1M workers on PostgreSQL took 8 s with ten). Each dimension's facts are sums of those
    groups, so they are the same figures."""
    grouped = _grouped(month, bpu_grace_months, list(DIMENSIONS))
    keys = ["desa", *DIMENSIONS]
    frame = pl.DataFrame(
        [[*key, *numbers] for key, numbers in grouped.items()],
        schema=[*keys, *NUMBERS],
        orient="row",
    )
    return {
        dimension: [
            Fact(desa, dimension, key, *numbers)
            for desa, key, *numbers in frame.group_by("desa", dimension)
            .agg(pl.col(NUMBERS).sum())
            .iter_rows()
        ]
        for dimension in DIMENSIONS
    }


def _grouped(
    month: dt.date, bpu_grace_months: int, dimensions: list[str], within: str | None = None
) -> dict[tuple[str, ...], list[int]]:
    """(desa, one key per dimension) -> workers, covered, covered_pu, covered_bpu,
    covered_jakon, uncovered_income_sum, uncovered_income_n."""
    active, active_params = active_sql("p", month, bpu_grace_months)
    link_sql, link_params = links().values("participant_id", "worker_id").query.sql_with_params()
    dup_sql, dup_params = WorkerDuplicate.objects.values(
        "worker_id", "canonical_id"
    ).query.sql_with_params()
    worker_sql, worker_params = (
        canonical_workers()
        .order_by()
        .values("id", "desa_id", "sex", "birth_date", "decile", "occupation", "income")
        .query.sql_with_params()
    )
    key_sql = [_key_sql(dimension, month) for dimension in dimensions]
    selected = ", ".join(f"{sql} AS k{i}" for i, (sql, _) in enumerate(key_sql))
    grouped_by = ", ".join(f"t.k{i}" for i in range(len(key_sql)))
    keys = [param for _, params in key_sql for param in params]
    where, where_params = "", []
    if within:
        where, where_params = "WHERE w.desa_id = %s OR w.desa_id LIKE %s", [within, within + ".%"]
    # Two passes, each linear: all canonical workers, then the covered ones reached from the
    # links (a primary-key lookup each). A LEFT JOIN of workers to the covered set would make
    # SQLite scan that set once per worker. Keys are computed in an inner select and grouped
    # outside: PostgreSQL cannot tell that two parameterised CASE expressions are the same.
    everyone = f"""
    SELECT t.desa, {grouped_by}, COUNT(*), 0, 0, 0, 0, COALESCE(SUM(t.income), 0),
           COUNT(t.income)
    FROM (
        SELECT w.desa_id AS desa, {selected}, w.income AS income
        FROM ({worker_sql}) w {where}
    ) t
    GROUP BY t.desa, {grouped_by}
    """
    covered = f"""
    WITH act AS (
        SELECT p.id, p.segment FROM participants_participant p WHERE {active}
    ),
    lnk AS ({link_sql}),
    dup AS ({dup_sql}),
    cov AS (
        SELECT COALESCE(dup.canonical_id, lnk.worker_id) AS worker_id,
               MAX(CASE WHEN act.segment = %s THEN 1 ELSE 0 END) AS pu,
               MAX(CASE WHEN act.segment = %s THEN 1 ELSE 0 END) AS bpu,
               MAX(CASE WHEN act.segment = %s THEN 1 ELSE 0 END) AS jakon
        FROM lnk JOIN act ON act.id = lnk.participant_id
        LEFT JOIN dup ON dup.worker_id = lnk.worker_id
        GROUP BY COALESCE(dup.canonical_id, lnk.worker_id)
    )
    SELECT t.desa, {grouped_by}, 0, COUNT(*), SUM(t.pu), SUM(t.bpu), SUM(t.jakon),
           COALESCE(SUM(t.income), 0), COUNT(t.income)
    FROM (
        SELECT w.desa_id AS desa, {selected},
               cov.pu AS pu, cov.bpu AS bpu, cov.jakon AS jakon, w.income AS income
        FROM cov JOIN ({worker_sql}) w ON w.id = cov.worker_id
        {where}
    ) t
    GROUP BY t.desa, {grouped_by}
    """
    covered_params = [
        *active_params,
        *link_params,
        *dup_params,
        Segment.PU.value,
        Segment.BPU.value,
        Segment.JAKON.value,
        *keys,
        *worker_params,
        *where_params,
    ]
    width = 1 + len(key_sql)
    merged: dict[tuple[str, ...], list[int]] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # With PostgreSQL's default of 4 MB it sorts these groups on disk: at 1M workers
            # the two statements took 3.2-4.2 s that way and 2.6-3.1 s with this, which
            # holds for this transaction only.
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(everyone, [*keys, *worker_params, *where_params])  # type: ignore[list-item]
        for row in cursor.fetchall():
            merged[tuple(row[:width])] = [int(n) for n in row[width:]]
        cursor.execute(covered, covered_params)
        for row in cursor.fetchall():
            _, n, pu, bpu, jakon, income_sum, income_n = row[width:]
            numbers = merged[tuple(row[:width])]
            numbers[1:5] = [int(n), int(pu), int(bpu), int(jakon)]
            # What is left of the income figures is the uncovered workers'.
            numbers[5] -= int(income_sum)
            numbers[6] -= int(income_n)
    return merged


def participants_active(
    month: dt.date, bpu_grace_months: int, regency: str
) -> list[tuple[str, str, int]]:
    """(region code, segment, active participants) for codes inside the regency: the official
    UCJ numerator, linked to the registry or not."""
    active, params = active_sql("p", month, bpu_grace_months)
    sql = f"""
    SELECT p.region_code, p.segment, COUNT(*) FROM participants_participant p
    WHERE {active} AND (p.region_code = %s OR p.region_code LIKE %s)
    GROUP BY p.region_code, p.segment
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, regency, regency + ".%"])  # type: ignore[list-item]
        return [(code, segment, int(n)) for code, segment, n in cursor.fetchall()]
