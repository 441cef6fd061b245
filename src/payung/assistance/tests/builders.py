"""Small worlds for assistance tests: workers, participants and programmes made by hand."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from payung.assistance.models import Programme
from payung.coverage.tests.helpers import DESA_A, DESA_B, KEC_A, KEC_B, Builder
from payung.registry.models import Worker

__all__ = ["DESA_A", "DESA_B", "KEC_A", "KEC_B", "World", "THIS_MONTH", "LONG_AGO"]

THIS_MONTH = timezone.localdate().replace(day=1)
LONG_AGO = dt.date(2019, 1, 1)  # a last payment that leaves nobody active now
_serial = itertools.count(1)


class World(Builder):
    def poor(self, desa: str = DESA_A, **fields: Any) -> Worker:
        """A worker any default programme would take: valid NIK, decile 2, a farmer."""
        serial = next(_serial)
        values: dict[str, Any] = {
            "nik": f"7502011001{90 + serial % 10:02d}{serial:04d}",
            "decile": 2,
            "occupation": "petani",
        }
        values.update(fields)
        return self.worker(desa, **values)

    def active(self, worker: Worker, segment: str = "BPU") -> None:
        """Make `worker` an active participant of `segment`, linked."""
        self.participant(segment, THIS_MONTH, worker=worker)

    @staticmethod
    def programme(**fields: Any) -> Programme:
        values: dict[str, Any] = {
            "name": "Bantuan iuran BPU",
            "year": THIS_MONTH.year,
            "funding_source": "apbd",
            "budget_line": "5.1.02",
            "budget": 1_008_000_000,
            "quota": 10,
            "start_month": THIS_MONTH,
            "months": 12,
        }
        values.update(fields)
        return Programme.objects.create(**values)
