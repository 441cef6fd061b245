"""What each role may open, asserted against the table agreed with the users."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD
from payung.core.modules import BY_SLUG

# Agreed access: Y = may open. Written out here, apart from payung.core.modules, on purpose.
#                     registry kepesertaan cakupan bantuan klaim pemberi monev laporan
EXPECTED = {
    Role.ADMINISTRATOR: "Y Y Y Y Y Y Y Y",
    Role.ANALIS: "Y Y Y Y Y Y Y Y",
    Role.OPERATOR_OPD: "Y - Y - - Y Y Y",
    Role.PETUGAS_BPJS: "- Y Y Y Y Y - Y",
    Role.PIMPINAN: "Y Y Y Y Y Y Y Y",
}
SLUGS = [
    "registry", "kepesertaan", "cakupan", "bantuan-iuran", "klaim", "pemberi-kerja", "monev",
    "laporan",
]  # fmt: skip


def _client_for(make_user: Any, role: Role) -> Client:
    user = make_user(role)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_exactly_its_modules(make_user: Any, role: Role) -> None:
    client = _client_for(make_user, role)
    for slug, allowed in zip(SLUGS, EXPECTED[role].split(), strict=True):
        for url in {f"/modul/{slug}/", BY_SLUG[slug].url}:  # the module's own page too
            status = client.get(url).status_code
            assert status == (200 if allowed == "Y" else 403), (role, url)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_open_the_admin(make_user: Any, role: Role) -> None:
    client = _client_for(make_user, role)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_administrator_opens_the_admin(make_user: Any) -> None:
    client = _client_for(make_user, Role.ADMINISTRATOR)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/auditevent/").status_code == 200


def test_home_requires_login(db: None) -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_login_and_logout_are_audited(make_user: Any) -> None:
    user = make_user(Role.PIMPINAN)
    client = Client()
    response = client.post("/masuk/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    client.post("/keluar/")
    actions = list(AuditEvent.objects.filter(user=user).values_list("action", flat=True))
    assert "auth.login" in actions and "auth.logout" in actions


def test_only_some_roles_see_a_full_nik(make_user: Any) -> None:
    seeing = {role for role in Role if make_user(role).sees_full_nik}
    assert seeing == {Role.ADMINISTRATOR, Role.ANALIS, Role.PETUGAS_BPJS}
