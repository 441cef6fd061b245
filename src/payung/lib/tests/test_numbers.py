"""Numbers as Indonesians type and read them, one rule for imports, forms and commands."""

from __future__ import annotations

import argparse
from decimal import Decimal

import pytest
from django import forms

from payung.lib import numbers
from payung.lib.forms import AmountField


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000", 1_500_000),
        ("rp. 1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("Rp 1.500.000,00", 1_500_000),
        ("1,500,000.00", 1_500_000),
        ("1.500", 1_500),
        ("1500000,00", 1_500_000),
        (" 1 500 000 ", 1_500_000),
        ("Rp 1.008.000.000", 1_008_000_000),
        ("1,5 juta", None),
        ("abc", None),
        ("", None),
        ("1.50.000", None),
    ],
)
def test_an_amount_reads_as_the_importer_reads_it(typed: str, amount: int | None) -> None:
    assert numbers.amount_or_none(typed) == amount


def test_a_command_option_refuses_what_is_no_amount_in_words() -> None:
    assert numbers.amount_argument("Rp 1.500.000.000") == 1_500_000_000
    with pytest.raises(argparse.ArgumentTypeError, match="1.500.000"):
        numbers.amount_argument("satu juta")


@pytest.mark.parametrize(
    ("value", "text"),
    [(78485, "78.485"), (0, "0"), (1_500_000, "1.500.000"), (-2500, "-2.500"), (999.5, "1.000")],
)
def test_grouped(value: float, text: str) -> None:
    assert numbers.grouped(value) == text


def test_rupiah_and_percent() -> None:
    assert numbers.rupiah(1_500_000) == "Rp 1.500.000"
    assert numbers.percent(0.1716) == "17,2 %"
    assert numbers.percent(Decimal("0.05")) == "5,0 %"
    assert numbers.percent(0.171649, 2) == "17,16 %"
    assert numbers.percent(12.3456) == "1.234,6 %"
    assert numbers.percent(None) == "–"


def test_the_form_field_takes_typed_amounts_and_shows_stored_ones_grouped() -> None:
    field = AmountField(min_value=1)
    assert field.clean("Rp 1.500.000") == 1_500_000
    assert field.prepare_value(1_500_000) == "1.500.000"
    assert field.clean(field.prepare_value(1_500_000)) == 1_500_000
    with pytest.raises(Exception, match="1.500.000"):
        field.clean("1,5 juta")

    class Money(forms.Form):
        amount = AmountField()

    html = str(Money({"amount": "1.500.000"})["amount"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
