"""Reads of the region table."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from payung.regions.models import Boundary, BoundaryFile, Level, Region


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


@dataclass(frozen=True)
class MapShape:
    code: str  # the region a click leads to (a desa's kecamatan, on the regency's map)
    path: str


@dataclass(frozen=True)
class Map:
    shapes: list[MapShape]
    view_box: str


def boundary_file() -> BoundaryFile | None:
    return BoundaryFile.objects.first()


def map_of(children: list[str], level: int) -> Map | None:
    """The outlines of `children` (kecamatan or desa codes) for a choropleth, or None when
    the boundary file has none of them (the tile map stays). Kecamatan the file does not
    outline are drawn as the desa inside them, each leading to its kecamatan."""
    own = {b.region_id: b for b in Boundary.objects.filter(region_id__in=children)}
    shapes: list[tuple[str, Boundary]] = [(code, own[code]) for code in children if code in own]
    if level == Level.KECAMATAN:
        rest = [c for c in children if c not in own]
        if rest:
            inner = Boundary.objects.filter(
                region__parent_id__in=rest, region__level=Level.DESA
            ).select_related("region")
            shapes += [(b.region.parent_id or "", b) for b in inner]
    if not shapes:
        return None
    boxes = [b for _code, b in shapes]
    x0, y0 = min(b.min_x for b in boxes), min(b.min_y for b in boxes)
    x1, y1 = max(b.max_x for b in boxes), max(b.max_y for b in boxes)
    pad = max(x1 - x0, y1 - y0) * 0.02
    view_box = f"{x0 - pad:g} {y0 - pad:g} {x1 - x0 + 2 * pad:g} {y1 - y0 + 2 * pad:g}"
    return Map([MapShape(code, b.path) for code, b in shapes], view_box)
