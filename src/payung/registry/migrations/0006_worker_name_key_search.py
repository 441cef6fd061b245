"""The worker's search key (`name_key`) and the indexes that search reads (registry.search).

PostgreSQL: trigram GIN indexes (pg_trgm) on the key and the NIK, for names typed with a slip
and NIKs typed in part. SQLite: an FTS5 table with the trigram tokenizer over the same two
columns, kept by triggers, so an import's set-based INSERT and UPDATE keep it without knowing.
"""

from typing import Any

from django.db import migrations, models

CHUNK = 20_000


def fill_name_keys(apps: Any, schema_editor: Any) -> None:
    import polars as pl

    from payung.lib.names import normalise

    Worker = apps.get_model("registry", "Worker")
    last = 0
    while True:
        rows = list(
            Worker.objects.filter(id__gt=last).order_by("id").values_list("id", "name")[:CHUNK]
        )
        if not rows:
            return
        last = rows[-1][0]
        frame = pl.DataFrame(rows, schema=["id", "name"], orient="row").with_columns(
            normalise(pl.col("name")).str.slice(0, 200).alias("name_key")
        )
        Worker.objects.bulk_update(
            [Worker(id=i, name_key=k) for i, k in frame.select("id", "name_key").iter_rows()],
            ["name_key"],
            batch_size=2_000,
        )


POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS registry_worker_name_key_trgm"
    " ON registry_worker USING gin (name_key gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS registry_worker_nik_trgm"
    " ON registry_worker USING gin (nik gin_trgm_ops)",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS registry_worker_name_key_trgm",
    "DROP INDEX IF EXISTS registry_worker_nik_trgm",
]
# content= makes the FTS table an index over registry_worker's own rows (no second copy of
# the names); the triggers are the documented way to keep such an index in step.
SQLITE = [
    "CREATE VIRTUAL TABLE registry_worker_search USING fts5("
    "name_key, nik, content='registry_worker', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER registry_worker_search_ai AFTER INSERT ON registry_worker BEGIN"
    " INSERT INTO registry_worker_search(rowid, name_key, nik)"
    " VALUES (new.id, new.name_key, new.nik); END",
    "CREATE TRIGGER registry_worker_search_ad AFTER DELETE ON registry_worker BEGIN"
    " INSERT INTO registry_worker_search(registry_worker_search, rowid, name_key, nik)"
    " VALUES ('delete', old.id, old.name_key, old.nik); END",
    "CREATE TRIGGER registry_worker_search_au AFTER UPDATE OF name_key, nik ON registry_worker"
    " BEGIN"
    " INSERT INTO registry_worker_search(registry_worker_search, rowid, name_key, nik)"
    " VALUES ('delete', old.id, old.name_key, old.nik);"
    " INSERT INTO registry_worker_search(rowid, name_key, nik)"
    " VALUES (new.id, new.name_key, new.nik); END",
    "INSERT INTO registry_worker_search(registry_worker_search) VALUES ('rebuild')",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS registry_worker_search_ai",
    "DROP TRIGGER IF EXISTS registry_worker_search_ad",
    "DROP TRIGGER IF EXISTS registry_worker_search_au",
    "DROP TABLE IF EXISTS registry_worker_search",
]


def _run(statements_by_vendor: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_worker_agency_and_change_requests"),
    ]

    operations = [
        migrations.AddField(
            model_name="worker",
            name="name_key",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_UNDO, "sqlite": SQLITE_UNDO}),
        ),
    ]
