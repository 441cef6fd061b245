"""The product's modules as the navigation shows them; who may open each is an action of
accounts.permissions."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from payung.accounts.permissions import may, roles_for
from payung.accounts.roles import Role


@dataclass(frozen=True)
class Module:
    slug: str
    label: str | Promise
    description: str | Promise
    action: str  # the permission that opens it
    url_name: str | None = None  # the module's own page, once it has one

    @property
    def roles(self) -> frozenset[Role]:
        return roles_for(self.action)

    @property
    def url(self) -> str:
        return reverse(self.url_name) if self.url_name else reverse("module", args=[self.slug])


MODULES: tuple[Module, ...] = (
    Module(
        "registry",
        _("Worker registry"),
        _("Workers known to the regency, keyed by NIK, from village lists."),
        "registry.view",
        "directory:search",
    ),
    Module(
        "kepesertaan",
        _("Participation"),
        _("BPJS Ketenagakerjaan participants and their link to the registry."),
        "linkage.view",
        "linkage:quality",
    ),
    Module(
        "cakupan",
        _("Coverage"),
        _("Universal Coverage Jamsostek by district, village and segment."),
        "coverage.view",
        "coverage:dashboard",
    ),
    Module(
        "bantuan-iuran",
        _("Contribution assistance"),
        _("Contributions paid by the regency for vulnerable workers."),
        "assistance.view",
        "assistance:index",
    ),
    Module(
        "klaim",
        _("Claims"),
        _("Benefits BPJS TK paid to workers and their families, against the contributions."),
        "claims.view",
        "claims:index",
    ),
    Module(
        "pemberi-kerja",
        _("Employers"),
        _("Employer and construction-project compliance."),
        "employers.view",
        "employers:index",
    ),
    Module(
        "monev",
        _("Inpres monitoring"),
        _("Monitoring and evaluation of every agency's actions under Inpres 2/2021."),
        "monev.view",
        "monev:catalogue",
    ),
    Module(
        "laporan",
        _("Reports"),
        _("Reports for the Regent and the Paritrana Award."),
        "reports.view",
        "reports:executive",
    ),
)

BY_SLUG = {m.slug: m for m in MODULES}


def modules_for(role: str) -> list[Module]:
    return [m for m in MODULES if may(role, m.action)]
