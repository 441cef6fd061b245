"""The demo's outreach: socialisation events in four desa (one with its attendance list, drawn
from the workers the assistance programme enrolled) and two pledges, one carried by the CSR
programme and one that nothing carried out. Recorded through the same services as the page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from payung.accounts.models import Opd
from payung.assistance import selectors as assistance
from payung.outreach import services
from payung.outreach.models import Event


def ensure_demo_outreach() -> list[str]:
    if Event.objects.exists():
        return []
    year = timezone.localdate().year
    places = assistance.enrolled_places(assistance.programmes(year=year))
    workers = list(assistance.workers_of([p["worker_id"] for p in places[:400]]))
    if not workers:
        return []
    by_desa: dict[str, list[str]] = {}
    for worker in workers:
        if worker.nik:
            by_desa.setdefault(worker.desa_id, []).append(worker.nik)
    busiest = sorted(by_desa, key=lambda code: -len(by_desa[code]))[:4]
    organisers = [Opd.objects.filter(code=c).first() for c in ("disnaker", "dinas-pmd")]
    for i, code in enumerate(busiest):
        listed = by_desa[code][:12] if i == 0 else []
        services.record_event(
            held_on=dt.date(year, 8 + i % 2, 5 + 7 * i),
            desa_code=code,
            organiser=None if i == 3 else organisers[i % 2],
            title="Sosialisasi BPJS Ketenagakerjaan bagi pekerja rentan",
            attendees=max(len(listed), 30 + 5 * i),
            niks=listed,
            user=None,
        )
    csr = next((p for p in assistance.programmes(year=year) if p.funding_source == "csr"), None)
    services.record_pledge(
        company="PT Bank SulutGo (contoh)", kind="csr", amount=201_600_000, workers=1000,
        starts=dt.date(year, 7, 1), ends=dt.date(year, 12, 31), programme=csr, user=None,
    )  # fmt: skip
    services.record_pledge(
        company="Perumda Air Minum (contoh)", kind="bumd", amount=50_000_000, workers=250,
        starts=dt.date(year, 1, 1), ends=dt.date(year, 9, 30), programme=None, user=None,
    )  # fmt: skip
    return [f"outreach: {len(busiest)} socialisation events, 2 pledges (examples)"]
