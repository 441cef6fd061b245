"""Reads of the region table."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from payung.regions.models import Level, Region


def configured_regency() -> Region | None:
    return Region.objects.filter(code=settings.PAYUNG_REGENCY).first()


def kecamatan_of(regency_code: str) -> QuerySet[Region]:
    return Region.objects.filter(parent_id=regency_code, level=Level.KECAMATAN)


def desa_of_regency(regency_code: str) -> QuerySet[Region]:
    return Region.objects.filter(level=Level.DESA, code__startswith=regency_code + ".")


def region_tree(regency_code: str) -> QuerySet[Region]:
    """Kecamatan of the regency, each with its desa prefetched as `desa_list`."""
    desa = Region.objects.filter(level=Level.DESA).order_by("code")
    return kecamatan_of(regency_code).prefetch_related(
        Prefetch("children", queryset=desa, to_attr="desa_list")
    )


def unknown_in_regency(codes: list[str], regency_code: str | None = None) -> list[str]:
    """The codes that are not a kecamatan or desa of the regency (configured one by default)."""
    regency = regency_code or str(settings.PAYUNG_REGENCY)
    known = set(
        Region.objects.filter(
            code__in=codes, level__in=[Level.KECAMATAN, Level.DESA], code__startswith=regency + "."
        ).values_list("code", flat=True)
    )
    return [code for code in codes if code not in known]
