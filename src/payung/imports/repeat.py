"""A file imported again unchanged: its earlier batch's result, without validating a row.

Villages send the same list again, and clerks upload one twice. Validating a million rows and
comparing each with the stored one (8 s at 1M workers) only to find every row unchanged is
work whose outcome is known. What an import does is a function of
- the file (its bytes, the sheet, its name, which the rows keep as their source) and how it
  is read (the kind, the scope, the columns the user named),
- the code that reads, validates and writes it, the year (a two-digit year, 80 or 05, is
  read against it) and the language (the batch's warnings are written in it),
- and what the kind's `state` says for the importing user: the lists validation reads (the
  desa) and the rows the table holds, as they stand.

The first two make the batch's `content_key`; the third is kept after the write as
`state_after`. An import whose key is an earlier batch's, into a table whose state is still
what that batch left, is that batch again: every row it accepted is found unchanged, and
its issues are the same. The new batch copies them and its figures, in SQL, and writes no
row. Anything else (one cell changed, a change request approved since, another list
imported that wrote a row) takes the full path. A change of one row still validates the
whole file: how one row's validation depends on the rows before it (a NIK repeated, a
fallback key's occurrence) would have to be tracked row by row first.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import polars as pl
from django.db import models
from django.db.models import Count, Max
from django.utils import translation

import payung
from payung.imports import writer
from payung.imports.kinds import ImportKind
from payung.imports.models import ImportBatch


@functools.cache
def code_version() -> str:
    """A digest of Payung's own code and data files as installed, and of the Polars that runs
    them: a new release, or any edit, validates every file afresh."""
    digest = hashlib.sha256(pl.__version__.encode())
    root = Path(payung.__file__).parent
    paths = sorted(
        p
        for p in root.rglob("*")
        if p.suffix in {".py", ".json", ".csv"} and "tests" not in p.relative_to(root).parts
    )
    for path in paths:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(
    kind: ImportKind,
    *,
    file_sha256: str,
    file_name: str,
    scope: str,
    sheet: str | None,
    overrides: dict[str, str] | None,
) -> str:
    """What decides the rows an import of this file makes, besides the kind's state."""
    parts: dict[str, Any] = {
        "kind": kind.name,
        "file": file_sha256,
        "name": file_name,
        "scope": scope,
        "sheet": sheet,
        "columns": sorted((overrides or {}).items()),
        "code": code_version(),
        "year": dt.date.today().year,
        "language": translation.get_language(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def table_state(model: type[models.Model]) -> str:
    """The rows a table holds, as a few figures that any insert, update (each sets
    updated_at) or delete changes."""
    figures = model._default_manager.aggregate(
        rows=Count("pk"), last=Max("pk"), changed=Max("updated_at")
    )
    changed = figures["changed"]
    return f"{figures['rows']} {figures['last']} {changed.isoformat() if changed else '-'}"


def frame_digest(frame: pl.DataFrame) -> str:
    """A short digest of a small lookup frame (the desa list), for a kind's state."""
    return hashlib.sha256(frame.sort(frame.columns).write_csv().encode()).hexdigest()[:16]


def earlier_batch(kind: str, key: str, state: str) -> ImportBatch | None:
    """The latest batch of the same file whose table is still as it left it."""
    return (
        ImportBatch.objects.filter(kind=kind, content_key=key, state_after=state)
        .order_by("-pk")
        .first()
    )


def copy_issues(earlier: ImportBatch, batch: ImportBatch) -> None:
    """The earlier batch's issues and problem rows, as this batch's: set-based, in SQL."""
    writer.execute(
        "INSERT INTO imports_importissue (batch_id, source_row, severity, code, field, value)"
        " SELECT %s, source_row, severity, code, field, value FROM imports_importissue"
        " WHERE batch_id = %s",
        [batch.pk, earlier.pk],
    )
    writer.execute(
        "INSERT INTO imports_importrow (batch_id, source_row, raw)"
        " SELECT %s, source_row, raw FROM imports_importrow WHERE batch_id = %s",
        [batch.pk, earlier.pk],
    )
