"""The rows to send back to the village: rejected and flagged rows with the reason, as .xlsx."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import IO

import xlsxwriter
from django.utils.translation import gettext as _

from payung.accounts.permissions import mask_nik
from payung.imports.messages import describe
from payung.imports.models import ImportBatch, ImportIssue, Severity


def write_issue_workbook(batch_id: int, target: Path | IO[bytes], *, full_nik: bool) -> int:
    """Write one row per problem row, the original columns after the reason. Returns rows."""
    batch = ImportBatch.objects.get(pk=batch_id)
    nik_column = batch.column_map.get("nik")
    issues = (
        ImportIssue.objects.filter(batch=batch)
        .order_by("source_row", "severity", "code")
        .values_list("source_row", "severity", "code", "value", "raw")
    )
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet(_("Rows to correct")[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E8F5EE"})
    written = 0
    original_columns: list[str] | None = None
    for source_row, group in itertools.groupby(issues.iterator(), key=lambda i: i[0]):
        problems = list(group)
        raw = problems[0][4]
        raw = json.loads(raw) if isinstance(raw, str) else raw
        if original_columns is None:
            original_columns = batch.source_columns or list(raw)
            header = [_("Row"), _("Status"), _("Reason"), *original_columns]
            for col, title in enumerate(header):
                sheet.write_string(0, col, title, bold)
        rejected = any(p[1] == Severity.REJECTED for p in problems)
        reasons = " ".join(describe(p[2], _shown(p[3], p[2], full_nik)) for p in problems)
        written += 1
        sheet.write_number(written, 0, source_row)
        sheet.write_string(
            written, 1, str(Severity.REJECTED.label if rejected else Severity.FLAGGED.label)
        )
        sheet.write_string(written, 2, reasons)
        for col, name in enumerate(original_columns, start=3):
            value = raw.get(name)
            if value is None:
                continue
            text = str(value)
            if name == nik_column and not full_nik:
                text = mask_nik(text)
            sheet.write_string(written, col, text)  # text, so Excel cannot damage a NIK again
    if original_columns is None:
        sheet.write_string(0, 0, _("No rejected or flagged rows."))
    workbook.close()
    return written


def _shown(value: str, code: str, full_nik: bool) -> str:
    return value if full_nik or not code.startswith("nik_") else mask_nik(value)
