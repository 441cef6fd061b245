"""Periods and items for monev tests, with windows set around today so that a test does not
depend on the date it runs."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from payung.accounts.models import Opd
from payung.monev.models import Indicator, Period, PeriodKind, Realisation
from payung.monev.services import open_period, seed_catalogue

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64  # a Windows program's first bytes


def open_quarter(number: int = 1, *, deadline_in: int = 5) -> Period:
    """A quarter of last year whose entry window runs today: opened 10 days ago, due in
    `deadline_in` days, closing in 20; the catalogue seeded and its items made."""
    seed_catalogue()
    today = timezone.localdate()
    year = today.year - 1
    starts = dt.date(year, 3 * number - 2, 1)
    period = Period.objects.create(
        kind=PeriodKind.QUARTER,
        year=year,
        number=number,
        starts=starts,
        ends=starts + dt.timedelta(days=89),
        opens=today - dt.timedelta(days=10),
        deadline=today + dt.timedelta(days=deadline_in),
        closes=today + dt.timedelta(days=max(20, deadline_in)),
    )
    open_period(period)
    return period


def item(period: Period, indicator: str, opd: str) -> Realisation:
    return Realisation.objects.get(
        period=period,
        indicator=Indicator.objects.get(code=indicator),
        opd=Opd.objects.get(code=opd),
    )
