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


def test_every_msgid_in_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    """A string marked for translation in a page, a form or a command but never extracted
    would show in English: extract afresh from a copy of the code and compare."""
    import shutil
    import sys

    package = PO.parents[3]
    copy = tmp_path / "payung"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    django_admin = Path(sys.executable).with_name("django-admin")
    subprocess.run(
        [str(django_admin), "makemessages", "-l", "id", "--settings=payung.settings",
         "--ignore=tests/*", "--ignore=conftest.py"],
        cwd=copy, check=True, capture_output=True,
    )  # fmt: skip
    import polib

    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/id/LC_MESSAGES/django.po"))}
    kept = {e.msgid for e in polib.pofile(str(PO)) if e.translated()}
    assert fresh - kept == set(), "run: make messages, then translate"
