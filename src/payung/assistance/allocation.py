"""How a quota is shared across desa: in proportion to eligible workers, or by a fixed table.

Proportional shares use the largest-remainder method: each desa gets the whole part of its
share, and the seats left go to the largest remainders (ties: the desa code), so the shares add
up to the quota exactly and the same inputs always give the same shares.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

from django.utils.translation import gettext as _

from payung.imports.errors import ImportRefused
from payung.imports.reading import SOURCE_ROW
from payung.imports.small import read_small_table
from payung.regions import codes

# The columns of a fixed quota table, as people name them.
FIXED_TABLE_COLUMNS = {
    "code": ["kode", "kode wilayah", "kode desa", "kode kecamatan", "code"],
    "quota": ["kuota", "quota", "jumlah"],
}


class TableError(ValueError):
    """A fixed quota table that is not one; the message says which row, for the user."""


def proportional(eligible: dict[str, int], quota: int) -> dict[str, int]:
    """Seats per desa for `quota`, never more than a desa's eligible workers."""
    total = sum(eligible.values())
    if total <= quota:
        return dict(eligible)
    shares = {code: Fraction(n * quota, total) for code, n in eligible.items()}
    seats = {code: int(share) for code, share in shares.items()}
    left = quota - sum(seats.values())
    by_remainder = sorted(shares, key=lambda c: (-(shares[c] - seats[c]), c))
    for code in by_remainder[:left]:
        seats[code] += 1
    return seats


def fixed(eligible: dict[str, int], table: dict[str, int]) -> tuple[dict[str, int], list[str]]:
    """Seats per desa from a table keyed by desa or kecamatan code; a kecamatan's seats go to
    its desa in proportion to their eligible workers not already seated by a desa row of the
    table. Returns the seats and the table rows that could not be filled."""
    seats: dict[str, int] = {}
    short: list[str] = []
    # Desa rows (longer codes) first, so a kecamatan row shares out only what is left.
    for code, wanted in sorted(table.items(), key=lambda item: (-len(item[0]), item[0])):
        left = {d: n - seats.get(d, 0) for d, n in eligible.items() if codes.inside(d, code)}
        available = sum(left.values())
        if available < wanted:
            short.append(code)
        for desa, n in proportional(left, min(wanted, available)).items():
            seats[desa] = seats.get(desa, 0) + n
    return seats, sorted(short)


def table_from_rows(rows: Iterable[tuple[int, str | None, str | None]]) -> dict[str, int]:
    """A fixed table {code: seats} from (row, code, seats) as typed; blank rows skipped, the
    seats of a code given twice added. The page's text box and a file both come through here."""
    seats: dict[str, int] = {}
    for row, code, quota in rows:
        code, quota = (code or "").strip(), (quota or "").strip()
        if not code and not quota:
            continue
        if not code or not quota.isdigit():
            raise TableError(_("Line %(n)s: write 'code, quota', e.g. 75.02.01, 300.") % {"n": row})
        seats[code] = seats.get(code, 0) + int(quota)
    return seats


def read_fixed_table(path: Path) -> dict[str, int]:
    """A fixed table from a .csv or .xlsx with the columns kode and kuota."""
    try:
        table = read_small_table(path, FIXED_TABLE_COLUMNS, ("code", "quota"))
    except ImportRefused as exc:
        raise TableError(str(exc)) from exc
    seats = table_from_rows(table.select(SOURCE_ROW, "code", "quota").iter_rows())
    if not seats:
        raise TableError(_("%(name)s has no rows.") % {"name": path.name})
    return seats
