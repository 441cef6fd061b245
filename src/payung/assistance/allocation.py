"""How a quota is shared across desa: in proportion to eligible workers, or by a fixed table.

Proportional shares use the largest-remainder method: each desa gets the whole part of its
share, and the seats left go to the largest remainders (ties: the desa code), so the shares add
up to the quota exactly and the same inputs always give the same shares.
"""

from __future__ import annotations

from fractions import Fraction

from payung.regions import codes


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
