"""Who may do what in coverage: every role reads; administrators and analysts edit the BPS
figures, the targets and the status-rule setting, and take snapshots."""

from __future__ import annotations

from typing import Any

from payung.accounts.roles import Role
from payung.core.modules import BY_SLUG

EDITORS = frozenset({Role.ADMINISTRATOR, Role.ANALIS})


def can_read(user: Any) -> bool:
    return bool(user.is_authenticated and getattr(user, "role", None) in BY_SLUG["cakupan"].roles)


def can_edit(user: Any) -> bool:
    return bool(user.is_authenticated and getattr(user, "role", None) in EDITORS)
