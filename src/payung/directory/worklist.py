"""Who is not yet covered, desa by desa, and the cheapest way in for each: the list a desa or
BPJS officer takes to the field. The way in is the segment most covered workers of the same
occupation hold (coverage.selectors.likely_segments); a BPU worker's contribution is priced by
the one calculator at their income, a wage or construction worker comes in through their
employer or project, who pays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from payung.coverage import selectors as coverage
from payung.participants.models import Segment
from payung.registry.models import Worker

# How the list may be ordered, by the words of the query string.
ORDER = {
    "nama": ("name_key", "id"),
    "desa": ("desa_id", "name_key", "id"),
    "desil": ("decile", "name_key", "id"),
    "pekerjaan": ("occupation", "name_key", "id"),
}


@dataclass
class Uncovered:
    worker: Worker
    nik: str
    segment: str
    monthly: int | None  # the worker's own BPU contribution; None when an employer pays

    @property
    def way_in(self) -> str:
        if self.segment == Segment.BPU:
            return _("BPU, paid by the worker or an assistance programme")
        if self.segment == Segment.JAKON:
            return _("Jakon, through their construction project")
        return _("PU, through their employer")


def ordered(workers: QuerySet[Worker], order: str) -> QuerySet[Worker]:
    return workers.select_related("desa", "desa__parent").order_by(*ORDER.get(order, ORDER["nama"]))


def rows(
    workers: Iterable[Worker], month: dt.date, shown_nik: Any, likely: dict[str, str]
) -> list[Uncovered]:
    """The list's rows for `workers`; each contribution priced once per income."""
    priced: dict[int | None, int | None] = {}
    out = []
    for w in workers:
        segment = likely.get(w.occupation or "?", Segment.BPU)
        monthly = None
        if segment == Segment.BPU:
            if w.income not in priced:
                priced[w.income] = coverage.bpu_monthly_cost(w.income, month)
            monthly = priced[w.income]
        out.append(Uncovered(w, shown_nik(w.nik), segment, monthly))
    return out


def table(listed: list[Uncovered]) -> list[list[Any]]:
    """As the .xlsx has it: Indonesian headers, numbers as numbers, codes as text."""
    header = [
        _("NIK"), _("Name"), _("Desa"), _("Kecamatan"), _("Occupation"), _("Decile"),
        _("Income"), _("Way in"), _("Monthly contribution (Rp)"), _("Field note"),
    ]  # fmt: skip
    lines: list[list[Any]] = [header]
    for r in listed:
        desa = r.worker.desa
        lines.append([
            r.nik, r.worker.name, desa.name, desa.parent.name if desa.parent else "",
            r.worker.occupation, r.worker.decile, r.worker.income, r.way_in, r.monthly, "",
        ])  # fmt: skip
    return lines
