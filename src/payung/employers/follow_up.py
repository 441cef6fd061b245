"""The follow-up of an employer that does not comply: visit, written warning 1, written
warning 2, referral to the provincial labour inspectorate, resolved. Its subject is a licensed
business with findings, or an APBD construction project not registered for Jakon (its
contractor is the employer that must register it; its owning agency is told too). Each step is
recorded with who took it and the deadline given; a step past its deadline with nothing after
it is overdue. Steps go forward only, as PP 86/2013 sets them (warnings before sanctions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.employers import jakon
from payung.employers.models import Business, FollowUp, Project, Step
from payung.employers.selectors import CLEAR

ORDER = list(Step.values)
# Days a business is given to act after each step (PP 86/2013 Pasal 6: 10 days between the
# written warnings); the regency may set another deadline when it records the step.
DAYS = {Step.VISIT: 14, Step.WARNING_1: 10, Step.WARNING_2: 10, Step.REFERRAL: 30}

Subject = Business | Project


class StepRefused(ValueError):
    """A step out of order, or one for a subject with nothing to follow up."""


def trail(subject: Subject) -> list[FollowUp]:
    return list(subject.follow_ups.select_related("done_by"))


def next_steps(subject: Subject) -> list[str]:
    """The steps that may come next: any later one than the last (a visit may be skipped)."""
    done = trail(subject)
    if done and done[-1].step == Step.RESOLVED:
        return []
    start = ORDER.index(done[-1].step) + 1 if done else 0
    return ORDER[start:]


def open_findings(subject: Subject) -> list[str]:
    """What a step answers: a business's findings that bar a permit; a project's Jakon
    status when it is not registered, or was registered after its start."""
    if isinstance(subject, Business):
        return [f.code for f in subject.findings.all() if f.code not in CLEAR]
    status = jakon.project_row(subject).status
    return [] if status == jakon.REGISTERED else [status]


def target(subject: Subject) -> str:
    """The subject as the audit trail names it."""
    if isinstance(subject, Business):
        return f"business:{subject.nib}"
    return f"project:{subject.package}"


@transaction.atomic
def record_step(
    subject: Subject,
    step: str,
    user: User,
    *,
    note: str = "",
    deadline: dt.date | None = None,
) -> FollowUp:
    if step not in next_steps(subject):
        raise StepRefused(_("This step cannot come next in the follow-up."))
    findings = open_findings(subject)
    if not findings and step != Step.RESOLVED:
        raise StepRefused(_("There is no finding to follow up."))
    if step != Step.RESOLVED and deadline is None:
        deadline = timezone.localdate() + dt.timedelta(days=DAYS[Step(step)])
    made = FollowUp.objects.create(
        business=subject if isinstance(subject, Business) else None,
        project=subject if isinstance(subject, Project) else None,
        step=step, deadline=None if step == Step.RESOLVED else deadline,
        note=note.strip(), findings=findings, done_by=user,
    )  # fmt: skip
    record_audit(
        action="employers.follow_up", user=user, target=target(subject),
        details={"step": step, "deadline": made.deadline.isoformat() if made.deadline else None,
                 "findings": findings, "note": made.note},
    )  # fmt: skip
    return made


@dataclass
class Overdue:
    last: FollowUp
    days: int  # past the deadline

    @property
    def name(self) -> str:
        return self.last.subject.name

    @property
    def url(self) -> str:
        if self.last.business is not None:
            return reverse("employers:business", args=[self.last.business.nib])
        assert self.last.project is not None
        return reverse("employers:project", args=[self.last.project.package])


def latest_steps() -> list[FollowUp]:
    """Each business's and project's latest step."""
    latest: dict[tuple[int | None, int | None], FollowUp] = {}
    steps = FollowUp.objects.select_related("business", "project", "done_by")
    for f in steps.order_by("done_at", "pk"):
        latest[(f.business_id, f.project_id)] = f
    return list(latest.values())


def overdue(on: dt.date | None = None) -> list[Overdue]:
    """Businesses and projects whose latest step's deadline has passed with no step after."""
    today = on or timezone.localdate()
    late = [
        Overdue(f, (today - f.deadline).days)
        for f in latest_steps()
        if f.step != Step.RESOLVED and f.deadline is not None and f.deadline < today
    ]
    return sorted(late, key=lambda o: -o.days)
