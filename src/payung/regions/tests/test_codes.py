"""Region codes as Kemendagri writes them and as people type them."""

from __future__ import annotations

from payung.regions import codes
from payung.regions.models import Level

DESA = "75.02.01.2004"  # Bongo Nol, kecamatan Paguyaman, Kabupaten Boalemo


def test_a_desa_lies_in_its_kecamatan_and_its_regency() -> None:
    assert codes.level_of(DESA) == "desa"
    assert codes.ancestor(DESA, "kecamatan") == "75.02.01"
    assert codes.ancestor(DESA, Level.KABUPATEN) == "75.02"
    assert codes.ancestor("75.02", "desa") is None
    assert codes.path(DESA) == ["75.02", "75.02.01", "75.02.01.2004"]


def test_inside_means_itself_or_below_never_a_longer_sibling() -> None:
    assert codes.inside(DESA, "75.02.01")
    assert codes.inside("75.02.01", "75.02.01")
    assert not codes.inside("75.02.010", "75.02.01")
    assert codes.inside(DESA, None)


def test_codes_typed_without_dots_are_read() -> None:
    assert codes.normalise(" 750201 ") == "75.02.01"
    assert codes.normalise("7502") == "75.02"
    assert codes.normalise("Paguyaman") == "Paguyaman"  # left for the caller to refuse
    assert codes.level_of("Paguyaman") == ""
    assert codes.level_of("75.02.01\r\nSet-Cookie: x=1") == ""  # a header in disguise
    assert codes.level_of("75.02.1") == ""
