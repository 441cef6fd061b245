"""Writes of outreach, each audited."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from payung.accounts.models import Opd, User
from payung.accounts.services import record_audit
from payung.assistance.models import Programme
from payung.outreach.models import Attendee, Event, Pledge
from payung.regions.selectors import desa_of_regency

NIK = re.compile(r"^\d{16}$")


class OutreachError(Exception):
    pass


def read_niks(text: str) -> tuple[list[str], list[str]]:
    """The NIKs of an attendance list as typed or pasted (one a line, or between commas):
    (valid, not 16 digits). A NIK written twice counts once."""
    seen: dict[str, None] = {}
    wrong = []
    for raw in re.split(r"[\s,;]+", text or ""):
        nik = raw.strip().strip("'").replace(".", "")
        if not nik:
            continue
        if NIK.fullmatch(nik):
            seen.setdefault(nik, None)
        else:
            wrong.append(raw.strip())
    return list(seen), wrong


@transaction.atomic
def record_event(
    *,
    held_on: dt.date,
    desa_code: str,
    organiser: Opd | None,
    title: str,
    attendees: int,
    niks: list[str],
    user: User | None,
) -> Event:
    if not desa_of_regency(str(settings.PAYUNG_REGENCY)).filter(code=desa_code).exists():
        raise OutreachError(_("%(code)s is not a desa of this regency.") % {"code": desa_code})
    if len(niks) > attendees:
        raise OutreachError(
            _("The attendance list has %(listed)s NIKs but %(n)s attendees are given.")
            % {"listed": len(niks), "n": attendees}
        )
    event = Event.objects.create(
        held_on=held_on, desa_id=desa_code, organiser_opd=organiser, title=title.strip(),
        attendees=attendees, recorded_by=user,
    )  # fmt: skip
    Attendee.objects.bulk_create(Attendee(event=event, nik=nik) for nik in niks)
    record_audit(
        action="outreach.event", user=user, target=str(event.pk),
        details={"desa": desa_code, "held_on": held_on.isoformat(), "attendees": attendees,
                 "listed": len(niks), "organiser": event.organiser},
    )  # fmt: skip
    return event


def record_pledge(
    *,
    company: str,
    kind: str,
    amount: int,
    workers: int,
    starts: dt.date,
    ends: dt.date,
    programme: Programme | None,
    user: User | None,
) -> Pledge:
    if ends < starts:
        raise OutreachError(_("A pledge ends after it starts."))
    pledge = Pledge.objects.create(
        company=company.strip(), kind=kind, amount=amount, workers=workers, starts=starts,
        ends=ends, programme=programme, recorded_by=user,
    )  # fmt: skip
    record_audit(
        action="outreach.pledge", user=user, target=str(pledge.pk),
        details={"company": pledge.company, "amount": amount, "workers": workers,
                 "programme": programme.pk if programme else None},
    )  # fmt: skip
    return pledge
