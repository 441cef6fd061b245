"""Import of the regency's own staff lists through the import machinery (payung.imports):

- `non_asn`: one agency's non-ASN staff. The file belongs to the agency named as its scope
  (the OPD code): an Operator OPD's own, or one an Administrator or Analis names.
- `perangkat_desa`: village heads and officials, each row naming its desa (Dinas PMD keeps one
  file for the regency, or one per desa);
- `petugas_pemilu`: the ad-hoc staff of one election (the scope: "Pilkada 2024"), which the
  KPU or Bawaslu secretariat hands to Bappeda or Disnaker.

A person is recognised again by unit and NIK, so the NIK is required and must be valid. An
upload is the unit's whole list: people of the unit missing from it have left (kept, no longer
counted), unless the file had rejected rows, which might be the very people missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import Opd
from payung.employers.events import STAFF_CHANGED
from payung.employers.models import Roster, StaffMember
from payung.imports import writer
from payung.imports.desa import desa_code, desa_lookup
from payung.imports.errors import ImportRefused
from payung.imports.headers import NIK_HEADERS
from payung.imports.kinds import ImportKind
from payung.imports.messages import register_messages
from payung.imports.nik import STATUSES, with_nik_check
from payung.imports.parse import clean_text
from payung.imports.prepare import KEPT, REJECTED, Prepared, Rule, apply_rules, pick_columns
from payung.lib.numbers import parse_rupiah

STAFF_SYNONYMS: dict[str, list[str]] = {
    "nik": NIK_HEADERS,
    "name": ["nama", "nama lengkap", "nama pegawai", "nama perangkat", "nama perangkat desa"],
    "position": ["jabatan", "posisi", "jabatan posisi", "tugas", "position"],
    "honorarium": [
        "honor", "honorarium", "honor per bulan", "gaji", "gaji per bulan", "upah",
        "penghasilan tetap", "siltap", "penghasilan", "honorarium per bulan",
    ],
    "funding": ["sumber dana", "sumber anggaran", "pembiayaan", "sumber pembiayaan", "funding"],
}  # fmt: skip
VILLAGE_SYNONYMS = {
    **STAFF_SYNONYMS,
    "desa": ["kode desa", "desa", "nama desa", "desa kelurahan", "kelurahan", "kode wilayah"],
}
DATA_COLUMNS = [
    "key", "roster", "unit", "nik", "name", "position", "honorarium", "funding", "source_file",
    "source_row",
]  # fmt: skip
ELECTION_CHARS = 30  # an election's name is its unit (StaffFields.unit)
REPLACES = "replaces_unit"  # the file had no rejected row: people missing from it have left

register_messages(
    {
        "staff_nik_required": _(
            "A staff list finds each person again by NIK: this row's NIK %(value)r is not a"
            " valid NIK, so the row is not taken."
        ),
        "honorarium_invalid": _("Honorarium %(value)r is not an amount in rupiah."),
    }
)


def _prepare(
    table: pl.DataFrame,
    columns: dict[str, str],
    file_name: str,
    roster: str,
    unit: pl.Expr,
    extra_rules: list[Rule],
    fields: list[str],
) -> Prepared:
    frame = pick_columns(table, columns, fields).with_columns(
        clean_text(pl.col("raw_name")).alias("name"),
        clean_text(pl.col("raw_position")).alias("position"),
        parse_rupiah(pl.col("raw_honorarium")).alias("honorarium"),
        clean_text(pl.col("raw_funding")).alias("funding"),
        clean_text(pl.col("raw_nik")).alias("nik_raw"),
    )
    frame = with_nik_check(
        frame.with_columns(pl.lit(None, pl.String).alias("sex"), pl.lit(None, pl.Date).alias("bd")),
        raw="nik_raw",
        numeric_cell="nik_numeric",
        sex="sex",
        birth_date="bd",
    )
    frame = frame.with_columns(unit.alias("unit"))
    frame = frame.with_columns(
        (pl.lit(roster) + "|" + pl.col("unit") + "|" + pl.col("nik")).alias("key")
    ).with_columns((~pl.col("key").is_first_distinct() & pl.col("key").is_not_null()).alias("rep"))
    present = pl.col("empty_row").not_()
    rules = [
        Rule(pl.col("empty_row"), REJECTED, "empty_row", "name"),
        Rule(present & pl.col("name").is_null(), REJECTED, "name_missing", "name"),
        *[
            Rule(present & (pl.col("nik_status") == s), REJECTED, f"nik_{s}", "nik")
            for s in STATUSES
            if s != "duplicate_in_file"
        ],
        Rule(present & pl.col("rep"), REJECTED, "nik_duplicate_in_file", "nik"),
        *extra_rules,
        Rule(
            present & pl.col("raw_honorarium").is_not_null() & pl.col("honorarium").is_null(),
            "flagged",
            "honorarium_invalid",
            "honorarium",
        ),
    ]
    prepared = apply_rules(table, frame, rules)
    prepared.accepted = prepared.accepted.select(
        "key",
        pl.lit(roster).alias("roster"),
        "unit",
        "nik",
        "name",
        pl.col("position").fill_null("").str.slice(0, 120),
        "honorarium",
        pl.col("funding").fill_null("").str.slice(0, 60),
        pl.lit(file_name).alias("source_file"),
        "source_row",
        pl.lit(prepared.rejected == 0).alias(REPLACES),
        KEPT,
    )
    return prepared


def prepare_non_asn(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str
) -> Iterator[Prepared]:
    if not Opd.objects.filter(code=scope).exists():
        raise ImportRefused(_("No agency has the code %(code)r.") % {"code": scope[:30]})
    fields = list(STAFF_SYNONYMS)
    return iter([_prepare(table, columns, file_name, Roster.NON_ASN, pl.lit(scope), [], fields)])


def prepare_village(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str = ""
) -> Iterator[Prepared]:
    lookup = desa_lookup()
    present = pl.col("empty_row").not_()
    code = desa_code(pl.col("raw_desa"), lookup)
    rules = [
        Rule(present & pl.col("raw_desa").is_null(), REJECTED, "desa_missing", "desa"),
        Rule(
            present & pl.col("raw_desa").is_not_null() & code.is_null(),
            REJECTED,
            "desa_unknown",
            "desa",
        ),
        Rule(present & (code == "?"), REJECTED, "desa_ambiguous", "desa"),
    ]
    fields = list(VILLAGE_SYNONYMS)
    return iter([_prepare(table, columns, file_name, Roster.VILLAGE, code, rules, fields)])


def prepare_election(
    table: pl.DataFrame, columns: dict[str, str], file_name: str, scope: str
) -> Iterator[Prepared]:
    """Ad-hoc election staff (PPK, PPS, KPPS, Panwascam…) of one election, the scope."""
    if len(scope) > ELECTION_CHARS:
        raise ImportRefused(
            _("Name the election in at most %(n)s characters, e.g. Pilkada 2024.")
            % {"n": ELECTION_CHARS}
        )
    fields = list(STAFF_SYNONYMS)
    return iter([_prepare(table, columns, file_name, Roster.ELECTION, pl.lit(scope), [], fields)])


STAFF = writer.Target(
    model=StaffMember,
    key="key",
    data_columns=DATA_COLUMNS,
    versions="employers_staffmemberversion",
    version_owner="member_id",
    history_columns=[*DATA_COLUMNS, "batch_id"],
)


def write_staff(parts: Iterable[pl.DataFrame], batch_id: int, rows: int) -> tuple[int, int, int]:
    """Upsert the list, then mark who is on each unit's latest list (see the module)."""
    frames = list(parts)
    counts = writer.upsert_parts([f.drop(REPLACES) for f in frames], STAFF, batch_id, rows=rows)
    taken = pl.concat(frames) if frames else pl.DataFrame()
    if taken.height:
        keys = taken.get_column("key").to_list()
        roster = taken.get_column("roster")[0]
        units = taken.get_column("unit").unique().to_list()
        StaffMember.objects.filter(key__in=keys).update(current=True)
        if taken.get_column(REPLACES).all():
            StaffMember.objects.filter(roster=roster, unit__in=units).exclude(key__in=keys).update(
                current=False
            )
    return counts


KINDS = [
    ImportKind(
        name="non_asn",
        label=_("non-ASN staff of an agency"),
        synonyms=STAFF_SYNONYMS,
        required=("nik", "name"),
        prepare=prepare_non_asn,
        write=write_staff,
        changed=STAFF_CHANGED,
        action="import.non_asn",
        scope=_("agency (OPD code)"),
        own_page=True,
    ),
    ImportKind(
        name="perangkat_desa",
        label=_("village heads and officials"),
        synonyms=VILLAGE_SYNONYMS,
        required=("nik", "name", "desa"),
        prepare=prepare_village,
        write=write_staff,
        changed=STAFF_CHANGED,
        action="import.perangkat_desa",
        own_page=True,
    ),
    ImportKind(
        name="petugas_pemilu",
        label=_("ad-hoc election staff"),
        synonyms=STAFF_SYNONYMS,
        required=("nik", "name"),
        prepare=prepare_election,
        write=write_staff,
        changed=STAFF_CHANGED,
        action="import.petugas_pemilu",
        scope=_("election (e.g. Pilkada 2024)"),
        own_page=True,
    ),
]
