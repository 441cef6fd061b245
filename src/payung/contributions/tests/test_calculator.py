"""The calculator against worked examples from the regulations and BPJS TK's own examples.

Every expected figure is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import datetime

import pytest

from payung.contributions.calculator import (
    ContributionError,
    calculate,
    calculate_bpu,
    calculate_jakon,
    calculate_pu,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY_RULES = D(2025, 6, 1)


def test_bpu_minimum_package_is_rp_16_800_a_month() -> None:
    calc = calculate_bpu(1_000_000, ["jkk", "jkm"], 1, TODAY_RULES)
    # Income Rp 1.000.000 is the lowest bracket → JKK Rp 10.000; JKM flat Rp 6.800.
    assert calc.amount_of("jkk") == 10_000
    assert calc.amount_of("jkm") == 6_800
    assert calc.total == 16_800  # 10.000 + 6.800
    assert {line.payer for line in calc.lines} == {"participant"}
    assert all(line.regulation for line in calc.lines)


def test_5000_vulnerable_workers_for_a_year_cost_rp_1_008_000_000() -> None:
    calc = calculate_bpu(1_000_000, None, 12, TODAY_RULES)
    assert calc.total == 201_600  # 16.800 × 12
    assert calc.total * 5_000 == 1_008_000_000  # 201.600 × 5.000


def test_bpu_income_below_the_lowest_bracket_pays_the_lowest_bracket() -> None:
    assert calculate_bpu(500_000, None, 1, TODAY_RULES).amount_of("jkk") == 10_000


def test_bpu_optional_jht_is_two_percent_of_income() -> None:
    calc = calculate_bpu(1_500_000, ["jkk", "jkm", "jht"], 3, TODAY_RULES)
    # JHT 2% × 1.500.000 = 30.000 a month; × 3 months = 90.000
    assert calc.amount_of("jht") == 90_000
    # JKM 6.800 × 3 = 20.400
    assert calc.amount_of("jkm") == 20_400


def test_bpu_brackets_at_their_boundaries() -> None:
    # Up to and including Rp 1.000.000: Rp 10.000.
    assert calculate_bpu(1_000_000, None, 1, TODAY_RULES).amount_of("jkk") == 10_000
    # Rp 1.000.001 is in the next bracket: 1% × 1.000.001 = 10.000,01 → Rp 10.000.
    assert calculate_bpu(1_000_001, None, 1, TODAY_RULES).amount_of("jkk") == 10_000
    # Rp 20.700.000: 1% = Rp 207.000; above it the fixed Rp 207.000.
    assert calculate_bpu(20_700_000, None, 1, TODAY_RULES).amount_of("jkk") == 207_000
    assert calculate_bpu(30_000_000, None, 1, TODAY_RULES).amount_of("jkk") == 207_000


def test_bpu_lines_round_to_whole_rupiah_half_up() -> None:
    # Before the income-band table (2 December 2019) JKK is 1 % of the income:
    # 2% × 1.234.575 = 24.691,5 → Rp 24.692 (half up); 1% × 1.234.575 = 12.345,75 → 12.346
    calc = calculate_bpu(1_234_575, ["jkk", "jkm", "jht"], 1, D(2019, 6, 1))
    assert calc.amount_of("jht") == 24_692
    assert calc.amount_of("jkk") == 12_346


def test_bpu_income_rp_2_500_000_pays_jkk_on_its_bands_base() -> None:
    """PP 44/2015 Lampiran II as amended (domain brief): Rp 2.500.000 lies in the band
    2.500.000-2.699.999, whose contribution base is Rp 2.600.000; JKK 1 % of it."""
    calc = calculate_bpu(2_500_000, ["jkk", "jkm"], 1, TODAY_RULES)
    assert calc.amount_of("jkk") == 26_000  # 1 % × 2.600.000
    assert calc.total == 32_800  # + JKM 6.800
    line = next(x for x in calc.lines if x.programme == "jkk")
    assert "Lampiran II" in line.regulation  # the row cites its table


@pytest.mark.parametrize(
    ("income", "jkk"),
    [
        (1_099_999, 10_000),  # the lowest band, base 1.000.000
        (1_100_000, 12_000),  # 1.100.000-1.299.999 → base 1.200.000
        (2_699_999, 26_000),  # last band of Rp 200.000 → base 2.600.000
        (2_700_000, 29_500),  # first band of Rp 500.000 → base 2.950.000
        (8_199_999, 79_500),  # last band of Rp 500.000 → base 7.950.000
        (8_200_000, 87_000),  # first band of Rp 1.000.000 → base 8.700.000
        (20_199_999, 197_000),  # last band of Rp 1.000.000 → base 19.700.000
        (20_200_000, 207_000),  # Rp 20.200.000 and above → base 20.700.000
        (50_000_000, 207_000),
    ],
)
def test_bpu_jkk_at_the_band_boundaries(income: int, jkk: int) -> None:
    assert calculate_bpu(income, ["jkk", "jkm"], 1, TODAY_RULES).amount_of("jkk") == jkk


def test_jp_wage_cap_of_march_2026() -> None:
    """SE B/1226/022026: Rp 11.086.300 from 1 March 2026, applied to a Rp 12.000.000 wage."""
    mar = calculate_pu(12_000_000, 1, D(2026, 3, 1))
    assert mar.amount_of("jp", "employer") == 221_726  # 2 % × 11.086.300
    assert mar.amount_of("jp", "worker") == 110_863  # 1 % × 11.086.300
    feb = calculate_pu(12_000_000, 1, D(2026, 2, 28))
    assert feb.amount_of("jp", "worker") == 105_474  # 1 % × 10.547.400, the 2025 cap


def test_pu_wage_3_5_million_risk_3_in_2025() -> None:
    calc = calculate_pu(3_500_000, 3, TODAY_RULES)
    # JKK group 3 after recomposition: (0,89% − 0,14%) = 0,75% × 3.500.000 = 26.250
    assert calc.amount_of("jkk", "employer") == 26_250
    # JKM 0,30% × 3.500.000 = 10.500 (PP 6/2025: no JKM recomposition)
    assert calc.amount_of("jkm", "employer") == 10_500
    # JHT 3,7% × 3.500.000 = 129.500 employer; 2% = 70.000 worker
    assert calc.amount_of("jht", "employer") == 129_500
    assert calc.amount_of("jht", "worker") == 70_000
    # JP 2% × 3.500.000 = 70.000 employer; 1% = 35.000 worker (under the cap)
    assert calc.amount_of("jp", "employer") == 70_000
    assert calc.amount_of("jp", "worker") == 35_000
    # JKP: 0,14% × 3.500.000 = 4.900 recomposed (employer); 0,22% × 3.500.000 = 7.700 government
    assert calc.amount_of("jkp", "employer") == 4_900
    assert calc.amount_of("jkp", "government") == 7_700
    # Employer: 26.250 + 10.500 + 129.500 + 70.000 + 4.900 = 241.150
    assert calc.total_for("employer") == 241_150
    # Worker: 70.000 + 35.000 = 105.000
    assert calc.total_for("worker") == 105_000


def test_pu_employer_pays_the_pp44_jkk_rate_whatever_the_recomposition() -> None:
    # Group 5: 1,74% × 10.000.000 = 174.000, split JKK 1,60% (160.000) + JKP 0,14% (14.000).
    calc = calculate_pu(10_000_000, 5, TODAY_RULES, programs=["jkk", "jkm", "jkp"])
    assert calc.amount_of("jkk") == 160_000
    assert calc.amount_of("jkp", "employer") == 14_000
    before = calculate_pu(10_000_000, 5, D(2020, 6, 1), programs=["jkk", "jkm"])
    assert before.amount_of("jkk") == 174_000


def test_a_date_before_jkp_uses_the_older_pp44_rules() -> None:
    calc = calculate_pu(3_500_000, 3, D(2020, 6, 1))
    # JKK 0,89% × 3.500.000 = 31.150; JKM 0,30% = 10.500; no JKP before PP 37/2021
    assert calc.amount_of("jkk") == 31_150
    assert calc.amount_of("jkm") == 10_500
    assert calc.amount_of("jkp") == 0
    assert "PP 44/2015" in next(ln.regulation for ln in calc.lines if ln.programme == "jkk")


def test_between_2021_and_2025_jkm_is_recomposed_too() -> None:
    calc = calculate_pu(3_500_000, 3, D(2023, 6, 1))
    # JKM 0,20% × 3.500.000 = 7.000; JKP recomposed 0,24% × 3.500.000 = 8.400
    assert calc.amount_of("jkm") == 7_000
    assert calc.amount_of("jkp", "employer") == 8_400


def test_jp_wage_cap_changes_each_march() -> None:
    wage = 12_000_000
    # Before 1 March 2025 the 2024 cap: 2% × 10.042.300 = 200.846; 1% = 100.423
    feb = calculate_pu(wage, 1, D(2025, 2, 28))
    assert feb.amount_of("jp", "employer") == 200_846
    assert feb.amount_of("jp", "worker") == 100_423
    # From 1 March 2025: 2% × 10.547.400 = 210.948; 1% = 105.474
    mar = calculate_pu(wage, 1, D(2025, 3, 1))
    assert mar.amount_of("jp", "employer") == 210_948
    assert mar.amount_of("jp", "worker") == 105_474
    # JHT has no cap: 2% × 12.000.000 = 240.000
    assert mar.amount_of("jht", "worker") == 240_000
    # JKP government share capped at Rp 5.000.000: 0,22% × 5.000.000 = 11.000
    assert mar.amount_of("jkp", "government") == 11_000


def test_jp_in_2024_uses_the_2024_cap() -> None:
    # 1% × 10.042.300 = 100.423
    assert calculate_pu(15_000_000, 2, D(2024, 6, 1)).amount_of("jp", "worker") == 100_423


@pytest.mark.parametrize(
    ("value", "jkk"),
    [
        (100_000_000, 210_000),  # 0,21% × 100 jt
        (100_000_001, 210_000),  # 210.000 + 0,17% × 1 = 210.000,0017
        (500_000_000, 890_000),  # 210.000 + 0,17% × 400 jt = 210.000 + 680.000
        (500_000_001, 890_000),  # 890.000 + 0,13% × 1
        (750_000_000, 1_215_000),  # 890.000 + 0,13% × 250 jt = 890.000 + 325.000
        (1_000_000_000, 1_540_000),  # 890.000 + 0,13% × 500 jt = 890.000 + 650.000
        (1_000_000_001, 1_540_000),  # 1.540.000 + 0,11% × 1
        (5_000_000_000, 5_940_000),  # 1.540.000 + 0,11% × 4 M = 1.540.000 + 4.400.000
        (5_000_000_001, 5_940_000),  # 5.940.000 + 0,09% × 1
        (6_000_000_000, 6_840_000),  # 5.940.000 + 0,09% × 1 M = 5.940.000 + 900.000
        (50_000_000, 105_000),  # 0,21% × 50 jt
    ],
)
def test_jakon_jkk_at_every_bracket_boundary(value: int, jkk: int) -> None:
    calc = calculate_jakon(value, TODAY_RULES)
    assert calc.amount_of("jkk", "employer") == jkk


def test_jakon_750_million_project() -> None:
    calc = calculate_jakon(750_000_000, TODAY_RULES)
    # JKM 0,03% × 750.000.000 = 225.000; total 1.215.000 + 225.000 = 1.440.000
    assert calc.amount_of("jkm") == 225_000
    assert calc.total == 1_440_000


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: calculate_pu(-1, 3, TODAY_RULES), "upah harus lebih dari Rp 0"),
        (lambda: calculate_pu(3_000_000, 6, TODAY_RULES), "kelompok risiko harus 1 sampai 5"),
        (lambda: calculate_pu(3_000_000, 0, TODAY_RULES), "kelompok risiko harus 1 sampai 5"),
        (lambda: calculate("bpjs", income=1), "tidak dikenal"),
        (lambda: calculate_bpu(0), "penghasilan harus lebih dari Rp 0"),
        (lambda: calculate_bpu(1_000_000, ["jkk"]), "JKM wajib untuk BPU"),
        (lambda: calculate_bpu(1_000_000, ["jkk", "jkm", "jp"]), "tidak tersedia untuk BPU"),
        (lambda: calculate_bpu(1_000_000, None, 13), "jumlah bulan harus 1 sampai 12"),
        (lambda: calculate_jakon(-5), "nilai kontrak harus lebih dari Rp 0"),
        (lambda: calculate_jakon(100, D(2014, 1, 1)), "tidak ada aturan iuran JAKON"),
    ],
)
def test_inputs_out_of_range_give_a_clear_message(call: object, message: str) -> None:
    with pytest.raises(ContributionError, match=message):
        call()  # type: ignore[operator]
