"""Which role may do what: one table, read by the navigation, every view, API and command.

An action is named "<module>.<verb>". A page, a button and the service behind it ask the same
action, so no role sees a door it may not pass, nor passes one it cannot see."""

from __future__ import annotations

from typing import Any

from payung.accounts.roles import Role

ADMINISTRATOR, ANALIS, OPERATOR, BPJS, PIMPINAN = (
    Role.ADMINISTRATOR,
    Role.ANALIS,
    Role.OPERATOR_OPD,
    Role.PETUGAS_BPJS,
    Role.PIMPINAN,
)
EVERYONE = frozenset(Role)

PERMISSIONS: dict[str, frozenset[Role]] = {
    # Personal data under UU 27/2022 (PDP): only roles that must act on a full NIK see it.
    "nik.see_full": frozenset({ADMINISTRATOR, ANALIS, BPJS}),
    # Issue and revoke other systems' API tokens.
    "accounts.tokens": frozenset({ADMINISTRATOR}),
    # Who may turn on two-step log-in (TOTP): the roles that run the whole regency's data.
    "accounts.two_factor": frozenset({ADMINISTRATOR, ANALIS}),
    # Village worker lists come from agencies, participant exports from BPJS.
    "import.workers": frozenset({ADMINISTRATOR, ANALIS, OPERATOR}),
    "import.participants": frozenset({ADMINISTRATOR, ANALIS, BPJS}),
    # The regency's own staff lists: an agency its non-ASN staff; Dinas PMD (an Operator OPD
    # of dinas-pmd, checked by employers.staff) the village officials.
    "import.non_asn": frozenset({ADMINISTRATOR, ANALIS, OPERATOR}),
    "import.perangkat_desa": frozenset({ADMINISTRATOR, ANALIS, OPERATOR}),
    # The KPU/Bawaslu secretariats are no agencies of the regency: their lists come as files.
    "import.petugas_pemilu": frozenset({ADMINISTRATOR, ANALIS}),
    # The licensing office's list reaches Bappeda or Disnaker as a file; BPJS TK brings its own.
    "import.businesses": frozenset({ADMINISTRATOR, ANALIS}),
    "import.bpjs_employers": frozenset({ADMINISTRATOR, ANALIS, BPJS}),
    # The procurement list of APBD construction packages; BPJS TK's Jakon registrations.
    "import.jakon_projects": frozenset({ADMINISTRATOR, ANALIS}),
    "import.bpjs_jakon": frozenset({ADMINISTRATOR, ANALIS, BPJS}),
    # Run the matching and the classification, decide uncertain employer pairs.
    "employers.manage": frozenset({ADMINISTRATOR, ANALIS}),
    # Record a follow-up step (visit, warnings, referral) and make its letter.
    "employers.follow_up": frozenset({ADMINISTRATOR, ANALIS}),
    # Every agency's import batches (their flagged rows hold names, birth dates, incomes); an
    # agency operator sees only the batches its own agency brought.
    "import.all_agencies": frozenset({ADMINISTRATOR, ANALIS, BPJS}),
    "registry.view": frozenset({ADMINISTRATOR, ANALIS, OPERATOR, PIMPINAN}),
    # Change any worker by import, and decide the changes an Operator OPD asked for to workers
    # its agency did not bring (an operator corrects its own agency's workers directly).
    "registry.edit_all": frozenset({ADMINISTRATOR, ANALIS}),
    # Link quality; running the linkage and deciding review pairs.
    "linkage.view": frozenset({ADMINISTRATOR, ANALIS, BPJS, PIMPINAN}),
    "linkage.review": frozenset({ADMINISTRATOR, ANALIS}),
    # Everyone reads coverage; analysts edit BPS figures, targets, the status rule, snapshots.
    "coverage.view": EVERYONE,
    "coverage.edit": frozenset({ADMINISTRATOR, ANALIS}),
    # The boundary file the coverage map is drawn from.
    "regions.boundaries": frozenset({ADMINISTRATOR}),
    # Assistance programmes: seen, run, and enrolled at BPJS TK.
    "assistance.view": frozenset({ADMINISTRATOR, ANALIS, BPJS, PIMPINAN}),
    "assistance.manage": frozenset({ADMINISTRATOR, ANALIS}),
    "assistance.enrol": frozenset({ADMINISTRATOR, ANALIS, BPJS}),
    # BPJS TK's claim exports; the claims and the benefits they paid; the names of claimants
    # and heirs (a death in a family is personal data: the Regent's office sees the case
    # register with initials).
    "import.bpjs_claims": frozenset({ADMINISTRATOR, ANALIS, BPJS}),
    "claims.view": frozenset({ADMINISTRATOR, ANALIS, BPJS, PIMPINAN}),
    "claims.see_names": frozenset({ADMINISTRATOR, ANALIS, BPJS}),
    # Socialisation events (an agency operator records its own agency's, BPJS TK's officer
    # BPJS TK's) and the CSR and BUMD pledges (Bappeda).
    "outreach.view": frozenset({ADMINISTRATOR, ANALIS, OPERATOR, BPJS, PIMPINAN}),
    "outreach.record": frozenset({ADMINISTRATOR, ANALIS, OPERATOR, BPJS}),
    "outreach.pledges": frozenset({ADMINISTRATOR, ANALIS}),
    # A failed reaction to a write (a snapshot, a reconciliation) run again.
    "jobs.retry": frozenset({ADMINISTRATOR, ANALIS}),
    "employers.view": frozenset({ADMINISTRATOR, ANALIS, OPERATOR, BPJS, PIMPINAN}),
    "reports.view": EVERYONE,
    # The figures the Regent's page reads that no import brings (the poverty rate per year).
    "reports.manage": frozenset({ADMINISTRATOR, ANALIS}),
    # Monitoring the Inpres (monev).
    "monev.view": frozenset({ADMINISTRATOR, ANALIS, OPERATOR, PIMPINAN}),
    # An agency reports its own items; Bappeda sets targets and verifies or returns items (it
    # never reports them: the one who checks is not the one who fills); an Administrator
    # reopens a closed period for one agency and opens, computes and closes periods.
    "monev.enter": frozenset({OPERATOR}),
    "monev.verify": frozenset({ANALIS}),
    "monev.targets": frozenset({ADMINISTRATOR, ANALIS}),
    "monev.manage": frozenset({ADMINISTRATOR}),
}


def roles_for(action: str) -> frozenset[Role]:
    return PERMISSIONS[action]  # a KeyError is a typo in code, never a silent "no"


def may(who: Any, action: str) -> bool:
    """May `who` (a user, or a role) do `action`? An anonymous user may do nothing."""
    if isinstance(who, str):
        role: Any = who
    elif getattr(who, "is_authenticated", False):
        role = getattr(who, "role", None)
    else:
        role = None
    return role in roles_for(action)
