"""Import of BPJS TK's claim exports: one row per claim (KPJ, type, event and paid dates,
amount, status, the heir or child it was paid to), upserted by the claim number or, where the
export has none, by KPJ, type and event date.

A claim whose KPJ is in no participant export imported yet is kept, flagged with its KPJ, and
listed as not linked until an export brings the participation (payung.claims.linking)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import polars as pl
from django.utils.translation import gettext_lazy as _

from payung.claims import linking
from payung.claims.events import CLAIMS_CHANGED
from payung.claims.models import Claim, ClaimStatus, ClaimType
from payung.imports import writer
from payung.imports.kinds import ImportKind
from payung.imports.messages import register_messages
from payung.imports.parse import clean_text, digits_only, parse_date
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

SYNONYMS: dict[str, list[str]] = {
    "number": ["no klaim", "nomor klaim", "no. klaim", "id klaim", "kode klaim", "claim number"],
    "kpj": ["kpj", "no kpj", "nomor kpj", "no peserta", "nomor peserta"],
    "name": ["nama", "nama peserta", "nama tk", "nama tenaga kerja", "name"],
    "claim_type": ["jenis klaim", "program", "jenis manfaat", "tipe klaim", "klaim", "claim type"],
    "event_date": [
        "tanggal kejadian", "tgl kejadian", "tanggal meninggal", "tanggal kecelakaan",
        "tanggal peristiwa", "event date",
    ],
    "paid_date": ["tanggal bayar", "tgl bayar", "tanggal pembayaran", "tanggal dibayar", "paid"],
    "amount": ["nominal", "jumlah", "jumlah bayar", "nilai klaim", "nominal klaim", "amount"],
    "status": ["status", "status klaim", "status bayar"],
    "recipient": [
        "penerima", "ahli waris", "nama ahli waris", "nama penerima", "nama anak", "recipient",
    ],
}  # fmt: skip
REQUIRED = ("kpj", "claim_type")

TYPE_WORDS = {
    "jkk": ClaimType.JKK, "jaminan kecelakaan kerja": ClaimType.JKK,
    "kecelakaan kerja": ClaimType.JKK,
    "jkm": ClaimType.JKM, "jaminan kematian": ClaimType.JKM, "kematian": ClaimType.JKM,
    "jht": ClaimType.JHT, "jaminan hari tua": ClaimType.JHT,
    "beasiswa": ClaimType.SCHOLARSHIP, "beasiswa pendidikan": ClaimType.SCHOLARSHIP,
    "beasiswa anak": ClaimType.SCHOLARSHIP, "jkm beasiswa": ClaimType.SCHOLARSHIP,
    "jp": ClaimType.JP, "jaminan pensiun": ClaimType.JP,
    "jkp": ClaimType.JKP, "jaminan kehilangan pekerjaan": ClaimType.JKP,
}  # fmt: skip
STATUS_WORDS = {
    "dibayar": ClaimStatus.PAID, "sudah dibayar": ClaimStatus.PAID, "lunas": ClaimStatus.PAID,
    "terbayar": ClaimStatus.PAID, "selesai": ClaimStatus.PAID, "paid": ClaimStatus.PAID,
    "proses": ClaimStatus.IN_PROCESS, "diproses": ClaimStatus.IN_PROCESS,
    "dalam proses": ClaimStatus.IN_PROCESS, "pengajuan": ClaimStatus.IN_PROCESS,
    "verifikasi": ClaimStatus.IN_PROCESS,
    "ditolak": ClaimStatus.REJECTED, "tolak": ClaimStatus.REJECTED,
    "rejected": ClaimStatus.REJECTED,
}  # fmt: skip

register_messages(
    {
        "claim_type_missing": _("Claim type is empty (JKK, JKM, JHT, beasiswa, JP or JKP)."),
        "claim_type_unknown": _("Claim type %(value)r is not JKK, JKM, JHT, beasiswa, JP or JKP."),
        "claim_duplicate_in_file": _("Claim %(value)r appears earlier in this file; skipped."),
        "claim_status_unknown": _("Claim status %(value)r is not dibayar, proses or ditolak."),
        "claim_amount_invalid": _("Amount %(value)r is not an amount in rupiah."),
        "claim_date_invalid": _("Date %(value)r is not a date (use dd-mm-yyyy)."),
        "claim_kpj_unknown": _(
            "KPJ %(value)r is in no BPJS TK participant export imported yet: the claim is kept"
            " and listed as not linked until an export brings it."
        ),
    }
)


def _word(expr: pl.Expr, words: Mapping[str, str]) -> pl.Expr:
    key = expr.str.to_lowercase().str.replace_all(r"[^a-z ]+", " ").str.replace_all(r"\s+", " ")
    return key.str.strip_chars().replace_strict(
        {k: str(v) for k, v in words.items()}, default=None, return_dtype=pl.String
    )


def prepare_claims(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str = ""
) -> Iterator[Prepared]:
    """The whole export as one part: a regency's claims are thousands, not millions."""
    frame = pick_columns(table, columns, list(SYNONYMS)).with_columns(
        clean_text(pl.col("raw_number")).str.to_uppercase().alias("number"),
        digits_only(clean_text(pl.col("raw_kpj"))).alias("kpj"),
        clean_text(pl.col("raw_name")).alias("name"),
        _word(pl.col("raw_claim_type"), TYPE_WORDS).alias("claim_type"),
        parse_date(pl.col("raw_event_date")).alias("event_date"),
        parse_date(pl.col("raw_paid_date")).alias("paid_date"),
        parse_rupiah(pl.col("raw_amount")).alias("amount"),
        _word(pl.col("raw_status"), STATUS_WORDS).alias("status"),
        clean_text(pl.col("raw_recipient")).alias("recipient"),
    )
    frame = frame.with_columns(
        pl.coalesce(
            pl.col("number"),
            pl.concat_str(
                [
                    pl.col("kpj"),
                    pl.col("claim_type"),
                    pl.col("event_date").cast(pl.String).fill_null("-"),
                    # two children's scholarships of one death are two claims
                    pl.col("recipient").str.to_uppercase().fill_null(""),
                ],
                separator="/",
            ),
        )
        .str.slice(0, 60)
        .alias("key"),
    )
    valid_kpj = pl.col("kpj").str.contains(r"^\d{11}$").fill_null(False)
    known = linking.known_kpjs(frame.filter(valid_kpj).get_column("kpj").unique().to_list())
    frame = frame.with_columns(
        (~pl.col("key").is_first_distinct() & pl.col("key").is_not_null()).alias("repeated"),
        pl.col("kpj").is_in(pl.Series(list(known), dtype=pl.String).implode()).alias("known"),
    )
    present = pl.col("empty_row").not_()
    typed = pl.col("claim_type").is_not_null()
    rules = [
        Rule(pl.col("empty_row"), REJECTED, "empty_row", "kpj"),
        Rule(present & pl.col("kpj").is_null(), REJECTED, "kpj_missing", "kpj"),
        Rule(present & pl.col("kpj").is_not_null() & ~valid_kpj, REJECTED, "kpj_invalid", "kpj"),
        Rule(
            present & pl.col("raw_claim_type").is_null(),
            REJECTED,
            "claim_type_missing",
            "claim_type",
        ),
        Rule(
            present & pl.col("raw_claim_type").is_not_null() & ~typed,
            REJECTED,
            "claim_type_unknown",
            "claim_type",
        ),
        Rule(
            present & valid_kpj & typed & pl.col("repeated"),
            REJECTED,
            "claim_duplicate_in_file",
            "number" if "number" in columns else "kpj",
        ),
        Rule(present & valid_kpj & ~pl.col("known"), FLAGGED, "claim_kpj_unknown", "kpj"),
        unreadable("event_date", "claim_date_invalid"),
        unreadable("paid_date", "claim_date_invalid"),
        unreadable("amount", "claim_amount_invalid"),
        unreadable("status", "claim_status_unknown"),
    ]
    prepared = apply_rules(table, frame, rules)
    prepared.accepted = prepared.accepted.select(
        "key",
        pl.col("number").fill_null("").str.slice(0, 40),
        "kpj",
        pl.col("name").fill_null("").str.slice(0, 200),
        "claim_type",
        "event_date",
        "paid_date",
        "amount",
        pl.col("status").fill_null(""),
        pl.col("recipient").fill_null("").str.slice(0, 200),
        pl.lit(file_name).alias("source_file"),
        "source_row",
        KEPT,
    )
    return iter([prepared])


DATA_COLUMNS = [
    "key", "number", "kpj", "name", "claim_type", "event_date", "paid_date", "amount", "status",
    "recipient", "source_file", "source_row",
]  # fmt: skip
CLAIMS = writer.Target(
    model=Claim,
    key="key",
    data_columns=DATA_COLUMNS,
    versions="claims_claimversion",
    version_owner="claim_id",
    history_columns=[*DATA_COLUMNS, "batch_id"],
)


def write_claims(parts: Iterable[pl.DataFrame], batch_id: int, rows: int) -> tuple[int, int, int]:
    written = writer.upsert_parts(parts, CLAIMS, batch_id, rows=rows)
    linking.link_claims()  # in the import's transaction: no claim is left unlinked by a crash
    return written


KIND = ImportKind(
    name="bpjs_claims",
    label=_("BPJS TK claims"),
    synonyms=SYNONYMS,
    required=REQUIRED,
    prepare=prepare_claims,
    write=write_claims,
    changed=CLAIMS_CHANGED,
    action="import.bpjs_claims",
)
