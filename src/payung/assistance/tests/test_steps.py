"""A programme shows where it stands, step by step, and what to do next for the one looking."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.assistance.models import Beneficiary, Status
from payung.assistance.tests.builders import World

pytestmark = pytest.mark.usefixtures("regions", "seeded_rules")


def page_for(make_user: Any, role: Role, pk: int) -> str:
    client = Client()
    client.force_login(make_user(role))
    return client.get(f"/bantuan/{pk}/").content.decode()


def steps_of(page: str) -> list[str]:
    start = page.index('data-testid="steps"')
    block = page[start : page.index("</ol>", start)]
    return [item.split("<strong>")[1].split("</strong>")[0] for item in block.split("<li")[1:]]


def test_a_new_programme_asks_for_a_selection_and_offers_no_payment(make_user: Any) -> None:
    world = World()
    world.poor()
    programme = world.programme(quota=3)
    page = page_for(make_user, Role.ANALIS, programme.pk)
    assert steps_of(page) == ["0 / 3", "0 / 0", "0 / 0", "0 / 12", "Rp 0 / Rp 0"]
    assert "Pilih pekerja dari daftar prioritas." in page
    assert 'data-testid="record-payment"' not in page


def test_after_selection_it_waits_for_the_desa_then_for_bpjs(make_user: Any) -> None:
    world = World()
    workers = [world.poor() for _ in range(2)]
    programme = world.programme(quota=2)
    for w in workers:
        Beneficiary.objects.create(programme=programme, worker=w, desa_id=w.desa_id)
    waiting = page_for(make_user, Role.PIMPINAN, programme.pk)
    assert steps_of(waiting)[:3] == ["2 / 2", "0 / 1", "0 / 2"]
    assert "Menunggu 1 desa memverifikasi daftarnya." in waiting
    Beneficiary.objects.update(status=Status.VERIFIED)
    bpjs = page_for(make_user, Role.PETUGAS_BPJS, programme.pk)
    assert steps_of(bpjs)[:3] == ["2 / 2", "1 / 1", "0 / 2"]
    assert "Unduh berkas pendaftaran" in bpjs
    assert 'data-testid="record-payment"' not in bpjs
