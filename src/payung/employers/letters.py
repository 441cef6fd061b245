"""Follow-up letters (written warnings) as .docx, filled by docxtpl into a template the regency
edits in Word (`documents/surat-teguran.docx` in the data folder, see lib.documents), the
engine the monev report uses; and as PDF, set by Typst. Each letter holds the employer's data,
the findings with their figures, the legal basis and the deadline."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docxtpl import DocxTemplate

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.employers.evidence import described
from payung.employers.models import Business, FindingCode, FollowUp, Step
from payung.lib import documents
from payung.regions.selectors import configured_regency

TEMPLATE = "surat-teguran.docx"
LAYOUT = Path(__file__).resolve().parent / "templates" / "employers" / "letter.typ"
# The law every warning letter rests on; each finding adds its own article.
LEGAL_BASIS = [
    "Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial",
    "Peraturan Pemerintah Nomor 86 Tahun 2013 tentang Tata Cara Pengenaan Sanksi Administratif"
    " kepada Pemberi Kerja Selain Penyelenggara Negara dan Setiap Orang, Selain Pemberi Kerja,"
    " Pekerja, dan Penerima Bantuan Iuran dalam Penyelenggaraan Jaminan Sosial",
    "Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan"
    " Sosial Ketenagakerjaan",
]


def letter_content(step: FollowUp) -> dict[str, Any]:
    """What a letter says."""
    business: Business = step.business
    regency = configured_regency()
    match = getattr(business, "match", None)
    labels = dict(FindingCode.choices)
    findings = [f for f in business.findings.all() if f.code in step.findings]
    return {
        "regency": regency.display_name if regency else "",
        "title": capfirst(str(Step(step.step).label)),  # "Teguran tertulis I", not "… i"
        "date": formats.date_format(step.done_at, "j F Y"),
        "deadline": formats.date_format(step.deadline, "j F Y") if step.deadline else "",
        "business": {
            "name": business.name,
            "nib": business.nib,
            "address": business.address,
            "npp": match.employer.npp if match else "",
        },  # fmt: skip
        "findings": [
            {
                "label": str(labels[f.code]),
                "regulation": f.regulation,
                "evidence": "; ".join(f"{k}: {v}" for k, v in described(f.evidence)),
            }
            for f in findings
        ],
        "legal_basis": LEGAL_BASIS,
        "signer": _("Head of the Labour Office"),
        "labels": {
            "to": _("To"),
            "subject": _("Subject"),
            "findings": _("Findings"),
            "basis": _("Legal basis"),
            "ask": _(
                "We ask you to register all your workers in the programmes required and to"
                " report their wages truly, and to send proof to the Labour Office by"
            ),
            "sanction": _(
                "If this is not done, administrative sanctions follow under PP 86/2013: a"
                " fine and the withholding of certain public services, permits included."
            ),
        },  # fmt: skip
    }


def _write_default(path: Path) -> None:
    doc = documents.new_docx(font=11, margin=2.5, letterhead=16)
    doc.add_paragraph("{{ regency }}, {{ date }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("{{ labels.subject }}: {{ title }}").runs[0].bold = True
    doc.add_paragraph(
        "{{ labels.to }}: {{ business.name }} (NIB {{ business.nib }}"
        "{% if business.npp %}, NPP {{ business.npp }}{% endif %}), {{ business.address }}"
    )
    doc.add_paragraph("{{ labels.findings }}:")
    doc.add_paragraph("{%p for f in findings %}")
    doc.add_paragraph("{{ loop.index }}. {{ f.label }} ({{ f.regulation }}): {{ f.evidence }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ labels.basis }}:")
    doc.add_paragraph("{%p for b in legal_basis %}")
    doc.add_paragraph("{{ loop.index }}. {{ b }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ labels.ask }} {{ deadline }}.")
    doc.add_paragraph("{{ labels.sanction }}")
    doc.add_paragraph("{{ signer }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(str(path))


def letter_docx(content: dict[str, Any]) -> bytes:
    template = DocxTemplate(str(documents.template(TEMPLATE, _write_default)))
    template.render(content, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def letter_pdf(content: dict[str, Any]) -> bytes:
    return documents.typst_file([LAYOUT], content)


def letter(step: FollowUp, kind: str, *, user: User) -> tuple[bytes, str]:
    """The letter of a step as (bytes, file name); audited, it carries an employer's data."""
    content = letter_content(step)
    data = letter_docx(content) if kind == "docx" else letter_pdf(content)
    record_audit(
        action="employers.letter", user=user, target=f"business:{step.business.nib}",
        details={"step": step.step, "format": kind, "follow_up": step.pk},
    )  # fmt: skip
    return data, f"{step.step}-{step.business.nib}.{kind}"
