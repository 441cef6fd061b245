"""Geometry for the server-drawn SVG charts and the tile colours: no JavaScript, no internet."""

from __future__ import annotations

from dataclasses import dataclass

from payung.coverage.selectors import TrendPoint


def tile_shade(coverage: float) -> int:
    """The tile's colour, 0 (red, no coverage) through 5 (amber) to 10 (green, full): a class
    `shade-N` of coverage.css, since the Content-Security-Policy allows no inline style."""
    return round(max(0.0, min(1.0, coverage)) * 10)


@dataclass
class Bar:
    label: str
    value: float  # 0-1
    count: int
    y: int
    width: float


def bars(items: list[tuple[str, float, int]], width: int = 320, step: int = 28) -> list[Bar]:
    return [
        Bar(label, value, count, i * step, round(max(0.0, min(1.0, value)) * width, 1))
        for i, (label, value, count) in enumerate(items)
    ]


@dataclass
class Line:
    points: str  # the polyline's "x,y x,y"
    dots: list[tuple[float, float, str, float]]  # x, y, label, value
    width: int
    height: int
    top: float  # the value at the top of the chart


def trend_line(points: list[TrendPoint], width: int = 600, height: int = 180) -> Line | None:
    if not points:
        return None
    values = [p.coverage for p in points]
    top = max(0.1, min(1.0, round(max(values) * 1.2 + 0.05, 1)))
    pad = 30
    step = (width - 2 * pad) / max(1, len(points) - 1)
    dots = []
    for i, p in enumerate(points):
        x = round(pad + i * step, 1) if len(points) > 1 else width / 2
        y = round(height - pad - (p.coverage / top) * (height - 2 * pad), 1)
        dots.append((x, y, p.month.strftime("%Y-%m"), p.coverage))
    return Line(" ".join(f"{x},{y}" for x, y, _, _ in dots), dots, width, height, top)
