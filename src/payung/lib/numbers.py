"""Numbers as Indonesians type and read them: 78.485 workers, Rp 1.500.000, 17,2 %.

One rule reads an amount, wherever it is typed: an import's cell, a form's field, a command's
option. `parse_rupiah` is that rule as a Polars expression (an import reads a million cells at
once); `parse_amount` runs the same expression on one value, so a form and a command can never
read `Rp 1.500.000` differently from the importer.
"""

from __future__ import annotations

import argparse
import re
from decimal import ROUND_HALF_UP, Decimal

import polars as pl
from django.utils.translation import gettext as _


def parse_rupiah(expr: pl.Expr) -> pl.Expr:
    """`Rp 1.500.000`, `1.500.000`, `Rp 1.500.000,00`, `1,500,000`, `1500000` and `1500000,00`
    all read as 1500000 (sen dropped); anything else is null."""
    text = expr.str.to_lowercase().str.replace_all(r"rp\.?|\s|idr", "")
    return pl.coalesce(
        # Grouped the Indonesian way (dots, a comma before sen) or the English way.
        text.str.extract(r"^(\d{1,3}(?:\.\d{3})+)(?:,\d{1,2})?$", 1).str.replace_all(r"\.", ""),
        text.str.extract(r"^(\d{1,3}(?:,\d{3})+)(?:\.\d{1,2})?$", 1).str.replace_all(",", ""),
        text.str.extract(r"^(\d+)(?:[.,]\d{1,2})?$", 1),
    ).cast(pl.Int64, strict=False)


def amount_or_none(text: str) -> int | None:
    """One typed amount read by `parse_rupiah`; None when it is no amount."""
    value = pl.select(parse_rupiah(pl.lit(str(text), dtype=pl.String))).item()
    return None if value is None else int(value)


def amount_help() -> str:
    return _("Write a whole amount, e.g. 1.500.000, Rp 1.500.000 or 1500000.")


def amount_argument(text: str) -> int:
    """An argparse `type=`: a command's option read as the importer reads a cell."""
    value = amount_or_none(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"'{text}': {amount_help()}")
    return value


def decimal_or_none(text: str) -> Decimal | None:
    """A number typed the Indonesian way (`17,2`, `1.234,5`, `17,2 %`) or with a decimal point
    (`0.65`); dots in groups of three (`78.485`) are thousands. None when it is no number."""
    cleaned = re.sub(r"[\s%]", "", str(text)).replace("Rp", "").replace("rp", "")
    if "," in cleaned:
        if not re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d+|-?\d+,\d+", cleaned):
            return None
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    elif not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        return None
    return Decimal(cleaned)


def decimal_help() -> str:
    return _("Write a number, e.g. 17,2 or 78.485.")


def grouped(value: int | float | Decimal | None) -> str:
    """78485 as 78.485 (a whole number; a fraction is rounded half up)."""
    if value is None:
        return "–"
    whole = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{whole:,}".replace(",", ".")


def rupiah(value: int | float | Decimal | None) -> str:
    """Rp 1.500.000."""
    return "–" if value is None else f"Rp {grouped(value)}"


def percent(share: float | Decimal | None, decimals: int = 1) -> str:
    """A share (0.172) as Indonesians write it: 17,2 %."""
    if share is None:
        return "–"
    hundred = Decimal(str(share)) * 100
    text = f"{hundred.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,}"
    whole, _dot, fraction = text.partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction} %" if fraction else f"{whole} %"
