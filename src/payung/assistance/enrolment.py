"""The file that leaves the office: the collective BPU enrolment workbook for BPJS TK.

NIKs are written as text cells (payung.lib.spreadsheet.as_xlsx writes every non-number as text), so
Excel cannot cut them to 15 digits (the brief's first NIK fault) when the branch opens the file.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.assistance.models import Beneficiary, Programme, Status
from payung.assistance.services import AssistanceError, audit
from payung.contributions.models import Programme as Cover
from payung.lib.spreadsheet import as_xlsx

# The columns of a collective (kolektif) BPU registration as BPJS TK branches ask for them.
ENROLMENT_COLUMNS = (
    "NO", "NIK", "NAMA LENGKAP", "JENIS KELAMIN", "TANGGAL LAHIR", "NO HP", "PEKERJAAN",
    "KODE DESA", "DESA", "KECAMATAN", "PENGHASILAN", "PROGRAM", "BULAN MULAI", "JUMLAH BULAN",
    "SUMBER DANA", "NAMA PROGRAM",
)  # fmt: skip


def to_enrol(programme: Programme) -> QuerySet[Beneficiary]:
    """Verified by their desa and not yet enrolled."""
    return (
        programme.beneficiaries.filter(status=Status.VERIFIED)
        .select_related("worker", "desa", "desa__parent")
        .order_by("desa_id", "worker__name", "worker_id")
    )


def enrolment_rows(programme: Programme) -> list[list[Any]]:
    programs = ", ".join(Cover(p).name for p in programme.programs)
    rows: list[list[Any]] = [list(ENROLMENT_COLUMNS)]
    for n, b in enumerate(to_enrol(programme), start=1):
        w = b.worker
        rows.append([
            n, w.nik or "", w.name, w.sex,
            w.birth_date.strftime("%d-%m-%Y") if w.birth_date else "", w.phone, w.occupation,
            b.desa_id, b.desa.name, b.desa.parent.name if b.desa.parent else "",
            programme.declared_income, programs, programme.start_month.strftime("%m-%Y"),
            programme.months, programme.get_funding_source_display(), programme.name,
        ])  # fmt: skip
    return rows


def export(
    programme: Programme, *, user: User | None, ip_address: str | None = None
) -> tuple[bytes, int]:
    """The enrolment workbook and how many workers it lists. Full NIKs leave the office, so
    the PDP trail records who took them."""
    rows = enrolment_rows(programme)
    if len(rows) == 1:
        raise AssistanceError(
            _("No verified workers wait for enrolment in programme %(id)s.") % {"id": programme.pk}
        )
    audit(user, "enrolment_file", programme, ip_address=ip_address, rows=len(rows) - 1)
    return as_xlsx(rows, "pendaftaran BPU"), len(rows) - 1
