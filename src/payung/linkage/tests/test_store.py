"""A run writes only what changed, and a big write leaves every constraint in place."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import polars as pl
import psycopg
import pytest
from django.db import IntegrityError, connection, transaction

from payung.linkage import engine, store
from payung.linkage.models import Link, ReviewPair
from payung.linkage.services import LINK_COLUMNS, REVIEW_COLUMNS
from payung.linkage.tests.builders import RIZAL, Person, link_all, load, new_kpj, nik
from payung.participants.models import Participant
from payung.registry.models import Worker

pytestmark = pytest.mark.usefixtures("regions")

SITI = Person(nik(5, 7, 1985, 1, female=True), "Siti Aisyah Pakaya", "P", "05-07-1985")


def _links(rows: list[tuple[int, int, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(p, w, "BPU", method, 0.99, "") for p, w, method in rows],
        schema=list(LINK_COLUMNS),
        orient="row",
    )


def _ids(tmp_path: Path) -> tuple[list[int], list[int]]:
    load(tmp_path, [RIZAL, SITI], [(new_kpj(), RIZAL), (new_kpj(), SITI)])
    participants = list(Participant.objects.order_by("id").values_list("id", flat=True))
    workers = list(Worker.objects.order_by("id").values_list("id", flat=True))
    return participants, workers


def test_a_rerun_keeps_the_rows_of_unchanged_links(tmp_path: Path) -> None:
    load(tmp_path, [RIZAL], [(new_kpj(), RIZAL)])
    link_all()
    before = Link.objects.get()
    link_all()
    after = Link.objects.get()
    assert (after.pk, after.linked_at) == (before.pk, before.linked_at)


def test_sync_deletes_what_went_away_and_inserts_what_is_new(tmp_path: Path) -> None:
    (p1, p2), (w1, w2, *_) = _ids(tmp_path)
    stamps = {"linked_at": "2025-01-01T00:00:00+00:00"}
    store.sync(Link, _links([(p1, w1, "exact_nik")]), schema=LINK_COLUMNS, stamps=stamps)
    kept = Link.objects.get()
    changes = store.sync(
        Link,
        _links([(p1, w1, "exact_nik"), (p2, w2, "probabilistic")]),
        schema=LINK_COLUMNS,
        stamps=stamps,
    )
    assert (changes.deleted, changes.inserted, changes.kept) == (0, 1, 1)
    assert Link.objects.get(participant_id=p1).pk == kept.pk
    # The method changed: the old row goes, a new one comes.
    changes = store.sync(Link, _links([(p1, w1, "review")]), schema=LINK_COLUMNS, stamps=stamps)
    assert (changes.deleted, changes.inserted, changes.kept) == (2, 1, 0)
    assert list(Link.objects.values_list("participant_id", "method")) == [(p1, "review")]


def _constraints() -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "linkage_link")
    return set(found)


def test_a_big_write_builds_every_constraint_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (p1, p2), (w1, w2, *_) = _ids(tmp_path)
    before = _constraints()
    monkeypatch.setattr(store, "REBUILD_ROWS", 1)
    store.sync(
        Link,
        _links([(p1, w1, "exact_nik"), (p2, w2, "exact_nik")]),
        schema=LINK_COLUMNS,
        stamps={"linked_at": "2025-01-01T00:00:00+00:00"},
    )
    assert _constraints() == before and Link.objects.count() == 2
    # A participant still has at most one link.
    with pytest.raises(IntegrityError), transaction.atomic():
        Link.objects.create(participant_id=p1, worker_id=w2, segment="JAKON", method="x", score=1)


def test_a_big_write_of_review_pairs_leaves_the_deciders_key_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dropping the key to the users' table would lock every page out while the run writes."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's locks; runs in the PostgreSQL pass")
    (p1, p2), (w1, w2, *_) = _ids(tmp_path)
    with connection.cursor() as cursor:
        before = connection.introspection.get_constraints(cursor, "linkage_reviewpair")
    monkeypatch.setattr(store, "REBUILD_ROWS", 1)
    pairs = pl.DataFrame(
        [(p1, w2, "review", 0.5, "", "pending"), (p2, w1, "review", 0.5, "", "pending")],
        schema=list(REVIEW_COLUMNS),
        orient="row",
    )
    known = {"participant_id": pl.Series([p1, p2]), "worker_id": pl.Series([w1, w2])}
    with transaction.atomic():
        store.sync(
            ReviewPair,
            pairs,
            schema=REVIEW_COLUMNS,
            stamps={"created_at": "2025-01-01T00:00:00+00:00"},
            known=known,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                " WHERE l.pid = pg_backend_pid() AND c.relname = 'accounts_user'"
                " AND l.mode = 'AccessExclusiveLock'"
            )
            assert cursor.fetchall() == []
    with connection.cursor() as cursor:
        after = connection.introspection.get_constraints(cursor, "linkage_reviewpair")
    assert set(after) == set(before) and ReviewPair.objects.count() == 2


@pytest.mark.parametrize("big", [True, False], ids=["big write", "small write"])
def test_a_write_checks_the_known_ids_itself_and_keeps_enforcing_the_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    (p1, p2), (w1, w2, *_) = _ids(tmp_path)
    if big:
        monkeypatch.setattr(store, "REBUILD_ROWS", 1)
    rows = _links([(p1, w1, "exact_nik"), (p2, w2, "exact_nik")])
    stamps = {"linked_at": "2025-01-01T00:00:00+00:00"}
    # A worker id that was not read is refused before anything is written.
    read = {"participant_id": pl.Series([p1, p2]), "worker_id": pl.Series([w1])}
    with pytest.raises(IntegrityError, match="worker_id: 1 rows"), transaction.atomic():
        store.sync(Link, rows, schema=LINK_COLUMNS, stamps=stamps, known=read)
    assert not Link.objects.exists()

    read["worker_id"] = pl.Series([w1, w2])
    store.sync(Link, rows, schema=LINK_COLUMNS, stamps=stamps, known=read)
    assert Link.objects.count() == 2 and _constraints() >= {"one_link_per_worker_segment"}
    # The foreign keys are back, and a dangling worker id still fails.
    with pytest.raises(IntegrityError), transaction.atomic():
        Link.objects.filter(participant_id=p2).update(worker_id=max(w1, w2) + 1000)
        connection.check_constraints(table_names=["linkage_link"])


def test_a_run_holds_the_registry_the_bpjs_list_and_the_decisions_while_it_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("reads PostgreSQL's lock table; runs in the PostgreSQL pass")
    load(tmp_path, [RIZAL], [(new_kpj(), RIZAL)])
    held: list[tuple[str, str]] = []
    link = engine.link

    def watched(*args: object, **kwargs: object) -> engine.LinkageFrames:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relation::regclass::text, mode FROM pg_locks"
                " WHERE pid = pg_backend_pid() AND mode = 'ShareRowExclusiveLock' ORDER BY 1"
            )
            held.extend(cursor.fetchall())
        return link(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "link", watched)
    assert link_all().linked == 1
    tables = ["linkage_reviewpair", "participants_participant", "registry_worker"]
    assert held == [(table, "ShareRowExclusiveLock") for table in tables]


@pytest.mark.django_db(transaction=True)
def test_a_run_never_deadlocks_with_a_page_that_reads_what_it_alters(tmp_path: Path) -> None:
    """The load benchmark's failure: a page had read the registry and went on to the links,
    while the run held the links (dropping a key) and waited for the registry. PostgreSQL
    ended one of them. Now the run takes its tables all at once or waits holding none."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's locks; runs in the PostgreSQL pass")
    load(tmp_path, [RIZAL, SITI], [(new_kpj(), RIZAL), (new_kpj(), SITI)])
    params = connection.get_connection_params()
    page = psycopg.connect(**params, options="-c statement_timeout=20000")
    watcher = psycopg.connect(**params, autocommit=True)
    page.execute("SELECT count(*) FROM registry_worker")  # the page's transaction holds it
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["run"] = link_all()
        except Exception as exc:  # the deadlock's victim, if it were the run
            outcome["run"] = exc
        finally:
            connection.close()

    runner = threading.Thread(target=run)
    runner.start()
    # Wait for the run to reach its writes: asking for the locks, or blocked altering a table.
    for _ in range(400):
        waiting = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            " AND (query LIKE 'LOCK TABLE%ACCESS EXCLUSIVE%'"
            "  OR (wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE%'))"
        ).fetchone()
        if waiting and waiting[0]:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the run never reached its writes")
    links = page.execute("SELECT count(*) FROM linkage_link").fetchone()
    page.commit()
    runner.join(timeout=60)
    page.close()
    watcher.close()
    assert links == (0,)  # the page read the links as they were before the run
    result = outcome["run"]
    assert not isinstance(result, Exception), result
    assert getattr(result, "linked", None) == 2
