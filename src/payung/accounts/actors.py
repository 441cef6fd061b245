"""Who did it, for the audit trail, when no browser session says so.

Every command takes `--as USERNAME`; without it the audit names the machine's account as
`system:<login>`, the same in every command and in the background worker."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.accounts.permissions import may


def system_name() -> str:
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        login = "unknown"
    return f"system:{login}"


def add_as_argument(parser: Any) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help=_("the Payung user the audit trail names (default: system:<your login>)"),
    )


def acting_user(username: str | None, action: str | None = None) -> User | None:
    """The `--as` user, who must be active and, given an action, allowed it; None without one
    (the audit then names system_name())."""
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"no active Payung user {username!r}")
    if action is not None and not may(user, action):
        raise CommandError(f"{username} ({user.get_role_display()}) may not do this")
    return user
