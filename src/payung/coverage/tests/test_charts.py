"""The charts say something: tiles coloured across the range shown, the trend against its target."""

from __future__ import annotations

import datetime as dt

from payung.coverage.charts import Scale, trend_line
from payung.coverage.selectors import TrendPoint


def test_seven_close_kecamatan_get_seven_colours_from_red_to_green() -> None:
    # Boalemo's kecamatan lay between 16 and 19 %: on 0-100 % they were one colour.
    values = [0.16, 0.165, 0.17, 0.175, 0.18, 0.185, 0.19]
    scale = Scale.fitted(values)
    assert [scale.shade(v) for v in values] == [0, 2, 3, 5, 7, 8, 10]
    assert scale.legend == [(0, 0.16), (5, 0.175), (10, 0.19)]


def test_tiles_all_alike_take_the_middle_colour() -> None:
    scale = Scale.fitted([0.2, 0.2])
    assert scale.shade(0.2) == 5 and scale.legend == [(5, 0.2)]


def point(month: int, active_of_100: int) -> TrendPoint:
    return TrendPoint(dt.date(2026, month, 1), 100, active_of_100, 0)


def test_the_trend_draws_its_target_inside_the_chart() -> None:
    line = trend_line([point(1, 15), point(2, 18)], target=0.3)
    assert line is not None and line.target == 0.3
    # The top leaves room above the target: 0.3 * 1.2 + 0.05 = 0.41, to one decimal 0.4.
    assert line.top == 0.4
    # 200 px high, 30 px padding: 0.3 of 0.4 is 105 px up from the bottom line at y = 170.
    assert line.target_y == 65.0  # 170 - 0.75 × 140
    assert all(line.target_y < y for _, y, _, _ in line.dots)  # above both months
