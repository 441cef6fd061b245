"""Business names brought to one form before they are compared, set-based: the legal form
(PT, CV, UD, Koperasi, Tbk, Persero…) goes, as do punctuation and case, so that `PT. Sinar
Boalemo Tbk` and `SINAR BOALEMO, PT` meet."""

from __future__ import annotations

import polars as pl

LEGAL_FORMS = (
    "PT", "PERSEROAN TERBATAS", "CV", "UD", "USAHA DAGANG", "PD", "FIRMA", "FA", "KOPERASI",
    "KOP", "KSP", "KUD", "TBK", "PERSERO", "PERUSDA", "PERUMDA", "BUMDES", "BUMDESA", "YAYASAN",
    "TOKO", "TK",
)  # fmt: skip


def business_key(name: pl.Expr) -> pl.Expr:
    text = name.fill_null("").str.to_uppercase().str.replace_all(r"[^A-Z0-9 ]", " ")
    text = text.str.replace_all(rf"\b(?:{'|'.join(LEGAL_FORMS)})\b", " ")
    return text.str.replace_all(r"\s+", " ").str.strip_chars()


def business_key_one(name: str) -> str:
    """`business_key` of one name: the same expression, so one rule brings both to one form."""
    return str(pl.select(business_key(pl.lit(name, dtype=pl.String))).item())
