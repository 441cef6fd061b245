"""Writing a linkage result: only what changed since the last run, in bulk.

A run recomputes every link, duplicate and pending review pair, yet from one run to the next
few of them change. So the stored rows are read (COPY on PostgreSQL), compared with the new
ones in Polars, and only the rows that went away are deleted and only the new ones inserted.
A first run, or one after a large import, inserts far more rows than the table keeps: on
PostgreSQL the table's secondary indexes, unique and foreign-key constraints are then dropped
and built again after the COPY, one sort or join each instead of a per-row check for every
row (about 8 s of the 1M-worker benchmark otherwise). All of it runs in the caller's
transaction, so a failure leaves the previous result and the constraints as they were.

Foreign keys cost most: adding one back reads the whole referenced table (0.4 s for 1M
workers), and checking one row by row costs more still (0.5 s at commit for 19,000 registry
duplicates). A caller that read the referenced ids under a lock held until commit (`hold`)
passes them as `known`: the new rows are checked against them in memory, and for any insert
those keys are dropped and added back NOT VALID, which skips only PostgreSQL's own check of the
rows already checked; it enforces them on every later change as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import IntegrityError, connection, models

from payung.imports import writer

# Inserted rows from which rebuilding the indexes and constraints beats checking each row
# (a foreign key is checked by reading the whole referenced table: 0.3 s for 1M workers).
REBUILD_ROWS = 50_000


@dataclass(frozen=True)
class Changes:
    deleted: int
    inserted: int
    kept: int


def sync(
    model: type[models.Model],
    rows: pl.DataFrame,
    *,
    schema: dict[str, Any],
    stamps: dict[str, str] | None = None,
    where: str = "",
    known: dict[str, pl.Series] | None = None,
) -> Changes:
    """Make the rows of `model`'s table (those matching the SQL condition `where`) equal to
    `rows`, whose columns are `schema`'s. A stored row equal on every column of `schema` is
    kept as it is (with its id and time stamps); the others are deleted and `rows` not yet
    stored are inserted, with the `stamps` (column -> value) added. `known`: foreign-key
    column -> the ids it may take, read under `hold` (see the module's note); columns not
    in `schema` are ignored."""
    table = str(model._meta.db_table)
    columns = list(schema)
    condition = f" WHERE {where}" if where else ""
    stored = writer.read_frame(f"SELECT id, {', '.join(columns)} FROM {table}{condition}", {
        "id": pl.Int64,
        **schema,
    })  # fmt: skip
    rows = rows.select(pl.col(c).cast(t) for c, t in schema.items())
    # These tables keep no NULL text: an empty text may come back from the CSV as either.
    text = [c for c, t in schema.items() if t == pl.String]
    rows = rows.with_columns(pl.col(c).fill_null("") for c in text)
    stored = stored.with_columns(pl.col(c).fill_null("") for c in text)
    # Equal on every column, nulls included: a row that moved is one deletion and one insertion.
    gone = stored.join(rows, on=columns, how="anti", nulls_equal=True).select("id")
    new = rows.join(stored, on=columns, how="anti", nulls_equal=True)
    if gone.height == stored.height:
        if gone.height:
            writer.execute(f"DELETE FROM {table}{condition}")
    else:
        _delete_ids(table, gone)
    new = new.with_columns(pl.lit(v).alias(c) for c, v in (stamps or {}).items())
    known = {c: ids for c, ids in (known or {}).items() if c in schema}
    for column, ids in known.items():
        dangling = new.filter(~pl.col(column).is_in(ids.implode())).height
        if dangling:
            raise IntegrityError(f"{table}.{column}: {dangling} rows name no row that was read")
    if new.height:
        rebuild = new.height >= max(REBUILD_ROWS, stored.height - gone.height)
        with _constraints_rebuilt_after(table, rebuild=rebuild, checked=set(known)):
            writer.bulk_load(table, new, new.columns)
    writer.analyze_if_changed(table, changed=gone.height + new.height, before=stored.height)
    return Changes(deleted=gone.height, inserted=new.height, kept=stored.height - gone.height)


def _delete_ids(table: str, ids: pl.DataFrame) -> None:
    if ids.height == 0:
        return
    with writer.staged(f"stage_delete_{table}", {"id": "bigint"}, ids) as stage:
        writer.execute(f"DELETE FROM {table} WHERE id IN (SELECT id FROM {stage})")


def hold(*models_: type[models.Model]) -> None:
    """Keep the tables of `models_` as they are until the transaction ends (PostgreSQL: no
    insert, update or delete by anyone else, and one holder at a time). What is read from them
    after this still exists at commit. Others may still read them, until the run takes them
    for its writes (`lock`): from then to the commit (the last second or so of a run at 1M
    workers), their readers wait. SQLite has one writer: a write that changes nothing takes
    its lock now, so another writer waits for the run instead of the run failing at its end."""
    tables = [str(model._meta.db_table) for model in models_]
    if connection.vendor == "postgresql":
        writer.execute(f"LOCK TABLE {', '.join(tables)} IN SHARE ROW EXCLUSIVE MODE")
    else:
        writer.execute(f"DELETE FROM {tables[0]} WHERE 0")


def lock(*models_: type[models.Model]) -> None:
    """Before `sync` alters the tables of `models_` and those their keys name: take them all at
    once (writer.lock_exclusively), so the run never waits for a reader while holding one."""
    writer.lock_exclusively([str(model._meta.db_table) for model in models_])


# Name, definition, kind ('f' foreign, 'u' unique) and (for a key on one column) that column.
CONSTRAINTS_SQL = """
SELECT conname, pg_get_constraintdef(oid), contype,
  CASE WHEN cardinality(conkey) = 1 THEN
    (SELECT attname FROM pg_attribute WHERE attrelid = conrelid AND attnum = conkey[1])
  END
FROM pg_constraint
WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC, conname
"""
INDEXES_SQL = """
SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY c.relname
"""


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@contextmanager
def _constraints_rebuilt_after(table: str, *, rebuild: bool, checked: set[str]) -> Iterator[None]:
    """On PostgreSQL, for a big insert (`rebuild`): drop the table's secondary indexes and its
    unique and foreign-key constraints, and build them again from the catalogue's own
    definitions afterwards. Adding a constraint checks every row, so a duplicate or a dangling
    id still fails the transaction. A foreign key on a `checked` column (checked by `sync`) is
    dropped for any insert and added back NOT VALID. SQLite checks nothing deferred that costs
    as much: left alone."""
    if connection.vendor != "postgresql":
        yield
        return
    constraints = _fetch(CONSTRAINTS_SQL, [table])
    indexes = _fetch(INDEXES_SQL, [table]) if rebuild else []
    foreign = [c for c in constraints if c[2] == "f"]
    unchecked = [c for c in foreign if c[3] not in checked]
    if rebuild:
        # A foreign key nobody checked stays and checks its rows: dropping it would lock the
        # table it names (the users', for a review pair's decider) against every page.
        constraints = [c for c in constraints if c not in unchecked]
    else:
        # Only if every foreign key was checked: a key left in place queues its row checks
        # for the commit, and PostgreSQL alters no table with checks queued.
        constraints = [] if unchecked else foreign
    if constraints or indexes:
        # PostgreSQL alters no table with row checks still queued for the commit (rows written
        # earlier in the transaction): they run now, and later ones wait for the commit again.
        writer.execute("SET CONSTRAINTS ALL IMMEDIATE")
        writer.execute("SET CONSTRAINTS ALL DEFERRED")
    for name, *_ in constraints:
        writer.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        writer.execute(f'DROP INDEX "{name}"')
    yield
    if unchecked and (constraints or indexes):
        writer.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the kept keys' checks, run now
        writer.execute("SET CONSTRAINTS ALL DEFERRED")
    for _, definition in indexes:
        writer.execute(definition)
    # Unique constraints first: foreign keys are listed after them (contype 'u' > 'f').
    for name, definition, kind, column in constraints:
        trusted = " NOT VALID" if kind == "f" and column in checked else ""
        writer.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}{trusted}')
