"""The stored priority list (assistance.standing): worked out after every change that moves it,
read by the pages, and paged to its last row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from payung.accounts.roles import Role
from payung.assistance import services, standing, views
from payung.assistance.models import Candidate
from payung.assistance.tests.builders import DESA_A, World
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv
from payung.jobs.worker import run_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(regions: None) -> World:
    return World()


def _listed(programme: Any) -> list[int]:
    return list(
        Candidate.objects.filter(programme=programme)
        .order_by("rank")
        .values_list("worker_id", flat=True)
    )


def test_an_import_moves_the_stored_list_once_the_worker_has_run(
    world: World, tmp_path: Path
) -> None:
    poorer = world.poor(decile=1)
    richer = world.poor(decile=3)
    programme = world.programme()
    assert standing.of(programme).eligible == 2
    assert _listed(programme) == [poorer.pk, richer.pk]

    # A village list brings a third eligible worker, poorer than both (decile 1, older).
    row = ["7502014507600001", "Siti Aisyah", "P", "05-07-1960", DESA_A, "Petani", "", "1"]
    run_import("workers", write_csv(tmp_path / "w.csv", [[*WORKER_HEADER, "Desil"], row]))
    run_pending()  # the reactions the import announced, as `payung worker` runs them

    assert standing.of(programme).eligible == 3
    listed = _listed(programme)
    assert listed[1:] == [poorer.pk, richer.pk] and listed[0] not in (poorer.pk, richer.pk)


def test_a_selection_takes_its_workers_off_the_list_at_once(world: World) -> None:
    workers = [world.poor(decile=d) for d in (1, 2, 3)]
    programme = world.programme(quota=2)
    assert standing.of(programme).eligible == 3
    services.select(programme, user=None)
    # Quota 2, best first: the decile-3 worker is the one left.
    assert standing.of(programme).eligible == 1
    assert _listed(programme) == [workers[2].pk]


def test_the_pages_read_the_stored_list_not_the_registry(world: World, make_user: Any) -> None:
    """What makes the pages cheap at a million workers: they count nothing themselves."""
    world.poor()
    programme = world.programme()
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    detail = reverse("assistance:detail", args=[programme.pk])
    assert client.get(detail).context["standing"].eligible == 1
    world.poor()  # written behind the back of every service: no event, no refresh
    assert client.get(detail).context["standing"].eligible == 1
    standing.refresh_all()
    assert client.get(detail).context["standing"].eligible == 2


def test_the_priority_list_pages_to_its_last_row(
    world: World, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "RANKING_SHOWN", 2)
    workers = [world.poor(decile=d) for d in (1, 2, 3, 4, 5)]
    programme = world.programme()
    client = Client()
    client.force_login(make_user(Role.PIMPINAN))
    url = reverse("assistance:ranking", args=[programme.pk])

    def shown(query: str) -> tuple[list[int], list[int], int]:
        context = client.get(url + query).context
        return (
            [r["id"] for r in context["rows"]],
            [r["rank"] for r in context["rows"]],
            context["page"].number,
        )

    assert shown("") == ([workers[0].pk, workers[1].pk], [1, 2], 1)
    assert shown("?halaman=2") == ([workers[2].pk, workers[3].pk], [3, 4], 2)
    assert shown("?halaman=3") == ([workers[4].pk], [5], 3)
    assert shown("?halaman=99") == ([workers[4].pk], [5], 3)
    assert shown("?halaman=x")[2] == 1
    last = client.get(url + "?halaman=3").content.decode()
    assert 'data-testid="last"' not in last and 'data-testid="previous"' in last
