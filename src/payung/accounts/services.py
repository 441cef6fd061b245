"""Writes for accounts: users, the OPD list and the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from payung.accounts.actors import system_name
from payung.accounts.models import AuditEvent, Opd, User
from payung.accounts.opds import SEED_OPDS
from payung.accounts.roles import Role


def record_audit(
    *,
    action: str,
    user: User | None = None,
    username: str = "",
    target: str = "",
    details: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        user=user if user is not None and user.pk else None,
        username=username or (user.get_username() if user is not None else system_name()),
        action=action,
        target=target,
        details=details or {},
        ip_address=ip_address,
    )


def seed_opds() -> int:
    """Create the seeded agencies that are missing; never overwrite an administrator's edits."""
    created = 0
    for code, short_name, name in SEED_OPDS:
        _, was_created = Opd.objects.get_or_create(
            code=code, defaults={"short_name": short_name, "name": name}
        )
        created += was_created
    return created


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str,
    role: str,
    opd_code: str | None = None,
    full_name: str = "",
    email: str = "",
    created_by: User | None = None,
) -> User:
    if role not in Role.values:
        raise ValidationError(f"unknown role {role!r}; choose one of: {', '.join(Role.values)}")
    opd = None
    if opd_code:
        opd = Opd.objects.filter(code=opd_code).first()
        if opd is None:
            codes = ", ".join(Opd.objects.values_list("code", flat=True))
            raise ValidationError(f"unknown OPD {opd_code!r}; known: {codes}")
    first, _, last = full_name.partition(" ")
    user = User(
        username=username, role=role, opd=opd, email=email, first_name=first, last_name=last
    )
    # Django's validators (settings.AUTH_PASSWORD_VALIDATORS), as the password-change page
    # applies them: too short, too common, too like the user name are refused here too.
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    record_audit(
        action="user.create",
        user=created_by,
        target=f"user:{username}",
        details={"role": role, "opd": opd_code},
    )
    return user
