"""A sparkline for the Regent's page: the months' coverage fitted between its own lowest and
highest value, so a rise of one point shows (on the dashboard's 0-based chart it is flat)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spark:
    width: int
    height: int
    points: str  # the polyline's "x,y x,y"
    # the ends' dots, written here: a template would print 6.5 as "6,5" in Indonesian
    first: tuple[str, str]
    last: tuple[str, str]


def spark(values: list[float], width: int = 300, height: int = 60, pad: int = 6) -> Spark | None:
    if len(values) < 2:
        return None
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / (len(values) - 1)
    dots = [
        (round(pad + i * step, 1), round(height - pad - (v - low) / span * (height - 2 * pad), 1))
        for i, v in enumerate(values)
    ]
    ends = [(str(x), str(y)) for x, y in (dots[0], dots[-1])]
    return Spark(width, height, " ".join(f"{x},{y}" for x, y in dots), ends[0], ends[1])
