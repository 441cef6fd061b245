"""The product's modules and which roles may open each: the navigation and access table."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from payung.accounts.roles import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class Module:
    slug: str
    label: str | Promise
    description: str | Promise
    roles: frozenset[Role]
    url_name: str | None = None  # the module's own page, once it has one

    @property
    def url(self) -> str:
        return reverse(self.url_name) if self.url_name else reverse("module", args=[self.slug])


MODULES: tuple[Module, ...] = (
    Module(
        "registry",
        _("Worker registry"),
        _("Workers known to the regency, keyed by NIK, from village lists."),
        frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.OPERATOR_OPD, Role.PIMPINAN}),
    ),
    Module(
        "kepesertaan",
        _("Participation"),
        _("BPJS Ketenagakerjaan participants and their link to the registry."),
        frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.PETUGAS_BPJS, Role.PIMPINAN}),
        "linkage:quality",
    ),
    Module(
        "cakupan",
        _("Coverage"),
        _("Universal Coverage Jamsostek by district, village and segment."),
        ALL_ROLES,
        "coverage:dashboard",
    ),
    Module(
        "bantuan-iuran",
        _("Contribution assistance"),
        _("Contributions paid by the regency for vulnerable workers."),
        frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.PETUGAS_BPJS, Role.PIMPINAN}),
        "assistance:index",
    ),
    Module(
        "pemberi-kerja",
        _("Employers"),
        _("Employer and construction-project compliance."),
        frozenset(
            {Role.ADMINISTRATOR, Role.ANALIS, Role.OPERATOR_OPD, Role.PETUGAS_BPJS, Role.PIMPINAN}
        ),
    ),
    Module(
        "monev",
        _("Inpres monitoring"),
        _("Monitoring and evaluation of every agency's actions under Inpres 2/2021."),
        frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.OPERATOR_OPD, Role.PIMPINAN}),
    ),
    Module(
        "laporan",
        _("Reports"),
        _("Reports for the Regent and the Paritrana Award."),
        ALL_ROLES,
    ),
)

BY_SLUG = {m.slug: m for m in MODULES}


def modules_for(role: str) -> list[Module]:
    return [m for m in MODULES if role in m.roles]
