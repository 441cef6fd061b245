"""The monthly report as PDF (Typst, as the monev report: see payung.monev.report.pdf for why)
and as .docx (docxtpl, on a template the regency edits in Word, written to
`documents/laporan-bulanan.docx` in the data folder the first time it is needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.lib import documents
from payung.reports import monthly
from payung.reports.models import MonthlyReport

LAYOUT = Path(__file__).resolve().parent / "templates" / "reports" / "monthly"
TEMPLATE = "laporan-bulanan.docx"


def report_pdf(content: dict[str, Any]) -> bytes:
    return documents.typst_file([LAYOUT / "report.typ"], content)


def write_default(path: Path) -> None:
    doc = documents.new_docx()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("{{ labels.title }}")
    run.bold, run.font.size = True, Pt(17)
    doc.add_paragraph("{{ labels.subtitle }}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("{{ labels.month }}: {{ month }} · {{ labels.taken }}: {{ taken }}")

    doc.add_heading("{{ labels.coverage }}", level=1)
    doc.add_paragraph("{{ coverage.kind }}: {{ coverage.share }} · {{ labels.target }}:"
                      " {{ coverage.target }} · {{ labels.gap }}: {{ coverage.gap }}")  # fmt: skip
    doc.add_paragraph("{{ coverage.population }}")
    documents.loop_table(
        doc,
        ["{{ labels.kecamatan }}", "{{ labels.workers }}", "{{ labels.active }}",
         "{{ labels.registry }}", "{{ labels.official }}"],
        "for k in kecamatan",
        ["{{ k.name }}", "{{ k.workers }}", "{{ k.active }}", "{{ k.coverage }}", "{{ k.ucj }}"],
    )  # fmt: skip

    doc.add_heading("{{ labels.poor }}", level=1)
    doc.add_paragraph("{{ labels.deciles_poor }}: {{ poor.poor }}")
    doc.add_paragraph("{{ labels.deciles_rest }}: {{ poor.rest }}")
    doc.add_paragraph("{{ labels.poverty }}: {{ poor.poverty or labels.not_yet }}")

    doc.add_heading("{{ labels.money }}", level=1)
    doc.add_paragraph("{{ money.error }}")
    documents.loop_table(
        doc,
        ["{{ labels.source }}", "{{ labels.budget }}", "{{ labels.committed }}",
         "{{ labels.billed }}", "{{ labels.paid }}"],
        "for s in money.sources",
        ["{{ s.label }}", "{{ s.budget }}", "{{ s.committed }}", "{{ s.billed }}", "{{ s.paid }}"],
    )  # fmt: skip
    doc.add_paragraph()  # Word joins two tables that touch into one
    documents.loop_table(
        doc,
        ["{{ labels.programme }}", "{{ labels.source }}", "{{ labels.enrolled }}",
         "{{ labels.paid }}"],
        "for p in money.programmes",
        ["{{ p.name }}", "{{ p.source }}", "{{ p.enrolled }}", "{{ p.paid }}"],
    )  # fmt: skip

    doc.add_heading("{{ labels.benefits }}", level=1)
    doc.add_paragraph("{% if benefits.any %}{{ benefits.paid }}: {{ benefits.summary }}"
                      "{% else %}{{ labels.not_yet }}{% endif %}")  # fmt: skip
    documents.loop_table(
        doc,
        ["{{ labels.claim_type }}", "{{ labels.claims }}", "{{ labels.paid }}", "Rp",
         "{{ labels.in_process }}"],
        "for t in benefits.by_type",
        ["{{ t.label }}", "{{ t.claims }}", "{{ t.paid_claims }}", "{{ t.paid }}",
         "{{ t.in_process }}"],
    )  # fmt: skip
    doc.add_paragraph("{{ labels.assisted }}: {{ benefits.assisted }}")

    doc.add_heading("{{ labels.outreach }}", level=1)
    doc.add_paragraph(
        "{% if outreach.any %}{{ outreach.summary }}{% else %}{{ labels.outreach_none }}{% endif %}"
    )
    documents.loop_table(
        doc,
        ["{{ labels.company }}", "{{ labels.pledged }}", "{{ labels.paid }}",
         "{{ labels.workers_pledged }}", "{{ labels.enrolled }}", "{{ labels.state }}"],
        "for p in outreach.pledges",
        ["{{ p.company }}", "{{ p.amount }}", "{{ p.paid }}", "{{ p.workers }}",
         "{{ p.enrolled }}", "{{ p.state }}"],
    )  # fmt: skip

    doc.add_heading("{{ labels.compliance }}", level=1)
    doc.add_paragraph(
        "{% if employers %}{{ labels.compliant }}: {{ employers.compliant }}; {{ labels.jakon }}:"
        " {{ employers.jakon }}; {{ labels.overdue }}: {{ employers.overdue }}"
        "{% else %}{{ labels.not_yet }}{% endif %}"
    )

    doc.add_heading("{{ labels.monev }}", level=1)
    doc.add_paragraph(
        "{% if monev %}{{ monev.period }} · {{ labels.score }}: {{ monev.score }}"
        "{% for o in monev.lagging %}{% if loop.first %} · {{ labels.lagging }}: {% endif %}"
        "{{ o.name }} ({{ o.score }}){% if not loop.last %}, {% endif %}{% endfor %}"
        "{% else %}{{ labels.not_yet }}{% endif %}"
    )

    doc.add_heading("{{ labels.recommendations }}", level=1)
    doc.add_paragraph("{%p for r in recommendations %}")
    doc.add_paragraph("{{ loop.index }}. {{ r }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{% if not recommendations %}{{ labels.none }}{% endif %}")
    doc.save(str(path))


def report_docx(content: dict[str, Any]) -> bytes:
    return documents.render_docx(TEMPLATE, write_default, content)


# The two forms of the Regent's documents (the monthly report, the Paritrana dossier).
FORMATS = ("pdf", "docx")
TYPES = {"pdf": documents.PDF_TYPE, "docx": documents.DOCX_TYPE}


def report_file(
    report: MonthlyReport, kind: str, *, user: User | None = None
) -> documents.DocumentFile:
    """The report as `kind`, drawn from its frozen figures; each download is audited."""
    if kind not in FORMATS:
        raise ValueError(f"unknown report format {kind!r}")
    written = monthly.content(report.data)
    data = report_pdf(written) if kind == "pdf" else report_docx(written)
    record_audit(
        action="reports.monthly_file", user=user, target=f"monthly:{report.pk}",
        details={"format": kind, "month": report.data["month"], "bytes": len(data)},
    )  # fmt: skip
    name = f"laporan-bulanan-{report.month:%Y-%m}-{report.pk}.{kind}"
    return documents.DocumentFile(data, name, TYPES[kind])
