"""Log-in lockout, from the outside: log-in posts from chosen addresses, as an attacker would."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from payung.accounts.models import AuditEvent, Lockout
from payung.accounts.roles import Role
from payung.conftest import TEST_PASSWORD


def _post(username: str, password: str, address: str = "10.0.0.1", **headers: Any) -> Any:
    client = Client(REMOTE_ADDR=address, **headers)
    response: Any = client.post("/masuk/", {"username": username, "password": password})
    response.logged_in = "_auth_user_id" in client.session
    return response


def test_five_wrong_passwords_from_five_addresses_lock_the_username(make_user: Any) -> None:
    user = make_user(Role.ANALIS)
    for n in range(4):
        assert _post(user.username, "salah", f"10.0.0.{n + 1}").status_code == 200
    assert _post(user.username, "salah", "10.0.0.5").status_code == 429
    # The right password, from an address never seen, is refused while the lock holds.
    refused = _post(user.username, TEST_PASSWORD, "10.9.9.9")
    assert refused.status_code == 429 and not refused.logged_in
    assert "Masuk dikunci sampai pukul" in refused.content.decode()
    events = AuditEvent.objects.filter(action="auth.lockout", username=user.username)
    assert events.count() == 1
    assert events.get().details["minutes"] == 15


def test_another_user_behind_the_same_address_still_logs_in(make_user: Any) -> None:
    victim, colleague = make_user(Role.ADMINISTRATOR), make_user(Role.ANALIS)
    for _ in range(5):
        _post(victim.username, "salah", "10.0.0.7")
    assert _post(colleague.username, TEST_PASSWORD, "10.0.0.7").logged_in


def test_each_new_lockout_of_a_username_lasts_twice_as_long(make_user: Any) -> None:
    user = make_user(Role.ANALIS)
    minutes = []
    for _ in range(3):
        for _ in range(5):
            _post(user.username, "salah")
        lock = Lockout.objects.filter(key=user.username).latest("at")
        minutes.append(round((lock.until - lock.at).total_seconds() / 60))
        # Let the lock end, as time would.
        Lockout.objects.filter(pk=lock.pk).update(until=timezone.now() - dt.timedelta(seconds=1))
    assert minutes == [15, 30, 60]
    assert _post(user.username, TEST_PASSWORD).logged_in


@override_settings(PAYUNG_LOGIN_ADDRESS_FAILURES=12)
def test_spraying_many_usernames_from_one_address_locks_the_address(make_user: Any) -> None:
    user = make_user(Role.ANALIS)
    for n in range(12):  # one guess at each of twelve names: no username reaches its limit
        _post(f"tebakan{n}", "sandi123", "203.0.113.5")
    refused = _post(user.username, TEST_PASSWORD, "203.0.113.5")
    assert refused.status_code == 429 and not refused.logged_in
    assert _post(user.username, TEST_PASSWORD, "203.0.113.6").logged_in
    assert AuditEvent.objects.filter(action="auth.lockout", target="address:203.0.113.5").exists()


def test_a_right_password_clears_the_count(make_user: Any) -> None:
    user = make_user(Role.ANALIS)
    for _ in range(4):
        _post(user.username, "salah")
    assert _post(user.username, TEST_PASSWORD).logged_in
    for _ in range(4):
        _post(user.username, "salah")
    assert _post(user.username, TEST_PASSWORD).logged_in
    assert not Lockout.objects.exists()


@pytest.mark.parametrize("forwarded", ["bukan-alamat", "10.0.0.1, 198.51.100.7"])
@override_settings(PAYUNG_HTTPS=True, SECURE_SSL_REDIRECT=False)
def test_behind_the_proxy_the_last_forwarded_address_counts(make_user: Any, forwarded: str) -> None:
    user = make_user(Role.ANALIS)
    for _ in range(5):
        _post(user.username, "salah", "127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    expected = "127.0.0.1" if forwarded == "bukan-alamat" else "198.51.100.7"
    addresses = set(
        AuditEvent.objects.filter(action="auth.login_failed").values_list("ip_address", flat=True)
    )
    assert addresses == {expected}
