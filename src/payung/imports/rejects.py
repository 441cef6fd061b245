"""The rows to send back to the village: rejected and flagged rows with the reason, as .xlsx."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from django.utils.translation import gettext as _

from payung.accounts.masking import mask_birth_date, mask_niks_in, mask_sex
from payung.imports.messages import describe, shown_value
from payung.imports.models import ImportBatch, ImportIssue, ImportRow, Severity


def write_issue_workbook(batch_id: int, target: Path | IO[bytes], *, full_nik: bool) -> int:
    """Write one row per problem row, the original columns after the reason. Returns rows.
    Without `full_nik`, every NIK-like number in any cell or reason is masked, and the birth
    date and sex columns keep only the year and nothing (payung.accounts.masking)."""
    batch = ImportBatch.objects.get(pk=batch_id)
    cut_down = {
        batch.column_map.get("birth_date"): mask_birth_date,
        batch.column_map.get("sex"): mask_sex,
    }
    issues = (
        ImportIssue.objects.filter(batch=batch)
        .order_by("source_row", "severity", "code")
        .values_list("source_row", "severity", "code", "field", "value")
    )
    # Both in source-row order: each problem row meets its issues without holding them all.
    rows = _Rows(
        ImportRow.objects.filter(batch=batch)
        .order_by("source_row")
        .values_list("source_row", "raw")
        .iterator()
    )
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet(_("Rows to correct")[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E8F5EE"})
    written = 0
    original_columns: list[str] | None = None
    for source_row, group in itertools.groupby(issues.iterator(), key=lambda i: i[0]):
        problems = list(group)
        raw = rows.take(source_row)
        if original_columns is None:
            original_columns = batch.source_columns or list(raw)
            header = [_("Row"), _("Status"), _("Reason"), *original_columns]
            for col, title in enumerate(header):
                sheet.write_string(0, col, title, bold)
        rejected = any(p[1] == Severity.REJECTED for p in problems)
        reasons = " ".join(
            describe(p[2], shown_value(p[3], p[4], full_nik), severity=p[1], field=p[3])
            for p in problems
        )
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
            if not full_nik:
                text = cut_down.get(name, mask_niks_in)(text)
            sheet.write_string(written, col, text)  # text, so Excel cannot damage a NIK again
    if original_columns is None:
        sheet.write_string(0, 0, _("No rejected or flagged rows."))
    workbook.close()
    return written


class _Rows:
    """The batch's problem rows in source-row order, taken one source row at a time."""

    def __init__(self, rows: Iterator[tuple[int, Any]]) -> None:
        self._rows = rows
        self._next: tuple[int, Any] | None = next(rows, None)

    def take(self, source_row: int) -> dict[str, Any]:
        while self._next is not None and self._next[0] < source_row:
            self._next = next(self._rows, None)
        if self._next is None or self._next[0] != source_row:
            return {}
        raw = self._next[1]
        self._next = next(self._rows, None)
        return json.loads(raw) if isinstance(raw, str) else dict(raw)
