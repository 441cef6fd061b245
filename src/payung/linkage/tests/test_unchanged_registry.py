"""A run on a registry no one changed since the last keeps that run's duplicates, and links
exactly as a run that searched them again would."""

from __future__ import annotations

from pathlib import Path

import pytest

from payung.imports.services import run_import
from payung.jobs.worker import run_pending
from payung.linkage.models import DeduplicatedRegistry, Link, ReviewPair, WorkerDuplicate
from payung.linkage.tests.builders import OTHER_DESA, RIZAL, link_all, load, new_kpj, worker_at
from payung.synth.generate import generate
from payung.synth.write import write_all

pytestmark = pytest.mark.usefixtures("regions")


def _written() -> tuple[list[tuple[object, ...]], ...]:
    """What a run leaves, row by row, ids and stamps included."""
    return (
        sorted(WorkerDuplicate.objects.values_list("pk", "worker", "canonical", "method", "score")),
        sorted(Link.objects.values_list("pk", "participant", "worker", "method", "linked_at")),
        sorted(ReviewPair.objects.values_list("participant", "worker", "score", "explanation")),
    )


def test_a_run_on_the_registry_as_the_last_run_left_it_keeps_its_duplicates(
    tmp_path: Path,
) -> None:
    kpj = new_kpj()
    moved = RIZAL.but(nik="", name="Muh. Rizal Hasan", desa=OTHER_DESA)
    load(tmp_path, [RIZAL, moved], [(kpj, RIZAL)])
    first = link_all()
    written = _written()
    again = link_all()
    assert (first.registry_unchanged, again.registry_unchanged) == (False, True)
    assert (again.duplicates, again.linked, again.review) == (1, first.linked, first.review)
    assert _written() == written  # not a row rewritten


def test_a_changed_registry_is_deduplicated_again(tmp_path: Path) -> None:
    moved = RIZAL.but(nik="", name="Muh. Rizal Hasan", desa=OTHER_DESA)
    load(tmp_path, [RIZAL, moved], [(new_kpj(), RIZAL)])
    assert link_all().duplicates == 1
    other = worker_at(3)
    other.name = "Budi Santoso"  # a clerk's correction: another person after all
    other.save(update_fields=["name"])
    again = link_all()
    assert (again.registry_unchanged, again.duplicates) == (False, 0)
    assert not WorkerDuplicate.objects.exists()


def test_another_version_of_the_code_deduplicates_again(tmp_path: Path) -> None:
    load(tmp_path, [RIZAL], [(new_kpj(), RIZAL)])
    link_all()
    stored = DeduplicatedRegistry.objects.get()
    stored.state = "0" * 16 + stored.state[16:]  # as left by an earlier release
    stored.save()
    assert link_all().registry_unchanged is False


def test_on_a_synthetic_regency_the_kept_duplicates_link_as_a_fresh_search_does(
    tmp_path: Path,
) -> None:
    """3,000 generated workers with their duplicates and typing faults, and their BPJS
    export: the second run (duplicates kept) writes nothing, and a run made to search the
    duplicates again finds the same ones and links the same."""
    write_all(generate(n_workers=3000, seed=11), tmp_path)
    run_import("workers", tmp_path / "workers.csv")
    run_import("participants", tmp_path / "participants.csv")
    run_pending()
    first = link_all()
    assert first.duplicates > 20 and first.linked > 500  # a world worth comparing
    written = _written()
    assert link_all().registry_unchanged
    assert _written() == written
    DeduplicatedRegistry.objects.all().delete()  # forget: search them again
    fresh = link_all()
    assert not fresh.registry_unchanged
    assert _written() == written
    assert fresh.duplicates == first.duplicates
