"""The reporting cycle of one period, item by item: an agency enters and submits, Bappeda
verifies or returns with a reason, an Administrator reopens. Each write checks who may do it
(accounts.permissions, and an Operator OPD only its own agency's items), keeps the model's
history (values before and after, who, why) and records an audit event with both values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.accounts.models import Opd, User
from payung.accounts.permissions import may
from payung.accounts.services import record_audit
from payung.monev import evidence as files
from payung.monev.models import (
    Evidence,
    Indicator,
    ItemStatus,
    Kind,
    Period,
    Realisation,
    Recommendation,
    Reopening,
    Target,
)

EDITABLE = (ItemStatus.DRAFT, ItemStatus.RETURNED)


class NotAllowed(PermissionError):
    """A step the user may not take now, with the reason in words."""


def today() -> dt.date:
    return timezone.localdate()


def open_for_entry(period: Period, opd_id: int, on: dt.date | None = None) -> bool:
    """Whether `opd_id` may enter the period's items on `on`: inside the period's window and
    not locked, or under an Administrator's reopening that still runs."""
    on = on or today()
    if not period.locked and period.opens <= on <= period.closes:
        return True
    return Reopening.objects.filter(period=period, opd_id=opd_id, until__gte=on).exists()


def check_may_enter(user: User, item: Realisation) -> None:
    if not may(user, "monev.enter") or user.opd_id != item.opd_id:
        raise NotAllowed(_("Only the agency's own operator reports this item."))
    if item.status not in EDITABLE:
        raise NotAllowed(
            _("The item is %(status)s: it can no longer be changed.")
            % {"status": item.get_status_display()}
        )
    if not open_for_entry(item.period, item.opd_id):
        raise NotAllowed(_("The period is not open for entry."))


def _state(item: Realisation) -> dict[str, Any]:
    return {
        "value": None if item.value is None else str(item.value),
        "numerator": None if item.numerator is None else str(item.numerator),
        "denominator": None if item.denominator is None else str(item.denominator),
        "narrative": item.narrative,
        "achieved_on": item.achieved_on.isoformat() if item.achieved_on else None,
        "status": item.status,
    }


def _save(item: Realisation, user: User, action: str, why: str, **extra: Any) -> None:
    """Save `item` with its history (who, why) and an audit event holding before and after."""
    before = Realisation.objects.get(pk=item.pk)
    item._change_reason = why  # type: ignore[attr-defined]
    item.save()
    record_audit(
        action=action,
        user=user,
        target=f"monev.item:{item.pk}",
        details={"before": _state(before), "after": _state(item), **extra},
    )


@transaction.atomic
def enter(
    item: Realisation,
    user: User,
    *,
    narrative: str,
    value: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    achieved_on: dt.date | None = None,
) -> Realisation:
    """The agency's entry. On a computed item only the narrative is the agency's: the figure
    is Payung's, frozen with its inputs."""
    check_may_enter(user, item)
    item.narrative = narrative.strip()
    indicator = item.indicator
    if not item.computed:
        if indicator.kind == Kind.RATIO:
            if numerator is not None and denominator is not None:
                if denominator <= 0:
                    raise ValueError(_("The denominator must be more than zero."))
                value = (numerator / denominator).quantize(Decimal("0.0001"))
            item.numerator, item.denominator = numerator, denominator
        if indicator.kind == Kind.MILESTONE:
            if value not in (None, Decimal(0), Decimal(1)):
                raise ValueError(_("A milestone is done (1) or not (0)."))
            if value == 1 and achieved_on is None:
                raise ValueError(_("A milestone reached has the date it was reached."))
            item.achieved_on = achieved_on if value == 1 else None
        item.value = value
    _save(item, user, "monev.entered", "entered by the agency")
    return item


@transaction.atomic
def add_evidence(
    item: Realisation,
    user: User,
    *,
    title: str,
    chunks: Iterable[bytes] | None = None,
    size: int | None = None,
    link: str = "",
) -> Evidence:
    check_may_enter(user, item)
    if (chunks is None) == (not link):
        raise ValueError(_("Give either a file or a link."))
    stored = files.store(chunks, size) if chunks is not None else None
    found = Evidence.objects.create(
        item=item, title=title.strip() or _("evidence"), file=stored, link=link, added_by=user
    )
    record_audit(
        action="monev.evidence_added",
        user=user,
        target=f"monev.item:{item.pk}",
        details={
            "evidence": found.pk,
            "title": found.title,
            "sha256": stored.sha256 if stored else None,
            "link": link or None,
        },
    )
    return found


@transaction.atomic
def remove_evidence(found: Evidence, user: User) -> None:
    check_may_enter(user, found.item)
    record_audit(
        action="monev.evidence_removed",
        user=user,
        target=f"monev.item:{found.item_id}",
        details={"evidence": found.pk, "title": found.title},
    )
    found.delete()  # the stored file stays: other items, and the trail, may cite it


def missing_for_submission(item: Realisation) -> list[str]:
    """What the item still lacks before it can be submitted, in words."""
    missing = []
    if item.value is None:
        missing.append(_("the realisation"))
    if item.indicator.evidence_required and not item.evidence.exists():
        missing.append(_("the evidence its indicator requires"))
    return missing


@transaction.atomic
def submit(item: Realisation, user: User) -> Realisation:
    check_may_enter(user, item)
    missing = missing_for_submission(item)
    if missing:
        raise NotAllowed(
            _("Not submitted: %(missing)s still missing.") % {"missing": ", ".join(missing)}
        )
    item.status = ItemStatus.SUBMITTED
    # Timeliness counts the first submission; a resubmission after a return keeps it.
    item.submitted_at = item.submitted_at or timezone.now()
    _save(item, user, "monev.submitted", "submitted by the agency")
    return item


def _check_may_verify(user: User, item: Realisation) -> None:
    if not may(user, "monev.verify"):
        raise NotAllowed(_("Only Bappeda's analysts verify items."))
    if item.status != ItemStatus.SUBMITTED:
        raise NotAllowed(
            _("Only a submitted item is verified or returned; this one is %(status)s.")
            % {"status": item.get_status_display()}
        )


@transaction.atomic
def verify(item: Realisation, user: User) -> Realisation:
    _check_may_verify(user, item)
    item.status, item.verified_at, item.return_reason = ItemStatus.VERIFIED, timezone.now(), ""
    _save(item, user, "monev.verified", "verified by Bappeda")
    return item


@transaction.atomic
def return_item(item: Realisation, user: User, reason: str) -> Realisation:
    """Send one item back to its agency, which sees it in its fix list with the reason."""
    _check_may_verify(user, item)
    reason = reason.strip()
    if not reason:
        raise ValueError(_("A return needs its reason."))
    item.status, item.return_reason = ItemStatus.RETURNED, reason
    _save(item, user, "monev.returned", reason, reason=reason)
    return item


@transaction.atomic
def reopen(
    period: Period, opd: Opd, user: User, *, reason: str, until: dt.date, verified_too: bool
) -> Reopening:
    """Let one agency enter the period's items again until `until`. With `verified_too` its
    verified items go back to it as returned, with the reason, to be verified again."""
    if not may(user, "monev.manage"):
        raise NotAllowed(_("Only an Administrator reopens a period."))
    reason = reason.strip()
    if not reason:
        raise ValueError(_("A reopening needs its reason."))
    if until < today():
        raise ValueError(_("The reopening must run until today or later."))
    found = Reopening.objects.create(period=period, opd=opd, reason=reason, until=until, by=user)
    found._change_reason = reason  # type: ignore[attr-defined]
    reopened = []
    if verified_too:
        for item in Realisation.objects.filter(
            period=period, opd=opd, status=ItemStatus.VERIFIED
        ).select_related("indicator"):
            item.status, item.return_reason, item.verified_at = ItemStatus.RETURNED, reason, None
            _save(item, user, "monev.returned", reason, reason=reason, reopening=found.pk)
            reopened.append(item.indicator.code)
    record_audit(
        action="monev.reopened",
        user=user,
        target=f"period:{period.pk}",
        details={
            "opd": opd.code,
            "reason": reason,
            "until": until.isoformat(),
            "items_returned": reopened,
        },
    )
    return found


@transaction.atomic
def set_target(
    indicator: Indicator, opd: Opd, period: Period, value: Decimal, user: User, reason: str = ""
) -> Target:
    """Set a target, or revise one with its reason: the old value stays in the history."""
    if not may(user, "monev.targets"):
        raise NotAllowed(_("Only Bappeda sets targets."))
    found = Target.objects.filter(indicator=indicator, opd=opd, period=period).first()
    before = None if found is None else str(found.value)
    if found is not None:
        if found.value == value:
            return found
        if not reason.strip():
            raise ValueError(_("A revised target needs its reason."))
        found.value = value
    else:
        found = Target(indicator=indicator, opd=opd, period=period, value=value)
    try:
        found.clean()  # the model's rule: a milestone's target is 1 or 0
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from None
    found._change_reason = reason.strip() or "target set"  # type: ignore[attr-defined]
    found.save()
    record_audit(
        action="monev.target_set" if before is None else "monev.target_revised",
        user=user,
        target=f"monev.target:{found.pk}",
        details={
            "indicator": indicator.code,
            "opd": opd.code,
            "period": str(period),
            "before": before,
            "after": str(value),
            "reason": reason.strip(),
        },
    )
    return found


@transaction.atomic
def set_recommendations(period: Period, texts: list[str], user: User) -> None:
    """Replace the period's recommendations to the Regent with `texts`, in order."""
    if not may(user, "monev.targets"):
        raise NotAllowed(_("Only Bappeda writes the recommendations."))
    before = list(period.recommendations.values_list("text", flat=True))
    if before == texts:
        return
    period.recommendations.all().delete()
    for position, text in enumerate(texts):
        Recommendation.objects.create(period=period, text=text, position=position)
    record_audit(
        action="monev.recommendations",
        user=user,
        target=f"period:{period.pk}",
        details={"before": before, "after": texts},
    )
