"""The report as .docx, filled by docxtpl into a template the regency edits in Word.

The template lives in the data folder (`documents/laporan-monev.docx`, see lib.documents). The
first time it is needed Payung writes a plain default there with python-docx: a header with
the letterhead, the summary, a table per instruction and per agency, the charts (Typst's PNGs)
and the recommendations. The regency may restyle it, move blocks, add its own text; the
`{{ … }}` and `{%tr … %}` tags name the data (payung.monev.report.content)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate, InlineImage

from payung.lib import documents
from payung.monev.report.pdf import chart_png

TEMPLATE = "laporan-monev.docx"


def _tag(expression: str) -> str:
    return "{{ " + expression + " }}"


def write_default(path: Path) -> None:
    doc = documents.new_docx()

    for text, size in (("{{ labels.title }}", 22), ("{{ labels.subtitle }}", 13)):
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run(text)
        run.bold, run.font.size = size > 20, Pt(size)
    doc.add_paragraph("{{ labels.period }} {{ period }} · {{ labels.taken }}: {{ taken }}")
    doc.add_paragraph("{{ regency }}").add_run().add_break(WD_BREAK.PAGE)

    doc.add_heading("{{ labels.summary }}", level=1)
    doc.add_paragraph("{% if error %}{{ labels.error }}: {{ error }}{% endif %}")
    doc.add_paragraph("{{ labels.score }}: {{ score }}").runs[0].bold = True
    coverage = doc.add_table(rows=3, cols=2)
    coverage.style = "Table Grid"
    for row, key in zip(coverage.rows, ("registry", "official", "target"), strict=True):
        row.cells[0].text = _tag(f"labels.{key}") + " (" + _tag("coverage.month") + ")"
        row.cells[1].text = _tag(f"coverage.{key}")
    ranked = ["{{ o.rank }}", "{{ o.name }}", "{{ o.score }}", "{{ o.change }}"]
    headers = ["{{ labels.rank }}", "{{ labels.agency }}", "{{ labels.score_short }}"]
    headers.append("{{ labels.change }}")
    for block in ("best", "lagging"):
        doc.add_heading(_tag(f"labels.{block}"), level=2)
        documents.loop_table(doc, headers, f"for o in {block}", ranked)
    doc.add_heading("{{ labels.chart_instructions }}", level=2)
    doc.add_paragraph("{{ chart_instructions }}")
    doc.add_paragraph("{{ labels.legend }} {{ labels.method }}")

    doc.add_heading("{{ labels.kecamatan }} ({{ coverage.month }})", level=2)
    documents.loop_table(
        doc,
        ["{{ labels.kecamatan_name }}", "{{ labels.registry }}", "{{ labels.official }}",
         "{{ labels.target }}"],
        "for k in coverage.kecamatan",
        ["{{ k.name }}", "{{ k.registry }}", "{{ k.official }}", "{{ k.target }}"],
    )  # fmt: skip

    doc.add_heading("{{ labels.instructions }}", level=1)
    doc.add_paragraph("{%p for ins in instructions %}")
    doc.add_heading("{{ ins.code }} {{ ins.name }}", level=2)
    doc.add_paragraph("{{ labels.weight }} {{ ins.weight }} · {{ labels.score }}: {{ ins.score }}")
    documents.loop_table(
        doc,
        ["{{ labels.action }} / {{ labels.indicator }}", "{{ labels.weight }}",
         "{{ labels.achievement }}"],
        "for r in ins.rows",
        ["{% if not r.action %}    {% endif %}{{ r.code }} {{ r.name }}", "{{ r.weight }}",
         "{{ r.score }}"],
    )  # fmt: skip
    doc.add_paragraph("{%p endfor %}")

    doc.add_heading("{{ labels.opds }}", level=1)
    documents.loop_table(doc, headers, "for o in opds", ranked)
    doc.add_paragraph("{%p for o in opds %}")
    doc.add_heading(
        '{% if o.rank != "–" %}{{ o.rank }}. {% endif %}{{ o.name }} — {{ o.score }}', level=2
    )
    documents.loop_table(
        doc,
        ["{{ labels.indicator }}", "{{ labels.target }}", "{{ labels.realisation }}",
         "{{ labels.achievement }}", "{{ labels.status }}"],
        "for i in o.results",
        ["{{ i.code }} {{ i.name }}", "{{ i.target }}", "{{ i.value }}", "{{ i.achievement }}",
         "{{ i.status }}"],
    )  # fmt: skip
    doc.add_paragraph("{%p endfor %}")

    doc.add_heading("{{ labels.charts }}", level=1)
    doc.add_paragraph("{{ labels.chart_opds }}")
    doc.add_paragraph("{{ chart_opds }}")

    doc.add_heading("{{ labels.recommendations }}", level=1)
    doc.add_paragraph("{%p for r in recommendations %}")
    doc.add_paragraph("{{ loop.index }}. {{ r }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{% if not recommendations %}{{ labels.none }}{% endif %}")
    doc.save(str(path))


def report_docx(content: dict[str, Any]) -> bytes:
    def charts(template: DocxTemplate) -> dict[str, Any]:
        return {
            f"chart_{which}": InlineImage(
                template, io.BytesIO(chart_png(content, which)), width=Cm(16)
            )
            for which in ("opds", "instructions")
        }

    return documents.render_docx(TEMPLATE, write_default, content, charts)
