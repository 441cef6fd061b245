"""The Paritrana self-assessment's dossier: the estimated score by area and item, the
figures or evidence behind each, the gaps, and the evidence list, as PDF (Typst) and .docx
(docxtpl on `documents/paritrana.docx`, which the regency edits in Word)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.lib import documents
from payung.lib.numbers import grouped
from payung.regions.selectors import configured_regency
from payung.reports import paritrana
from payung.reports.documents import FORMATS, TYPES

LAYOUT = Path(__file__).resolve().parent / "templates" / "reports" / "paritrana"
TEMPLATE = "paritrana.docx"


def _n(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{value.quantize(Decimal('0.1'))}".replace(".", ",")


def content(found: paritrana.Assessment) -> dict[str, Any]:
    regency = configured_regency()
    items = [i for a in found.areas for i in a.items]
    return {
        "labels": {
            "title": _("Paritrana Award self-assessment"),
            "subtitle": _("Category: regional government (Pemerintah Daerah)"),
            "year": _("Year"),
            "taken": _("Figures taken"),
            "score": _("Estimated score"),
            "area": _("Area"),
            "weight": _("Weight (assumed)"),
            "item": _("Item"),
            "met": _("Met"),
            "basis": _("Figures or evidence"),
            "lost": _("Points lost"),
            "gaps": _("The gaps that cost the most points"),
            "evidence": _("Evidence list"),
            "computed": _("from Payung's data"),
            "entered": _("entered"),
            "missing": _("not yet filled"),
            "assumption": _(
                "The official weights of the Paritrana Award are not published: every weight"
                " here is an assumption of the regency, and the score an estimate."
            ),
            "none": _("None."),
        },
        "regency": regency.display_name if regency else "",
        "year": str(found.year),
        "taken": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "score": _n(found.total),
        "areas": [
            {
                "name": a.area.name,
                "weight": _n(a.area.weight),
                "score": _n(a.score),
                "rows": [  # not "items": in the .docx template that is the dict's method
                    {
                        "code": i.item.code,
                        "text": i.item.text,
                        "weight": _n(i.item.weight),
                        "met": _n(i.achievement),
                        "how": _("from Payung's data")
                        if i.computed and i.achievement is not None
                        else _("entered")
                        if i.achievement is not None
                        else _("not yet filled"),
                        "basis": i.basis or "–",
                        "lost": _n(i.lost),
                    }
                    for i in a.items
                ],
            }
            for a in found.areas
        ],
        "gaps": [
            {"code": g.item.code, "text": g.item.text, "lost": _n(g.lost)} for g in found.gaps[:5]
        ],
        "evidence": [
            {"code": i.item.code, "text": i.item.text, "evidence": i.basis}
            for i in items
            if not i.computed and i.achievement is not None
        ],
        "count": grouped(len(items)),
    }


def dossier_pdf(data: dict[str, Any]) -> bytes:
    return documents.typst_file([LAYOUT / "dossier.typ"], data)


def write_default(path: Path) -> None:
    doc = documents.new_docx()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("{{ labels.title }} {{ year }}")
    run.bold, run.font.size = True, Pt(16)
    doc.add_paragraph("{{ labels.subtitle }} · {{ regency }} · {{ labels.taken }}: {{ taken }}")
    doc.add_paragraph("{{ labels.score }}: {{ score }} / 100").runs[0].bold = True
    doc.add_paragraph("{{ labels.assumption }}")
    doc.add_paragraph("{%p for a in areas %}")
    doc.add_heading("{{ a.name }} — {{ a.score }} ({{ labels.weight }} {{ a.weight }})", level=2)
    documents.loop_table(
        doc,
        ["{{ labels.item }}", "{{ labels.weight }}", "{{ labels.met }}", "{{ labels.basis }}",
         "{{ labels.lost }}"],
        "for i in a.rows",
        ["{{ i.code }} {{ i.text }}", "{{ i.weight }}", "{{ i.met }} ({{ i.how }})",
         "{{ i.basis }}", "{{ i.lost }}"],
    )  # fmt: skip
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading("{{ labels.gaps }}", level=1)
    doc.add_paragraph("{%p for g in gaps %}")
    doc.add_paragraph("{{ loop.index }}. {{ g.code }} {{ g.text }}: {{ g.lost }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading("{{ labels.evidence }}", level=1)
    doc.add_paragraph("{%p for e in evidence %}")
    doc.add_paragraph("{{ e.code }} {{ e.text }}: {{ e.evidence }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{% if not evidence %}{{ labels.none }}{% endif %}")
    doc.save(str(path))


def dossier_docx(data: dict[str, Any]) -> bytes:
    return documents.render_docx(TEMPLATE, write_default, data)


def dossier_file(year: int, kind: str, *, user: User | None = None) -> documents.DocumentFile:
    if kind not in FORMATS:
        raise ValueError(f"unknown dossier format {kind!r}")
    found = paritrana.assess(year)
    data = content(found)
    made = dossier_pdf(data) if kind == "pdf" else dossier_docx(data)
    record_audit(
        action="reports.paritrana_dossier", user=user, target=str(year),
        details={"format": kind, "score": str(found.total), "bytes": len(made)},
    )  # fmt: skip
    return documents.DocumentFile(made, f"paritrana-{year}.{kind}", TYPES[kind])
