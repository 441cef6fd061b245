"""Log-ins, log-outs and failed log-ins go into the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from payung.accounts import lockout
from payung.accounts.services import record_audit

_ip = lockout.client_address


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record_audit(action="auth.login", user=user, ip_address=_ip(request))
    lockout.record_success(user.get_username())


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_audit(action="auth.logout", user=user, ip_address=_ip(request))


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    address = _ip(request)
    already_locked = getattr(request, "payung_locked_until", None) is not None
    record_audit(
        action="auth.login_failed",
        username=username,
        details={"locked": True} if already_locked else {},
        ip_address=address,
    )
    # An attempt refused by a lock is not counted again: it would only lengthen the lock.
    if request is not None and not already_locked:
        until = lockout.record_failure(username, address)
        if until is not None:
            request.payung_locked_until = until
