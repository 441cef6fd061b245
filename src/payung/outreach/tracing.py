"""Outreach traced to enrolments.

An event is followed by the new participants of its desa whose first paid month falls in the
event's month or the WINDOW months after it, and by those of its attendees (by NIK) whose
first paid month falls on or after it. A participant's first paid month is the earliest last
paid month any export has shown for its KPJ (participants.ParticipantVersion keeps the
earlier ones), set-based in one query per event. New means absent from the first export the
regency imported: that export shows everyone already paying in its latest month, as if all
of them had just joined.

A pledge is honoured when its programme has paid the amount pledged and enrolled the workers
pledged; one whose period has ended short of either is not honoured."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from payung.assistance import selectors as assistance
from payung.assistance.models import Status
from payung.imports.models import ImportBatch
from payung.lib.months import add_months, month_start
from payung.outreach.models import Event, Pledge
from payung.participants.models import Participant, ParticipantVersion

WINDOW = 3  # months after the event's month in which a new participant counts for it


def with_first_paid() -> QuerySet[Participant]:
    """The participants new since the first export, each with its first paid month."""
    first_export = (
        ImportBatch.objects.filter(kind="participants")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    earlier = (
        ParticipantVersion.objects.filter(participant=OuterRef("pk"), last_paid__isnull=False)
        .values("participant")
        .annotate(m=Min("last_paid"))
        .values("m")
    )
    # LEAST is NULL on SQLite when either side is, and skips the NULL on PostgreSQL: the
    # COALESCE after it gives both the same answer.
    return Participant.objects.exclude(
        Q(batch_id=first_export) | Q(versions__batch_id=first_export)
    ).annotate(
        first_paid=Coalesce(
            Least(Subquery(earlier), F("last_paid")), Subquery(earlier), F("last_paid")
        )
    )


@dataclass(frozen=True)
class EventTrace:
    event: Event
    listed: int  # attendees whose NIK was listed
    attendees_enrolled: int  # of those, participants first paid on or after the event
    desa_enrolled: int  # new participants of the desa in the event's month and WINDOW after

    @property
    def conversion(self) -> float | None:
        """Enrolled attendees per listed attendee; without a list, the desa's new
        participants per person who came."""
        if self.listed:
            return self.attendees_enrolled / self.listed
        return self.desa_enrolled / self.event.attendees if self.event.attendees else None


def trace_event(event: Event) -> EventTrace:
    month = month_start(event.held_on)
    until = add_months(month, WINDOW + 1)
    first = with_first_paid()
    niks = list(event.attendance.values_list("nik", flat=True))
    attendees = (
        first.filter(nik__in=niks, first_paid__gte=month)  # type: ignore[misc]
        .values("nik")
        .distinct()
        .count()
        if niks
        else 0
    )
    desa = first.filter(  # type: ignore[misc]
        region_code=event.desa_id, first_paid__gte=month, first_paid__lt=until
    ).count()
    return EventTrace(event, len(niks), attendees, desa)


HONOURED, UNDER_WAY, NOT_HONOURED, NO_PROGRAMME = "honoured", "under_way", "not_honoured", "none"


@dataclass(frozen=True)
class PledgeTrace:
    pledge: Pledge
    paid: int
    enrolled: int
    state: str

    @property
    def paid_share(self) -> float:
        return self.paid / self.pledge.amount

    @property
    def enrolled_share(self) -> float:
        return self.enrolled / self.pledge.workers


def trace_pledges(pledges: list[Pledge], today: dt.date | None = None) -> list[PledgeTrace]:
    today = today or timezone.localdate()
    programmes = [p.programme for p in pledges if p.programme is not None]
    paid = assistance.payments_by_programme(programmes)
    found = []
    for pledge in pledges:
        if pledge.programme is None:
            found.append(PledgeTrace(pledge, 0, 0, NO_PROGRAMME))
            continue
        enrolled = assistance.status_counts(pledge.programme)[Status.ENROLLED]
        money = paid.get(pledge.programme_id or 0, 0)
        if money >= pledge.amount and enrolled >= pledge.workers:
            state = HONOURED
        elif pledge.ends < today:
            state = NOT_HONOURED
        else:
            state = UNDER_WAY
        found.append(PledgeTrace(pledge, money, enrolled, state))
    return found


def not_honoured(today: dt.date | None = None) -> list[PledgeTrace]:
    """Pledges whose period has ended short of what was pledged, or with no programme."""
    ended = list(
        Pledge.objects.filter(Q(ends__lt=today or timezone.localdate())).select_related("programme")
    )
    return [t for t in trace_pledges(ended, today) if t.state in (NOT_HONOURED, NO_PROGRAMME)]


@dataclass(frozen=True)
class Summary:
    """The outreach of a year, in a few figures (the Regent's report)."""

    events: int
    attendees: int
    listed: int
    attendees_enrolled: int
    desa_enrolled: int
    pledges: list[PledgeTrace]


def summary(year: int, today: dt.date | None = None) -> Summary:
    events = [trace_event(e) for e in Event.objects.filter(held_on__year=year)]
    pledges = trace_pledges(
        list(
            Pledge.objects.filter(starts__year__lte=year, ends__year__gte=year).select_related(
                "programme"
            )
        ),
        today,
    )
    return Summary(
        events=len(events),
        attendees=sum(t.event.attendees for t in events),
        listed=sum(t.listed for t in events),
        attendees_enrolled=sum(t.attendees_enrolled for t in events),
        desa_enrolled=sum(t.desa_enrolled for t in events),
        pledges=pledges,
    )
