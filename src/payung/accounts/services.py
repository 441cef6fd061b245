"""Writes for accounts: users, the OPD list and the audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from payung.accounts.actors import system_name
from payung.accounts.models import ApiToken, AuditEvent, Opd, TokenScope, User
from payung.accounts.opds import SEED_OPDS
from payung.accounts.roles import Role
from payung.lib.rawsql import moment


def record_audit(
    *,
    action: str,
    user: User | None = None,
    username: str = "",
    target: str = "",
    details: dict[str, Any] | None = None,
    ip_address: str | None = None,
    wait_for_disk: bool = True,
) -> AuditEvent:
    """One row of the trail. `wait_for_disk=False` is for a machine client's reads that come
    many times a second (the permit check): on PostgreSQL its own commit does not wait for the
    write-ahead log to reach the disk (asynchronous commit, which PostgreSQL's manual names
    for logging). A crash of the database server itself may then lose the last fraction of a
    second of such rows, never corrupt them; under 20 clients the wait was a third of each
    call. Inside a caller's transaction the row commits with it, as every other row does."""
    event = AuditEvent(
        user=user if user is not None and user.pk else None,
        username=username or (user.get_username() if user is not None else system_name()),
        action=action,
        target=target,
        details=details or {},
        ip_address=ip_address,
    )
    if wait_for_disk or connection.vendor != "postgresql" or connection.in_atomic_block:
        event.save()
        return event
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        event.save()
    return event


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


TOKEN_BYTES = 32


def _digest(token: str) -> str:
    # A random 256-bit token needs no slow hash: SHA-256 cannot be reversed, nor guessed.
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_token(
    client: str, scopes: list[str], *, user: User | None = None
) -> tuple[ApiToken, str]:
    """A new API token for `client`: (its record, the token, shown this once only)."""
    unknown = [s for s in scopes if s not in TokenScope.values]
    if not client.strip() or not scopes or unknown:
        raise ValueError(f"a token needs a client and known scopes, not {unknown or scopes}")
    token = "pyg_" + secrets.token_urlsafe(TOKEN_BYTES)
    made = ApiToken.objects.create(
        client=client.strip(), prefix=token[4:12], digest=_digest(token),
        scopes=",".join(sorted(set(scopes))), issued_by=user,
    )  # fmt: skip
    record_audit(
        action="api.token_issued", user=user, target=f"api_token:{made.pk}",
        details={"client": made.client, "scopes": made.scopes, "prefix": made.prefix},
    )  # fmt: skip
    return made, token


@transaction.atomic
def revoke_token(found: ApiToken, *, user: User | None = None) -> None:
    if found.revoked_at is not None:
        return
    found.revoked_at = timezone.now()
    found.save(update_fields=["revoked_at"])
    record_audit(
        action="api.token_revoked", user=user, target=f"api_token:{found.pk}",
        details={"client": found.client, "prefix": found.prefix},
    )  # fmt: skip


# A token's last use is dated to the minute: the licensing system calls many times a second,
# and a write per call (a commit, a WAL flush) cost the permit check a third of its time.
# Every call is in the audit trail anyway; this date only tells an administrator the token
# is still in use.
TOKEN_USE_RESOLUTION = dt.timedelta(minutes=1)


def token_for(presented: str) -> ApiToken | None:
    """The live or revoked token `presented` is, or None; its use is dated (to the minute).

    Written out in SQL, not built by the ORM: the licensing system's every call passes here,
    and building the query each time cost three times the read (0,5 against 0,16 ms of CPU)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, client, prefix, scopes, revoked_at, last_used_at"
            f" FROM {ApiToken._meta.db_table} WHERE digest = %s",
            [_digest(presented.strip())],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, client, prefix, scopes, revoked_at, last_used_at = row
    found = ApiToken(
        pk=pk, client=client, prefix=prefix, scopes=scopes,
        revoked_at=moment(revoked_at), last_used_at=moment(last_used_at),
    )  # fmt: skip
    if found.revoked_at is not None:
        return found
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at >= TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.last_used_at = now
    return found
