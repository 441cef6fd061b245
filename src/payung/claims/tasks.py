"""The claims app's reaction to writes (payung.jobs.events), run by the worker."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from payung.claims.linking import link_claims
from payung.jobs.events import reaction


@reaction(_("Claims linked to participants"))
def relink_after_change(
    *,
    event: str,
    user: int | None = None,
    batch: int | None = None,
    run: int | None = None,
    month: str | None = None,
) -> dict[str, int]:
    """A participant export arrived or links changed: a claim waiting for its KPJ may now
    find its participation, and one linked may find its worker."""
    return link_claims()
