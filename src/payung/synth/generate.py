"""A synthetic regency: a village-typed worker registry, a BPJS TK export, and the exact truth.

The world is built once as *persons* (the truth: one row per human being, clean NIK, name, birth
date), then seen twice, each time with the faults of its source:

- the **worker registry** (`workers`): what village offices type by hand. About 2% of persons are
  listed by two villages; NIKs go missing, lose or swap digits, or are damaged by Excel; names and
  birth dates are written in many ways.
- the **participant export** (`participants`): BPJS TK's list. Most participants are persons in
  the registry, some live elsewhere or were never listed; some persons hold two participations
  (e.g. PU with an employer and Jakon on a construction project). BPJS checks NIKs against
  Dukcapil, so only about 1% of its NIKs are wrong.

**Row numbers.** A data row's `source_row` is its 1-based line number in the written file with
the header counted as row 1, so the first data row is row 2 (the same number a spreadsheet shows
beside the row). The truth files use this number.

Hard negatives are planted on purpose: brothers with the same name and birth year, and twins
(same birth date and family name, consecutive NIK serials). A linker that matches them has a
precision problem the benchmark must see.

Everything is drawn from numpy generators seeded by `(seed, stage)`, and no clock is read: the
same seed always gives the same frames, and so byte-identical files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import polars as pl

from payung.regions import kemendagri
from payung.synth import names, nik

# The synthetic world's "today": fixed so that the same seed gives the same files on any day.
AS_OF = date(2026, 10, 31)

# Participant rows per worker row: about 25,000 for 80,000 workers, 316,000 for 1,000,000.
PARTICIPANT_RATIO = 0.316
# Share of participant rows whose person is not in the registry (lives elsewhere, never listed).
NOT_IN_REGISTRY_SHARE = 0.08
# Share of registry participant persons with a second participation (PU + Jakon, BPU + Jakon).
TWO_PARTICIPATIONS_SHARE = 0.03
# Share of registry persons listed by two villages.
REGISTRY_DUPLICATE_SHARE = 0.02
# Hard negatives, as pairs per registry person: brothers with the same name and birth year, and
# twins. At 80,000 workers each gives about 230 pairs.
BROTHER_PAIR_SHARE = 0.003
TWIN_PAIR_SHARE = 0.003

# Worker-registry NIK faults, each a share of worker rows; a row has at most one.
WORKER_NIK_FAULTS: dict[str, float] = {
    "missing": 0.03,
    "dropped_digit": 0.015,  # 15 digits
    "wrong_digit": 0.02,
    "swapped_digits": 0.015,  # two adjacent digits
    # Excel damage, 3% in all. The last digit becomes 0 only shows when it was not 0 already.
    "excel_last_zero": 0.012,
    "excel_serial_zero": 0.009,
    "excel_scientific": 0.009,
}
# BPJS validates NIKs against Dukcapil; older records still carry a few faults.
PARTICIPANT_NIK_FAULTS: dict[str, float] = {
    "missing": 0.002,
    "wrong_digit": 0.005,
    "swapped_digits": 0.003,
}
EXCEL_NIK_FAULTS = ("excel_last_zero", "excel_serial_zero", "excel_scientific")

# Name variations in the worker registry, shares of worker rows ("moh_variant" is the share of
# rows whose given name starts with Moh./Muh./Mohamad/Muhammad).
WORKER_NAME_FAULTS: dict[str, float] = {
    "moh_variant": 0.30,
    "title": 0.02,
    "family_dropped": 0.02,
    "order_swapped": 0.015,
    "typo": 0.02,
    "spacing_case": 0.03,
}
# The BPJS export writes names in capitals and varies them far less.
PARTICIPANT_NAME_FAULTS: dict[str, float] = {
    "moh_variant": 0.05,
    "title": 0.01,
    "typo": 0.005,
}

# Birth-date faults in the worker registry (share of rows drawn). Day and month are swapped only
# where the result is still a date (day <= 12, day != month), about 37% of rows, so that fault
# shows in about 0.75% of rows; the placeholder is 01-01-YYYY.
WORKER_DATE_FAULTS: dict[str, float] = {
    "day_month_swapped": 0.02,
    "placeholder": 0.02,
}

# How a village writes birth dates. Each village office keeps its own habit; a tenth of rows
# differ from it (another operator). Codes 3 and 4 exist only in xlsx files.
DATE_FORMATS = ("dd-mm-yyyy", "dd/mm/yyyy", "yyyy-mm-dd", "excel_date", "excel_serial")
CSV_DATE_FORMAT_WEIGHTS = (0.5, 0.3, 0.2, 0.0, 0.0)
XLSX_DATE_FORMAT_WEIGHTS = (0.25, 0.15, 0.1, 0.35, 0.15)

# Boalemo's workers by occupation: (name, weight among men, among women, median monthly income,
# informal). Weights reflect a farming and fishing regency; incomes around Gorontalo's 2025
# minimum wage (Rp 3.2 million) for formal work and well below it for informal work.
OCCUPATIONS: tuple[tuple[str, float, float, int, bool], ...] = (
    ("Petani", 30, 26, 1_300_000, True),
    ("Nelayan", 11, 1, 1_500_000, True),
    ("Pemanjat Kelapa", 5, 0.2, 1_100_000, True),
    ("Buruh Harian Lepas", 15, 18, 1_200_000, True),
    ("Pedagang", 7, 22, 1_800_000, True),
    ("Pengemudi Ojek", 7, 0.3, 1_600_000, True),
    ("Tukang Bangunan", 8, 0.2, 2_000_000, True),
    ("Peternak", 5, 4, 1_300_000, True),
    ("Perangkat Desa", 3, 3, 2_400_000, False),
    ("Guru Honorer", 2, 8, 900_000, False),
    ("Karyawan Swasta", 7, 7, 3_000_000, False),
)
# Chance weight that a registry person is a participant, per occupation (same order): wage work
# is mostly enrolled by the employer or village, informal work rarely.
PARTICIPATION_WEIGHT = (0.2, 0.3, 0.25, 0.2, 0.2, 0.25, 0.35, 0.15, 0.95, 0.6, 0.85)
PU_OCCUPATIONS = {"Perangkat Desa", "Guru Honorer", "Karyawan Swasta"}

# NIK issuing area for people listed in the regency: own kecamatan, another of the regency's,
# elsewhere in the province, elsewhere in Indonesia (moved in).
AREA_SHARES = (0.85, 0.06, 0.06, 0.03)

# Jumlah tanggungan: the people a worker supports (spouse, children, old parents). Indonesian
# households hold about four people on average (BPS), so most workers support one to four; workers
# under 25 mostly none or one. Weights for 0, 1, ... 6 dependants.
DEPENDANTS_WEIGHTS = (0.08, 0.17, 0.25, 0.24, 0.15, 0.07, 0.04)
YOUNG_DEPENDANTS_WEIGHTS = (0.40, 0.30, 0.16, 0.08, 0.04, 0.01, 0.01)
YOUNG_AGE = 25
# Share of worker rows whose village left the cell empty.
DEPENDANTS_BLANK_SHARE = 0.1

PHONE_PREFIXES = (
    "0811",
    "0812",
    "0813",
    "0821",
    "0822",
    "0823",
    "0852",
    "0853",
    "0877",
    "0878",
    "0895",
    "0896",
)


@dataclass
class Regions:
    desa_codes: np.ndarray
    desa_names: np.ndarray
    desa_kecamatan: np.ndarray  # index into kecamatan_area
    kecamatan_area: np.ndarray  # 6-digit NIK area codes of the regency's kecamatan
    province_area: np.ndarray  # other kecamatan of the province
    country_area: np.ndarray  # kecamatan elsewhere in Indonesia
    province_desa: np.ndarray  # desa codes of the province outside the regency


@dataclass
class Synth:
    persons: pl.DataFrame
    workers: pl.DataFrame
    participants: pl.DataFrame
    truth_workers: pl.DataFrame
    truth_participants: pl.DataFrame
    truth_links: pl.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)


def regions_for(regency: str) -> Regions:
    rows = kemendagri.all_rows()
    province = regency.split(".")[0]
    kec = sorted(r.code for r in rows if r.level == 3 and r.code.startswith(regency + "."))
    desa = sorted(
        ((r.code, r.name) for r in rows if r.level == 4 and r.code.startswith(regency + ".")),
    )
    if not kec or not desa:
        raise ValueError(f"no kecamatan or desa under regency {regency!r}")
    kec_index = {c: i for i, c in enumerate(kec)}
    return Regions(
        desa_codes=np.array([c for c, _ in desa], dtype=object),
        desa_names=np.array([n for _, n in desa], dtype=object),
        desa_kecamatan=np.array([kec_index[c.rsplit(".", 1)[0]] for c, _ in desa]),
        kecamatan_area=np.array([int(c.replace(".", "")) for c in kec], dtype=np.int64),
        province_area=np.array(
            [
                int(r.code.replace(".", ""))
                for r in rows
                if r.level == 3
                and r.code.startswith(province + ".")
                and not r.code.startswith(regency + ".")
            ],
            dtype=np.int64,
        ),
        country_area=np.array(
            [
                int(r.code.replace(".", ""))
                for r in rows
                if r.level == 3 and not r.code.startswith(province + ".")
            ],
            dtype=np.int64,
        ),
        province_desa=np.array(
            sorted(
                r.code
                for r in rows
                if r.level == 4
                and r.code.startswith(province + ".")
                and not r.code.startswith(regency + ".")
            ),
            dtype=object,
        ),
    )


def generate(
    n_workers: int = 80_000, seed: int = 1, regency: str = "75.02", excel: bool = False
) -> Synth:
    """The whole synthetic world for `n_workers` worker rows. `excel` allows date cells."""
    if n_workers < 100:
        raise ValueError("at least 100 workers")
    regions = regions_for(regency)

    def rng(stage: int) -> np.random.Generator:
        return np.random.default_rng([seed, stage])

    n_registry = round(n_workers / (1 + REGISTRY_DUPLICATE_SHARE))
    n_duplicates = n_workers - n_registry
    n_participants = round(n_workers * PARTICIPANT_RATIO)
    n_outside = round(n_participants * NOT_IN_REGISTRY_SHARE)
    n_reg_participant_persons = round((n_participants - n_outside) / (1 + TWO_PARTICIPATIONS_SHARE))
    n_second = n_participants - n_outside - n_reg_participant_persons

    persons = _persons(rng(1), regions, n_registry, n_outside)
    workers, worker_counts = _workers(rng(2), persons, regions, n_registry, n_duplicates, excel)
    # A generator of its own, so that the column leaves every other value as it was.
    workers = _with_dependants(rng(4), persons, workers)
    participants, participant_counts = _participants(
        rng(3), persons, regions, n_registry, n_reg_participant_persons, n_second
    )

    truth_workers = workers.select("source_row", "person_id")
    truth_participants = participants.select(
        pl.col("No KPJ").alias("kpj"),
        pl.when(pl.col("person_id") > 0).then(pl.col("person_id")).alias("person_id"),
    )
    first_rows = truth_workers.group_by("person_id").agg(
        pl.col("source_row").min().alias("worker_source_row")
    )
    truth_links = (
        participants.select(pl.col("No KPJ").alias("kpj"), "person_id")
        .join(first_rows, on="person_id", how="inner")
        .select("kpj", "worker_source_row")
        .sort("kpj")
    )
    summary: dict[str, Any] = {
        "seed": seed,
        "regency": regency,
        "persons": persons.height,
        "registry_persons": n_registry,
        "registry_duplicate_persons": n_duplicates,
        "worker_rows": workers.height,
        "participants": participants.height,
        "participant_persons": participants["person_id"].n_unique(),
        "participants_not_in_registry": participants.filter(~pl.col("in_registry")).height,
        "participants_linked": truth_links.height,
        "brother_pairs": int(persons["brother_of"].is_not_null().sum()),
        "twin_pairs": int(persons["twin_of"].is_not_null().sum()),
        **worker_counts,
        **participant_counts,
    }
    return Synth(
        persons, workers, participants, truth_workers, truth_participants, truth_links, summary
    )


def _weighted_pick(
    r: np.random.Generator, options: np.ndarray, weights: Any, size: int
) -> np.ndarray:
    p = np.asarray(weights, dtype=np.float64)
    return options[r.choice(options.size, size=size, p=p / p.sum())]


def _persons(
    r: np.random.Generator, regions: Regions, n_registry: int, n_outside: int
) -> pl.DataFrame:
    """Every human being of the world: registry persons first, then participants from outside."""
    n = n_registry + n_outside
    female = r.random(n) < 0.38
    in_registry = np.arange(n) < n_registry

    # Desa: villages differ a lot in size. People from outside the registry live mostly in the
    # regency (never listed) and some elsewhere in the province.
    desa_weight = r.lognormal(0.0, 0.5, size=regions.desa_codes.size)
    desa = r.choice(regions.desa_codes.size, size=n, p=desa_weight / desa_weight.sum())
    lives_elsewhere = ~in_registry & (r.random(n) < 0.4)
    desa_code = regions.desa_codes[desa].astype(object)
    desa_code[lives_elsewhere] = r.choice(regions.province_desa, size=int(lives_elsewhere.sum()))

    # Birth dates: working age 17-64 on AS_OF, more young adults than old.
    age_days = ((17 + 47 * r.beta(1.6, 2.0, size=n)) * 365.25).astype(np.int64)
    birth = np.datetime64(AS_OF, "D") - age_days

    # Names by Zipf-like frequency; pools ordered roughly commonest first.
    family = r.choice(
        len(names.FAMILY_NAMES), size=n, p=names.zipf_weights(len(names.FAMILY_NAMES), 0.8)
    )
    male_given = r.choice(
        len(names.MALE_GIVEN), size=n, p=names.zipf_weights(len(names.MALE_GIVEN), 0.7)
    )
    female_given = r.choice(
        len(names.WOMEN_GIVEN), size=n, p=names.zipf_weights(len(names.WOMEN_GIVEN), 0.7)
    )
    given = np.where(
        female,
        np.array(names.WOMEN_GIVEN, dtype=object)[female_given],
        np.array(names.MALE_GIVEN, dtype=object)[male_given],
    )
    family_name = np.array(names.FAMILY_NAMES, dtype=object)[family]

    # Occupation, income and decile.
    occ_names = np.array([o[0] for o in OCCUPATIONS], dtype=object)
    occ = np.where(
        female,
        r.choice(len(OCCUPATIONS), size=n, p=_norm([o[2] for o in OCCUPATIONS])),
        r.choice(len(OCCUPATIONS), size=n, p=_norm([o[1] for o in OCCUPATIONS])),
    )
    median = np.array([o[3] for o in OCCUPATIONS], dtype=np.float64)[occ]
    informal = np.array([o[4] for o in OCCUPATIONS])[occ]
    income = np.maximum(
        300_000, np.round(median * r.lognormal(0.0, 0.35, size=n) / 50_000) * 50_000
    ).astype(np.int64)
    # Decile: informal workers' households sit mostly in deciles 1-4 of the national data.
    income_rank = income.argsort().argsort() / max(n - 1, 1)
    decile = np.clip(
        np.ceil(income_rank * 10 + r.normal(0, 1.5, size=n) - 2.0 * informal), 1, 10
    ).astype(np.int64)

    # NIK issuing area.
    kec_of_desa = regions.desa_kecamatan[desa]
    area_kind = r.choice(4, size=n, p=AREA_SHARES)
    area = regions.kecamatan_area[kec_of_desa]
    area = np.where(area_kind == 1, r.choice(regions.kecamatan_area, size=n), area)
    area = np.where(area_kind == 2, r.choice(regions.province_area, size=n), area)
    area = np.where(area_kind == 3, r.choice(regions.country_area, size=n), area)
    # People living elsewhere in the province mostly hold a NIK issued where they live.
    local = lives_elsewhere & (area_kind == 0)
    area[local] = [int(code[:8].replace(".", "")) for code in desa_code[local]]

    # Hard negatives among registry persons: pairs (a, b) where b is rewritten after a.
    person_ids = np.arange(1, n + 1)
    n_brothers = round(n_registry * BROTHER_PAIR_SHARE)
    n_twins = round(n_registry * TWIN_PAIR_SHARE)
    pool = r.permutation(np.flatnonzero(in_registry & ~female))
    bro_a, bro_b = pool[:n_brothers], pool[n_brothers : 2 * n_brothers]
    rest = r.permutation(np.setdiff1d(np.flatnonzero(in_registry), pool[: 2 * n_brothers]))
    twin_a, twin_b = rest[:n_twins], rest[n_twins : 2 * n_twins]

    brother_of = np.zeros(n, dtype=np.int64)
    twin_of = np.zeros(n, dtype=np.int64)
    for a, b in ((bro_a, bro_b), (twin_a, twin_b)):
        family_name[b] = family_name[a]
        desa_code[b] = desa_code[a]
        desa[b] = desa[a]
    # Brothers: same given name, same birth year, another day of that year.
    given[bro_b] = given[bro_a]
    year_start = birth[bro_a].astype("datetime64[Y]").astype("datetime64[D]")
    day_of_year = (birth[bro_a] - year_start).astype(np.int64)
    # Any other day of the same year: a shift of 1..363 days, wrapped inside the year.
    other_day = (day_of_year + r.integers(1, 364, size=n_brothers)) % 364
    shifted = year_start + other_day
    birth[bro_b] = shifted
    brother_of[bro_b] = person_ids[bro_a]
    # Twins: same birth date, sex and NIK area (so consecutive serials), another given name.
    birth[twin_b] = birth[twin_a]
    female[twin_b] = female[twin_a]
    area[twin_b] = area[twin_a]
    twin_of[twin_b] = person_ids[twin_a]
    pool_f = np.array(names.WOMEN_GIVEN, dtype=object)
    pool_m = np.array(names.MALE_GIVEN, dtype=object)
    for k, (a, b) in enumerate(zip(twin_a.tolist(), twin_b.tolist(), strict=True)):
        choices = pool_f if female[a] else pool_m
        g = choices[(k * 7 + 3) % choices.size]
        given[b] = g if g != given[a] else choices[((k * 7 + 3) % choices.size + 1) % choices.size]

    # NIK: prefix, then serials unique per prefix, twins consecutive.
    birth_y = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    birth_m = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    birth_d = (birth - birth.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    prefix = nik.prefixes(area, birth_d, birth_m, birth_y, female)
    order_key = r.integers(0, 2**62, size=n, dtype=np.int64)
    order_key[twin_b] = order_key[twin_a]
    next_to_sibling = np.zeros(n, dtype=bool)
    next_to_sibling[twin_b] = True
    serial = nik.assign_serials(prefix, order_key, next_to_sibling, r)
    true_nik = prefix * 10_000 + serial

    return pl.DataFrame(
        {
            "person_id": person_ids,
            "in_registry": in_registry,
            # Province codes start at 11, so a true NIK never loses a leading zero as a number.
            "nik": pl.Series(true_nik).cast(pl.String),
            "given": pl.Series(given, dtype=pl.String),
            "family": pl.Series(family_name, dtype=pl.String),
            "female": female,
            "birth_date": birth,
            "desa_index": desa,
            "desa_code": pl.Series(desa_code, dtype=pl.String),
            "occupation": pl.Series(occ_names[occ], dtype=pl.String),
            "income": income,
            "decile": decile,
            "informal": informal,
            "brother_of": brother_of,
            "twin_of": twin_of,
        }
    ).with_columns(
        pl.col("birth_date").cast(pl.Date),
        pl.when(pl.col("brother_of") > 0).then(pl.col("brother_of")).alias("brother_of"),
        pl.when(pl.col("twin_of") > 0).then(pl.col("twin_of")).alias("twin_of"),
    )


def _norm(weights: Any) -> np.ndarray:
    p = np.asarray(weights, dtype=np.float64)
    normed: np.ndarray = p / p.sum()
    return normed


def _pick(kinds: np.ndarray, cuts: np.ndarray, u: np.ndarray) -> np.ndarray:
    index = np.searchsorted(cuts, u, side="right")  # 0..len(cuts); len(cuts) means no fault
    out = np.empty(u.size, dtype=object)
    out[:] = ""
    hit = index < cuts.size
    out[hit] = kinds[1:][index[hit]]
    return out


def _damage_niks(r: np.random.Generator, clean: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Apply each row's NIK fault kind to `clean` (object array of text); returns text as typed.

    Only the damaged rows are turned into digit matrices: they are a tenth of the rows at most.
    """
    out = clean.copy()
    for kind in (
        "wrong_digit",
        "swapped_digits",
        "dropped_digit",
        "excel_last_zero",
        "excel_serial_zero",
    ):
        rows = np.flatnonzero(kinds == kind)
        if rows.size == 0:
            continue
        m = nik.digits(clean[rows].astype(np.int64))
        if kind == "wrong_digit":
            damaged = nik.wrong_digit(m, r)
        elif kind == "swapped_digits":
            damaged = nik.swap_adjacent(m, r)
        elif kind == "dropped_digit":
            damaged = nik.drop_digit(m, r)
        elif kind == "excel_last_zero":
            damaged = nik.excel_last_zero(m)
        else:
            damaged = nik.excel_serial_zero(m)
        out[rows] = nik.to_strings(damaged).astype(object)
    rows = np.flatnonzero(kinds == "excel_scientific")
    out[rows] = nik.excel_scientific(clean[rows].astype("U16")).astype(object)
    out[kinds == "missing"] = ""
    return out


def _vary_names(
    r: np.random.Generator,
    given: np.ndarray,
    family: np.ndarray,
    female: np.ndarray,
    rates: dict[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    """Full names as written, and the variation kind per row ("" for none)."""
    n = given.size
    full = (pl.Series(given, dtype=pl.String) + " " + pl.Series(family, dtype=pl.String)).to_numpy()
    other = {k: v for k, v in rates.items() if k != "moh_variant"}
    kinds = _pick(
        np.array(["", *other], dtype=object), np.cumsum(list(other.values())), r.random(n)
    )
    if "moh_variant" in rates:
        is_moh = (
            np.array([names.is_moh_name(g) for g in given.tolist()]) if n else np.zeros(0, bool)
        )
        moh = is_moh & (kinds == "") & (r.random(n) < rates["moh_variant"])
        kinds[moh] = "moh_variant"
    for i in np.flatnonzero(kinds != "").tolist():
        full[i] = names.vary_name(kinds[i], given[i], family[i], bool(female[i]), r)
    return full, kinds


def _format_dates(y: pl.Expr, m: pl.Expr, d: pl.Expr, fmt: pl.Expr) -> pl.Expr:
    dd = d.cast(pl.String).str.zfill(2)
    mm = m.cast(pl.String).str.zfill(2)
    yyyy = y.cast(pl.String)
    return (
        pl.when(fmt == 2)
        .then(pl.concat_str([yyyy, mm, dd], separator="-"))
        .when(fmt == 1)
        .then(pl.concat_str([dd, mm, yyyy], separator="/"))
        .when(fmt == 4)
        # Excel's serial day number (1900 date system): days since 1899-12-30.
        .then((pl.date(y, m, d) - pl.lit(date(1899, 12, 30))).dt.total_days().cast(pl.String))
        .otherwise(pl.concat_str([dd, mm, yyyy], separator="-"))
    )


def _workers(
    r: np.random.Generator,
    persons: pl.DataFrame,
    regions: Regions,
    n_registry: int,
    n_duplicates: int,
    excel: bool,
) -> tuple[pl.DataFrame, dict[str, int]]:
    reg = persons.head(n_registry)
    # Registry duplicates: a person listed again by another village.
    dup_idx = np.sort(r.choice(n_registry, size=n_duplicates, replace=False))
    idx = np.concatenate([np.arange(n_registry), dup_idx])
    n = idx.size
    is_copy = np.arange(n) >= n_registry
    desa = reg["desa_index"].to_numpy()[idx].copy()
    n_desa = regions.desa_codes.size
    moved = desa[is_copy] + r.integers(1, n_desa, size=n_duplicates)
    desa[is_copy] = moved % n_desa

    given = reg["given"].to_numpy()[idx]
    family = reg["family"].to_numpy()[idx]
    female = reg["female"].to_numpy()[idx]
    full, name_kinds = _vary_names(r, given, family, female, WORKER_NAME_FAULTS)
    # Each village office types names in its own case habit: half in capitals.
    upper_desa = r.random(n_desa) < 0.5
    upper = upper_desa[desa] & (name_kinds != "spacing_case")

    nik_kinds = _pick(
        np.array(["", *WORKER_NIK_FAULTS], dtype=object),
        np.cumsum(list(WORKER_NIK_FAULTS.values())),
        r.random(n),
    )
    clean_nik = reg["nik"].to_numpy()[idx]
    typed_nik = _damage_niks(r, clean_nik, nik_kinds)
    # In an xlsx file an Excel-damaged NIK is a number cell holding 15 significant digits; the
    # scientific look (7.50204E+15) is only the cell's display format there. In a CSV the
    # display is what was saved.
    nik_number = np.full(n, np.nan)
    for kind in ("excel_last_zero", "excel_serial_zero"):
        rows = np.flatnonzero(nik_kinds == kind)
        nik_number[rows] = typed_nik[rows].astype(np.float64)
    rows = np.flatnonzero(nik_kinds == "excel_scientific")
    nik_number[rows] = clean_nik[rows].astype(np.int64) // 10 * 10

    birth = reg["birth_date"].to_numpy()[idx].astype("datetime64[D]")
    y = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    m = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    d = (birth - birth.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    date_kinds = _pick(
        np.array(["", *WORKER_DATE_FAULTS], dtype=object),
        np.cumsum(list(WORKER_DATE_FAULTS.values())),
        r.random(n),
    )
    swappable = (d <= 12) & (d != m)
    date_kinds[(date_kinds == "day_month_swapped") & ~swappable] = ""
    swap = date_kinds == "day_month_swapped"
    m, d = np.where(swap, d, m), np.where(swap, m, d)
    placeholder = date_kinds == "placeholder"
    m[placeholder] = 1
    d[placeholder] = 1
    weights = XLSX_DATE_FORMAT_WEIGHTS if excel else CSV_DATE_FORMAT_WEIGHTS
    desa_fmt = r.choice(len(DATE_FORMATS), size=n_desa, p=_norm(weights))
    fmt = np.where(
        r.random(n) < 0.1, r.choice(len(DATE_FORMATS), size=n, p=_norm(weights)), desa_fmt[desa]
    )

    phone_prefix = np.array(PHONE_PREFIXES, dtype=object)[r.integers(len(PHONE_PREFIXES), size=n)]
    phone_number = r.integers(10_000_000, 100_000_000, size=n)
    intl = r.random(n) < 0.1
    no_phone = r.random(n) < 0.2

    note = np.full(n, "", dtype=object)
    note[(nik_kinds == "missing") & (r.random(n) < 0.4)] = "Belum rekam KTP-el"
    first_desa = reg["desa_index"].to_numpy()[idx]
    moved_note = is_copy & (r.random(n) < 0.3)
    note[moved_note] = ["Pindahan dari " + d for d in regions.desa_names[first_desa[moved_note]]]
    note[(note == "") & (r.random(n) < 0.02)] = "Data lama"

    decile = reg["decile"].to_numpy()[idx].astype(np.float64)
    decile[r.random(n) < 0.15] = np.nan  # not in the national socio-economic data

    frame = pl.DataFrame(
        {
            "person_id": reg["person_id"].to_numpy()[idx],
            "NIK": pl.Series(typed_nik, dtype=pl.String),
            "_nik_number": nik_number,
            "Nama Lengkap": pl.Series(full, dtype=pl.String),
            "_upper": upper,
            "_female": female,
            "_y": y,
            "_m": m,
            "_d": d,
            "_date_format": fmt,
            "Kode Desa": pl.Series(regions.desa_codes[desa], dtype=pl.String),
            "Nama Desa": pl.Series(regions.desa_names[desa], dtype=pl.String),
            "Pekerjaan": reg["occupation"].gather(idx),
            "Penghasilan": reg["income"].to_numpy()[idx],
            "Desil": decile,
            "_phone_prefix": pl.Series(phone_prefix, dtype=pl.String),
            "_phone_number": phone_number,
            "_intl": intl,
            "_no_phone": no_phone,
            "Keterangan": pl.Series(note, dtype=pl.String),
            "nik_fault": pl.Series(nik_kinds, dtype=pl.String),
            "name_fault": pl.Series(name_kinds, dtype=pl.String),
            "date_fault": pl.Series(date_kinds, dtype=pl.String),
            "_order": r.random(n),
        }
    )
    # The registry is the villages' lists one after another, each in its own order.
    frame = (
        frame.with_columns(
            _format_dates(pl.col("_y"), pl.col("_m"), pl.col("_d"), pl.col("_date_format")).alias(
                "Tgl Lahir"
            ),
            pl.col("Desil").fill_nan(None).cast(pl.Int64),
            pl.col("nik_fault").is_in(list(EXCEL_NIK_FAULTS)).alias("_nik_is_number"),
            pl.when(pl.col("_female")).then(pl.lit("P")).otherwise(pl.lit("L")).alias("JK"),
            # Each village office types names in its own case habit: half in capitals.
            pl.when(pl.col("_upper"))
            .then(pl.col("Nama Lengkap").str.to_uppercase())
            .otherwise(pl.col("Nama Lengkap"))
            .alias("Nama Lengkap"),
            pl.when(pl.col("_no_phone"))
            .then(pl.lit(""))
            .when(pl.col("_intl"))
            .then(
                pl.concat_str(
                    [
                        pl.lit("+62"),
                        pl.col("_phone_prefix").str.slice(1),
                        pl.col("_phone_number").cast(pl.String),
                    ]
                )
            )
            .otherwise(
                pl.concat_str([pl.col("_phone_prefix"), pl.col("_phone_number").cast(pl.String)])
            )
            .alias("No HP"),
        )
        .sort("Kode Desa", "_order")
        .drop("_order")
        .with_row_index("source_row", offset=2)
        .with_columns(pl.col("source_row").cast(pl.Int64))
    )
    counts = {f"worker_nik_{k}": int((nik_kinds == k).sum()) for k in WORKER_NIK_FAULTS}
    counts |= {f"worker_name_{k}": int((name_kinds == k).sum()) for k in WORKER_NAME_FAULTS}
    counts |= {f"worker_date_{k}": int((date_kinds == k).sum()) for k in WORKER_DATE_FAULTS}
    return frame, counts


def _with_dependants(
    r: np.random.Generator, persons: pl.DataFrame, workers: pl.DataFrame
) -> pl.DataFrame:
    """`workers` with a `Jumlah Tanggungan` column: one count per person (a person listed by two
    villages has the same), left empty in some rows."""
    counts = np.arange(len(DEPENDANTS_WEIGHTS))
    birth = persons["birth_date"].to_numpy().astype("datetime64[D]")
    young = (np.datetime64(AS_OF, "D") - birth).astype(np.int64) < YOUNG_AGE * 365.25
    per_person = np.where(
        young,
        r.choice(counts, size=persons.height, p=_norm(YOUNG_DEPENDANTS_WEIGHTS)),
        r.choice(counts, size=persons.height, p=_norm(DEPENDANTS_WEIGHTS)),
    )
    # person_id is the person's 1-based position in `persons`.
    dependants = per_person[workers["person_id"].to_numpy() - 1].astype(np.float64)
    dependants[r.random(workers.height) < DEPENDANTS_BLANK_SHARE] = np.nan
    return workers.with_columns(
        pl.Series("Jumlah Tanggungan", dependants).fill_nan(None).cast(pl.Int64)
    )


def _participants(
    r: np.random.Generator,
    persons: pl.DataFrame,
    regions: Regions,
    n_registry: int,
    n_members: int,
    n_second: int,
) -> tuple[pl.DataFrame, dict[str, int]]:
    occ_index = {o[0]: i for i, o in enumerate(OCCUPATIONS)}
    occ = np.array([occ_index[o] for o in persons["occupation"].to_list()])
    weight = np.array(PARTICIPATION_WEIGHT)[occ[:n_registry]]
    # Hard negatives are made likelier participants so the benchmark meets enough of them.
    hard = (persons["brother_of"].is_not_null() | persons["twin_of"].is_not_null()).to_numpy()[
        :n_registry
    ]
    partners = set(persons["brother_of"].drop_nulls().to_list()) | set(
        persons["twin_of"].drop_nulls().to_list()
    )
    hard |= np.isin(np.arange(1, n_registry + 1), list(partners))
    weight = np.where(hard, np.minimum(1.0, weight * 3), weight)
    # Weighted sampling without replacement (Efraimidis-Spirakis): the largest u**(1/w).
    keys = np.log(r.random(n_registry)) / weight
    members = (
        np.sort(np.argpartition(-keys, n_members - 1)[:n_members])
        if n_members
        else np.zeros(0, np.int64)
    )
    outside = np.arange(n_registry, persons.height)
    second = np.sort(r.choice(members, size=n_second, replace=False))
    idx = np.concatenate([members, outside, second])
    n = idx.size
    is_second = np.arange(n) >= members.size + outside.size

    pu = np.array([o[0] in PU_OCCUPATIONS for o in OCCUPATIONS])[occ[idx]]
    builder = persons["occupation"].to_numpy()[idx] == "Tukang Bangunan"
    segment = np.where(pu, "PU", np.where(builder & (r.random(n) < 0.6), "JAKON", "BPU")).astype(
        object
    )
    # A second participation is a construction project, or BPU for someone already on Jakon.
    segment[is_second] = np.where(segment[is_second] == "JAKON", "BPU", "JAKON")

    active_share = np.select([segment == "PU", segment == "JAKON"], [0.88, 0.55], 0.65)
    active = r.random(n) < active_share
    # Months behind AS_OF: active mostly paid this or last month, a few lapsed but still listed
    # active (exports lag); inactive stopped 3-48 months ago.
    behind_active = r.choice(np.array([0, 1, 2, 3, 4]), size=n, p=[0.7, 0.2, 0.04, 0.03, 0.03])
    behind = np.where(active, behind_active, r.integers(3, 49, size=n))
    month_index = AS_OF.year * 12 + AS_OF.month - 1 - behind
    last_paid = np.char.add(
        np.char.add((month_index // 12).astype("U4"), "-"),
        np.char.zfill((month_index % 12 + 1).astype("U2"), 2),
    )
    programme = np.select(
        [segment == "PU", segment == "JAKON"],
        [np.where(r.random(n) < 0.85, "JKK, JKM, JHT, JP", "JKK, JKM, JHT"), "JKK, JKM"],
        np.where(r.random(n) < 0.15, "JKK, JKM, JHT", "JKK, JKM"),
    )
    # Employers: a few large ones (a sugar mill, plantations, the regency's contractors) and many
    # small; NPP only for wage earners.
    n_employers = max(20, int((segment == "PU").sum()) // 12)
    npp_pool = _unique_numbers(r, n_employers, 10_000_000, 100_000_000).astype("U8")
    npp = npp_pool[r.choice(n_employers, size=n, p=names.zipf_weights(n_employers, 1.1))]
    npp = np.where(segment == "PU", npp, "")

    # KPJ: 11 digits, unique, no leading zero.
    kpj = _unique_numbers(r, n, 10_000_000_000, 100_000_000_000).astype("U11")

    desa_code = persons["desa_code"].to_numpy()[idx].copy()
    moved = (r.random(n) < 0.05) & np.isin(desa_code, regions.desa_codes)
    desa_code[moved] = r.choice(regions.desa_codes, size=int(moved.sum()))

    nik_kinds = _pick(
        np.array(["", *PARTICIPANT_NIK_FAULTS], dtype=object),
        np.cumsum(list(PARTICIPANT_NIK_FAULTS.values())),
        r.random(n),
    )
    typed_nik = _damage_niks(r, persons["nik"].to_numpy()[idx], nik_kinds)
    given = persons["given"].to_numpy()[idx]
    family = persons["family"].to_numpy()[idx]
    female = persons["female"].to_numpy()[idx]
    full, name_kinds = _vary_names(r, given, family, female, PARTICIPANT_NAME_FAULTS)

    frame = (
        pl.DataFrame(
            {
                "No KPJ": kpj,
                "NIK": pl.Series(typed_nik, dtype=pl.String),
                "Nama Peserta": pl.Series(full, dtype=pl.String).str.to_uppercase(),
                "Tanggal Lahir": persons["birth_date"].to_numpy()[idx],
                "Segmen": pl.Series(segment, dtype=pl.String),
                "Status Kepesertaan": np.where(active, "AKTIF", "NON AKTIF"),
                "Program": programme,
                "Bulan Terakhir Bayar": last_paid,
                "NPP": npp,
                "Kode Wilayah": pl.Series(desa_code, dtype=pl.String),
                "person_id": persons["person_id"].to_numpy()[idx],
                "in_registry": persons["in_registry"].to_numpy()[idx],
                "nik_fault": pl.Series(nik_kinds, dtype=pl.String),
                "name_fault": pl.Series(name_kinds, dtype=pl.String),
            }
        )
        .with_columns(pl.col("Tanggal Lahir").cast(pl.Date).dt.strftime("%d-%m-%Y"))
        .sort("No KPJ")
    )
    counts = {
        "participants_second_participation": int(is_second.sum()),
        "participants_aktif": int(active.sum()),
        **{f"participants_{s.lower()}": int((segment == s).sum()) for s in ("PU", "BPU", "JAKON")},
        **{f"participant_nik_{k}": int((nik_kinds == k).sum()) for k in PARTICIPANT_NIK_FAULTS},
        **{f"participant_name_{k}": int((name_kinds == k).sum()) for k in PARTICIPANT_NAME_FAULTS},
    }
    return frame, counts


def _unique_numbers(r: np.random.Generator, size: int, low: int, high: int) -> np.ndarray:
    """`size` distinct integers in [low, high), in random order."""
    drawn = np.zeros(0, dtype=np.int64)
    while drawn.size < size:
        more = r.integers(low, high, size=int((size - drawn.size) * 1.1) + 10, dtype=np.int64)
        both = np.concatenate([drawn, more])
        _, first = np.unique(both, return_index=True)
        drawn = both[np.sort(first)]
    return drawn[:size]
