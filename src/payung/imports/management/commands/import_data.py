import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from payung.imports.errors import ImportRefused
from payung.imports.models import Kind
from payung.imports.rejects import write_issue_workbook
from payung.imports.services import run_import


class Command(BaseCommand):
    help = "Import a worker list or a BPJS participant export (.csv or .xlsx): import KIND PATH."
    # Django's system checks import every view (and all they import) only to look at them: a
    # third of a second before each import. `payung check` and the other commands run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=Kind.values)
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="use COLUMN for FIELD when the header is not recognised (repeatable)",
        )
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument(
            "--issues", type=Path, metavar="PATH.xlsx", help="write rejected and flagged rows"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        overrides = {}
        for item in options["map"]:
            field, sep, column = item.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise CommandError(f"--map needs FIELD=COLUMN, got {item!r}")
            overrides[field.strip()] = column.strip()
        try:
            result = run_import(options["kind"], options["path"], overrides=overrides)
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        if options["issues"]:
            write_issue_workbook(result.batch, options["issues"], full_nik=True)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(
            f"batch {result.batch}: {result.rows} rows = {result.accepted} accepted "
            f"({result.flagged} flagged) + {result.rejected} rejected; "
            f"{result.inserted} new, {result.updated} updated, {result.unchanged} unchanged "
            f"in {result.seconds:.2f} s"
        )
        for warning in result.warnings:
            self.stdout.write(f"warning: {warning}")
