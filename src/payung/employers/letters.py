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
from payung.employers import follow_up, jakon
from payung.employers.evidence import described
from payung.employers.models import Business, FindingCode, FollowUp, Project, Step
from payung.lib import documents
from payung.lib.numbers import rupiah
from payung.regions.selectors import configured_regency

TEMPLATE = "surat-teguran.docx"
# The steps that have a letter: the written warnings and the referral.
LETTER_STEPS = (Step.WARNING_1.value, Step.WARNING_2.value, Step.REFERRAL.value)
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


# A construction project's own legal basis, beside the law every letter rests on.
JAKON_BASIS = [
    "Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan"
    " Kecelakaan Kerja dan Jaminan Kematian",
    "Peraturan Menteri Ketenagakerjaan Nomor 5 Tahun 2021 tentang Tata Cara Penyelenggaraan"
    " Program Jaminan Kecelakaan Kerja, Jaminan Kematian, dan Jaminan Hari Tua",
]
JAKON_REGULATION = "PP 44/2015; Permenaker 5/2021"


def _business_part(business: Business, step: FollowUp) -> dict[str, Any]:
    match = getattr(business, "match", None)
    labels = dict(FindingCode.choices)
    return {
        "business": {
            "name": business.name,
            "nib": business.nib,
            "address": business.address,
            "npp": match.employer.npp if match else "",
        },  # fmt: skip
        "project": None,
        "findings": [
            {
                "label": str(labels[f.code]),
                "regulation": f.regulation,
                "evidence": "; ".join(f"{k}: {v}" for k, v in described(f.evidence)),
            }
            for f in business.findings.all()
            if f.code in step.findings
        ],
        "legal_basis": LEGAL_BASIS,
    }


def _project_part(project: Project, step: FollowUp) -> dict[str, Any]:
    """A construction project's letter goes to its contractor, the employer that registers the
    project's workers with BPJS TK before the work starts."""
    row = jakon.project_row(project)
    figures = [
        (_("Package"), project.package),
        (_("Project"), project.name),
        (_("Contract value"), rupiah(project.contract_value)),
        (_("Start"), formats.date_format(project.starts, "j F Y") if project.starts else "–"),
        (_("Contribution due"), rupiah(row.due)),
    ]
    if row.registration is not None and row.registration.registered_on:
        registered = formats.date_format(row.registration.registered_on, "j F Y")
        figures.append((_("Registered on"), registered))
    evidence = "; ".join(f"{k}: {v}" for k, v in figures)
    return {
        "business": {
            "name": project.contractor or project.name,
            "nib": "",
            "address": "",
            "npp": "",
        },  # fmt: skip
        "project": {"package": project.package, "name": project.name},
        "findings": [
            {
                "label": str(jakon.FINDINGS[status]),
                "regulation": JAKON_REGULATION,
                "evidence": evidence,
            }
            for status in step.findings
        ],
        "legal_basis": [*LEGAL_BASIS[:2], *JAKON_BASIS, *LEGAL_BASIS[2:]],
    }


def letter_content(step: FollowUp) -> dict[str, Any]:
    """What a letter says."""
    regency = configured_regency()
    if step.project is not None:
        subject = _project_part(step.project, step)
        ask = _(
            "We ask you to register the project's workers in the Jakon programme of BPJS"
            " Ketenagakerjaan and to send proof to the Labour Office by"
        )
    else:
        assert step.business is not None  # the model's constraint: one or the other
        subject = _business_part(step.business, step)
        ask = _(
            "We ask you to register all your workers in the programmes required and to"
            " report their wages truly, and to send proof to the Labour Office by"
        )
    return {
        "regency": regency.display_name if regency else "",
        "title": capfirst(str(Step(step.step).label)),  # "Teguran tertulis I", not "… i"
        "date": formats.date_format(step.done_at, "j F Y"),
        "deadline": formats.date_format(step.deadline, "j F Y") if step.deadline else "",
        **subject,
        "signer": _("Head of the Labour Office"),
        "labels": {
            "to": _("To"),
            "subject": _("Subject"),
            "findings": _("Findings"),
            "basis": _("Legal basis"),
            "ask": ask,
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
        "{{ labels.to }}: {{ business.name }}{% if business.nib %} (NIB {{ business.nib }}"
        "{% if business.npp %}, NPP {{ business.npp }}{% endif %}){% endif %}"
        "{% if business.address %}, {{ business.address }}{% endif %}"
        "{% if project %}, {{ project.package }} {{ project.name }}{% endif %}"
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


def letter(step: FollowUp, kind: str, *, user: User | None) -> tuple[bytes, str]:
    """The letter of a step as (bytes, file name); audited, it carries an employer's data."""
    content = letter_content(step)
    data = letter_docx(content) if kind == "docx" else letter_pdf(content)
    target = follow_up.target(step.subject)
    record_audit(
        action="employers.letter", user=user, target=target,
        details={"step": step.step, "format": kind, "follow_up": step.pk},
    )  # fmt: skip
    return data, f"{step.step}-{target.split(':', 1)[1]}.{kind}"
