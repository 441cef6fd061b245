"""Who may see the programmes, who runs them, and who records the enrolment at BPJS TK."""

from payung.accounts.roles import Role

VIEWERS = frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.PETUGAS_BPJS, Role.PIMPINAN})
MANAGERS = frozenset({Role.ADMINISTRATOR, Role.ANALIS})
ENROLLERS = frozenset({Role.ADMINISTRATOR, Role.ANALIS, Role.PETUGAS_BPJS})
