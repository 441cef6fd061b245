from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.accounts.permissions import may
from payung.accounts.roles import READ_ONLY_ROLES, Role


class Opd(models.Model):
    """A regency agency (Organisasi Perangkat Daerah)."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("agency (OPD)")
        verbose_name_plural = _("agencies (OPD)")

    def __str__(self) -> str:
        return self.short_name


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PIMPINAN)
    opd = models.ForeignKey(
        Opd, verbose_name=_("agency (OPD)"), null=True, blank=True, on_delete=models.PROTECT
    )

    def clean(self) -> None:
        super().clean()
        if self.role == Role.OPERATOR_OPD and self.opd_id is None:
            raise ValidationError({"opd": _("An agency operator must belong to one agency.")})

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        # The admin site is for Administrators only; the role decides, not a stray flag.
        self.is_staff = self.is_superuser = self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)

    @property
    def sees_full_nik(self) -> bool:
        return may(self.role, "nik.see_full")

    @property
    def is_read_only(self) -> bool:
        return self.role in READ_ONLY_ROLES


class AuditEvent(models.Model):
    """Who did what, when: the trail UU 27/2022 (PDP) asks for around personal data."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("user")
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target = models.CharField(_("record"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        # A record's own trail (a worker's page lists who viewed or changed it).
        indexes = [models.Index(fields=["target", "at"], name="accounts_audit_target_at")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.target}"


class LoginFailure(models.Model):
    """A wrong password (payung.accounts.lockout counts them). The username is kept case-folded
    and may name no account: guesses at names that do not exist count too."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.ip_address}"


class Lockout(models.Model):
    """A username or an address refused log-in until `until`."""

    class Kind(models.TextChoices):
        USERNAME = "username", _("username")
        ADDRESS = "address", _("address")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=150)
    at = models.DateTimeField()
    until = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "until"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} until {self.until:%Y-%m-%d %H:%M}"


class TokenScope(models.TextChoices):
    PERMIT_READ = "permit.read", _("read the permit check")


class ApiToken(models.Model):
    """A machine client's key to the API (the permit office's system): only its SHA-256 is
    kept, the token itself is shown once when issued. Scoped to what the client may read;
    revoked, never deleted, so the audit trail keeps naming it."""

    client = models.CharField(_("client"), max_length=100)
    prefix = models.CharField(max_length=8, unique=True)  # the token's first characters
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole token
    scopes = models.CharField(max_length=200)  # TokenScope values, comma-separated
    issued_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.client} ({self.prefix}…)"

    def allows(self, scope: str) -> bool:
        return self.revoked_at is None and scope in self.scopes.split(",")
