"""The report's three files from one snapshot, by format; each download is audited."""

from __future__ import annotations

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.lib.documents import DOCX_TYPE, PDF_TYPE, DocumentFile
from payung.lib.spreadsheet import XLSX_TYPE
from payung.monev.models import Snapshot
from payung.monev.report.content import content
from payung.monev.report.pdf import report_pdf
from payung.monev.report.tables import report_xlsx
from payung.monev.report.word import report_docx

FORMATS = ("pdf", "docx", "xlsx")
TYPES = {"pdf": PDF_TYPE, "docx": DOCX_TYPE, "xlsx": XLSX_TYPE}


def report_file(snapshot: Snapshot, kind: str, *, user: User | None = None) -> DocumentFile:
    if kind not in FORMATS:
        raise ValueError(f"unknown report format {kind!r}")
    if kind == "pdf":
        data = report_pdf(content(snapshot))
    elif kind == "docx":
        data = report_docx(content(snapshot))
    else:
        data = report_xlsx(snapshot)
    record_audit(
        action="monev.report", user=user, target=f"snapshot:{snapshot.pk}",
        details={"format": kind, "period": snapshot.data["period"], "bytes": len(data)},
    )  # fmt: skip
    period = snapshot.data["period"].replace(" ", "-")
    return DocumentFile(data, f"laporan-monev-{period}-{snapshot.pk}.{kind}", TYPES[kind])
