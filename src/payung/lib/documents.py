"""Documents the regency dresses itself: its letterhead and the Word templates of Payung's
reports and letters live in the data folder (`PAYUNG_DATA_DIR/documents/`), where an
Administrator replaces them without touching the code.

- `kop-surat.png` (or `.jpg`): the letterhead, drawn across the top of a PDF's cover and of a
  generated .docx template's header. Without it, the regency's name stands in.
- `<name>.docx`: a docxtpl template; Payung writes its default there the first time it is
  needed, and never overwrites it afterwards, so the regency's edits in Word are kept.

The PDFs (the monev report, the employers' letters) are set by Typst through `typst_file`, and
the generated .docx templates put the letterhead in their header through `docx_letterhead`."""

from __future__ import annotations

import io
import json
import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typst
from django.conf import settings
from django.http import HttpResponse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate

logger = logging.getLogger(__name__)
LETTERHEADS = ("kop-surat.png", "kop-surat.jpg", "kop-surat.jpeg")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


@dataclass(frozen=True)
class DocumentFile:
    """A generated document, ready to be downloaded."""

    data: bytes
    filename: str
    content_type: str

    def response(self) -> HttpResponse:
        answer = HttpResponse(self.data, content_type=self.content_type)
        answer["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return answer


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


def typst_file(layouts: list[Path], data: dict[str, Any], **options: Any) -> bytes:
    """The first of `layouts` set by Typst, with the others beside it, `data` as data.json and
    the letterhead as data["letterhead"] when there is one: all in a folder of its own, so a
    layout reads nothing else. Only the fonts inside the typst wheel are used, so a document
    looks the same on every office PC. A PNG of several pages gives its first."""
    kop = letterhead()
    try:
        result = _typst(layouts, data, kop, options)
    except typst.TypstError:
        if kop is None:
            raise
        # A letterhead Typst cannot read (a damaged or mislabelled file) must not stop every
        # report and letter: the regency's name stands in, and the log says why.
        logger.warning("letterhead %s unreadable; documents go without it", kop.name)
        result = _typst(layouts, data, None, options)
    if isinstance(result, list):
        result = result[0]
    return bytes(result)


def _typst(layouts: list[Path], data: dict[str, Any], kop: Path | None, options: Any) -> Any:
    with tempfile.TemporaryDirectory(prefix="payung-typst-") as work:
        root = Path(work)
        for layout in layouts:
            shutil.copy(layout, root / layout.name)
        data = dict(data)
        if kop is not None:
            shutil.copy(kop, root / ("letterhead" + kop.suffix))
            data["letterhead"] = "letterhead" + kop.suffix
        (root / "data.json").write_text(json.dumps(data), encoding="utf-8")
        return typst.compile(
            str(root / layouts[0].name), root=str(root), ignore_system_fonts=True, **options
        )


def docx_letterhead(section: Any, width: Any) -> None:
    """A generated template's header: the letterhead picture at `width` when there is one,
    else the regency's name as docxtpl fills it."""
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kop = letterhead()
    if kop is not None:
        try:
            header.add_run().add_picture(str(kop), width=width)
            return
        except Exception:  # python-docx raises several kinds on a picture it cannot read
            logger.warning("letterhead %s unreadable; the template goes without it", kop.name)
    header.add_run("PEMERINTAH {{ regency|upper }}").bold = True


def new_docx(*, font: float = 10.5, margin: float = 2, letterhead: float = 17) -> Any:
    """A generated template's page: the body font (pt), the side margins (cm) and the
    letterhead across the header (cm wide)."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(font)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(margin)
    docx_letterhead(section, Cm(letterhead))
    return doc


def loop_table(doc: Any, headers: list[str], loop: str, cells: list[str]) -> None:
    """A generated template's table: a header row and one row docxtpl repeats
    (`{%tr for … %}` … `{%tr endfor %}`)."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    table.rows[1].cells[0].text = "{%tr " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def render_docx(
    name: str,
    write_default: Callable[[Path], None],
    context: dict[str, Any],
    pictures: Callable[[DocxTemplate], dict[str, Any]] | None = None,
) -> bytes:
    """The regency's template `name` (see `template`) filled by docxtpl with `context`, and
    with the InlineImages `pictures` makes for that template."""
    filled = DocxTemplate(str(template(name, write_default)))
    extra = pictures(filled) if pictures is not None else {}
    filled.render({**context, **extra}, autoescape=True)
    out = io.BytesIO()
    filled.save(out)
    return out.getvalue()
