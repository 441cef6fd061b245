import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.imports.errors import ImportRefused
from payung.imports.kinds import KINDS
from payung.imports.services import (
    SHEET_MARK,
    ImportResult,
    run_workbook,
    save_issue_workbook,
)
from payung.jobs.worker import run_pending
from payung.lib.commands import PayungCommand
from payung.lib.numbers import grouped


class Command(PayungCommand):
    help = _(
        "Import a worker list or a BPJS participant export (.csv, .xlsx, .xls or .ods): "
        "import KIND PATH. A workbook's every sheet with data is a batch of its own."
    )
    # Django's system checks import every view (and all they import) only to look at them: a
    # third of a second before each import. `payung check` and the other commands run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(KINDS), help=_("what the file holds"))
        parser.add_argument(
            "path", type=Path, metavar="BERKAS", help=_(".csv, .xlsx, .xls or .ods file")
        )
        parser.add_argument(
            "--sheet",
            default="",
            help=_("import only this sheet of a workbook (default: every sheet with data)"),
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help=_("use COLUMN for FIELD when the header is not recognised (repeatable)"),
        )
        parser.add_argument(
            "--scope",
            default="",
            help=_("what the file belongs to, for a kind that asks (e.g. an OPD code)"),
        )
        parser.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
        parser.add_argument(
            "--issues",
            type=Path,
            metavar="PATH.xlsx",
            help=_("write rejected and flagged rows, full NIKs included (audited)"),
        )
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        overrides = {}
        for item in options["map"]:
            field, sep, column = item.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise CommandError(_("--map needs FIELD=COLUMN, got %(item)r") % {"item": item})
            overrides[field.strip()] = column.strip()
        user = acting_user(options["as_user"], f"import.{options['kind']}")
        try:
            done = run_workbook(
                options["kind"],
                options["path"],
                sheet=options["sheet"] or None,
                user=user,
                overrides=overrides,
                scope=options["scope"],
            )
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        if options["issues"]:
            target: Path = options["issues"]
            for result in done.results:
                # A workbook's sheets: one correction workbook per batch, named by it.
                path = (
                    target
                    if len(done.results) == 1
                    else target.with_name(f"{target.stem}-{result.batch}{target.suffix}")
                )
                save_issue_workbook(result.batch, path, user=user, full_nik=True)
        # What the import changed is reacted to here and now (a running `payung worker` would
        # take the same tasks, one each), so figures are fresh when the command returns.
        run_pending(jobs=False)
        if options["json"]:
            summaries = [result.as_dict() for result in done.results]
            printed: Any = (
                summaries[0]
                if len(summaries) == 1
                else {"batches": summaries, "skipped": done.skipped}
            )
            self.stdout.write(json.dumps(printed, ensure_ascii=False))
            return
        for result in done.results:
            self._summary(result)
        for note in done.skipped:
            self.stdout.write(_("warning: %(warning)s") % {"warning": note})

    def _summary(self, result: ImportResult) -> None:
        if SHEET_MARK in result.file:
            self.stdout.write(result.file)
        self.stdout.write(
            _(
                "batch %(batch)s: %(rows)s rows = %(accepted)s accepted (%(flagged)s flagged)"
                " + %(rejected)s rejected; %(inserted)s new, %(updated)s updated,"
                " %(unchanged)s unchanged in %(seconds)s s"
            )
            % {
                "batch": result.batch,
                **{k: grouped(getattr(result, k)) for k in (
                    "rows", "accepted", "flagged", "rejected", "inserted", "updated", "unchanged"
                )},
                "seconds": f"{result.seconds:.2f}".replace(".", ","),
            }
        )  # fmt: skip
        for warning in result.warnings:
            self.stdout.write(_("warning: %(warning)s") % {"warning": warning})
