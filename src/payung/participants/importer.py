"""Import of BPJS TK participant exports: one participation per KPJ, upserted by KPJ."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import User
from payung.imports import repeat, writer
from payung.imports.headers import BIRTH_DATE_HEADERS, NIK_HEADERS
from payung.imports.kinds import ImportKind
from payung.imports.nik import with_nik_check
from payung.imports.parse import clean_text, digits_only, parse_date, parse_month
from payung.imports.prepare import (
    KEPT,
    Prepared,
    Rule,
    apply_rules,
    nik_rules,
    pick_columns,
    unreadable,
)
from payung.participants.events import PARTICIPANTS_CHANGED
from payung.participants.models import Participant

PARTICIPANT_SYNONYMS: dict[str, list[str]] = {
    "kpj": ["kpj", "no kpj", "nomor kpj", "no peserta", "nomor peserta", "no kartu"],
    "nik": NIK_HEADERS,
    "name": ["nama", "nama lengkap", "nama peserta", "nama tk", "name"],
    "birth_date": BIRTH_DATE_HEADERS,
    "segment": ["segmen", "segmen kepesertaan", "jenis kepesertaan", "segment", "kategori"],
    "status": ["status", "status kepesertaan", "status peserta", "keaktifan"],
    "programs": ["program", "program yang diikuti", "programs", "jenis program"],
    "last_paid": [
        "iuran terakhir",
        "bulan terakhir bayar",
        "bulan iuran terakhir",
        "periode terakhir",
        "blth terakhir",
        "last paid",
        "bulan terakhir",
    ],
    "employer_npp": ["npp", "no npp", "nomor npp", "pemberi kerja", "perusahaan npp", "npp pk"],
    "region_code": ["kode wilayah", "wilayah", "kode desa", "region code"],
}
REQUIRED = ("kpj", "name")
FIELDS = list(PARTICIPANT_SYNONYMS)
PROGRAMS = ["JKK", "JKM", "JHT", "JP", "JKP"]

SEGMENT_WORDS = {
    "pu": "PU", "penerima upah": "PU", "ppu": "PU", "tk pu": "PU",
    "bpu": "BPU", "bukan penerima upah": "BPU", "tk bpu": "BPU",
    "jakon": "JAKON", "jasa konstruksi": "JAKON", "jk": "JAKON",
}  # fmt: skip
STATUS_WORDS = {
    "aktif": "AKTIF", "active": "AKTIF", "a": "AKTIF",
    "non aktif": "NON_AKTIF", "nonaktif": "NON_AKTIF", "tidak aktif": "NON_AKTIF",
    "na": "NON_AKTIF", "inactive": "NON_AKTIF",
}  # fmt: skip

DATA_COLUMNS = [
    "kpj", "nik", "nik_raw", "nik_status", "name", "birth_date", "segment", "status", "programs",
    "last_paid", "employer_npp", "region_code", "source_file", "source_row",
]  # fmt: skip
HISTORY_COLUMNS = [*DATA_COLUMNS, "batch_id"]


def _word(expr: pl.Expr, words: dict[str, str]) -> pl.Expr:
    key = expr.str.to_lowercase().str.replace_all(r"[^a-z ]+", " ").str.replace_all(r"\s+", " ")
    return key.str.strip_chars().replace_strict(words, default=None, return_dtype=pl.String)


def prepare_participants(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str = ""
) -> Iterator[Prepared]:
    """The whole export as one part (exports are a fraction of the registry's size)."""
    return iter([_prepare(table, columns, file_name)])


def _prepare(table: pl.DataFrame, columns: dict[str, str], file_name: str) -> Prepared:
    frame = pick_columns(table, columns, FIELDS).with_columns(
        digits_only(clean_text(pl.col("raw_kpj"))).alias("kpj"),
        clean_text(pl.col("raw_name")).alias("name"),
        parse_date(pl.col("raw_birth_date")).alias("birth_date"),
        _word(pl.col("raw_segment"), SEGMENT_WORDS).alias("segment"),
        _word(pl.col("raw_status"), STATUS_WORDS).alias("status"),
        parse_month(pl.col("raw_last_paid")).alias("last_paid"),
        clean_text(pl.col("raw_nik")).alias("nik_raw"),
        pl.concat_str(
            [
                pl.when(pl.col("raw_programs").str.to_uppercase().str.contains(rf"\b{p}\b")).then(
                    pl.lit(p)
                )
                for p in PROGRAMS
            ],
            separator=",",
            ignore_nulls=True,
        ).alias("programs"),
        digits_only(clean_text(pl.col("raw_employer_npp"))).alias("employer_npp"),
        clean_text(pl.col("raw_region_code")).alias("region_raw"),
    )
    frame = with_nik_check(
        frame.with_columns(pl.lit(None, pl.String).alias("sex")),
        raw="nik_raw",
        numeric_cell="nik_numeric",
        sex="sex",
        birth_date="birth_date",
    )
    region = pl.col("region_raw")
    frame = frame.with_columns(
        pl.when(region.str.contains(r"^\d{10}$"))
        .then(
            region.str.slice(0, 2)
            + "."
            + region.str.slice(2, 2)
            + "."
            + region.str.slice(4, 2)
            + "."
            + region.str.slice(6, 4)
        )
        .otherwise(region)
        .alias("region_code"),
        (~pl.col("kpj").is_first_distinct()).alias("kpj_repeated"),
    )
    present = pl.col("empty_row").not_()
    valid_kpj = pl.col("kpj").str.contains(r"^\d{11}$").fill_null(False)
    rules = [
        Rule(pl.col("empty_row"), "rejected", "empty_row", "name"),
        Rule(present & pl.col("kpj").is_null(), "rejected", "kpj_missing", "kpj"),
        Rule(present & pl.col("kpj").is_not_null() & ~valid_kpj, "rejected", "kpj_invalid", "kpj"),
        Rule(
            present & valid_kpj & pl.col("kpj_repeated"), "rejected", "kpj_duplicate_in_file", "kpj"
        ),
        Rule(present & pl.col("name").is_null(), "rejected", "name_missing", "name"),
        *nik_rules(present),
        unreadable("birth_date", "birth_date_invalid"),
        unreadable("segment", "segment_unknown"),
        unreadable("status", "status_unknown"),
        unreadable("last_paid", "last_paid_invalid"),
    ]
    prepared = apply_rules(table, frame, rules)
    prepared.accepted = prepared.accepted.select(
        "kpj",
        "nik",
        pl.col("nik_raw").fill_null(""),
        "nik_status",
        "name",
        "birth_date",
        pl.col("segment").fill_null(""),
        pl.col("status").fill_null(""),
        pl.col("programs").fill_null(""),
        "last_paid",
        pl.col("employer_npp").fill_null("").str.slice(0, 20),
        pl.col("region_code").fill_null("").str.slice(0, 13),
        pl.lit(file_name).alias("source_file"),
        "source_row",
        KEPT,
    )
    return prepared


PARTICIPANTS = writer.Target(
    model=Participant,
    key="kpj",
    data_columns=DATA_COLUMNS,
    versions="participants_participantversion",
    version_owner="participant_id",
    history_columns=HISTORY_COLUMNS,
    nullable_text=["nik"],
)


def write_participants(
    parts: Iterable[pl.DataFrame], batch_id: int, rows: int
) -> tuple[int, int, int]:
    return writer.upsert_parts(parts, PARTICIPANTS, batch_id, rows=rows)


def participants_state(importer: User | None) -> str:
    """What an import reads besides the file (imports.kinds.state): the rows held."""
    return f"participants {repeat.table_state(Participant)}"


# The import machinery's view of a BPJS TK export (payung.imports.kinds); registered in apps.py.
KIND = ImportKind(
    name="participants",
    label=_("BPJS TK participants"),
    synonyms=PARTICIPANT_SYNONYMS,
    required=REQUIRED,
    prepare=prepare_participants,
    write=write_participants,
    changed=PARTICIPANTS_CHANGED,
    action="import.participants",
    state=participants_state,
)
