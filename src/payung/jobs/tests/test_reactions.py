"""Every write announces what it changed, in its own transaction; coverage and assistance react.

Each test makes a write, finds its reactions waiting on the queue (rows of the write's own
transaction), lets the worker run them (run_pending, what `payung worker` does) and looks at
what they did."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult

from payung.accounts.roles import Role
from payung.coverage.models import Snapshot
from payung.coverage.tasks import snapshot_after_change
from payung.imports.models import ImportBatch
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv
from payung.jobs.worker import run_pending
from payung.linkage.models import Decision, ReviewPair
from payung.linkage.services import decide_review, run_linkage
from payung.linkage.tests.builders import PARTICIPANT_HEADER, RIZAL, new_kpj
from payung.linkage.tests.test_decisions import _review_world
from payung.registry.events import REGISTRY_CHANGED

pytestmark = pytest.mark.usefixtures("regions")

SNAPSHOT = "payung.coverage.tasks.snapshot_after_change"
RECONCILE = "payung.assistance.tasks.reconcile_after_change"
STANDING = "payung.assistance.tasks.standing_after_change"
EMPLOYERS = "payung.employers.tasks.reclassify_after_change"
CLAIMS = "payung.claims.tasks.relink_after_change"


def waiting() -> list[tuple[str, str]]:
    """The reactions on the queue, as (task, event)."""
    return sorted(
        (result.task_path, result.args_kwargs["kwargs"]["event"])
        for result in DBTaskResult.objects.ready()
    )


def import_participants(tmp_path: Path) -> ImportBatch:
    export = write_csv(
        tmp_path / "bpjs.csv", [PARTICIPANT_HEADER, RIZAL.participant_row(new_kpj())]
    )
    return ImportBatch.objects.get(pk=run_import("participants", export).batch)


def import_workers(tmp_path: Path) -> ImportBatch:
    village = write_csv(tmp_path / "desa.csv", [WORKER_HEADER, RIZAL.worker_row()])
    return ImportBatch.objects.get(pk=run_import("workers", village).batch)


def test_a_participant_import_leads_to_a_snapshot_and_a_reconciliation(tmp_path: Path) -> None:
    batch = import_participants(tmp_path)
    assert waiting() == [
        (RECONCILE, "participants.changed"),
        (STANDING, "participants.changed"),
        (CLAIMS, "participants.changed"),
        (SNAPSHOT, "participants.changed"),
        (EMPLOYERS, "participants.changed"),
    ]
    assert run_pending() == 5
    assert Snapshot.objects.get().trigger == f"import:{batch.pk}"
    assert DBTaskResult.objects.successful().count() == 5


def test_a_worker_import_retakes_the_snapshot_once_there_is_an_export(tmp_path: Path) -> None:
    import_workers(tmp_path)
    assert waiting() == [(STANDING, "registry.changed"), (SNAPSHOT, "registry.changed")]
    run_pending()
    assert not Snapshot.objects.exists()  # no BPJS export yet: no month to report on
    import_participants(tmp_path)
    run_pending()
    before = Snapshot.objects.get()
    assert (before.workers, before.covered) == (1, 0)  # not linked yet

    more = write_csv(tmp_path / "desa2.csv", [WORKER_HEADER, RIZAL.but(nik="").worker_row()])
    batch = run_import("workers", more).batch
    run_pending()
    after = Snapshot.objects.get()
    assert after.trigger == f"import:{batch}"
    assert after.workers == 2


def test_the_same_list_again_changes_nothing_and_announces_nothing(tmp_path: Path) -> None:
    """An unchanged re-import: every row unchanged, so no reaction is queued (at 1M workers
    they were most of such an import's time); a list that changes a row still announces."""
    import_workers(tmp_path)
    run_pending()
    village = write_csv(tmp_path / "desa.csv", [WORKER_HEADER, RIZAL.worker_row()])
    again = run_import("workers", village)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)
    assert waiting() == []
    moved = write_csv(
        tmp_path / "desa.csv", [WORKER_HEADER, RIZAL.but(name="Rizal H.").worker_row()]
    )
    assert run_import("workers", moved).updated == 1
    assert waiting() == [(STANDING, "registry.changed"), (SNAPSHOT, "registry.changed")]


def test_a_linkage_run_leads_to_a_snapshot_and_a_reconciliation(tmp_path: Path) -> None:
    import_workers(tmp_path)
    import_participants(tmp_path)
    run_pending()
    assert Snapshot.objects.get().covered == 0

    run_linkage()
    assert waiting() == [
        (RECONCILE, "links.changed"),
        (STANDING, "links.changed"),
        (CLAIMS, "links.changed"),
        (SNAPSHOT, "links.changed"),
    ]
    run_pending()
    snapshot = Snapshot.objects.get()
    assert (snapshot.trigger, snapshot.covered) == ("linkage", 1)


def test_a_review_decision_leads_to_the_same_reactions_as_a_run(
    tmp_path: Path, make_user: Any
) -> None:
    first, _second = _review_world(tmp_path)  # imports both lists and runs their reactions
    run_linkage()
    run_pending()
    assert Snapshot.objects.get().covered == 0
    pair = ReviewPair.objects.get(participant__kpj=first)

    decide_review(pair=pair, decision=Decision.ACCEPTED, user=make_user(Role.ANALIS))
    assert waiting() == [
        (RECONCILE, "links.changed"),
        (STANDING, "links.changed"),
        (CLAIMS, "links.changed"),
        (SNAPSHOT, "links.changed"),
    ]
    run_pending()
    assert Snapshot.objects.get().covered == 1  # the accepted pair covers its worker


def test_a_write_rolled_back_leaves_no_reaction(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        import_participants(tmp_path)
        assert len(waiting()) == 5  # enqueued inside the write's transaction...
        raise RuntimeError("the write fails after the import")
    assert waiting() == []  # ...and gone with it


@pytest.mark.django_db(transaction=True)
def test_an_event_cannot_be_announced_outside_a_transaction() -> None:
    with pytest.raises(RuntimeError, match="inside the write's transaction"):
        REGISTRY_CHANGED.announce(batch=1)


def test_a_failed_reaction_keeps_the_write_and_can_be_run_again(
    tmp_path: Path, make_user: Any
) -> None:
    batch = import_participants(tmp_path)
    run_pending()
    # A reaction that cannot succeed: no month 13.
    snapshot_after_change.enqueue(event="participants.changed", batch=batch.pk, month="2025-13")
    run_pending()
    assert ImportBatch.objects.filter(pk=batch.pk).exists()  # the write stays
    failed = DBTaskResult.objects.failed().get()

    analyst, leader = Client(), Client()
    analyst.force_login(make_user(Role.ANALIS))
    leader.force_login(make_user(Role.PIMPINAN))
    page = analyst.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "Langkah lanjutan yang gagal" in page
    assert "Potret cakupan bulanan" in page  # the reaction's name, in Indonesian
    assert 'data-testid="retry"' in page

    # Pimpinan reads but may not run it again, even by a hand-made POST.
    retry = f"/tugas/ulang/{failed.pk}/"
    assert leader.post(retry, {"next": f"/impor/batch/{batch.pk}/"}).status_code == 403
    assert DBTaskResult.objects.ready().count() == 0

    response = analyst.post(retry, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"  # no open redirect
    assert waiting() == [(SNAPSHOT, "participants.changed")]
    assert not DBTaskResult.objects.failed().exists()
