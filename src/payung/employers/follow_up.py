"""The follow-up of a business that does not comply: visit, written warning 1, written warning
2, referral to the provincial labour inspectorate, resolved. Each step is recorded with who took
it and the deadline the business is given; a step past its deadline with nothing after it is
overdue. Steps go forward only, as PP 86/2013 sets them (warnings before sanctions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.employers.models import Business, FollowUp, Step
from payung.employers.selectors import CLEAR

ORDER = list(Step.values)
# Days a business is given to act after each step (PP 86/2013 Pasal 6: 10 days between the
# written warnings); the regency may set another deadline when it records the step.
DAYS = {Step.VISIT: 14, Step.WARNING_1: 10, Step.WARNING_2: 10, Step.REFERRAL: 30}


class StepRefused(ValueError):
    """A step out of order, or one for a business with nothing to follow up."""


def trail(business: Business) -> list[FollowUp]:
    return list(business.follow_ups.select_related("done_by"))


def next_steps(business: Business) -> list[str]:
    """The steps that may come next: any later one than the last (a visit may be skipped)."""
    done = trail(business)
    if done and done[-1].step == Step.RESOLVED:
        return []
    start = ORDER.index(done[-1].step) + 1 if done else 0
    return ORDER[start:]


@transaction.atomic
def record_step(
    business: Business,
    step: str,
    user: User,
    *,
    note: str = "",
    deadline: dt.date | None = None,
) -> FollowUp:
    if step not in next_steps(business):
        raise StepRefused(_("This step cannot come next in the business's follow-up."))
    open_findings = [f.code for f in business.findings.all() if f.code not in CLEAR]
    if not open_findings and step != Step.RESOLVED:
        raise StepRefused(_("The business has no finding to follow up."))
    if step != Step.RESOLVED and deadline is None:
        deadline = timezone.localdate() + dt.timedelta(days=DAYS[Step(step)])
    made = FollowUp.objects.create(
        business=business, step=step, deadline=None if step == Step.RESOLVED else deadline,
        note=note.strip(), findings=open_findings, done_by=user,
    )  # fmt: skip
    record_audit(
        action="employers.follow_up", user=user, target=f"business:{business.nib}",
        details={"step": step, "deadline": made.deadline.isoformat() if made.deadline else None,
                 "findings": open_findings, "note": made.note},
    )  # fmt: skip
    return made


@dataclass
class Overdue:
    business: Business
    last: FollowUp
    days: int  # past the deadline


def overdue(on: dt.date | None = None) -> list[Overdue]:
    """Businesses whose latest step's deadline has passed with no step after it."""
    today = on or timezone.localdate()
    latest: dict[int, FollowUp] = {}
    for f in FollowUp.objects.select_related("business", "done_by").order_by("done_at", "pk"):
        latest[f.business_id] = f
    late = [
        Overdue(f.business, f, (today - f.deadline).days)
        for f in latest.values()
        if f.step != Step.RESOLVED and f.deadline is not None and f.deadline < today
    ]
    return sorted(late, key=lambda o: -o.days)
