"""The five roles and what each may do. One table, read by views, templates and tests."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    ANALIS = "analis", _("Analyst (Bappeda/Disnaker)")
    OPERATOR_OPD = "operator_opd", _("Agency operator (OPD)")
    PETUGAS_BPJS = "petugas_bpjs", _("BPJS officer")
    PIMPINAN = "pimpinan", _("Leadership (read-only)")


# Personal data under UU 27/2022 (PDP): only roles that must act on a full NIK see it.
ROLES_SEEING_FULL_NIK = frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.PETUGAS_BPJS})

# Pimpinan (the Regent's office) reads everything and changes nothing.
READ_ONLY_ROLES = frozenset({Role.PIMPINAN})
