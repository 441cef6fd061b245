"""Assistance's reactions to writes elsewhere (payung.jobs.events), run by the worker."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from payung.accounts.models import User
from payung.assistance import standing
from payung.assistance.reconciliation import reconcile_all
from payung.imports.models import ImportBatch
from payung.jobs.events import reaction


@reaction(_("Reconciliation of assistance programmes"))
def reconcile_after_change(
    *,
    event: str,
    user: int | None = None,
    batch: int | None = None,
    run: int | None = None,
    month: str | None = None,
) -> int:
    """A new export or new links: every enrolled worker is checked against BPJS TK again
    (issue 7): active, lapsed, missing, or covered by an employer and no longer to be paid
    for. Returns how many programmes were reconciled."""
    return len(
        reconcile_all(
            user=User.objects.filter(pk=user).first() if user else None,
            batch=ImportBatch.objects.filter(pk=batch).first() if batch else None,
        )
    )


@reaction(_("Priority lists of assistance programmes"))
def standing_after_change(
    *,
    event: str,
    user: int | None = None,
    batch: int | None = None,
    run: int | None = None,
    month: str | None = None,
) -> int:
    """The registry, the BPJS list, the links or a programme's places changed: every
    programme's priority list is worked out again (assistance.standing). Returns how many."""
    return standing.refresh_all()
