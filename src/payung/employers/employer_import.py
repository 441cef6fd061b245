"""Import of the two employer lists through the import machinery (payung.imports):

- `businesses`: the licensing office's list (DPMPTSP, from OSS), one business per NIB: name,
  KBLI, scale, address and desa, declared workers and monthly wage bill;
- `bpjs_employers`: BPJS TK's employer export, one employer per NPP: name, NIB where known,
  registered workers, reported wages, programmes, months in arrears.

Both upsert by their number and keep versions; a bad number in a cell is flagged and never
overwrites the number stored before (imports.writer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl
from django.utils.translation import gettext_lazy as _

from payung.employers.events import EMPLOYERS_CHANGED
from payung.employers.models import BpjsEmployer, Business, Scale
from payung.employers.names import business_key
from payung.imports import writer
from payung.imports.desa import desa_code, desa_lookup
from payung.imports.kinds import ImportKind
from payung.imports.messages import register_messages
from payung.imports.parse import clean_digits, clean_text
from payung.imports.prepare import (
    FLAGGED,
    KEPT,
    REJECTED,
    Prepared,
    Rule,
    apply_rules,
    pick_columns,
    unreadable,
)
from payung.lib.numbers import parse_rupiah
from payung.participants.importer import PROGRAMS

DESA_HEADERS = ["kode desa", "desa", "nama desa", "desa kelurahan", "kelurahan"]
NIB_HEADERS = ["nib", "no nib", "nomor nib", "nomor induk berusaha"]
BUSINESS_SYNONYMS: dict[str, list[str]] = {
    "nib": NIB_HEADERS,
    "name": [
        "nama perusahaan", "nama usaha", "nama pelaku usaha", "nama badan usaha", "nama",
        "nama pemilik usaha",
    ],
    "kbli": ["kbli", "kode kbli", "kbli 2020"],
    "scale": ["skala usaha", "skala", "skala perusahaan", "kategori usaha"],
    "address": ["alamat", "alamat usaha", "alamat perusahaan", "alamat kantor"],
    "desa": DESA_HEADERS,
    "declared_workers": [
        "jumlah tenaga kerja", "tenaga kerja", "jumlah tk", "jumlah pekerja", "tki", "tk",
    ],
    "declared_wages": ["total upah", "jumlah upah", "upah per bulan", "total gaji", "upah"],
}  # fmt: skip
EMPLOYER_SYNONYMS: dict[str, list[str]] = {
    "npp": ["npp", "no npp", "nomor npp", "nomor pendaftaran perusahaan"],
    "name": ["nama perusahaan", "nama badan usaha", "nama pemberi kerja", "nama pk", "nama"],
    "nib": NIB_HEADERS,
    "registered_workers": [
        "jumlah tk", "tenaga kerja terdaftar", "jumlah peserta", "tk aktif", "jumlah tenaga kerja",
        "tk terdaftar",
    ],
    "reported_wages": ["total upah", "upah dilaporkan", "jumlah upah", "upah"],
    "programs": ["program", "program yang diikuti", "programs", "jenis program"],
    "arrears_months": ["tunggakan", "bulan tunggakan", "tunggakan bulan", "lama tunggakan"],
}  # fmt: skip
SCALE_WORDS = {
    "mikro": Scale.MICRO, "usaha mikro": Scale.MICRO, "micro": Scale.MICRO,
    "kecil": Scale.SMALL, "usaha kecil": Scale.SMALL, "small": Scale.SMALL,
    "menengah": Scale.MEDIUM, "usaha menengah": Scale.MEDIUM, "medium": Scale.MEDIUM,
    "besar": Scale.LARGE, "usaha besar": Scale.LARGE, "large": Scale.LARGE,
}  # fmt: skip

register_messages(
    {
        "nib_missing": _("NIB is empty: a business is recognised by its NIB."),
        "nib_invalid": _("NIB %(value)r is not 13 digits."),
        "nib_duplicate_in_file": _("NIB %(value)r appears earlier in this file; skipped."),
        "npp_missing": _("NPP (employer number) is empty."),
        "npp_invalid": _("NPP %(value)r is not 6 to 12 letters and digits."),
        "npp_duplicate_in_file": _("NPP %(value)r appears earlier in this file; skipped."),
        "kbli_invalid": _("KBLI %(value)r is not a five-digit KBLI 2020 code."),
        "scale_unknown": _("Scale %(value)r is not mikro, kecil, menengah or besar."),
        "workers_invalid": _("Number of workers %(value)r is not a whole number."),
        "wages_invalid": _("Wages %(value)r is not an amount in rupiah."),
        "arrears_invalid": _("Months in arrears %(value)r is not a whole number."),
    }
)


def _count(expr: pl.Expr) -> pl.Expr:
    return clean_digits(expr).cast(pl.Int64, strict=False)


def key_rules(key: str, pattern: str) -> list[Rule]:
    present = pl.col("empty_row").not_()
    valid = pl.col(key).str.contains(pattern).fill_null(False)
    return [
        Rule(pl.col("empty_row"), REJECTED, "empty_row", "name"),
        Rule(present & pl.col(key).is_null(), REJECTED, f"{key}_missing", key),
        Rule(present & pl.col(key).is_not_null() & ~valid, REJECTED, f"{key}_invalid", key),
        Rule(
            present & valid & ~pl.col(key).is_first_distinct(),
            REJECTED,
            f"{key}_duplicate_in_file",
            key,
        ),
        Rule(present & pl.col("name").is_null(), REJECTED, "name_missing", "name"),
    ]


def prepare_businesses(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str = ""
) -> Iterator[Prepared]:
    lookup = desa_lookup()
    frame = pick_columns(table, columns, list(BUSINESS_SYNONYMS)).with_columns(
        clean_digits(pl.col("raw_nib")).alias("nib"),
        clean_text(pl.col("raw_name")).alias("name"),
        clean_digits(pl.col("raw_kbli")).alias("kbli"),
        clean_text(pl.col("raw_scale"))
        .str.to_lowercase()
        .replace_strict(SCALE_WORDS, default=None, return_dtype=pl.String)
        .alias("scale"),
        clean_text(pl.col("raw_address")).alias("address"),
        desa_code(pl.col("raw_desa"), lookup).alias("desa_code"),
        _count(pl.col("raw_declared_workers")).alias("declared_workers"),
        parse_rupiah(pl.col("raw_declared_wages")).alias("declared_wages"),
    )
    present = pl.col("empty_row").not_()
    rules = [
        *key_rules("nib", r"^\d{13}$"),
        Rule(
            present & pl.col("kbli").is_not_null() & ~pl.col("kbli").str.contains(r"^\d{5}$"),
            FLAGGED,
            "kbli_invalid",
            "kbli",
        ),
        unreadable("scale", "scale_unknown"),
        Rule(
            present & pl.col("raw_desa").is_not_null() & pl.col("desa_code").is_null(),
            FLAGGED,
            "desa_unknown",
            "desa",
        ),
        Rule(present & (pl.col("desa_code") == "?"), FLAGGED, "desa_ambiguous", "desa"),
        unreadable("declared_workers", "workers_invalid"),
        unreadable("declared_wages", "wages_invalid"),
    ]
    prepared = apply_rules(table, frame, rules)
    desa = pl.col("desa_code")
    prepared.accepted = prepared.accepted.select(
        "nib",
        pl.col("name").str.slice(0, 200),
        business_key(pl.col("name")).str.slice(0, 200).alias("name_key"),
        pl.when(pl.col("kbli").str.contains(r"^\d{5}$")).then("kbli").otherwise(pl.lit("")),
        pl.col("scale").fill_null(""),
        pl.col("address").fill_null("").str.slice(0, 300),
        pl.when(desa.is_not_null() & (desa != "?"))
        .then(desa)
        .otherwise(pl.lit(""))
        .alias("desa_id"),
        "declared_workers",
        "declared_wages",
        pl.lit(file_name).alias("source_file"),
        "source_row",
        KEPT,
    )
    return iter([prepared])


def prepare_employers(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str = ""
) -> Iterator[Prepared]:
    programs = pl.col("raw_programs").str.to_uppercase()
    frame = pick_columns(table, columns, list(EMPLOYER_SYNONYMS)).with_columns(
        clean_text(pl.col("raw_npp"))
        .str.to_uppercase()
        .str.replace_all(r"[\s.\-/]", "")
        .alias("npp"),
        clean_text(pl.col("raw_name")).alias("name"),
        clean_digits(pl.col("raw_nib")).alias("nib"),
        _count(pl.col("raw_registered_workers")).alias("registered_workers"),
        parse_rupiah(pl.col("raw_reported_wages")).alias("reported_wages"),
        pl.concat_str(
            [pl.when(programs.str.contains(rf"\b{p}\b")).then(pl.lit(p)) for p in PROGRAMS],
            separator=",",
            ignore_nulls=True,
        ).alias("programs"),
        _count(pl.col("raw_arrears_months")).alias("arrears_months"),
    )
    present = pl.col("empty_row").not_()
    rules = [
        *key_rules("npp", r"^[A-Z0-9]{6,12}$"),
        Rule(
            present & pl.col("nib").is_not_null() & ~pl.col("nib").str.contains(r"^\d{13}$"),
            FLAGGED,
            "nib_invalid",
            "nib",
        ),
        unreadable("registered_workers", "workers_invalid"),
        unreadable("reported_wages", "wages_invalid"),
        unreadable("arrears_months", "arrears_invalid"),
    ]
    prepared = apply_rules(table, frame, rules)
    nib = pl.col("nib")
    prepared.accepted = prepared.accepted.select(
        "npp",
        pl.col("name").str.slice(0, 200),
        business_key(pl.col("name")).str.slice(0, 200).alias("name_key"),
        pl.when(nib.str.contains(r"^\d{13}$")).then(nib).otherwise(pl.lit("")).alias("nib"),
        "registered_workers",
        "reported_wages",
        pl.col("programs").fill_null(""),
        "arrears_months",
        pl.lit(file_name).alias("source_file"),
        "source_row",
        KEPT,
    )
    return iter([prepared])


BUSINESS_COLUMNS = [
    "nib", "name", "name_key", "kbli", "scale", "address", "desa_id", "declared_workers",
    "declared_wages", "source_file", "source_row",
]  # fmt: skip
EMPLOYER_COLUMNS = [
    "npp", "name", "name_key", "nib", "registered_workers", "reported_wages", "programs",
    "arrears_months", "source_file", "source_row",
]  # fmt: skip
BUSINESSES = writer.Target(
    model=Business,
    key="nib",
    data_columns=BUSINESS_COLUMNS,
    versions="employers_businessversion",
    version_owner="business_id",
    history_columns=[*BUSINESS_COLUMNS, "batch_id"],
)
EMPLOYERS = writer.Target(
    model=BpjsEmployer,
    key="npp",
    data_columns=EMPLOYER_COLUMNS,
    versions="employers_bpjsemployerversion",
    version_owner="employer_id",
    history_columns=[*EMPLOYER_COLUMNS, "batch_id"],
)


def write_businesses(
    parts: Iterable[pl.DataFrame], batch_id: int, rows: int
) -> tuple[int, int, int]:
    return writer.upsert_parts(parts, BUSINESSES, batch_id, rows=rows)


def write_employers(
    parts: Iterable[pl.DataFrame], batch_id: int, rows: int
) -> tuple[int, int, int]:
    return writer.upsert_parts(parts, EMPLOYERS, batch_id, rows=rows)


KINDS = [
    ImportKind(
        name="businesses",
        label=_("licensed businesses (DPMPTSP)"),
        synonyms=BUSINESS_SYNONYMS,
        required=("nib", "name"),
        prepare=prepare_businesses,
        write=write_businesses,
        changed=EMPLOYERS_CHANGED,
        action="import.businesses",
    ),
    ImportKind(
        name="bpjs_employers",
        label=_("BPJS TK employers"),
        synonyms=EMPLOYER_SYNONYMS,
        required=("npp", "name"),
        prepare=prepare_employers,
        write=write_employers,
        changed=EMPLOYERS_CHANGED,
        action="import.bpjs_employers",
    ),
]
