"""Run an import: read, match headers, validate, and write in one transaction."""

from __future__ import annotations

import hashlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import polars as pl
from django.db import transaction
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.imports import kinds, repeat, writer
from payung.imports.errors import ImportRefused
from payung.imports.headers import match_columns
from payung.imports.models import ImportBatch
from payung.imports.prepare import Prepared
from payung.imports.reading import NUMERIC_SUFFIX, SOURCE_ROW, data_sheets, read_table_noting
from payung.imports.rejects import write_issue_workbook

Progress = Callable[[str, float], None]


@dataclass
class ImportResult:
    batch: int
    kind: str
    file: str
    rows: int
    accepted: int
    rejected: int
    flagged: int
    inserted: int
    updated: int
    unchanged: int
    warnings: list[str]
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _no_progress(phase: str, fraction: float) -> None:
    return None


def run_import(
    kind: str,
    path: Path,
    *,
    file_name: str | None = None,
    user: User | None = None,
    overrides: dict[str, str] | None = None,
    progress: Progress = _no_progress,
    scope: str = "",
    sheet: str | None = None,
) -> ImportResult:
    """Import one file (a workbook's `sheet`, or its first). Raises ImportRefused (nothing
    written) when the file as a whole cannot be used; otherwise every row is accounted for as
    accepted or rejected. The kind's event is announced in the same transaction when a row
    was inserted or updated: the apps that react to it (coverage's snapshot, assistance's
    reconciliation) run on the task queue after the commit."""
    started = time.perf_counter()
    spec = kinds.get(kind)
    scope = scope.strip()
    if bool(spec.scope) != bool(scope):
        raise ImportRefused(
            _("A file of %(kind)s belongs to one %(scope)s: name it.")
            % {"kind": spec.label, "scope": spec.scope}
            if spec.scope
            else _("A file of %(kind)s takes no scope.") % {"kind": spec.label}
        )
    name = file_name or path.name
    progress("read", 0.05)
    table, read_notes = read_table_noting(path, sheet=sheet)
    file_sha256 = _sha256(path)
    # Read first: a file refused as read is refused again, however it was taken before.
    # The same file into a table nothing wrote since: the earlier batch's result (repeat).
    state = spec.state(user) if spec.state else None
    key = ""
    if state is not None:
        key = repeat.content_key(
            spec,
            file_sha256=file_sha256,
            file_name=name,
            scope=scope,
            sheet=sheet,
            overrides=overrides,
        )
        earlier = repeat.earlier_batch(kind, key, state)
        if earlier is not None:
            return _repeated(earlier, name, file_sha256, user, scope, key, state, started, progress)
    headers = [c for c in table.columns if c != SOURCE_ROW and not c.endswith(NUMERIC_SUFFIX)]
    match = match_columns(headers, spec.synonyms, spec.required, overrides or {})
    progress("validate", 0.3)
    # Each part is validated in a thread while the one before is written; the first meanwhile
    # the batch is made and the stored rows are read.
    parts = _OneAhead(spec.prepare(table, match.columns, name, scope))
    checked: list[Prepared] = []

    def accepted() -> Iterator[pl.DataFrame]:
        for part in parts:
            checked.append(part)
            done = sum(p.rows for p in checked) / max(table.height, 1)
            progress("write", 0.3 + 0.6 * done)
            yield part.accepted

    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                kind=kind,
                file_name=name,
                file_sha256=file_sha256,
                imported_by=user,
                column_map=match.columns,
                source_columns=headers,
                scope=scope,
            )
            inserted, updated, unchanged = spec.write(accepted(), batch.pk, table.height)
            issues = pl.concat([part.issues for part in checked])
            writer.bulk_load(
                "imports_importissue",
                issues.with_columns(pl.lit(batch.pk).alias("batch_id")),
                ["batch_id", "source_row", "severity", "code", "field", "value"],
            )
            writer.bulk_load(
                "imports_importrow",
                pl.concat([part.problem_rows for part in checked]).with_columns(
                    pl.lit(batch.pk).alias("batch_id")
                ),
                ["batch_id", "source_row", "raw"],
            )
            batch.rows = sum(part.rows for part in checked)
            batch.rejected = sum(part.rejected for part in checked)
            batch.accepted = batch.rows - batch.rejected
            batch.flagged = sum(part.flagged for part in checked)
            batch.warnings = read_notes + _warnings(
                match.ignored, match.columns, batch.rows, issues
            )
            batch.inserted, batch.updated, batch.unchanged = inserted, updated, unchanged
            if key and spec.state:
                batch.content_key, batch.state_after = key, spec.state(user) or ""
            batch.seconds = round(time.perf_counter() - started, 3)
            batch.save()
            _audit(batch, user)
            # A file that changed no row (the same list again) leaves every reaction's result
            # as it was: nothing to announce. At 1M workers the reactions (the coverage
            # snapshot first) took about 6 s of an unchanged re-import's 14.
            if inserted or updated:
                spec.changed.announce(user=user, batch=batch.pk)
    finally:
        parts.close()
    progress("done", 1.0)
    return _result(batch)


def _result(batch: ImportBatch) -> ImportResult:
    return ImportResult(
        batch=batch.pk,
        kind=batch.kind,
        file=batch.file_name,
        rows=batch.rows,
        accepted=batch.accepted,
        rejected=batch.rejected,
        flagged=batch.flagged,
        inserted=batch.inserted,
        updated=batch.updated,
        unchanged=batch.unchanged,
        warnings=list(batch.warnings),
        seconds=batch.seconds,
    )


def _repeated(
    earlier: ImportBatch,
    name: str,
    file_sha256: str,
    user: User | None,
    scope: str,
    key: str,
    state: str,
    started: float,
    progress: Progress,
) -> ImportResult:
    """A batch that repeats `earlier` (imports.repeat): its figures and issues, every row it
    accepted unchanged, nothing written to the table and nothing announced."""
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=earlier.kind,
            file_name=name,
            file_sha256=file_sha256,
            imported_by=user,
            column_map=earlier.column_map,
            source_columns=earlier.source_columns,
            scope=scope,
            rows=earlier.rows,
            accepted=earlier.accepted,
            rejected=earlier.rejected,
            flagged=earlier.flagged,
            unchanged=earlier.accepted,
            warnings=earlier.warnings,
            content_key=key,
            state_after=state,
            same_as=earlier,
        )
        repeat.copy_issues(earlier, batch)
        batch.seconds = round(time.perf_counter() - started, 3)
        batch.save(update_fields=["seconds"])
        _audit(batch, user, same_as=earlier.pk)
    progress("done", 1.0)
    return _result(batch)


def _audit(batch: ImportBatch, user: User | None, **details: Any) -> None:
    record_audit(
        action=f"import.{batch.kind}",
        user=user,
        target=f"batch:{batch.pk}",
        details={
            "file": batch.file_name,
            "rows": batch.rows,
            "rejected": batch.rejected,
            "scope": batch.scope or None,
            **details,
        },
    )


@dataclass
class WorkbookImport:
    results: list[ImportResult]  # a batch per sheet imported
    skipped: list[str]  # the sheets left out, each with why, in words


# Between a workbook's name and a sheet's, in the batch's file name and so in each row's
# provenance: "desa.xlsx › Bongo Nol", row 12.
SHEET_MARK = " › "


def run_workbook(
    kind: str,
    path: Path,
    *,
    file_name: str | None = None,
    sheet: str | None = None,
    **options: Any,
) -> WorkbookImport:
    """Import a file as its user made it. A CSV file, a named `sheet` or a workbook with one
    sheet of data is one batch. A workbook with several (villages often keep one sheet per
    desa) is a batch per sheet, its file name naming the sheet, so that each row's provenance
    says which sheet and which row of it, and rows in = accepted + rejected holds sheet by
    sheet; a sheet the user names is named so too. A sheet that cannot be imported (a
    summary sheet without the kind's columns) is left out and said; if no sheet can, the
    first sheet's refusal stands. `options` are run_import's."""
    name = file_name or path.name
    if sheet:
        named = f"{name}{SHEET_MARK}{sheet}"[:255]
        return WorkbookImport([run_import(kind, path, file_name=named, sheet=sheet, **options)], [])
    sheets = data_sheets(path)
    if len(sheets) <= 1:
        only = sheets[0] if sheets else None
        return WorkbookImport([run_import(kind, path, file_name=name, sheet=only, **options)], [])
    results, skipped, refusals = [], [], []
    for each in sheets:
        try:
            named = f"{name}{SHEET_MARK}{each}"[:255]
            results.append(run_import(kind, path, file_name=named, sheet=each, **options))
        except ImportRefused as refusal:
            refusals.append(refusal)
            skipped.append(
                _("Sheet %(sheet)s was left out: %(reason)s") % {"sheet": each, "reason": refusal}
            )
    if not results:
        raise refusals[0]
    return WorkbookImport(results, skipped)


def save_issue_workbook(
    batch_id: int, target: Path | IO[bytes], *, user: User | None, full_nik: bool
) -> int:
    """The rows to send back to the village, as .xlsx (imports.rejects): a copy of personal
    data leaving Payung, so the audit trail says who took it and whether NIKs were whole."""
    rows = write_issue_workbook(batch_id, target, full_nik=full_nik)
    record_audit(
        action="import.issues_download",
        user=user,
        target=f"batch:{batch_id}",
        details={"rows": rows, "full_nik": full_nik},
    )
    return rows


class _OneAhead:
    """Iterates over what `parts` yields, computing the next part in a thread meanwhile: Polars
    works without holding the GIL, so checking part n+1 overlaps writing part n (a COPY that
    PostgreSQL does in its own process). The thread touches no database. close() it."""

    def __init__(self, parts: Iterator[Prepared]) -> None:
        self._ready: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._parts = parts
        self._thread = threading.Thread(target=self._produce, name="import-check", daemon=True)
        self._thread.start()

    def _produce(self) -> None:
        try:
            for part in self._parts:
                if not self._hand_over(("part", part)):
                    return
            self._hand_over(("end", None))
        except BaseException as exc:  # handed to the caller, which raises it
            self._hand_over(("error", exc))

    def _hand_over(self, item: tuple[str, Any]) -> bool:
        while not self._stop.is_set():
            try:
                self._ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[Prepared]:
        while True:
            what, item = self._ready.get()
            if what == "error":
                raise item
            if what == "end":
                return
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _warnings(
    ignored: list[str], columns: dict[str, str], rows: int, issues: pl.DataFrame
) -> list[str]:
    notes = []
    if ignored:
        notes.append(_("Columns not used: %(columns)s") % {"columns": ", ".join(ignored)})
    if "nik" not in columns:
        notes.append(_("The file has no NIK column: every row is flagged as missing its NIK."))
    if rows == 0:
        notes.append(_("The file has a header but no data rows."))
    excel = issues.filter(
        pl.col("code").is_in(["nik_excel_numeric", "nik_excel_scientific", "nik_serial_zero"])
    ).height
    if excel:
        notes.append(
            _(
                "%(count)d NIKs were damaged by Excel (stored as numbers). Format the NIK column "
                "as Text before typing or pasting NIKs."
            )
            % {"count": excel}
        )
    return notes
