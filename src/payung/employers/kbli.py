"""KBLI 2020 (Peraturan BPS 2/2020): a business's five-digit code; its first two digits name the
division, and each range of divisions a section (A agriculture … U international bodies)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("A", 1, 3, _("Agriculture, forestry and fishing")),
    ("B", 5, 9, _("Mining and quarrying")),
    ("C", 10, 33, _("Manufacturing")),
    ("D", 35, 35, _("Electricity and gas")),
    ("E", 36, 39, _("Water, sewerage and waste")),
    ("F", 41, 43, _("Construction")),
    ("G", 45, 47, _("Trade and vehicle repair")),
    ("H", 49, 53, _("Transport and storage")),
    ("I", 55, 56, _("Accommodation and food")),
    ("J", 58, 63, _("Information and communication")),
    ("K", 64, 66, _("Finance and insurance")),
    ("L", 68, 68, _("Real estate")),
    ("M", 69, 75, _("Professional and technical services")),
    ("N", 77, 82, _("Administrative and support services")),
    ("O", 84, 84, _("Public administration")),
    ("P", 85, 85, _("Education")),
    ("Q", 86, 88, _("Health and social work")),
    ("R", 90, 93, _("Arts and recreation")),
    ("S", 94, 96, _("Other services")),
    ("T", 97, 98, _("Households as employers")),
    ("U", 99, 99, _("International bodies")),
]


def section(kbli: str) -> str:
    """The section letter of a KBLI code, or "" when it is none."""
    if len(kbli) < 2 or not kbli[:2].isdigit():
        return ""
    division = int(kbli[:2])
    return next((letter for letter, low, high, _n in SECTIONS if low <= division <= high), "")


def section_name(letter: str) -> str:
    return next((str(n) for code, _l, _h, n in SECTIONS if code == letter), "")
