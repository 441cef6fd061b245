"""Writes of the directory: only the audit of who looked at whom (UU 27/2022, PDP)."""

from __future__ import annotations

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.registry.models import Worker


def worker_target(worker: Worker) -> str:
    return f"worker:{worker.pk}"


def record_viewed(user: User, worker: Worker, ip_address: str | None) -> None:
    record_audit(
        action="registry.worker_viewed",
        user=user,
        target=worker_target(worker),
        ip_address=ip_address,
    )


def record_searched(user: User, query: str, shown: int, ip_address: str | None) -> None:
    """A search by NIK or name is a look into personal data too: what was asked, how many
    rows were shown (not who), so a trawl through the registry shows in the trail."""
    record_audit(
        action="registry.searched",
        user=user,
        target="registry",
        details={"query": query[:100], "shown": shown},
        ip_address=ip_address,
    )


def record_exported(user: User, listing: str, rows: int, filters: dict[str, str]) -> None:
    """A list of people leaving Payung as a file: which list, filtered how, how many rows."""
    record_audit(
        action="registry.exported",
        user=user,
        target=f"list:{listing}",
        details={"rows": rows, "filters": filters},
    )
