"""Indonesian personal names brought to one form before they are compared, set-based.

Village offices and BPJS desks write the same name in many ways (Gorontalo lists especially):
`Moh.`, `Muh.`, `Mohamad`, `Muhammad` for one given name; titles before (`H.`, `Hj.`, `Drs.`)
and after the name (`, S.Pd.`); the family name (*fam*) dropped or put first; capitals, double
spaces. Everything here is a Polars expression, so a million names take a fraction of a second.
"""

from __future__ import annotations

import polars as pl

# One writer's Moh./Muh. is another's Muhammad: all become MUH.
MOH_FORMS = (
    "MOH",
    "MUH",
    "MOHD",
    "MHD",
    "MOCH",
    "MOCHAMAD",
    "MOCHAMMAD",
    "MOHAMAD",
    "MOHAMMAD",
    "MOHAMED",
    "MOHAMMED",
    "MUHAMAD",
    "MUHAMMAD",
    "MUHAMMED",
)
# Abbreviations written for a whole word.
ABBREVIATIONS = {"ABD": "ABDUL", "SITTI": "SITI"}
# Titles that are no part of the name: religious (Haji, Hajjah) and academic.
TITLES = ("H", "HJ", "HAJI", "HAJJAH", "DRS", "DRA", "DR", "IR", "PROF", "ST", "SE", "SH")


def _untitled(name: pl.Expr) -> pl.Expr:
    """Upper case, titles and punctuation gone: the part both normal forms share.

    Academic titles written after a comma (`Siti Aisyah, S.Pd.`) go with everything after it.
    """
    text = name.fill_null("").str.to_uppercase().str.replace(r",.*$", "")
    text = text.str.replace_all(r"[^A-Z ]", " ")
    return text.str.replace_all(rf"\b(?:{'|'.join(TITLES)})\b", "")


def _finished(text: pl.Expr, *, unify_moh: bool) -> pl.Expr:
    if unify_moh:
        text = text.str.replace_all(rf"\b(?:{'|'.join(MOH_FORMS)})\b", "MUH")
    for short, full in ABBREVIATIONS.items():
        text = text.str.replace_all(rf"\b{short}\b", full)
    return text.str.replace_all(r"\s+", " ").str.strip_chars()


def normalise(name: pl.Expr, *, unify_moh: bool = True) -> pl.Expr:
    """Upper case, titles and punctuation gone, Moh. forms unified, single spaces."""
    return _finished(_untitled(name), unify_moh=unify_moh)


def sorted_tokens(normalised: pl.Expr) -> pl.Expr:
    """The name's words in alphabetical order: `HASAN MUH RIZAL` for either word order."""
    return normalised.str.split(" ").list.sort().list.join(" ")


def first_token(normalised: pl.Expr) -> pl.Expr:
    return normalised.str.split(" ").list.first()


def last_token(normalised: pl.Expr) -> pl.Expr:
    return normalised.str.split(" ").list.last()


def with_name_columns(frame: pl.DataFrame, column: str = "name") -> pl.DataFrame:
    """Add the columns linkage compares: normalised, sorted words, first and last word, and
    the name as written (without titles), where a typo inside `Muhammad` still shows as one.
    Each step is computed once and shared by the columns built on it."""
    untitled = frame.with_columns(_untitled(pl.col(column)).alias("_untitled"))
    forms = untitled.with_columns(
        _finished(pl.col("_untitled"), unify_moh=True).alias("name_norm"),
        _finished(pl.col("_untitled"), unify_moh=False).alias("name_plain"),
    ).drop("_untitled")
    norm = pl.col("name_norm")
    return forms.with_columns(
        sorted_tokens(norm).alias("name_sorted"),
        first_token(norm).alias("name_first"),
        last_token(norm).alias("name_last"),
    )


def normalise_one(name: str) -> str:
    """`normalise` for one name (a saved form, a search box): the same expression, so a name
    typed into the search box and the name as stored are brought to one form by one rule."""
    return str(pl.select(normalise(pl.lit(name, dtype=pl.String))).item())
