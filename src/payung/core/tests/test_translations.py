"""The Indonesian catalogue is complete, and the compiled .mo matches its .po."""

import subprocess
from pathlib import Path

import payung

PO = Path(payung.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "django.po"


def test_every_ui_string_has_an_indonesian_translation() -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "translated message" in result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(PO)], check=True)
    assert fresh.read_bytes() == PO.with_suffix(".mo").read_bytes(), "run: make messages"
