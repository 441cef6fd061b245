"""Monev score pages: the scorecard (OPDs × indicators in traffic lights), the league table
with rank change, an OPD's drill-down to its numbers and evidence, and the Sekda's meeting
view. Each states its method (monev.scoring, monev.scores)."""

from __future__ import annotations

import datetime as dt
from html import escape

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.lib.numbers import percent
from payung.monev import scores, selectors, workflow
from payung.monev.models import Action, ActionStatus, ItemStatus, Period


def _allowed(request: HttpRequest, pk: int) -> tuple[User, Period]:
    user = request.user
    if not isinstance(user, User) or not may(user, "monev.view"):
        raise PermissionDenied
    return user, get_object_or_404(Period, pk=pk)


def _scores(found: Period) -> scores.PeriodScores:
    return scores.period_scores(found, selectors.previous_period(found))


def _legend() -> dict[str, int | str]:
    return {
        "green": int(scores.GREEN * 100),
        "amber": int(scores.AMBER * 100),
        "method": scores.method(),
    }


@login_required
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    """OPDs × indicators. Every role that reads monev sees the whole regency's scorecard: the
    scores are the regency's public account of its agencies, not personal data."""
    _user, found = _allowed(request, pk)
    result = _scores(found)
    names = {s.indicator.code: s.indicator.name for o in result.opds for s in o.items}
    used = sorted(names)
    rows = []
    codes = [(code, escape(code)) for code in used]
    for o in result.opds:
        # 40 OPDs × 60 indicators is 2.400 cells: each row's cells are written here as escaped
        # HTML at once, not looked up cell by cell in the template.
        cells = {s.indicator.code: s for s in o.items}
        rows.append((o, _cells([(cells.get(code), html) for code, html in codes])))
    return render(
        request,
        "monev/scorecard.html",
        {
            "period": found,
            "scores": result,
            "columns": [(code, names[code]) for code in used],
            "rows": rows,
            "legend": _legend(),
        },
    )


def _cells(row: list[tuple[scores.ItemScore | None, str]]) -> SafeString:
    """A scorecard row's cells: the light and the achievement, or an empty cell. Each cell is
    (score, its indicator's code already escaped); the light is one of four fixed words."""
    html = []
    for scored, code in row:
        if scored is None:
            html.append("<td></td>")
            continue
        value = scored.achievement.value
        text = "–" if value is None else escape(percent(value, 0))
        light = scored.light
        html.append(
            f'<td class="light-{light}" data-indicator="{code}" data-light="{light}">{text}</td>'
        )
    return mark_safe("".join(html))  # codes and figures escaped above, lights fixed words


@login_required
def league(request: HttpRequest, pk: int) -> HttpResponse:
    _user, found = _allowed(request, pk)
    result = _scores(found)
    return render(
        request,
        "monev/league.html",
        {
            "period": found,
            "scores": result,
            "previous": result.previous,
            "legend": _legend(),
        },
    )


@login_required
def opd(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One OPD's score down to its items' numbers and evidence. An Operator OPD sees its own
    agency's drill-down only (the items hold its narratives and evidence)."""
    user, found = _allowed(request, pk)
    result = _scores(found)
    chosen = result.opd(code)
    if chosen is None:
        raise Http404
    if user.role == Role.OPERATOR_OPD and user.opd_id != chosen.opd_id:
        raise Http404
    scores.with_items(chosen.items)
    return render(
        request,
        "monev/opd.html",
        {"period": found, "scores": result, "opd": chosen, "legend": _legend()},
    )


@login_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The Sekda's meeting: what changed since the last period, items overdue, red flags,
    and the actions due before the next meeting. Printable on A4."""
    _user, found = _allowed(request, pk)
    result = _scores(found)
    today = workflow.today()
    nxt = selectors.next_period(found)
    # The next meeting reviews the next period, after its submission deadline; without one
    # planned, the actions due in the coming 90 days.
    horizon = nxt.deadline if nxt else today + dt.timedelta(days=90)
    completeness = selectors.completeness(found, today)
    red = [s for o in result.opds for s in o.items if s.light == "red"]
    returned = scores.with_items(
        [s for o in result.opds for s in o.items if s.status == ItemStatus.RETURNED]
    )
    stalled = Action.objects.filter(status=ActionStatus.STALLED).prefetch_related("owners")
    late_actions = (
        Action.objects.filter(due__lt=today)
        .exclude(status=ActionStatus.DONE)
        .prefetch_related("owners")
    )
    due = (
        Action.objects.filter(due__gte=today, due__lte=horizon)
        .exclude(status=ActionStatus.DONE)
        .prefetch_related("owners")
        .order_by("due")
    )
    movers = sorted(
        (o for o in result.opds if o.score is not None and o.previous_score is not None),
        key=lambda o: o.score_change or 0,
    )
    return render(
        request,
        "monev/meeting.html",
        {
            "period": found,
            "scores": result,
            "previous": result.previous,
            "movers": movers,
            "overdue": [c for c in completeness if c.overdue],
            "red": red,
            "returned": returned,
            "stalled": stalled,
            "late_actions": late_actions,
            "due": due,
            "horizon": horizon,
            "today": today,
        },
    )
