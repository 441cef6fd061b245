"""Log-in lockout: slow down password guessing without letting one office lock out another.

Two limits, each with a cool-down that doubles each time it is hit again within a day:
- a username that gets PAYUNG_LOGIN_USERNAME_FAILURES wrong passwords, from any address, is
  locked (guessing one account from many addresses does not help);
- an address that gets PAYUNG_LOGIN_ADDRESS_FAILURES wrong passwords, for any usernames, is
  locked (spraying many usernames from one address does not help). It is set far higher than
  the first, because a whole office shares one address behind its NAT.
A right password clears its username's count, not its lockout history. Every lockout goes
into the audit trail.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from payung.accounts.models import Lockout, LoginFailure, User
from payung.accounts.services import record_audit

# Failures older than this no longer count towards a lockout; lockouts older than a day no
# longer double the next one.
WINDOW = dt.timedelta(hours=1)
MEMORY = dt.timedelta(days=1)
LONGEST = dt.timedelta(days=1)


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address. Behind the TLS proxy (PAYUNG_HTTPS) it is the last address the
    proxy added to X-Forwarded-For: the ones before it are whatever the client claimed."""
    if request is None:
        return None
    candidates = [request.META.get("REMOTE_ADDR", "")]
    if settings.PAYUNG_HTTPS:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        candidates.insert(0, forwarded.rsplit(",", 1)[-1].strip())
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def locked_until(username: str, address: str | None) -> dt.datetime | None:
    """When the later of the two locks on this attempt ends, or None if neither holds."""
    now = timezone.now()
    keys = [(Lockout.Kind.USERNAME, username.casefold())]
    if address:
        keys.append((Lockout.Kind.ADDRESS, address))
    ends = [
        lock.until
        for kind, key in keys
        for lock in Lockout.objects.filter(kind=kind, key=key, until__gt=now)
    ]
    return max(ends, default=None)


@transaction.atomic
def record_failure(username: str, address: str | None) -> dt.datetime | None:
    """Count a wrong password; lock the username or the address when one reaches its limit.
    Returns when the new lock ends, if one was set."""
    now = timezone.now()
    key = username.casefold()
    # What no longer counts is forgotten: the tables stay small however long guessing goes on.
    LoginFailure.objects.filter(at__lt=now - WINDOW).delete()
    Lockout.objects.filter(until__lt=now - MEMORY).delete()
    LoginFailure.objects.create(username=key, ip_address=address)
    ends = []
    since = _last_reset(Lockout.Kind.USERNAME, key, now)
    failures = LoginFailure.objects.filter(username=key, at__gt=since).count()
    if failures >= settings.PAYUNG_LOGIN_USERNAME_FAILURES:
        ends.append(_lock(Lockout.Kind.USERNAME, key, failures, address, now))
    if address:
        since = _last_reset(Lockout.Kind.ADDRESS, address, now)
        failures = LoginFailure.objects.filter(ip_address=address, at__gt=since).count()
        if failures >= settings.PAYUNG_LOGIN_ADDRESS_FAILURES:
            ends.append(_lock(Lockout.Kind.ADDRESS, address, failures, address, now))
    return max(ends, default=None)


def record_success(username: str) -> None:
    LoginFailure.objects.filter(username=username.casefold()).delete()


def _last_reset(kind: str, key: str, now: dt.datetime) -> dt.datetime:
    """Failures count from the end of the last lockout, and for WINDOW at most."""
    last = Lockout.objects.filter(kind=kind, key=key).order_by("-until").first()
    start = now - WINDOW
    return max(start, last.until) if last is not None else start


def _lock(kind: str, key: str, failures: int, address: str | None, now: dt.datetime) -> dt.datetime:
    earlier = Lockout.objects.filter(kind=kind, key=key, at__gt=now - MEMORY).count()
    cool_down = min(
        dt.timedelta(minutes=settings.PAYUNG_LOGIN_COOLDOWN_MINUTES) * 2**earlier, LONGEST
    )
    lock = Lockout.objects.create(kind=kind, key=key, at=now, until=now + cool_down)
    record_audit(
        action="auth.lockout",
        username=key if kind == Lockout.Kind.USERNAME else "",
        target=f"{kind}:{key}",
        details={
            "kind": kind,
            "failures": failures,
            "minutes": int(cool_down.total_seconds() // 60),
            "until": lock.until.isoformat(),
            "lockouts_in_a_day": earlier + 1,
        },
        ip_address=address,
    )
    return lock.until


class LockoutBackend(ModelBackend):
    """Django's own log-in by username and password, refused first on a locked username or from
    a locked address, right password or not, on every log-in form (the admin's too)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if request is not None and username is not None:
            until = locked_until(username, client_address(request))
            if until is not None:
                request.payung_locked_until = until  # type: ignore[attr-defined]
                raise PermissionDenied
        return super().authenticate(request, username, password, **kwargs)

    async def aauthenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        # The same checks on Django's async path, which ModelBackend implements apart.
        return await sync_to_async(self.authenticate)(request, username, password, **kwargs)
