"""The worker's search key (`name_key`) and the indexes that search reads (registry.search),
each engine's own: pg_trgm and full-text search on PostgreSQL, FTS5 on SQLite. Triggers keep
them, so an import's set-based INSERT, COPY and UPDATE keep them without knowing.
"""

from typing import Any

from django.db import migrations, models

CHUNK = 20_000


def fill_name_keys(apps: Any, schema_editor: Any) -> None:
    """The key of every stored name, in parts: normalised by Polars, written by executemany
    (Django's bulk_update builds one CASE per row: 20 s for 80,000 names, against 1 s)."""
    import polars as pl

    from payung.lib.names import normalise

    last = 0
    with schema_editor.connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT id, name FROM registry_worker WHERE id > %s ORDER BY id LIMIT %s",
                [last, CHUNK],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            frame = pl.DataFrame(rows, schema=["id", "name"], orient="row").select(
                normalise(pl.col("name")).str.slice(0, 200).alias("name_key"), "id"
            )
            cursor.executemany(
                "UPDATE registry_worker SET name_key = %s WHERE id = %s", frame.rows()
            )


# PostgreSQL: names searched through a dictionary of the words they are made of. pg_trgm over
# whole names slows with the registry: a common word (MUH, the Moh. of half of Gorontalo) puts
# most rows through the trigram check. pg_trgm's documentation gives the way round: a table of
# the distinct words, searched by trigram for the near spellings of each word typed (thousands
# of rows, however big the registry), then the names holding those words found by full-text
# search, whose index lists the rows of a word outright. Statement triggers keep the words,
# set-based, whatever writes the registry (an import's COPY, a form). NIKs in part: trigrams.
WORDS_OF = (
    "INSERT INTO registry_nameword(word)"
    " SELECT DISTINCT w FROM {rows}, unnest(string_to_array(name_key, ' ')) AS w"
    " WHERE w <> '' ON CONFLICT DO NOTHING"
)
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX registry_worker_nik_trgm ON registry_worker USING gin (nik gin_trgm_ops)",
    "CREATE INDEX registry_worker_name_fts ON registry_worker"
    " USING gin (to_tsvector('simple', name_key))",
    "CREATE TABLE registry_nameword (word varchar(200) PRIMARY KEY)",
    "CREATE INDEX registry_nameword_trgm ON registry_nameword USING gin (word gin_trgm_ops)",
    "CREATE FUNCTION registry_nameword_keep() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN {WORDS_OF.format(rows='new_rows')}; RETURN NULL; END $$",
    "CREATE TRIGGER registry_nameword_ai AFTER INSERT ON registry_worker"
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION registry_nameword_keep()",
    "CREATE TRIGGER registry_nameword_au AFTER UPDATE ON registry_worker"
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    " EXECUTE FUNCTION registry_nameword_keep()",
    WORDS_OF.format(rows="registry_worker"),
]
POSTGRES_UNDO = [
    "DROP TRIGGER IF EXISTS registry_nameword_ai ON registry_worker",
    "DROP TRIGGER IF EXISTS registry_nameword_au ON registry_worker",
    "DROP FUNCTION IF EXISTS registry_nameword_keep()",
    "DROP TABLE IF EXISTS registry_nameword",
    "DROP INDEX IF EXISTS registry_worker_name_fts",
    "DROP INDEX IF EXISTS registry_worker_nik_trgm",
]
# SQLite: a contentless FTS5 table (its own trigrams, no copy of the text) over each name
# written as pg_trgm pads its words, two spaces before and one after ("  YANTI  MOHAMAD "):
# the trigrams at a word's edges ("  Y", "TI ") are what still matches when a slip in the
# middle of a short name spoils all the inner ones. Kept by triggers, so every write keeps it.
PADDED_NEW = "'  ' || replace(new.name_key, ' ', '  ') || ' '"
PADDED_OLD = "'  ' || replace(old.name_key, ' ', '  ') || ' '"
INSERT_NEW = (
    "INSERT INTO registry_worker_search(rowid, name_words, nik)"
    f" VALUES (new.id, {PADDED_NEW}, new.nik);"
)
DELETE_OLD = (
    "INSERT INTO registry_worker_search(registry_worker_search, rowid, name_words, nik)"
    f" VALUES ('delete', old.id, {PADDED_OLD}, old.nik);"
)
SQLITE = [
    "CREATE VIRTUAL TABLE registry_worker_search USING fts5("
    "name_words, nik, content='', tokenize='trigram')",
    f"CREATE TRIGGER registry_worker_search_ai AFTER INSERT ON registry_worker BEGIN {INSERT_NEW} END",
    f"CREATE TRIGGER registry_worker_search_ad AFTER DELETE ON registry_worker BEGIN {DELETE_OLD} END",
    "CREATE TRIGGER registry_worker_search_au AFTER UPDATE OF name_key, nik ON registry_worker"
    f" BEGIN {DELETE_OLD} {INSERT_NEW} END",
    "INSERT INTO registry_worker_search(rowid, name_words, nik)"
    " SELECT id, '  ' || replace(name_key, ' ', '  ') || ' ', nik FROM registry_worker",
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
