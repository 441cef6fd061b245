"""Writes to the region table."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from payung.config import ConfigError
from payung.regions import kemendagri
from payung.regions.models import Level, Region


@dataclass(frozen=True)
class LoadResult:
    regency: Region
    kecamatan: int
    desa: int


@transaction.atomic
def load_regions(regency_code: str) -> LoadResult:
    """Insert or update the regency's region tree from the Kemendagri list. Idempotent."""
    if not kemendagri.is_regency_code(regency_code):
        raise ConfigError(
            f"unknown regency code {regency_code!r}: PAYUNG_REGENCY must be a Kemendagri "
            "kabupaten/kota code such as 75.02 (Boalemo)"
        )
    rows = kemendagri.rows_for_regency(regency_code)
    for level in Level:
        Region.objects.bulk_create(
            [
                Region(code=r.code, name=r.name, level=r.level, parent_id=r.parent_code)
                for r in rows
                if r.level == level
            ],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "level", "parent"],
        )
    return LoadResult(
        regency=Region.objects.get(code=regency_code),
        kecamatan=sum(1 for r in rows if r.level == Level.KECAMATAN),
        desa=sum(1 for r in rows if r.level == Level.DESA),
    )
