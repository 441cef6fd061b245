"""Who may see link quality, and who may run the linkage and decide review pairs."""

from payung.accounts.roles import Role

VIEWERS = frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.PETUGAS_BPJS, Role.PIMPINAN})
REVIEWERS = frozenset({Role.ADMINISTRATOR, Role.ANALIS})


def may_view(role: str) -> bool:
    return role in VIEWERS


def may_review(role: str) -> bool:
    return role in REVIEWERS
