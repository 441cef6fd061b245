"""Documents the regency dresses itself: its letterhead and the Word templates of Payung's
reports and letters live in the data folder (`PAYUNG_DATA_DIR/documents/`), where an
Administrator replaces them without touching the code.

- `kop-surat.png` (or `.jpg`): the letterhead, drawn across the top of a PDF's cover and of a
  generated .docx template's header. Without it, the regency's name stands in.
- `<name>.docx`: a docxtpl template; Payung writes its default there the first time it is
  needed, and never overwrites it afterwards, so the regency's edits in Word are kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings

LETTERHEADS = ("kop-surat.png", "kop-surat.jpg", "kop-surat.jpeg")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def folder() -> Path:
    path = Path(settings.DATA_DIR) / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def letterhead() -> Path | None:
    for name in LETTERHEADS:
        path = folder() / name
        if path.is_file():
            return path
    return None


def template(name: str, write_default: Callable[[Path], None]) -> Path:
    """The regency's template `name`, made from Payung's default when there is none yet."""
    path = folder() / name
    if not path.is_file():
        partial = path.with_suffix(".partial")
        write_default(partial)
        partial.replace(path)  # a half-written default never stands as the template
    return path
