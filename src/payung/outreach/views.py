"""Outreach's page: socialisation events and CSR/BUMD pledges, each with what followed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from payung.accounts.models import Opd, User
from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.assistance import selectors as assistance
from payung.outreach import services, tracing
from payung.outreach.forms import BPJS, EventForm, PledgeForm, organiser_choices
from payung.outreach.models import Event, Pledge

SHOWN = 100


def _choices(user: User) -> list[tuple[str, str]]:
    own = user.opd if user.role == Role.OPERATOR_OPD else None
    return organiser_choices(own, user.role == Role.PETUGAS_BPJS)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not may(user, "outreach.view"):
        raise PermissionDenied
    may_record = may(user, "outreach.record")
    may_pledge = may(user, "outreach.pledges")
    event_form = EventForm(organisers=_choices(user)) if may_record else None
    pledge_form = PledgeForm() if may_pledge else None
    if request.method == "POST":
        if request.POST.get("form") == "pledge":
            if not may_pledge:
                raise PermissionDenied
            pledge_form = PledgeForm(request.POST)
            if _save_pledge(request, user, pledge_form):
                return redirect("outreach:index")
        else:
            if not may_record:
                raise PermissionDenied
            event_form = EventForm(request.POST, organisers=_choices(user))
            if _save_event(request, user, event_form):
                return redirect("outreach:index")
    events = [
        tracing.trace_event(e)
        for e in Event.objects.select_related("desa", "organiser_opd")[:SHOWN]
    ]
    pledges = tracing.trace_pledges(list(Pledge.objects.select_related("programme")))
    return render(
        request,
        "outreach/index.html",
        {
            "events": events,
            "pledges": pledges,
            "event_form": event_form,
            "pledge_form": pledge_form,
            "window": tracing.WINDOW,
        },
    )


def _save_event(request: HttpRequest, user: User, form: EventForm) -> bool:
    """The choice list stops a tampered organiser: ChoiceField refuses what it did not offer."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    niks, wrong = services.read_niks(data["niks"])
    if wrong:
        form.add_error("niks", _("Not 16 digits: %(values)s") % {"values": ", ".join(wrong[:10])})
        return False
    organiser = None if data["organiser"] == BPJS else Opd.objects.get(code=data["organiser"])
    try:
        services.record_event(
            held_on=data["held_on"], desa_code=data["desa"], organiser=organiser,
            title=data["title"], attendees=data["attendees"], niks=niks, user=user,
        )  # fmt: skip
    except services.OutreachError as exc:
        form.add_error(None, str(exc))
        return False
    messages.success(request, _("The event is recorded."))
    return True


def _save_pledge(request: HttpRequest, user: User, form: PledgeForm) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    programme = assistance.programme(int(data["programme"])) if data["programme"] else None
    try:
        services.record_pledge(
            company=data["company"], kind=data["kind"], amount=data["amount"],
            workers=data["workers"], starts=data["starts"], ends=data["ends"],
            programme=programme, user=user,
        )  # fmt: skip
    except services.OutreachError as exc:
        form.add_error(None, str(exc))
        return False
    messages.success(request, _("The pledge is recorded."))
    return True
