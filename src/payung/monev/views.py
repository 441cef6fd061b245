"""Monev pages: the catalogue of what the Inpres asks and how each agency's part is measured."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.monev import scoring, selectors
from payung.monev.models import Direction, Kind, Period


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "monev.view"):
        raise PermissionDenied
    return render(
        request,
        "monev/catalogue.html",
        {"instructions": selectors.catalogue(), "periods": selectors.periods()},
    )


@login_required
def period(request: HttpRequest, pk: int) -> HttpResponse:
    """A period's items with their target, realisation and achievement (monev.scoring)."""
    user = request.user
    if not isinstance(user, User) or not may(user, "monev.view"):
        raise PermissionDenied
    found = get_object_or_404(Period, pk=pk)
    items = list(selectors.items_for(user, found))
    targets = selectors.targets_of(items)
    rows = []
    for item in items:
        target = targets.get((item.indicator_id, item.opd_id, item.period_id))
        rows.append(
            {
                "item": item,
                "target": target.value if target else None,
                "achievement": scoring.achievement(
                    milestone=item.indicator.kind == Kind.MILESTONE,
                    higher_is_better=item.indicator.direction == Direction.HIGHER,
                    target=target.value if target else None,
                    realisation=item.value,
                ),
            }
        )
    return render(request, "monev/period.html", {"period": found, "rows": rows})
