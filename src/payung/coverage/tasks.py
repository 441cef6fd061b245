"""Coverage's reactions to writes elsewhere (payung.jobs.events), run by the worker."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from payung.coverage import selectors
from payung.coverage.services import take_snapshot
from payung.jobs.events import reaction
from payung.lib.months import parse_month


@reaction(_("Coverage snapshot"))
def snapshot_after_change(
    *,
    event: str,
    user: int | None = None,
    batch: int | None = None,
    run: int | None = None,
    month: str | None = None,
) -> int | None:
    """The workers, the participations or the links changed: the month's figures are taken
    again, so the dashboard and its trend show them (issue 5). Returns the snapshot's id, or
    None before the first BPJS TK export: without one there is no month to report on."""
    if not selectors.has_export():
        return None
    when = parse_month(month) if month else None
    # As the trend's table has always named them: the import's batch, else the linkage.
    trigger = f"import:{batch}" if batch else "linkage" if event == "links.changed" else event
    return take_snapshot(month=when, trigger=trigger).pk
