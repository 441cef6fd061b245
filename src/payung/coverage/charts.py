"""Geometry for the server-drawn SVG charts and the tile colours: no JavaScript, no internet."""

from __future__ import annotations

from dataclasses import dataclass

from payung.coverage.selectors import TrendPoint

SHADES = 10  # shade-0 (red) to shade-10 (green) in coverage.css


@dataclass
class Scale:
    """Tile colours fitted to the coverage shown: the lowest tile red, the highest green. Seven
    kecamatan between 16 and 19 % on a 0-100 % scale were all one colour; fitted, they differ.
    The legend says what the two ends and the middle stand for."""

    low: float
    high: float

    @classmethod
    def fitted(cls, values: list[float]) -> Scale:
        if not values:
            return cls(0.0, 1.0)
        return cls(max(0.0, min(values)), min(1.0, max(values)))

    def shade(self, coverage: float) -> int:
        """A class `shade-N` of coverage.css (the Content-Security-Policy allows no inline
        style); all tiles take the middle colour when they are all alike."""
        if self.high - self.low < 1e-9:
            return SHADES // 2
        where = (max(self.low, min(self.high, coverage)) - self.low) / (self.high - self.low)
        return round(where * SHADES)

    @property
    def legend(self) -> list[tuple[int, float]]:
        """(shade, coverage) at the low end, the middle and the high end."""
        if self.high - self.low < 1e-9:
            return [(SHADES // 2, self.low)]
        return [(0, self.low), (SHADES // 2, (self.low + self.high) / 2), (SHADES, self.high)]


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
    target: float | None = None  # the year's target coverage, drawn as a dashed line
    target_y: float | None = None


def trend_line(
    points: list[TrendPoint], width: int = 600, height: int = 200, target: float | None = None
) -> Line | None:
    """The months' coverage as a line with each value written above its dot and, when the
    regency set one, the target as a dashed line (the top of the chart leaves room for it)."""
    if not points:
        return None
    values = [p.coverage for p in points] + ([target] if target is not None else [])
    top = max(0.1, min(1.0, round(max(values) * 1.2 + 0.05, 1)))
    pad = 30
    step = (width - 2 * pad) / max(1, len(points) - 1)

    def y_of(value: float) -> float:
        return round(height - pad - (value / top) * (height - 2 * pad), 1)

    dots = []
    for i, p in enumerate(points):
        x = round(pad + i * step, 1) if len(points) > 1 else width / 2
        dots.append((x, y_of(p.coverage), p.month.strftime("%Y-%m"), p.coverage))
    return Line(
        " ".join(f"{x},{y}" for x, y, _, _ in dots),
        dots,
        width,
        height,
        top,
        target,
        y_of(target) if target is not None else None,
    )
