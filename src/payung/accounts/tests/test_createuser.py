import io

import pytest
from django.core.management import CommandError, call_command

from payung.accounts.models import AuditEvent, User
from payung.accounts.roles import Role


def _create(monkeypatch: pytest.MonkeyPatch, *args: str, password: str = "Sandi-Kuat-123") -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    call_command("createuser", *args, "--password-stdin", stdout=io.StringIO())


def test_createuser_makes_an_agency_operator(
    regions: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _create(monkeypatch, "op1", "--role", "operator_opd", "--opd", "disnaker")

    user = User.objects.get(username="op1")
    assert user.role == Role.OPERATOR_OPD
    assert user.opd is not None and user.opd.short_name == "Disnaker"
    assert user.check_password("Sandi-Kuat-123")
    assert not user.is_staff
    assert AuditEvent.objects.filter(action="user.create", target="user:op1").exists()


def test_operator_without_opd_is_refused(regions: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CommandError, match="harus terdaftar pada satu OPD"):
        _create(monkeypatch, "op2", "--role", "operator_opd")
    assert not User.objects.filter(username="op2").exists()


def test_unknown_opd_is_refused_with_the_known_ones(
    regions: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(CommandError, match="bappeda"):
        _create(monkeypatch, "op3", "--role", "operator_opd", "--opd", "dinas-entah")


def test_administrator_gets_the_admin_site(regions: None, monkeypatch: pytest.MonkeyPatch) -> None:
    _create(monkeypatch, "adm", "--role", "administrator")
    user = User.objects.get(username="adm")
    assert user.is_staff and user.is_superuser


def test_empty_password_is_refused(regions: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CommandError, match="kosong"):
        _create(monkeypatch, "kosong", "--role", "analis", password="")


@pytest.mark.parametrize("weak", ["x", "password", "analis01"])
def test_a_weak_password_is_refused_by_djangos_validators(
    regions: None, monkeypatch: pytest.MonkeyPatch, weak: str
) -> None:
    with pytest.raises(CommandError):
        _create(monkeypatch, "analis01", "--role", "analis", password=weak)
    assert not User.objects.filter(username="analis01").exists()
