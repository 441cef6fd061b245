"""Import of village worker lists into the registry: normalise, validate, upsert.

A worker row with a missing or damaged NIK is still a worker: it is kept, flagged, and later
linked by name, birth date and place. Only a row that cannot be a record at all (no name, no
known desa) is rejected.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import polars as pl
from django.utils.translation import gettext_lazy as _

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.imports import repeat, writer
from payung.imports.desa import desa_code, desa_lookup
from payung.imports.headers import BIRTH_DATE_HEADERS, NIK_HEADERS
from payung.imports.kinds import ImportKind
from payung.imports.models import ImportBatch
from payung.imports.nik import VALID, with_nik_check
from payung.imports.parse import (
    clean_digits,
    clean_text,
    parse_date,
    parse_sex,
)
from payung.imports.prepare import (
    KEPT,
    Prepared,
    Rule,
    apply_rules,
    nik_rules,
    per_distinct,
    pick_columns,
    unreadable,
)
from payung.lib import names
from payung.lib.numbers import parse_rupiah
from payung.registry import changes, search
from payung.registry.events import REGISTRY_CHANGED
from payung.registry.models import Worker

WORKER_SYNONYMS: dict[str, list[str]] = {
    "nik": NIK_HEADERS,
    "name": ["nama", "nama lengkap", "nama pekerja", "nama peserta", "name", "full name"],
    "sex": ["jenis kelamin", "jk", "l p", "lp", "kelamin", "sex", "gender"],
    "birth_date": BIRTH_DATE_HEADERS,
    "birth_place": ["tempat lahir", "tmp lahir", "tempat lhr"],
    "desa": [
        "kode desa",
        "desa",
        "kelurahan",
        "desa kelurahan",
        "nama desa",
        "kode kelurahan",
        "kode desa kelurahan",
        "village",
    ],
    "occupation": ["pekerjaan", "jenis pekerjaan", "profesi", "mata pencaharian", "occupation"],
    "income": ["penghasilan", "pendapatan", "penghasilan per bulan", "income", "upah"],
    "decile": ["desil", "decile", "desil kesejahteraan"],
    "dependants": [
        "jumlah tanggungan",
        "tanggungan",
        "jml tanggungan",
        "jumlah anggota keluarga tanggungan",
        "dependants",
        "dependents",
    ],
    "phone": ["no hp", "nomor hp", "hp", "telepon", "no telp", "no telepon", "phone"],
    "notes": ["keterangan", "catatan", "ket", "notes"],
}
REQUIRED = ("name", "desa")
FIELDS = list(WORKER_SYNONYMS)
# Columns of registry_worker written by an import (besides batch_id and timestamps).
DATA_COLUMNS = [
    "match_key", "nik", "nik_raw", "nik_status", "name", "name_key", "sex", "birth_date", "desa_id",
    "occupation", "income", "decile", "dependants", "phone", "notes", "source_file",
    "source_row",
]  # fmt: skip
HISTORY_COLUMNS = [c for c in DATA_COLUMNS if c not in ("match_key", "name_key")] + ["batch_id"]
# More dependants (jumlah tanggungan) than this is no household but a slip, such as an age or a
# year typed in the wrong column: flagged and not stored, like a decile outside 1-10.
MAX_DEPENDANTS = 30
# Rows validated at a time: the next part is checked while the one before is written. A file
# is cut in at least four parts (of 20,000 rows or more), so only a quarter waits for nothing.
PART_ROWS = 250_000
PARTS, MIN_PART_ROWS = 4, 20_000


@dataclass
class _EarlierParts:
    """What validating one part of a file needs to know of the parts before it."""

    niks: list[pl.Series] = field(default_factory=list)  # every NIK kept as a key so far
    # How often each fallback key (see _finalise) has been given so far.
    loose: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(
            schema={"fallback_key": pl.String, "before": pl.UInt32}
        )
    )


def prepare_workers(
    table: pl.DataFrame,
    columns: dict[str, str],
    file_name: str,
    scope: str = "",
    *,
    part_rows: int | None = None,
) -> Iterator[Prepared]:
    """Validate the file in parts of `part_rows` rows, in order; each part comes out as if the
    whole file had been validated at once (a NIK repeated from an earlier part is a repeat)."""
    if part_rows is None:
        part_rows = min(PART_ROWS, max(MIN_PART_ROWS, -(-table.height // PARTS)))
    lookup = desa_lookup()  # here, not in the generator: it may run in another thread
    earlier = _EarlierParts()
    starts = range(0, max(table.height, 1), part_rows)
    return (
        _prepare_part(table.slice(start, part_rows), columns, file_name, lookup, earlier)
        for start in starts
    )


def _prepare_part(
    table: pl.DataFrame,
    columns: dict[str, str],
    file_name: str,
    lookup: pl.DataFrame,
    earlier: _EarlierParts,
) -> Prepared:
    frame = pick_columns(table, columns, FIELDS)
    # Columns with few distinct values are read once per value (see per_distinct).
    frame = per_distinct(frame, "raw_desa", {"code": desa_code(pl.col("raw_desa"), lookup)})
    frame = per_distinct(frame, "raw_sex", {"sex": parse_sex(pl.col("raw_sex"))})
    frame = per_distinct(
        frame, "raw_birth_date", {"birth_date": parse_date(pl.col("raw_birth_date"))}
    )
    frame = per_distinct(frame, "raw_income", {"income": parse_rupiah(pl.col("raw_income"))})
    frame = per_distinct(
        frame,
        "raw_occupation",
        {"occupation": clean_text(pl.col("raw_occupation")).str.to_lowercase()},
    )
    frame = frame.with_columns(
        clean_text(pl.col("raw_name")).alias("name"),
        pl.col("raw_decile").str.strip_chars().cast(pl.Int64, strict=False).alias("decile_num"),
        pl.col("raw_dependants")
        .str.strip_chars()
        .cast(pl.Int64, strict=False)
        .alias("dependants_num"),
        clean_digits(pl.col("raw_phone")).alias("phone"),
        clean_text(pl.col("raw_notes")).alias("notes"),
        clean_text(pl.col("raw_nik")).alias("nik_raw"),
    )
    frame = with_nik_check(
        frame, raw="nik_raw", numeric_cell="nik_numeric", sex="sex", birth_date="birth_date"
    )
    # A second row with the same valid NIK keeps its row, without the NIK as its key.
    repeated = pl.col("nik").is_not_null() & ~pl.col("nik").is_first_distinct()
    if earlier.niks:
        repeated = repeated | pl.col("nik").is_in(pl.concat(earlier.niks).implode())
    frame = frame.with_columns(
        pl.when(repeated)
        .then(pl.lit("duplicate_in_file"))
        .otherwise("nik_status")
        .alias("nik_status"),
        pl.when(repeated).then(None).otherwise("nik").alias("nik"),
    )
    present = pl.col("empty_row").not_()
    rules = [
        Rule(pl.col("empty_row"), "rejected", "empty_row", "name"),
        Rule(present & pl.col("name").is_null(), "rejected", "name_missing", "name"),
        Rule(present & pl.col("raw_desa").is_null(), "rejected", "desa_missing", "desa"),
        Rule(
            present & pl.col("raw_desa").is_not_null() & pl.col("code").is_null(),
            "rejected",
            "desa_unknown",
            "desa",
        ),
        Rule(present & (pl.col("code") == "?"), "rejected", "desa_ambiguous", "desa"),
        *nik_rules(present),
        unreadable("birth_date", "birth_date_invalid"),
        unreadable("sex", "sex_invalid"),
        unreadable("income", "income_invalid"),
        Rule(
            pl.col("raw_decile").is_not_null()
            & ~pl.col("decile_num").is_between(1, 10).fill_null(False),
            "flagged",
            "decile_invalid",
            "decile",
        ),
        Rule(
            pl.col("raw_dependants").is_not_null()
            & ~pl.col("dependants_num").is_between(0, MAX_DEPENDANTS).fill_null(False),
            "flagged",
            "dependants_invalid",
            "dependants",
        ),
    ]
    earlier.niks.append(frame.get_column("nik").drop_nulls())
    prepared = apply_rules(table, frame, rules)
    prepared.accepted = _finalise(prepared.accepted, file_name, earlier)
    return prepared


def _finalise(frame: pl.DataFrame, file_name: str, earlier: _EarlierParts) -> pl.DataFrame:
    """Typed columns named as in registry_worker, plus the match key: `N:<nik>` for a valid
    NIK, otherwise what the row says plus its occurrence, so the same file lands on the same
    rows again."""
    frame = frame.select(
        "source_row", "nik", "nik_raw", "nik_status", "name", "sex", "birth_date", "code",
        "occupation", "income", "decile_num", "dependants_num", "phone", "notes", KEPT,
    )  # fmt: skip
    # Same person-describing text in the same file: the first is |1, the next |2, and so on.
    fallback_key = pl.concat_str(
        pl.col("code"),
        pl.col("birth_date").cast(pl.String).fill_null(""),
        pl.col("name").str.to_lowercase().str.slice(0, 120),
        pl.col("nik_raw").fill_null("").str.slice(0, 40),
        separator="|",
    )
    loose = frame.filter(pl.col("nik").is_null()).select(
        "source_row",
        fallback_key.alias("fallback_key"),
        fallback_key.cum_count().over(fallback_key).alias("occurrence"),
    )
    loose = loose.join(earlier.loose, on="fallback_key", how="left", maintain_order="left")
    earlier.loose = (
        pl.concat([earlier.loose, loose.group_by("fallback_key").agg(pl.len().alias("before"))])
        .group_by("fallback_key")
        .agg(pl.col("before").sum())
    )
    occurrence = pl.col("occurrence") + pl.col("before").fill_null(0)
    loose = loose.select(
        "source_row",
        ("R:" + pl.col("fallback_key") + "|" + occurrence.cast(pl.String)).alias("loose_key"),
    )
    frame = frame.join(loose, on="source_row", how="left", maintain_order="left").with_columns(
        pl.coalesce("N:" + pl.col("nik"), "loose_key").alias("match_key")
    )
    # Once per distinct name: a village's names repeat (116,000 in a million synthetic rows).
    frame = per_distinct(
        frame, "name", {"name_key": names.normalise(pl.col("name")).str.slice(0, 200)}
    )
    return frame.select(
        "match_key",
        "nik",
        pl.col("nik_raw").fill_null(""),
        "nik_status",
        "name",
        "name_key",
        pl.col("sex").fill_null(""),
        "birth_date",
        pl.col("code").alias("desa_id"),
        pl.col("occupation").fill_null("").str.slice(0, 100),
        "income",
        pl.when(pl.col("decile_num").is_between(1, 10)).then(pl.col("decile_num")).alias("decile"),
        pl.when(pl.col("dependants_num").is_between(0, MAX_DEPENDANTS))
        .then(pl.col("dependants_num"))
        .alias("dependants"),
        pl.col("phone").fill_null("").str.slice(0, 30),
        pl.col("notes").fill_null(""),
        pl.lit(file_name).alias("source_file"),
        "source_row",
        KEPT,
    )


WORKERS = writer.Target(
    model=Worker,
    key="match_key",
    data_columns=DATA_COLUMNS,
    versions="registry_workerversion",
    version_owner="worker_id",
    history_columns=HISTORY_COLUMNS,
    nullable_text=["nik"],
    instead_of_triggers=search.add_name_words,
)


def write_workers(parts: Iterable[pl.DataFrame], batch_id: int, rows: int) -> tuple[int, int, int]:
    """Upsert into the registry; returns (inserted, updated, unchanged). The importer's agency
    owns the workers it adds; an Operator OPD's changes to workers its agency did not bring are
    held as change requests (registry.changes), counted as unchanged."""
    importer = ImportBatch.objects.select_related("imported_by").get(pk=batch_id).imported_by
    scoped = _scoped(importer)
    owner = writer.Owner("opd_id", importer.opd_id if scoped and importer else None, scoped)
    return writer.upsert_parts(
        parts,
        WORKERS,
        batch_id,
        rows=rows,
        fallback=_corrected_rows,
        owner=owner,
        on_held=lambda held: changes.hold(held, batch_id, DATA_COLUMNS),
    )


def _scoped(importer: User | None) -> bool:
    """Whether the importer's changes to workers its agency did not bring are held."""
    return importer is not None and not may(importer, "registry.edit_all")


def registry_state(importer: User | None) -> str | None:
    """What an import reads besides the file (imports.kinds.state): the desa list and the
    registry's rows. None for an importer whose changes may be held: a repeat would skip
    holding them."""
    if _scoped(importer):
        return None
    return f"desa {repeat.frame_digest(desa_lookup())}; workers {repeat.table_state(Worker)}"


def _corrected_rows(
    unmatched: pl.DataFrame, existing: pl.DataFrame, taken: pl.Series
) -> pl.DataFrame:
    """A corrected list: a row whose NIK is now valid lands on the worker that had the same
    name, birth date and desa with a bad NIK, instead of becoming a second worker.

    Each worker takes at most one row (the first: `taken` are those an earlier part of the
    file took), and only a worker no row matched by key.
    """
    person = ["desa_id", "birth_date", "_name"]
    candidates = (
        existing.filter(pl.col("nik_status") != VALID)
        .select("id", *person[:2], pl.col("name").str.to_lowercase().alias("_name"))
        .rename({"id": "_candidate"})
    )
    looking = unmatched.filter(pl.col("nik") != "").with_columns(
        pl.col("name").str.to_lowercase().alias("_name")
    )
    pairs = (
        looking.select("source_row", *person)
        .join(candidates, on=person, how="inner")
        .sort("source_row", "_candidate")
        .unique("source_row", keep="first", maintain_order=True)
        .filter(~pl.col("_candidate").is_in(taken.implode()))
        .unique("_candidate", keep="first", maintain_order=True)
        .select("source_row", "_candidate")
    )
    return (
        unmatched.join(pairs, on="source_row", how="left", maintain_order="left")
        .with_columns(pl.coalesce("id", "_candidate").alias("id"))
        .drop("_candidate")
    )


# The import machinery's view of a village list (payung.imports.kinds); registered in apps.py.
KIND = ImportKind(
    name="workers",
    label=_("Workers (registry)"),
    synonyms=WORKER_SYNONYMS,
    required=REQUIRED,
    prepare=prepare_workers,
    write=write_workers,
    changed=REGISTRY_CHANGED,
    action="import.workers",
    state=registry_state,
)
