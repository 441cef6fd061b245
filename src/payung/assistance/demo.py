"""The demo's assistance programmes: one selected and waiting for its desa, one draft to
compare in the simulator. Made through the same services a user's clicks go through."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from payung.assistance import services
from payung.assistance.models import Programme

VULNERABLE = ["petani", "nelayan", "pemanjat kelapa", "buruh harian lepas", "peternak"]


def ensure_demo_programmes() -> list[str]:
    if Programme.objects.exists():
        return []
    year = timezone.localdate().year
    main = services.create_programme(
        user=None,
        name=f"Bantuan Iuran BPU Pekerja Rentan {year}",
        year=year,
        funding_source="apbd",
        budget_line="5.1.02.01.01 Belanja iuran jaminan sosial",
        budget=1_008_000_000,
        quota=5000,
        start_month=dt.date(year, 1, 1),
        months=12,
        occupations=VULNERABLE,
        max_decile=4,
        min_age=18,
        max_age=60,
    )
    selected = services.select(main, user=None)
    services.create_programme(
        user=None,
        name=f"CSR nelayan dan pemanjat kelapa {year}",
        year=year,
        funding_source="csr",
        funder="PT Bank SulutGo (contoh)",
        budget=201_600_000,
        quota=1000,
        start_month=dt.date(year, 7, 1),
        months=6,
        occupations=["nelayan", "pemanjat kelapa"],
        max_decile=6,
    )
    return [
        f"assistance: {main.name}: {selected.selected} of {selected.eligible} eligible selected; "
        "a CSR draft to compare in the simulator"
    ]
