"""Boundary files (GeoJSON, such as the BIG/BPS village boundary export) read, checked
against the Kemendagri regions and drawn as SVG paths, for the coverage map.

The file is refused whole when a feature names a code that is no kecamatan or desa of the
regency, and the refusal lists those codes: a map with one desa drawn in the wrong place is
worse than the tile map. Desa the file has no outline for are listed, and drawn as before.

A hostile or broken file can do little: its size and its points are capped, its structure
is checked before anything is drawn, and nothing is written until all of it is read."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 60 * 1024 * 1024
MAX_POINTS = 3_000_000
WIDTH = 1000.0  # the regency's frame: 1000 units wide, as tall as its shape needs
# Properties that carry the Kemendagri code in the exports people have: BIG's KDEPUM, BPS's
# iddesa/idkec (digits only), and the plain names a hand-made file uses.
CODE_KEYS = (
    "kdepum", "kode_kemendagri", "kode_desa", "kd_desa", "kode_kec", "kode_kecamatan",
    "kode_wilayah", "kode", "iddesa", "idkec", "code", "kdcpum",
)  # fmt: skip


class BoundaryRefused(Exception):
    def __init__(self, message: str, codes: list[str] | None = None) -> None:
        super().__init__(message)
        self.codes = codes or []


@dataclass
class Shape:
    code: str
    polygons: list[list[list[tuple[float, float]]]]  # polygons, of rings, of (lon, lat)


@dataclass(frozen=True)
class Drawn:
    code: str
    path: str
    box: tuple[float, float, float, float]  # min x, min y, max x, max y


def kemendagri_code(value: Any) -> str | None:
    """75.02.01.2004, 7502012004 (BPS) or 750201: as Kemendagri writes it."""
    text = str(value).strip()
    digits = text.replace(".", "")
    if not digits.isdigit():
        return None
    if len(digits) == 10:
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"
    if len(digits) == 6:
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:]}"
    return None


def _code_of(properties: dict[str, Any]) -> str | None:
    lowered = {str(k).lower(): v for k, v in properties.items()}
    for key in CODE_KEYS:
        if key in lowered and lowered[key] not in (None, ""):
            return kemendagri_code(lowered[key]) or str(lowered[key]).strip()
    return None


def _ring(raw: Any) -> list[tuple[float, float]]:
    if not isinstance(raw, list) or len(raw) < 4:
        raise ValueError("ring")
    ring = []
    for point in raw:
        if not isinstance(point, list) or len(point) < 2:
            raise ValueError("point")
        lon, lat = float(point[0]), float(point[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90) or math.isnan(lon + lat):
            raise ValueError("point")
        ring.append((lon, lat))
    return ring


def _polygons(geometry: Any) -> list[list[list[tuple[float, float]]]]:
    if not isinstance(geometry, dict) or not isinstance(geometry.get("coordinates"), list):
        raise ValueError("geometry")
    kind, coordinates = geometry.get("type"), geometry["coordinates"]
    if kind == "Polygon":
        return [[_ring(r) for r in coordinates]]
    if kind == "MultiPolygon":
        return [[_ring(r) for r in polygon] for polygon in coordinates]
    raise ValueError("geometry")


def read(path: Path) -> list[Shape]:
    """The file's features with their codes; BoundaryRefused when it is no usable GeoJSON."""
    if path.stat().st_size > MAX_BYTES:
        raise BoundaryRefused(
            _("The file is larger than %(mb)s MB; simplify the boundaries first.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BoundaryRefused(_("The file is not GeoJSON (it cannot be read as JSON).")) from None
    features = data.get("features") if isinstance(data, dict) else None
    if data.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise BoundaryRefused(_("The file is not a GeoJSON FeatureCollection."))
    shapes, points, no_code = [], 0, 0
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        code = _code_of(properties) if isinstance(properties, dict) else None
        if code is None:
            no_code += 1
            continue
        try:
            polygons = _polygons(feature.get("geometry"))
        except (ValueError, TypeError, AttributeError):
            raise BoundaryRefused(
                _("Feature %(n)s (%(code)s) has no polygon that can be read.")
                % {"n": number, "code": code}
            ) from None
        points += sum(len(r) for p in polygons for r in p)
        if points > MAX_POINTS:
            raise BoundaryRefused(
                _("The file has more than %(n)s points; simplify the boundaries first.")
                % {"n": f"{MAX_POINTS:,}".replace(",", ".")}
            )
        shapes.append(Shape(code, polygons))
    if not shapes:
        raise BoundaryRefused(
            _("No feature names a Kemendagri code (a property such as kode_desa or KDEPUM).")
        )
    if no_code:
        raise BoundaryRefused(
            _("%(n)s features name no Kemendagri code (a property such as kode_desa or KDEPUM).")
            % {"n": no_code}
        )
    return shapes


def _points(shapes: list[Shape]) -> Iterator[tuple[float, float]]:
    for shape in shapes:
        for polygon in shape.polygons:
            for ring in polygon:
                yield from ring


def draw(shapes: list[Shape]) -> list[Drawn]:
    """Each shape as an SVG path in one frame: longitude scaled by the cosine of the middle
    latitude (Boalemo is near the equator, but the rule holds anywhere), north up. Points
    closer than half a unit to the one before are dropped: invisible, and a tenth the size."""
    lons, lats = zip(*_points(shapes), strict=True)
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    squeeze = math.cos(math.radians((north + south) / 2))
    span = max((east - west) * squeeze, 1e-9)
    scale = WIDTH / span
    drawn = []
    for shape in shapes:
        parts, xs, ys = [], [], []
        for polygon in shape.polygons:
            for ring in polygon:
                last: tuple[float, float] | None = None
                moves = []
                for lon, lat in ring:
                    x = round((lon - west) * squeeze * scale, 1)
                    y = round((north - lat) * scale, 1)
                    if last is not None and abs(x - last[0]) + abs(y - last[1]) < 0.5:
                        continue
                    moves.append(f"{x:g} {y:g}")
                    xs.append(x)
                    ys.append(y)
                    last = (x, y)
                if len(moves) >= 3:
                    parts.append("M" + " L".join(moves) + " Z")
        if parts:
            drawn.append(Drawn(shape.code, " ".join(parts), (min(xs), min(ys), max(xs), max(ys))))
    return drawn
