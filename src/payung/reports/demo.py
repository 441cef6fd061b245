"""The demo's poverty rates, marked as examples: the regency enters BPS's own figures."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from payung.reports import services
from payung.reports.models import PovertyRate

SOURCE = "Contoh demo, bukan angka BPS: ganti dengan Persentase Penduduk Miskin dari BPS"


def ensure_demo_poverty_rates() -> list[str]:
    if PovertyRate.objects.exists():
        return []
    year = timezone.localdate().year
    for back, rate in ((2, "18,1"), (1, "17,4")):
        services.save_poverty_rate(
            year=year - back,
            rate=Decimal(rate.replace(",", ".")),
            target=Decimal(10),
            source=SOURCE,
            user=None,
        )
    return ["reports: two example poverty rates (to be replaced with BPS figures)"]


def ensure_demo_coverage_figures() -> list[str]:
    """BPS's working population and the year's coverage target for the regency, as examples
    fitted to the synthetic registry, so the official UCJ and the gap show."""
    from payung.coverage import selectors as coverage
    from payung.coverage import services as coverage_services
    from payung.coverage.models import WorkingPopulation

    if WorkingPopulation.objects.exists():
        return []
    year = timezone.localdate().year
    code = coverage.regency_code()
    workers = coverage.region_row(coverage.default_month(), code).workers
    if not workers:
        return []
    population = round(workers * 0.98)
    coverage_services.save_working_population(
        year=year, region_code=code, workers=population, source=SOURCE_FIGURES
    )
    coverage_services.save_target(
        year=year, region_code=code, rate=Decimal("0.5"), source=SOURCE_FIGURES
    )
    return [f"coverage: example working population {population} and target 50 % for {year}"]


SOURCE_FIGURES = "Contoh demo, bukan angka BPS: ganti dengan angka Sakernas dan target RPJMD"
