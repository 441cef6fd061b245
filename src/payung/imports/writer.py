"""Set-based writes for imports.

What an import changes is worked out in Polars: the file's rows are joined to the rows the
table already holds, by key, and split into new, changed and unchanged. New rows go straight
into the table (COPY on PostgreSQL, one executemany on SQLite); changed rows go through a
temporary stage table so their old values can be kept as versions before the update. All of it
runs inside the caller's transaction, so an interrupted import leaves nothing behind.
"""

from __future__ import annotations

import io
import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import polars as pl
import psycopg
from django.db import DatabaseError, OperationalError, connection, models, transaction
from django.utils import timezone

from payung.imports.models import PendingIndex
from payung.imports.prepare import KEEP, KEPT

logger = logging.getLogger(__name__)


def _as_text_dates(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        [pl.col(c).cast(pl.String) for c, t in frame.schema.items() if t == pl.Date]
    )


CHUNK_ROWS = 50_000  # rows converted at a time: bounds memory whatever the file's size


def bulk_load(table: str, frame: pl.DataFrame, columns: Sequence[str]) -> None:
    """INSERT every row of `frame` (only `columns`, same names as the table's) into `table`."""
    if frame.height == 0:
        return
    data = _as_text_dates(frame.select(columns))
    column_sql = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({column_sql}) FROM STDIN WITH (FORMAT csv)"
            with cursor.cursor.copy(sql) as copy:  # psycopg 3's COPY
                for chunk in data.iter_slices(CHUNK_ROWS):
                    csv = io.BytesIO()  # bytes: a str would be encoded again by psycopg
                    chunk.write_csv(csv, include_header=False, null_value="")
                    copy.write(csv.getbuffer())
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders})"
            for chunk in data.iter_slices(CHUNK_ROWS):
                cursor.executemany(sql, chunk.rows())


def read_frame(sql: str, schema: dict[str, Any], params: Sequence[Any] = ()) -> pl.DataFrame:
    """The result of `sql` (with `params`) as a frame with `schema` (column -> Polars type).

    Select dates as text (`CAST(d AS TEXT)`): SQLite hands back date objects otherwise."""
    text_schema = dict.fromkeys(schema, pl.String)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            copy_sql = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
            with cursor.cursor.copy(copy_sql, params or None) as copy:
                for block in copy:
                    buffer.write(block)
            if buffer.tell() == 0:
                return pl.DataFrame(schema=schema)
            text = pl.read_csv(
                buffer.getvalue(), has_header=False, new_columns=list(schema), infer_schema=False
            )
        else:
            cursor.execute(sql, params)
            chunks = []
            while rows := cursor.fetchmany(CHUNK_ROWS):
                chunks.append(pl.DataFrame(rows, schema=text_schema, orient="row"))
            if not chunks:
                return pl.DataFrame(schema=schema)
            text = pl.concat(chunks)
    return text.with_columns(
        pl.col(c).str.to_date("%Y-%m-%d", strict=False) if t == pl.Date else pl.col(c).cast(t)
        for c, t in schema.items()
    )


def create_stage(name: str, column_types: dict[str, str]) -> None:
    """A temporary table for one import; gone at the end of the session (or the rollback)."""
    columns = ", ".join(f"{c} {t}" for c, t in column_types.items())
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns})")


@contextmanager
def staged(name: str, column_types: dict[str, str], frame: pl.DataFrame) -> Iterator[str]:
    """`frame` (columns named as `column_types`) in a temporary table `name`, dropped after
    the block: how a set of rows reaches a query without a parameter per row."""
    create_stage(name, column_types)
    try:
        bulk_load(name, frame, list(column_types))
        yield name
    finally:
        execute(f"DROP TABLE IF EXISTS {name}")


def execute(sql: str, params: Sequence[Any] = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


# How long `lock_exclusively` keeps asking before it waits in line like anyone else.
LOCK_PATIENCE_SECONDS = 60.0


def lock_exclusively(tables: Sequence[str]) -> None:
    """On PostgreSQL, take ACCESS EXCLUSIVE locks on all of `tables` at once, or none, before
    a write that alters them (drops an index or a key for a big load). Taken one by one, the
    writer would hold one table while waiting for a page that reads it and another it holds:
    a deadlock, which PostgreSQL ends by failing one of the two (found by the load benchmark:
    a linkage run failed while 50 people browsed). So each try asks with NOWAIT inside a
    savepoint, and a try that finds a table in use gives back what it took and is made again
    a moment later: this transaction never waits while holding such a lock. Pages that come
    after it wait for its commit. Inside the caller's transaction; locks it already holds are
    granted at once."""
    if connection.vendor != "postgresql" or not tables:
        return
    statement = f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE"
    deadline = time.monotonic() + LOCK_PATIENCE_SECONDS
    while time.monotonic() < deadline:
        try:
            with transaction.atomic():
                execute(statement + " NOWAIT")
            return
        except OperationalError as exc:
            if not isinstance(exc.__cause__, psycopg.errors.LockNotAvailable):
                raise
        time.sleep(random.uniform(0.01, 0.05))
    execute(statement)


@dataclass(frozen=True)
class Target:
    """A table an import writes, and how its rows are recognised and versioned."""

    model: type[models.Model]
    key: str  # the column that recognises a row again (match_key, kpj)
    data_columns: Sequence[str]  # what the import writes; compared to find changes
    versions: str  # the table that keeps old values
    version_owner: str  # its column pointing to the row
    history_columns: Sequence[str]  # the columns copied into versions
    nullable_text: Sequence[str] = ()  # text columns stored as NULL when empty (e.g. nik)
    # What the table's own triggers do for new rows, done by Payung instead during a big load
    # on PostgreSQL (see _triggers_replaced): called with each part's new rows, as written.
    instead_of_triggers: Callable[[pl.DataFrame], None] | None = None

    @property
    def table(self) -> str:
        return str(self.model._meta.db_table)

    def fields(self) -> dict[str, models.Field[Any, Any]]:
        """The model's field behind each data column (by column name: desa_id, not desa)."""
        by_column = {f.column: f for f in self.model._meta.concrete_fields}
        return {c: by_column[c] for c in self.data_columns}

    def column_types(self) -> dict[str, str]:
        """SQL types of data_columns as the model declares them, for a stage table."""
        return {c: str(f.db_type(connection)) for c, f in self.fields().items()}


@dataclass(frozen=True)
class Owner:
    """Who brings an import's rows: `value` goes into `column` of every new row. When
    `restricted`, a change to a row that someone else brought is not written but held, handed
    to `upsert_parts`' on_held with the stored values beside (as `<column>_old`)."""

    column: str
    value: int | None
    restricted: bool


Held = Callable[[pl.DataFrame], object]


# Finds, for rows the key did not match, an existing row they correct: returns the frame of
# unmatched rows with `id` filled where it found one, leaving out the ids in the Series (taken by
# an earlier part of the file). See registry.importer.
Fallback = Callable[[pl.DataFrame, pl.DataFrame, pl.Series], pl.DataFrame]


def _same(column: str) -> pl.Expr:
    """Null-safe equality of a new value and the stored one (`<column>_old`)."""
    return pl.col(column).eq_missing(pl.col(f"{column}_old"))


def upsert(
    frame: pl.DataFrame, target: Target, batch_id: int, fallback: Fallback | None = None
) -> tuple[int, int, int]:
    """Write `frame` (one row per record, `target.data_columns`) into `target.table`.
    Returns (inserted, updated, unchanged)."""
    return upsert_parts([frame], target, batch_id, rows=frame.height, fallback=fallback)


def upsert_parts(
    parts: Iterable[pl.DataFrame],
    target: Target,
    batch_id: int,
    *,
    rows: int,
    fallback: Fallback | None = None,
    owner: Owner | None = None,
    on_held: Held | None = None,
) -> tuple[int, int, int]:
    """`upsert` for a file that arrives in parts (about `rows` rows in all), each written as it
    comes: the stored rows are read once, new rows go in part by part, changed ones at the end.
    Whether the load is big (see _indexes_rebuilt_after) is judged from the first part. A held
    change (see Owner) counts as unchanged: the stored row is."""
    columns = list(target.data_columns)
    now = str(connection.ops.adapt_datetimefield_value(timezone.now()))
    constant: dict[str, Any] = {"batch_id": batch_id, "created_at": now, "updated_at": now}
    if owner is not None:
        constant[owner.column] = owner.value
    blanks_to_null = [
        pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
        for c in target.nullable_text
    ]
    build_pending_indexes()  # a load cut short after its commit left some
    existing = _stored(target, owner)
    taken = pl.Series("id", [], dtype=pl.Int64)
    inserted = unchanged = 0
    changed_parts = []
    with ExitStack() as big_load:
        for index, frame in enumerate(parts):
            new, found, changed, taken = _compare(frame, existing, target, fallback, taken)
            if index == 0:
                # The first part's share of new rows, extrapolated to the file; and only into
                # a table (nearly) empty. Dropping its indexes locks it against every reader
                # until the commit: into a populated registry, pages that read it waited for
                # the whole load (load benchmark: 20 s for 1M rows into 80,000, with every
                # gunicorn worker stuck). Into a populated table the load keeps its indexes:
                # slower (33 s against 18 s for that million), and nobody waits.
                big = existing.height < BIG_LOAD and new.height * rows >= BIG_LOAD * max(
                    frame.height, 1
                )
                big_load.enter_context(_indexes_rebuilt_after(target.model, big=big))
                given = big_load.enter_context(_as_defaults(target.table, constant, big=big))
                stamped = [c for c in constant if c not in given]
                replace_triggers = big_load.enter_context(_triggers_replaced(target, big=big))
            new = new.with_columns(*blanks_to_null)
            bulk_load(
                target.table,
                new.with_columns(*(pl.lit(constant[c]).alias(c) for c in stamped)),
                [*columns, *stamped],
            )
            if replace_triggers is not None:
                replace_triggers(new)
            if owner is not None and owner.restricted:
                changed, held = _held_back(changed, existing, owner, columns)
                if held.height and on_held is not None:
                    on_held(held)
            inserted += new.height
            unchanged += found.height - changed.height
            changed_parts.append(changed)
    updated = sum(part.height for part in changed_parts)
    if updated:
        changed = pl.concat(changed_parts).with_columns(*blanks_to_null)
        update_rows(changed, target, batch_id, now)
    analyze_if_changed(target.table, changed=inserted + updated, before=existing.height)
    return inserted, updated, unchanged


def analyze_if_changed(table: str, *, changed: int, before: int) -> None:
    """On PostgreSQL, refresh the planner's statistics of `table` after a write that changed a
    good share of it (autovacuum's own threshold: 50 rows and a tenth of the table), instead
    of waiting for autovacuum, which may be minutes away or turned off. Found by the load
    benchmark: on a registry loaded moments before, the planner took 25,000 participants for
    126 and a programme's page spent 1.7 s on one count instead of 0.14 s.

    And merge the pending lists of its GIN indexes (registry search's): a GIN index takes new
    rows into a list that every search reads row by row until a vacuum merges it. Found by the
    search benchmark: after importing 80,000 workers, one name search took 90 ms, 5 ms after."""
    if connection.vendor == "postgresql" and changed >= 50 + before // 10:
        execute(f"ANALYZE {table}")
        execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
            " WHERE i.indrelid = %s::regclass AND a.amname = 'gin'",
            [table],
        )


def _polars_type(field: models.Field[Any, Any]) -> Any:
    if field.get_internal_type() == "DateField":
        return pl.Date
    if isinstance(field, models.IntegerField):  # small, positive and big ones too
        return pl.Int64
    return pl.String


def _held_back(
    changed: pl.DataFrame, existing: pl.DataFrame, owner: Owner, columns: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split changed rows into those the owner brought (written) and the others (held), the
    held ones with their stored values beside as `<column>_old`."""
    compared = changed.join(
        existing.select("id", *columns, owner.column), on="id", how="left", suffix="_old"
    ).rename({owner.column: f"{owner.column}_old"})
    own = pl.col(f"{owner.column}_old").eq_missing(pl.lit(owner.value, dtype=pl.Int64))
    return compared.filter(own).select("id", *columns), compared.filter(~own)


def _stored(target: Target, owner: Owner | None = None) -> pl.DataFrame:
    """The rows `target` holds, typed as the import's frames are, with "" for NULL text."""
    columns = list(target.data_columns)
    types: dict[str, Any] = {"id": pl.Int64}
    types.update((c, _polars_type(f)) for c, f in target.fields().items())
    if owner is not None:
        types[owner.column] = pl.Int64
        columns.append(owner.column)
    selected = [f"CAST({c} AS TEXT) AS {c}" if types[c] == pl.Date else c for c in columns]
    existing = read_frame(f"SELECT id, {', '.join(selected)} FROM {target.table}", types)
    # Empty text and NULL are the same value here: compare them as "".
    return existing.with_columns(pl.col(c).fill_null("") for c in columns if types[c] == pl.String)


def _compare(
    frame: pl.DataFrame,
    existing: pl.DataFrame,
    target: Target,
    fallback: Fallback | None,
    taken: pl.Series,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.Series]:
    """Split `frame` into new rows, rows found (with their `id`), and of those the changed;
    and `taken` with the ids the fallback gave."""
    columns = list(target.data_columns)
    text_columns = [c for c in columns if frame.schema[c] == pl.String]
    frame = frame.with_columns(pl.col(c).fill_null("") for c in text_columns)
    matched = frame.join(
        existing.select("id", target.key), on=target.key, how="left", maintain_order="left"
    )
    if fallback is not None:
        unmatched = fallback(matched.filter(pl.col("id").is_null()), existing, taken)
        matched = pl.concat([matched.filter(pl.col("id").is_not_null()), unmatched])
        taken = pl.concat([taken, unmatched.get_column("id").drop_nulls()])
    new = matched.filter(pl.col("id").is_null()).drop(KEPT)
    found = matched.filter(pl.col("id").is_not_null())
    compared = found.join(existing, on="id", how="left", suffix="_old")
    # A flagged cell keeps the stored value (prepare.KEEP); the row's other cells still update.
    compared = compared.with_columns(
        pl.when(pl.col(KEEP + c)).then(pl.col(f"{c}_old")).otherwise(pl.col(c)).alias(c)
        for c in columns
        if KEEP + c in compared.columns
    )
    found = found.drop(KEPT)
    changed = compared.filter(~pl.all_horizontal(_same(c) for c in columns)).select("id", *columns)
    return new, found, changed, taken


BIG_LOAD = 10_000  # new rows from which building indexes afterwards beats updating them


# Connections that build a big load's indexes side by side after its commit. PostgreSQL
# builds an index with one process (a GIN index always; a btree may take helpers), so one
# builder per core of the database's machine: two here.
INDEX_BUILDERS = 2


@contextmanager
def _indexes_rebuilt_after(model: type[models.Model], *, big: bool) -> Iterator[None]:
    """For a big load into a table (nearly) empty, drop the secondary indexes (and, on
    PostgreSQL, the unique constraints) and build them again after: one sort per index instead
    of a million random inserts. Inside the import's transaction, so a failure restores them;
    the table is locked meanwhile, and nobody reads an empty table. A duplicate key still
    fails: the unique constraints come back before the commit.

    On PostgreSQL, when the import's transaction is the outermost, the other indexes are built
    after the commit, side by side (build_pending_indexes, which the import waits for): inside
    one transaction they are built one after another on one core, 5.5 s of a 1M-row load.
    Meanwhile the rows can be read, unindexed; writes to the table wait for the builds."""
    if not big:
        yield
        return
    table = model._meta.db_table
    indexes = _secondary_indexes(table)
    uniques = [
        (c.name, _columns(model, c.fields))
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and connection.vendor == "postgresql"
    ]  # SQLite cannot drop a constraint short of rebuilding the table
    for name, _ in uniques:
        execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    for name, _ in indexes:
        execute(f"DROP INDEX {name}")
    yield
    for name, columns in uniques:
        execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} UNIQUE ({columns})")
    if connection.vendor == "postgresql" and _outermost_transaction():
        PendingIndex.objects.bulk_create(
            [PendingIndex(name=n, table=table, definition=d) for n, d in indexes],
            ignore_conflicts=True,
        )
        # robust: the rows are committed; an index that fails to build stays pending (logged).
        transaction.on_commit(build_pending_indexes, robust=True)
    else:
        for _, definition in indexes:
            execute(definition)


def _outermost_transaction() -> bool:
    """Whether the transaction open on this connection is a single atomic block: its commit
    is the import's own. Inside another (a test's, a caller's), the indexes are built in it."""
    return len(connection.atomic_blocks) == 1


def build_pending_indexes() -> int:
    """Build the indexes big loads left to build after their commit (PendingIndex), and return
    how many it built. Outside a transaction, on INDEX_BUILDERS connections side by side, each
    index in a transaction of its own that also deletes its row; within one (an import that
    finds an index still pending from a load cut short), one after another in savepoints. An
    index that fails to build (a full disk) is logged and stays pending: the rows it serves are
    committed, and the next import tries again rather than failing for it."""
    if connection.vendor != "postgresql":
        return 0
    # The biggest first (GIN indexes), so the last one to finish starts early.
    names = [
        name
        for name, definition in sorted(
            PendingIndex.objects.values_list("name", "definition"),
            key=lambda nd: ("USING gin" not in nd[1], nd[0]),
        )
    ]
    if connection.in_atomic_block or not names:
        return sum(_build_index(name) for name in names)
    with ThreadPoolExecutor(INDEX_BUILDERS, thread_name_prefix="index") as builders:
        return sum(builders.map(_build_in_own_connection, names))


def _build_in_own_connection(name: str) -> bool:
    try:
        return _build_index(name)
    finally:
        connection.close()  # this thread's own: Django opened it for the thread


def _build_index(name: str) -> bool:
    """Build the pending index `name` and delete its row, unless another builder holds it."""
    try:
        with transaction.atomic():
            pending = (
                PendingIndex.objects.select_for_update(skip_locked=True).filter(name=name).first()
            )
            if pending is None:
                return False
            execute(pending.definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
            pending.delete()
            return True
    except DatabaseError:
        logger.exception("index %s could not be built: it stays pending", name)
        return False


@contextmanager
def _as_defaults(table: str, values: dict[str, Any], *, big: bool) -> Iterator[set[str]]:
    """For a big load on PostgreSQL (the table is locked already, see _indexes_rebuilt_after),
    make the columns every new row shares (batch, timestamps) defaults while it lasts, and
    yield their names: the COPY leaves them out instead of PostgreSQL parsing the same
    timestamp twice per row, a sixth of a million-row COPY. Inside the transaction, so the
    table is as it was after a failure too."""
    if not (big and connection.vendor == "postgresql"):
        yield set()
        return
    execute(
        f"ALTER TABLE {table} " + ", ".join(f"ALTER COLUMN {c} SET DEFAULT %s" for c in values),
        list(values.values()),
    )
    yield set(values)
    execute(f"ALTER TABLE {table} " + ", ".join(f"ALTER COLUMN {c} DROP DEFAULT" for c in values))


@contextmanager
def _triggers_replaced(
    target: Target, *, big: bool
) -> Iterator[Callable[[pl.DataFrame], None] | None]:
    """For a big load on PostgreSQL into a table whose Target says what its triggers do, turn
    them off while it lasts and yield that instead (the table is locked already, see
    _indexes_rebuilt_after). The registry's statement trigger, which adds new names' words to
    search's dictionary, took a 1M-row load 1.2 s of the server's time, in SQL; the same
    words taken in Polars beside the load cost a tenth of that. Inside the transaction, so a
    failure leaves the triggers on."""
    if not (big and connection.vendor == "postgresql" and target.instead_of_triggers):
        yield None
        return
    execute(f"ALTER TABLE {target.table} DISABLE TRIGGER USER")
    yield target.instead_of_triggers
    execute(f"ALTER TABLE {target.table} ENABLE TRIGGER USER")


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of every index on `table` that backs no constraint: the
    model's own and those migrations made in SQL (registry search's GIN indexes, which cost
    a 1M-row load 12 s when kept)."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN"
            " (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)"
        )
        params = [table, table]
    else:  # automatic indexes (of UNIQUE, of the primary key) have no SQL
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
        sql += " AND sql IS NOT NULL"
        params = [table]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(str(name), str(definition)) for name, definition in cursor.fetchall()]


def _columns(model: type[models.Model], fields: Sequence[str]) -> str:
    return ", ".join(str(model._meta.get_field(f).column) for f in fields)  # type: ignore[union-attr]


def update_rows(changed: pl.DataFrame, target: Target, batch_id: int, now: str) -> None:
    """Write `changed` (id and every data column) over the stored rows, keeping the old values
    as versions replaced by `batch_id`."""
    types = {"id": "bigint", **target.column_types()}
    with staged(f"stage_{target.table}", types, changed) as stage:
        history = ", ".join(target.history_columns)
        execute(
            f"INSERT INTO {target.versions} ({history}, {target.version_owner}, "
            f"replaced_by_batch_id, replaced_at) "
            f"SELECT {', '.join('t.' + c for c in target.history_columns)}, t.id, %s, %s "
            f"FROM {target.table} t WHERE t.id IN (SELECT id FROM {stage})",
            [batch_id, now],
        )
        assignments = ", ".join(f"{c} = s.{c}" for c in target.data_columns)
        execute(
            f"UPDATE {target.table} SET {assignments}, batch_id = %s, updated_at = %s "
            f"FROM {stage} s WHERE s.id = {target.table}.id",
            [batch_id, now],
        )
