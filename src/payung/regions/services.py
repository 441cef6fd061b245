"""Writes to the region table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from payung.accounts.actors import system_name
from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.config import ConfigError
from payung.regions import boundaries, kemendagri
from payung.regions.models import Boundary, BoundaryFile, Level, Region
from payung.regions.selectors import desa_of_regency, unknown_in_regency


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


@transaction.atomic
def load_boundaries(path: Path, *, file_name: str, user: User | None) -> BoundaryFile:
    """Replace the map's outlines with those of a boundary file (see regions.boundaries).
    BoundaryRefused, with the codes, when the file names a region the regency has not."""
    shapes = boundaries.read(path)
    merged: dict[str, boundaries.Shape] = {}
    for shape in shapes:  # a desa in several features (an island apart) is one outline
        merged.setdefault(shape.code, boundaries.Shape(shape.code, [])).polygons.extend(
            shape.polygons
        )
    regency = str(settings.PAYUNG_REGENCY)
    unknown = sorted(unknown_in_regency(list(merged), regency))
    if unknown:
        raise boundaries.BoundaryRefused(
            _(
                "%(n)s codes in the file are no kecamatan or desa of the regency in the"
                " Kemendagri list, so nothing was loaded: %(codes)s"
            )
            % {"n": len(unknown), "codes": ", ".join(unknown)},
            codes=unknown,
        )
    drawn = boundaries.draw(list(merged.values()))
    Boundary.objects.all().delete()
    Boundary.objects.bulk_create(
        Boundary(
            region_id=d.code, path=d.path, min_x=d.box[0], min_y=d.box[1], max_x=d.box[2],
            max_y=d.box[3],
        )
        for d in drawn
    )  # fmt: skip
    levels = dict(Region.objects.filter(code__in=merged).values_list("code", "level"))
    desa = desa_of_regency(regency).values_list("code", flat=True)
    loaded = BoundaryFile.objects.create(
        file_name=file_name[:255],
        uploaded_by=user.get_username() if user is not None else system_name(),
        kecamatan=sum(1 for level in levels.values() if level == Level.KECAMATAN),
        desa=sum(1 for level in levels.values() if level == Level.DESA),
        missing=[code for code in desa if code not in merged],
    )
    record_audit(
        action="regions.boundaries",
        user=user,
        target=file_name[:200],
        details={"kecamatan": loaded.kecamatan, "desa": loaded.desa, "missing": loaded.missing},
    )
    return loaded
