"""`payung iuran` as a user runs it: JSON figures, a readable table, one-line errors."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("iuran", *args, stdout=out)
    return out.getvalue()


def test_bpu_json_has_each_programme_payer_total_and_regulation() -> None:
    data = json.loads(
        run(
            "--segment",
            "bpu",
            "--income",
            "1000000",
            "--months",
            "12",
            "--date",
            "2025-06-01",
            "--json",
        )
    )
    lines = {line["programme"]: line for line in data["lines"]}
    # JKK 10.000 × 12 = 120.000; JKM 6.800 × 12 = 81.600; total 201.600
    assert lines["jkk"]["amount"] == 120_000
    assert lines["jkm"]["amount"] == 81_600
    assert data["total"] == 201_600
    assert {line["payer"] for line in data["lines"]} == {"participant"}
    assert lines["jkm"]["regulation"].startswith("PP 44/2015")


def test_bpu_with_optional_jht() -> None:
    data = json.loads(
        run(
            "--segment",
            "bpu",
            "--income",
            "1500000",
            "--programs",
            "jkk,jkm,jht",
            "--json",
            "--date",
            "2025-06-01",
        )
    )
    # JKK: Rp 1.500.000 is in the band 1.500.000-1.699.999, base Rp 1.600.000, 1 % = 16.000;
    # JKM 6.800; JHT 2% × 1.500.000 = 30.000 → 52.800
    assert data["total"] == 52_800


def test_pu_json_splits_employer_and_worker() -> None:
    data = json.loads(
        run("--segment", "pu", "--wage", "3500000", "--risk", "3", "--date", "2025-06-01", "--json")
    )
    # Employer 241.150 (see test_calculator); worker JHT 70.000 + JP 35.000 = 105.000;
    # government JKP 0,22% × 3.500.000 = 7.700
    assert data["total_by_payer"] == {"employer": 241_150, "worker": 105_000, "government": 7_700}
    assert data["total"] == 241_150 + 105_000 + 7_700


def test_jakon_json() -> None:
    data = json.loads(run("--segment", "jakon", "--contract-value", "750000000", "--json"))
    # JKK 890.000 + 0,13% × 250 jt = 1.215.000; JKM 0,03% × 750 jt = 225.000
    assert data["total"] == 1_440_000


def test_without_json_prints_a_table_with_the_total() -> None:
    text = run("--segment", "jakon", "--contract-value", "750000000")
    assert "Rp 1.440.000" in text
    assert "Rp 225.000" in text
    assert "PP 44/2015" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--segment", "pu", "--wage", "0", "--risk", "3"], "upah harus lebih dari Rp 0"),
        (["--segment", "pu", "--wage", "-3500000", "--risk", "3"], "Rp 1.500.000"),
        (
            ["--segment", "pu", "--wage", "3500000", "--risk", "6"],
            "kelompok risiko harus 1 sampai 5",
        ),
        (["--segment", "asuransi", "--income", "1"], "segmen 'asuransi' tidak dikenal"),
        (["--segment", "pu", "--wage", "3500000"], "memerlukan --risk"),
        (["--segment", "bpu", "--income", "1000000", "--date", "1/1/2025"], "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_one_line_command_error(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message) as caught:
        run(*args)
    assert "\n" not in str(caught.value)


def test_amounts_are_taken_as_the_importer_takes_them() -> None:
    typed = run("--segment", "jakon", "--contract-value", "Rp 1.500.000.000", "--json")
    plain = run("--segment", "jakon", "--contract-value", "1500000000", "--json")
    assert json.loads(typed) == json.loads(plain)
    assert json.loads(typed)["total"] > 0


def test_an_amount_that_is_none_is_refused_in_words() -> None:
    with pytest.raises(CommandError, match="'sejuta': .*Rp 1.500.000"):
        run("--segment", "bpu", "--income", "sejuta")
