"""The employers app's reaction to writes (payung.jobs.events), run by the worker."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from payung.employers.compliance import classify
from payung.employers.matching import match_employers
from payung.jobs.events import reaction


@reaction(_("Employer matching and compliance"))
def reclassify_after_change(
    *,
    event: str,
    user: int | None = None,
    batch: int | None = None,
    run: int | None = None,
    month: str | None = None,
) -> dict[str, int]:
    """A business list or an employer export arrived, or the participations changed (the
    workers an employer has registered): match again and classify every business afresh."""
    matched = match_employers()
    classified = classify()
    return {"matched": matched.matched, "to_review": matched.to_review, **classified.by_code}
