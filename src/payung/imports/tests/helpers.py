"""Small builders for import tests: files written the way people make them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from payung.imports.models import ImportBatch

WORKER_HEADER = ["NIK", "Nama Lengkap", "JK", "Tgl Lahir", "Kode Desa", "Pekerjaan", "Penghasilan"]


def write_csv(path: Path, rows: list[list[str]], *, sep: str = ",", bom: bool = False) -> Path:
    text = "\n".join(sep.join(cell for cell in row) for row in rows) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def assert_rows_accounted(batch_id: int) -> ImportBatch:
    batch = ImportBatch.objects.get(pk=batch_id)
    assert batch.rows == batch.accepted + batch.rejected
    rejected_rows = set(
        batch.issues.filter(severity="rejected").values_list("source_row", flat=True)
    )
    assert len(rejected_rows) == batch.rejected
    return batch
