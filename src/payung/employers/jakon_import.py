"""Import of APBD construction projects and of BPJS TK's Jakon registrations:

- `jakon_projects`: the procurement list (SiRUP/LPSE), one package per code: name, owning OPD,
  contractor, contract value, start and end dates, funding source;
- `bpjs_jakon`: BPJS TK's Jakon export, one registration per project number, with the
  package code where BPJS recorded it, the project's name and its registration date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import Opd
from payung.employers.employer_import import key_rules
from payung.employers.events import EMPLOYERS_CHANGED
from payung.employers.models import JakonRegistration, Project
from payung.employers.names import business_key
from payung.imports import writer
from payung.imports.kinds import ImportKind
from payung.imports.messages import register_messages
from payung.imports.parse import clean_text, parse_date
from payung.imports.prepare import (
    FLAGGED,
    KEPT,
    Prepared,
    Rule,
    apply_rules,
    pick_columns,
    unreadable,
)
from payung.lib.numbers import parse_rupiah

PACKAGE_HEADERS = ["kode paket", "kode rup", "kode", "id paket", "package code"]
PROJECT_SYNONYMS: dict[str, list[str]] = {
    "package": PACKAGE_HEADERS,
    "name": ["nama paket", "nama pekerjaan", "nama proyek", "paket", "nama"],
    "opd": ["opd", "kode opd", "satuan kerja", "satker", "perangkat daerah", "skpd"],
    "contractor": ["penyedia", "kontraktor", "nama penyedia", "pelaksana"],
    "contract_value": ["nilai kontrak", "nilai", "nilai paket", "pagu", "contract value"],
    "starts": ["tanggal mulai", "mulai", "tgl mulai", "tanggal spmk", "awal kontrak"],
    "ends": ["tanggal selesai", "selesai", "tgl selesai", "akhir kontrak"],
    "funding": ["sumber dana", "sumber anggaran", "dana"],
}
JAKON_SYNONYMS: dict[str, list[str]] = {
    "number": ["nomor proyek", "no proyek", "nomor registrasi", "no registrasi", "npp proyek"],
    "package": PACKAGE_HEADERS,
    "name": ["nama proyek", "nama paket", "nama pekerjaan", "nama"],
    "registered_on": ["tanggal daftar", "tgl daftar", "tanggal registrasi", "terdaftar"],
    "contract_value": ["nilai kontrak", "nilai proyek", "nilai"],
}
CODE = r"^[A-Z0-9]{4,30}$"

register_messages(
    {
        "package_missing": _("Package code is empty: a project is recognised by its code."),
        "package_invalid": _("Package code %(value)r is not 4 to 30 letters and digits."),
        "package_duplicate_in_file": _("Package %(value)r appears earlier in this file; skipped."),
        "number_missing": _("Project number is empty."),
        "number_invalid": _("Project number %(value)r is not 4 to 30 letters and digits."),
        "number_duplicate_in_file": _(
            "Project number %(value)r appears earlier in this file; skipped."
        ),
        "opd_unknown": _("Agency %(value)r is no OPD of the regency (use its code or name)."),
        "value_invalid": _("Contract value %(value)r is not an amount in rupiah."),
        "date_invalid": _("Date %(value)r is not a date (use dd-mm-yyyy)."),
    }
)


def _code(expr: pl.Expr) -> pl.Expr:
    return clean_text(expr).str.to_uppercase().str.replace_all(r"[\s.\-/]", "")


def _opd_lookup() -> pl.DataFrame:
    rows = []
    for opd in Opd.objects.all():
        for written in (opd.code, opd.short_name, opd.name):
            rows.append((written.strip().lower(), opd.code))
    return pl.DataFrame(rows, schema={"key": pl.String, "code": pl.String}, orient="row").unique(
        "key"
    )


def prepare_projects(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str = ""
) -> Iterator[Prepared]:
    opds = _opd_lookup()
    frame = pick_columns(table, columns, list(PROJECT_SYNONYMS)).with_columns(
        _code(pl.col("raw_package")).alias("package"),
        clean_text(pl.col("raw_name")).alias("name"),
        clean_text(pl.col("raw_opd"))
        .str.to_lowercase()
        .replace_strict(opds["key"], opds["code"], default=None, return_dtype=pl.String)
        .alias("opd_code"),
        clean_text(pl.col("raw_contractor")).alias("contractor"),
        parse_rupiah(pl.col("raw_contract_value")).alias("contract_value"),
        parse_date(pl.col("raw_starts")).alias("starts"),
        parse_date(pl.col("raw_ends")).alias("ends"),
        clean_text(pl.col("raw_funding")).alias("funding"),
    )
    present = pl.col("empty_row").not_()
    rules = [
        *key_rules("package", CODE),
        Rule(
            present & pl.col("raw_opd").is_not_null() & pl.col("opd_code").is_null(),
            FLAGGED,
            "opd_unknown",
            "opd",
        ),
        unreadable("contract_value", "value_invalid"),
        unreadable("starts", "date_invalid"),
        unreadable("ends", "date_invalid"),
    ]
    prepared = apply_rules(table, frame, rules)
    prepared.accepted = prepared.accepted.select(
        "package",
        pl.col("name").str.slice(0, 300),
        business_key(pl.col("name")).str.slice(0, 300).alias("name_key"),
        pl.col("opd_code").fill_null(""),
        pl.col("contractor").fill_null("").str.slice(0, 200),
        "contract_value",
        "starts",
        "ends",
        pl.col("funding").fill_null("").str.slice(0, 60),
        pl.lit(file_name).alias("source_file"),
        "source_row",
        KEPT,
    )
    return iter([prepared])


def prepare_jakon(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str = ""
) -> Iterator[Prepared]:
    frame = pick_columns(table, columns, list(JAKON_SYNONYMS)).with_columns(
        _code(pl.col("raw_number")).alias("number"),
        _code(pl.col("raw_package")).alias("package"),
        clean_text(pl.col("raw_name")).alias("name"),
        parse_date(pl.col("raw_registered_on")).alias("registered_on"),
        parse_rupiah(pl.col("raw_contract_value")).alias("contract_value"),
    )
    rules = [
        *key_rules("number", CODE),
        unreadable("registered_on", "date_invalid"),
        unreadable("contract_value", "value_invalid"),
    ]
    prepared = apply_rules(table, frame, rules)
    prepared.accepted = prepared.accepted.select(
        "number",
        pl.col("package").fill_null("").str.slice(0, 30),
        pl.col("name").str.slice(0, 300),
        "registered_on",
        "contract_value",
        pl.lit(file_name).alias("source_file"),
        "source_row",
        KEPT,
    )
    return iter([prepared])


PROJECT_COLUMNS = [
    "package", "name", "name_key", "opd_code", "contractor", "contract_value", "starts", "ends",
    "funding", "source_file", "source_row",
]  # fmt: skip
JAKON_COLUMNS = [
    "number", "package", "name", "registered_on", "contract_value", "source_file", "source_row",
]  # fmt: skip
PROJECTS = writer.Target(
    model=Project,
    key="package",
    data_columns=PROJECT_COLUMNS,
    versions="employers_projectversion",
    version_owner="project_id",
    history_columns=[*PROJECT_COLUMNS, "batch_id"],
)
JAKON = writer.Target(
    model=JakonRegistration,
    key="number",
    data_columns=JAKON_COLUMNS,
    versions="employers_jakonregistrationversion",
    version_owner="registration_id",
    history_columns=[*JAKON_COLUMNS, "batch_id"],
)


def write_projects(parts: Iterable[pl.DataFrame], batch_id: int, rows: int) -> tuple[int, int, int]:
    return writer.upsert_parts(parts, PROJECTS, batch_id, rows=rows)


def write_jakon(parts: Iterable[pl.DataFrame], batch_id: int, rows: int) -> tuple[int, int, int]:
    return writer.upsert_parts(parts, JAKON, batch_id, rows=rows)


KINDS = [
    ImportKind(
        name="jakon_projects",
        label=_("APBD construction projects"),
        synonyms=PROJECT_SYNONYMS,
        required=("package", "name"),
        prepare=prepare_projects,
        write=write_projects,
        changed=EMPLOYERS_CHANGED,
        action="import.jakon_projects",
    ),
    ImportKind(
        name="bpjs_jakon",
        label=_("BPJS TK Jakon registrations"),
        synonyms=JAKON_SYNONYMS,
        required=("number", "name"),
        prepare=prepare_jakon,
        write=write_jakon,
        changed=EMPLOYERS_CHANGED,
        action="import.bpjs_jakon",
    ),
]
