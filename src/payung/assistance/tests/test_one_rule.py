"""A rule lives in one place: the page's button and the service refuse the same way."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError
from django.test import Client

from payung.accounts.roles import Role
from payung.assistance import services
from payung.assistance.tests.builders import World
from payung.assistance.tests.test_command import run

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(regions: None) -> World:
    return World()


def test_a_full_quota_hides_the_select_button_and_refuses_the_post(
    world: World, make_user: Any
) -> None:
    world.poor(decile=1)
    world.poor(decile=1)
    programme = world.programme(quota=1)
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    page = f"/bantuan/{programme.pk}/"
    assert 'data-testid="select"' in client.get(page).content.decode()

    client.post(f"/bantuan/{programme.pk}/pilih/")
    assert programme.beneficiaries.count() == 1
    assert 'data-testid="select"' not in client.get(page).content.decode()
    refused = client.post(f"/bantuan/{programme.pk}/pilih/", follow=True).content.decode()
    assert "Kuota 1 pekerja sudah penuh" in refused  # the service's own words, in Indonesian
    assert programme.beneficiaries.count() == 1
    with pytest.raises(services.AssistanceError, match="Kuota 1 pekerja sudah penuh"):
        services.select(programme, user=None)


def test_the_command_names_its_user_and_refuses_what_the_role_may_not(
    world: World, make_user: Any
) -> None:
    programme = world.programme()
    make_user(Role.PIMPINAN, "bupati")
    with pytest.raises(CommandError, match="bupati .* may not do this"):
        run("--as", "bupati", "select", str(programme.pk))
    with pytest.raises(CommandError, match="no active Payung user 'siapa'"):
        run("--as", "siapa", "show", str(programme.pk))
    with pytest.raises(CommandError, match="75.02.99.9999 is not a desa of this regency"):
        run("verify", str(programme.pk), "--desa", "75.02.99.9999")
    with pytest.raises(CommandError, match="No verified workers wait for enrolment"):
        run("enrolment-file", str(programme.pk), "--out", "/tmp/payung-none.xlsx")
