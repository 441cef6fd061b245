"""Reads of the registry for its pages."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.registry import search
from payung.registry.models import ChangeRequest, Worker, WorkerVersion


def pending_changes() -> QuerySet[ChangeRequest]:
    return (
        ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING)
        .select_related("worker", "requested_by", "opd", "batch")
        .order_by("created_at")
    )


def decided_changes(limit: int = 50) -> QuerySet[ChangeRequest]:
    return (
        ChangeRequest.objects.exclude(status=ChangeRequest.Status.PENDING)
        .select_related("worker", "decided_by", "opd")
        .order_by("-decided_at")[:limit]
    )


def workers_in_scope(user: User) -> QuerySet[Worker]:
    """The workers `user` may look up: an Operator OPD its own agency's, every other role
    with `registry.view` the whole registry; nobody else any."""
    if not may(user, "registry.view"):
        return Worker.objects.none()
    if user.role == Role.OPERATOR_OPD:
        return Worker.objects.filter(opd_id=user.opd_id) if user.opd_id else Worker.objects.none()
    return Worker.objects.all()


def filtered(
    workers: QuerySet[Worker],
    *,
    region: str = "",
    occupation: str = "",
    decile: int | None = None,
) -> QuerySet[Worker]:
    """`workers` of a kecamatan or desa (by code), of a trade, of a decile."""
    if region:
        workers = workers.filter(Q(desa_id=region) | Q(desa__code__startswith=region + "."))
    if occupation:
        workers = workers.filter(occupation=occupation)
    if decile is not None:
        workers = workers.filter(decile=decile)
    return workers


def occupations() -> list[str]:
    """The trades the registry holds, as written by the imports, A to Z."""
    found = Worker.objects.exclude(occupation="").values_list("occupation", flat=True)
    return sorted(set(found.distinct()))


def find(workers: QuerySet[Worker], text: str) -> search.Found:
    return search.search(workers, search.Query.parse(text))


def versions_of(worker: Worker) -> QuerySet[WorkerVersion]:
    return worker.versions.select_related("replaced_by_batch", "desa").order_by("-replaced_at")
