"""Where a programme stands: its five steps with their counts, and the next thing to do for the
role looking at it. Read from the same counts the rest of the programme page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from payung.accounts.permissions import may
from payung.assistance import selectors
from payung.assistance.billing import Realisation
from payung.assistance.models import HOLDING, Programme, Status


@dataclass
class Step:
    label: str
    done: int
    of: int
    unit: str  # what is counted: workers, desa, months, rupiah

    @property
    def complete(self) -> bool:
        return self.of > 0 and self.done >= self.of


def steps(programme: Programme, money: Realisation | None) -> list[Step]:
    counts = selectors.status_counts(programme)
    holding = sum(counts.get(s, 0) for s in HOLDING)
    desa = [d for d in selectors.by_desa(programme) if sum(d.counts.values())]
    verified = sum(1 for d in desa if d.waiting == 0)
    enrolled = counts.get(Status.ENROLLED, 0)
    return [
        Step(_("Workers selected"), holding, programme.quota, "workers"),
        Step(_("Desa that verified their list"), verified, len(desa), "desa"),
        Step(_("Workers enrolled at BPJS TK"), enrolled, holding, "workers"),
        Step(_("Months billed"), programme.bills.count(), programme.months, "months"),
        Step(_("Bills paid"), money.paid if money else 0, money.billed if money else 0, "rupiah"),
    ]


def next_action(programme: Programme, listed: list[Step], user: Any) -> str:
    """What the person looking at the programme does next, or waits for."""
    selected, verified, enrolled, billed, paid = listed
    manages = may(user, "assistance.manage")
    if selected.done == 0:
        if manages:
            return _("Select workers from the priority list.")
        return _("Waiting for an Analis to select the workers.")
    if not verified.complete:
        return _("Waiting for %(n)s desa to verify their list.") % {
            "n": verified.of - verified.done
        }
    if enrolled.done == 0:
        if may(user, "assistance.enrol"):
            return _("Download the enrolment file, register it at BPJS TK, then mark it enrolled.")
        return _("Waiting for BPJS TK to register the enrolment file.")
    if not billed.complete and manages:
        return _("Make the month's bill from the contribution calculator.")
    if paid.done < paid.of and manages:
        return _("Record the payment of the open bills.")
    if not billed.complete:
        return _("Waiting for the next month's bill.")
    return _("Every month is billed and paid: follow the reconciliation.")
