"""PP 50/2025's temporary 50 % cut of BPU JKK and JKM (domain brief): transport workers January
2026 to March 2027, other sectors April to December 2026; never for contributions paid from
APBN or APBD, so an assistance programme keeps full price. Figures worked out by hand."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command

from payung.contributions.calculator import ContributionError, calculate_bpu

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def reliefs() -> None:
    """The migration's rows, seeded again after an earlier transactional test's flush."""
    importlib.import_module("payung.contributions.migrations.0005_seed_pp50_2025").seed(apps, None)


@pytest.mark.parametrize(
    ("sector", "day", "total"),
    [
        ("other", D(2026, 3, 31), 16_800),  # other sectors: not before April 2026
        ("other", D(2026, 4, 1), 8_400),  # JKK 10.000 → 5.000, JKM 6.800 → 3.400
        ("other", D(2026, 12, 31), 8_400),
        ("other", D(2027, 1, 1), 16_800),
        ("transport", D(2025, 12, 31), 16_800),
        ("transport", D(2026, 1, 1), 8_400),  # transport workers from January 2026
        ("transport", D(2027, 3, 31), 8_400),  # … to March 2027
        ("transport", D(2027, 4, 1), 16_800),
    ],
)
def test_the_minimum_package_in_and_out_of_the_cut(sector: str, day: dt.date, total: int) -> None:
    assert calculate_bpu(1_000_000, ["jkk", "jkm"], 1, day, sector=sector).total == total


def test_a_cut_line_cites_both_rules_and_is_marked_to_verify() -> None:
    calc = calculate_bpu(1_000_000, ["jkk", "jkm"], 3, D(2026, 5, 1))
    jkm = next(line for line in calc.lines if line.programme == "jkm")
    assert (jkm.monthly_amount, jkm.amount) == (3_400, 10_200)  # 6.800 / 2, × 3 months
    assert "PP 50/2025 Pasal 4" in jkm.regulation and "PP 44/2015" in jkm.regulation
    assert jkm.verified is False  # the months are still to verify


def test_optional_jht_is_not_cut() -> None:
    calc = calculate_bpu(1_500_000, ["jkk", "jkm", "jht"], 1, D(2026, 5, 1))
    # JKK: band 1.500.000-1.699.999, base 1.600.000, 1 % = 16.000, cut to 8.000;
    # JKM 3.400; JHT 2 % × 1.500.000 = 30.000 in full
    assert (calc.amount_of("jkk"), calc.amount_of("jkm"), calc.amount_of("jht")) == (
        8_000,
        3_400,
        30_000,
    )


def test_public_funds_pay_full_price_and_the_line_says_why() -> None:
    calc = calculate_bpu(1_000_000, ["jkk", "jkm"], 1, D(2026, 5, 1), public_funds=True)
    assert calc.total == 16_800
    assert all("APBN" in line.note for line in calc.lines)


def test_an_unknown_sector_is_refused() -> None:
    with pytest.raises(ContributionError):
        calculate_bpu(1_000_000, None, 1, D(2026, 5, 1), sector="tambang")


def test_the_command_takes_the_sector_and_the_funding() -> None:
    def total(*extra: str) -> int:
        out = io.StringIO()
        call_command(
            "iuran", "--segment", "bpu", "--income", "1000000", "--date", "2026-02-01",
            "--json", *extra, stdout=out,
        )  # fmt: skip
        return int(json.loads(out.getvalue())["total"])

    assert total() == 16_800  # February 2026: other sectors not yet
    assert total("--sector", "transport") == 8_400
    assert total("--sector", "transport", "--public-funds") == 16_800
