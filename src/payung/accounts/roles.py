"""The five roles. What each may do is the table in accounts.permissions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    ANALIS = "analis", _("Analyst (Bappeda/Disnaker)")
    OPERATOR_OPD = "operator_opd", _("Agency operator (OPD)")
    PETUGAS_BPJS = "petugas_bpjs", _("BPJS officer")
    PIMPINAN = "pimpinan", _("Leadership (read-only)")


# Pimpinan (the Regent's office) reads everything and changes nothing.
READ_ONLY_ROLES = frozenset({Role.PIMPINAN})
