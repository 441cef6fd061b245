"""Changes an Operator OPD asked for to workers its agency did not bring (UU 27/2022: an
agency works inside its own data). Its import holds them here; an Analis approves or rejects
each, with the old and new values side by side, and the audit trail records the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.accounts.services import record_audit
from payung.imports import writer
from payung.imports.models import ImportBatch
from payung.registry.events import REGISTRY_CHANGED
from payung.registry.models import SHOWN_FIELDS, ChangeRequest, Worker


class ChangeRefused(Exception):
    """A decision that cannot be taken; the message is for the person."""


def hold(held: pl.DataFrame, batch_id: int, columns: list[str]) -> int:
    """One pending request per held row (writer.Owner): `columns` new, `<column>_old` stored."""
    batch = ImportBatch.objects.select_related("imported_by").get(pk=batch_id)
    requester = batch.imported_by
    requests = [
        ChangeRequest(
            worker_id=row["id"],
            batch=batch,
            requested_by=requester,
            opd_id=getattr(requester, "opd_id", None),
            old={c: _text(row[f"{c}_old"]) for c in columns},
            new={c: _text(row[c]) for c in columns},
        )
        for row in held.iter_rows(named=True)
    ]
    ChangeRequest.objects.bulk_create(requests, batch_size=1000)
    return len(requests)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@transaction.atomic
def decide(request_id: int, *, approve: bool, user: User) -> ChangeRequest:
    """Approve (the worker takes the new values, the old ones kept as a version) or reject."""
    if not may(user, "registry.edit_all"):
        raise ChangeRefused(_("Only an Analis or an Administrator decides change requests."))
    request = ChangeRequest.objects.select_for_update().select_related("worker").get(pk=request_id)
    if request.status != ChangeRequest.Status.PENDING:
        raise ChangeRefused(_("This change request was decided already."))
    fields = request.changed_fields
    if approve:
        from payung.registry.importer import WORKERS

        stored = Worker.objects.filter(pk=request.worker_id).values(*SHOWN_FIELDS).get()
        if any(_text(stored[f]) != request.old.get(f, "") for f in SHOWN_FIELDS):
            raise ChangeRefused(
                _("The worker changed after this request was made: reject it and import again.")
            )
        frame = _typed({"id": str(request.worker_id), **request.new}, WORKERS)
        now = str(connection.ops.adapt_datetimefield_value(timezone.now()))
        try:
            with transaction.atomic():  # a savepoint: the refusal below still saves nothing
                writer.update_rows(frame, WORKERS, request.batch_id, now)
        except IntegrityError:  # its NIK became another worker's key meanwhile
            raise ChangeRefused(
                _("Another worker has this NIK now: reject the request and correct the list.")
            ) from None
        REGISTRY_CHANGED.announce(user=user, batch=request.batch_id)
    request.status = ChangeRequest.Status.APPROVED if approve else ChangeRequest.Status.REJECTED
    request.decided_by = user
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    record_audit(
        action="registry.change_approved" if approve else "registry.change_rejected",
        user=user,
        target=f"worker:{request.worker_id}",
        details={"request": request.pk, "batch": request.batch_id, "fields": fields},
    )
    return request


def _typed(row: dict[str, str], target: writer.Target) -> pl.DataFrame:
    """One row of text as the frame update_rows stages: numbers and dates parsed back."""
    frame = pl.DataFrame({k: [v] for k, v in row.items()}, schema=dict.fromkeys(row, pl.String))
    kinds = {c: f.get_internal_type() for c, f in target.fields().items()}
    blank = {c: pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)) for c in row}
    return frame.with_columns(
        pl.col("id").cast(pl.Int64),
        *(
            blank[c].str.to_date("%Y-%m-%d").alias(c)
            if kind == "DateField"
            else blank[c].cast(pl.Int64).alias(c)
            for c, kind in kinds.items()
            if kind == "DateField" or "IntegerField" in kind
        ),
    )
