"""Months as Payung counts them: a month is the date of its first day.

Contributions are paid per month, coverage is reported per month, programmes run for whole
months from day 1; every app reads and writes months through these few functions."""

from __future__ import annotations

import datetime as dt
import re

FORMAT = "%Y-%m"  # as typed on the command line, in a URL and in an <input type=month>


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (or before, when negative) `month`'s."""
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def years_before(month: dt.date, years: int) -> dt.date:
    """The same month `years` years earlier. Given a month's first day: 29 February is none."""
    return month.replace(year=month.year - years)


# What parse_month accepts, as the OpenAPI document states it: a month of 1900-2099.
PATTERN = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"


def parse_month(text: str) -> dt.date:
    """YYYY-MM as a month; ValueError with the value when it is not one."""
    if not re.fullmatch(PATTERN, text.strip()):
        raise ValueError(f"a month is written YYYY-MM, not {text!r}")
    return dt.datetime.strptime(text.strip(), FORMAT).date()


def month_text(month: dt.date | None) -> str | None:
    return month.strftime(FORMAT) if month else None
