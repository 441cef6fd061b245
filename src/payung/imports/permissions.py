"""Who may import what: village worker lists come from agencies, participant exports from BPJS."""

from payung.accounts.roles import Role
from payung.imports.models import Kind

IMPORTERS: dict[str, frozenset[Role]] = {
    Kind.WORKERS: frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.OPERATOR_OPD}),
    Kind.PARTICIPANTS: frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.PETUGAS_BPJS}),
}


def kinds_for(role: str) -> list[Kind]:
    return [Kind(kind) for kind, roles in IMPORTERS.items() if role in roles]
