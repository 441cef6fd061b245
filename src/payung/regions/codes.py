"""Kemendagri region codes: dotted, two digits a level (75 . 02 . 01 . 2004 for a desa).

The level of a code, the region above it, whether one region lies in another and how a code
typed without dots is read: every app asks here."""

from __future__ import annotations

import re

from payung.regions.models import Level

LEVEL_NAMES: dict[int, str] = {
    Level.KABUPATEN: "kabupaten",
    Level.KECAMATAN: "kecamatan",
    Level.DESA: "desa",
}
DEPTHS = {name: level for level, name in LEVEL_NAMES.items()}


def depth(code: str) -> int:
    """How many parts a code has: its Level (2 kabupaten, 3 kecamatan, 4 desa)."""
    return len(code.split("."))


# 75.02 (kabupaten), 75.02.01 (kecamatan), 75.02.01.2004 (desa); a province has 2 digits.
CODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")


def level_of(code: str) -> str:
    """'kabupaten', 'kecamatan' or 'desa' for a code written as Kemendagri writes it; ''
    for anything else (a name, stray characters, a line break)."""
    if not CODE.fullmatch(code):
        return ""
    return LEVEL_NAMES.get(depth(code), "")


def ancestor(code: str, level: str | int) -> str | None:
    """The code of the `level` region (a name or a Level) that contains `code`, itself
    included; None when `code` lies above that level."""
    wanted = DEPTHS[level] if isinstance(level, str) else int(level)
    parts = code.split(".")
    return ".".join(parts[:wanted]) if len(parts) >= wanted else None


def path(code: str) -> list[str]:
    """The codes from the regency down to `code`: 75.02, 75.02.01, 75.02.01.2004."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts) + 1)]


def inside(code: str, within: str | None) -> bool:
    """Is `code` the region `within` or one of its parts? (Anything is inside None.)"""
    return not within or code == within or code.startswith(within + ".")


def normalise(code: str) -> str:
    """A kabupaten or kecamatan code as people type it, with or without dots: 750201 is
    75.02.01. Anything else is returned as it was, for the caller to refuse."""
    digits = code.strip().replace(".", "")
    if digits.isdigit() and len(digits) in (4, 6):
        return ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    return code.strip()
