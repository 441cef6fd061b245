"""What a role without the right to a full NIK (`nik.see_full`) sees of personal data.

Masking goes by value, not by column: a NIK typed into "No KK", "NIK Suami" or the birth date
column is as personal as one in the NIK column. And where a masked NIK is shown, the birth date
and sex beside it are cut down too: digits 7-12 of a NIK are the birth date (40 added to the
day for women), so with them only the four serial digits would be left to guess.
"""

from __future__ import annotations

import re
from typing import Any

from payung.accounts.permissions import may

KEPT = 6  # the area code: where the NIK was issued

# A run of 15 digits or more, perhaps in groups (7502 0101 9000 0001, 7502.0101...): a NIK,
# or one Excel cut to 15 digits. Shorter runs (phone numbers, amounts) stay as they are.
_NIK_LIKE = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){14,}(?!\d)")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def mask_nik(value: str | None) -> str:
    """Keep the area code (the first six digits) and hide the birth date and serial."""
    if not value:
        return ""
    seen = 0

    def hide(digit: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return digit.group() if seen <= KEPT else "*"

    return _DIGIT.sub(hide, value)


def mask_niks_in(text: str | None) -> str:
    """`text` with every NIK-like run of digits in it masked."""
    return _NIK_LIKE.sub(lambda run: mask_nik(run.group()), text or "")


def mask_birth_date(text: str | None) -> str:
    """Only the year of a birth date (12-05-1985 -> **-**-1985): age, not the NIK's digits."""
    masked = mask_niks_in(text)
    year = _YEAR.search(masked)
    hidden = _DIGIT.sub("*", masked)
    if year:
        hidden = hidden[: year.start()] + year.group() + hidden[year.end() :]
    return hidden


def mask_sex(text: str | None) -> str:
    return "*" if text else ""


def sees_full_nik(who: Any) -> bool:
    return may(who, "nik.see_full")


def shown_nik(value: str | None, who: Any) -> str:
    """A NIK as `who` may see it: whole for the roles that must act on it, else masked."""
    return (value or "") if sees_full_nik(who) else mask_nik(value)


def shown_birth_date(value: Any, who: Any) -> str:
    text = "" if value is None else str(value)
    return text if sees_full_nik(who) else mask_birth_date(text)


def shown_sex(value: str | None, who: Any) -> str:
    return (value or "") if sees_full_nik(who) else mask_sex(value)


def mask_name(name: str | None) -> str:
    """Initials only (Siti Aminah -> S*** A***): enough to tell two cases of one desa apart,
    not enough to name a bereaved family."""
    return " ".join(word[0] + "***" for word in (name or "").split())


def shown_name(name: str | None, who: Any, action: str) -> str:
    """A person's name as `who` may see it under `action` (a permission naming who may)."""
    return (name or "") if may(who, action) else mask_name(name)
