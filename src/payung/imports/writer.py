"""Set-based writes: load a Polars frame into a table in one go, and upsert from a stage.

PostgreSQL gets COPY; SQLite gets one executemany. Both run inside the caller's transaction,
so an interrupted import leaves nothing behind.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import polars as pl
from django.db import connection


def _prepared(frame: pl.DataFrame, columns: Sequence[str]) -> pl.DataFrame:
    selected = frame.select(columns)
    return selected.with_columns(
        [pl.col(c).cast(pl.String) for c, t in selected.schema.items() if t == pl.Date]
    )


def bulk_load(table: str, frame: pl.DataFrame, columns: Sequence[str]) -> None:
    """INSERT every row of `frame` (only `columns`, same names as the table's) into `table`."""
    if frame.height == 0:
        return
    data = _prepared(frame, columns)
    column_sql = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            data.write_csv(buffer, include_header=False, null_value="")
            sql = f"COPY {table} ({column_sql}) FROM STDIN WITH (FORMAT csv)"
            with cursor.cursor.copy(sql) as copy:  # psycopg 3's COPY
                copy.write(buffer.getvalue())
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders})", data.rows()
            )


def create_stage(name: str, column_types: dict[str, str]) -> None:
    """A temporary table for one import; gone at the end of the session (or the rollback)."""
    columns = ", ".join(f"{c} {t}" for c, t in column_types.items())
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns})")


def execute(sql: str, params: Sequence[Any] = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def scalar(sql: str, params: Sequence[Any] = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def upsert_from_stage(
    *,
    stage: str,
    target: str,
    versions: str,
    version_owner: str,
    id_column: str,
    data_columns: Sequence[str],
    history_columns: Sequence[str],
    batch_id: int,
) -> tuple[int, int, int]:
    """Apply stage rows to `target`: keep the old values of changed rows in `versions`,
    update them, insert the new ones. Returns (inserted, updated, unchanged).
    `history_columns` are the target's columns copied into `versions` before an update.

    The stage must have `id_column` filled with the target's id for rows that exist.
    """
    execute(f"CREATE INDEX {stage}_target ON {stage} ({id_column})")
    differs = " OR ".join(f"t.{c} IS DISTINCT FROM s.{c}" for c in data_columns)
    changed = f"SELECT s.{id_column} FROM {stage} s JOIN {target} t ON t.id = s.{id_column}"
    changed += f" WHERE {differs}"
    execute(f"CREATE TEMPORARY TABLE {stage}_changed AS {changed}")
    try:
        updated = scalar(f"SELECT count(*) FROM {stage}_changed")
        matched = scalar(f"SELECT count(*) FROM {stage} WHERE {id_column} IS NOT NULL")
        hist = ", ".join(history_columns)
        execute(
            f"INSERT INTO {versions} ({hist}, {version_owner}, replaced_by_batch_id, replaced_at) "
            f"SELECT {', '.join('t.' + c for c in history_columns)}, t.id, %s, CURRENT_TIMESTAMP "
            f"FROM {target} t WHERE t.id IN (SELECT {id_column} FROM {stage}_changed)",
            [batch_id],
        )
        assignments = ", ".join(f"{c} = s.{c}" for c in data_columns)
        execute(
            f"UPDATE {target} SET {assignments}, batch_id = %s, updated_at = CURRENT_TIMESTAMP "
            f"FROM {stage} s WHERE s.{id_column} = {target}.id "
            f"AND s.{id_column} IN (SELECT {id_column} FROM {stage}_changed)",
            [batch_id],
        )
        columns = ", ".join(data_columns)
        inserted = execute(
            f"INSERT INTO {target} ({columns}, batch_id, created_at, updated_at) "
            f"SELECT {', '.join('s.' + c for c in data_columns)}, %s, CURRENT_TIMESTAMP, "
            f"CURRENT_TIMESTAMP FROM {stage} s WHERE s.{id_column} IS NULL",
            [batch_id],
        )
    finally:
        execute(f"DROP TABLE IF EXISTS {stage}_changed")
    return inserted, updated, matched - updated
