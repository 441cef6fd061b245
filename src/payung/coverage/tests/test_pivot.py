"""Two breakdowns crossed are a pivot table: the first down the side, the second across, in
their natural order, each cell the coverage with its counts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.assistance.tests.builders import World

pytestmark = pytest.mark.usefixtures("regions")


def test_sex_by_decile_as_a_pivot(make_user: Any) -> None:
    world = World()
    for sex, decile, covered in [("L", 2, True), ("L", 2, False), ("L", 10, False),
                                 ("P", 10, True), ("P", 9, True)]:  # fmt: skip
        worker = world.poor(sex=sex, decile=decile)
        if covered:
            world.active(worker, "BPU")
    client = Client()
    client.force_login(make_user(Role.ANALIS))
    page = client.get("/cakupan/tabel/", {"by": "sex", "then": "decile"}).content.decode()
    table = page[page.index('data-testid="pivot"') : page.index("</table>", page.index("pivot"))]
    header = re.findall(r'<th class="num">([^<]*)</th>', table)
    assert [re.sub(r"\D", "", h) for h in header] == ["2", "9", "10"]  # not 10 before 2
    lines = table.split("<tr><th>")[1:]
    men = next(line for line in lines if line.startswith("Laki"))
    # Men of decile 2: 1 of 2 covered; of decile 9: none listed; of decile 10: 0 of 1.
    cells = re.findall(r'<td class="num">(.*?)</td>', men)
    assert "50,0 %" in cells[0] and "1 / 2" in cells[0]
    assert cells[1] == "–"
    assert "0,0 %" in cells[2] and "0 / 1" in cells[2]
    assert "jenis kelamin" in page and "desil" in page  # the title names them in words
