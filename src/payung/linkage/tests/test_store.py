"""A run writes only what changed, and a big write leaves every constraint in place."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from django.db import IntegrityError, connection, transaction

from payung.linkage import engine, store
from payung.linkage.models import Link
from payung.linkage.services import LINK_COLUMNS
from payung.linkage.tests.builders import RIZAL, Person, link_all, load, new_kpj, nik
from payung.participants.models import Participant
from payung.registry.models import Worker

pytestmark = pytest.mark.usefixtures("regions")

SITI = Person(nik(5, 7, 1985, 1, female=True), "Siti Aisyah Pakaya", "P", "05-07-1985")


def _links(rows: list[tuple[int, int, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(p, w, "BPU", method, 0.99) for p, w, method in rows],
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
