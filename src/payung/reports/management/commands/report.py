import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.lib.commands import PayungCommand
from payung.lib.months import parse_month
from payung.reports import services, tasks
from payung.reports.documents import FORMATS, report_file
from payung.reports.models import MonthlyReport


class Command(PayungCommand):
    help = _(
        "Monthly reports to the Regent: make one now (frozen figures, kept in the list) and"
        " write it as PDF or .docx, list those made, or put the monthly job on the queue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["monthly", "list", "schedule"], help=_("what to do"))
        parser.add_argument("--month", help=_("the month reported on, YYYY-MM (default: latest)"))
        parser.add_argument("--format", choices=FORMATS, default="pdf", help=_("file format"))
        parser.add_argument("--out", type=Path, metavar="BERKAS", help=_("write the file here"))
        parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "schedule":
            done = tasks.schedule()
            when = tasks.next_run().strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                _("monthly report scheduled for %(when)s") % {"when": when}
                if done
                else _("the monthly report is already on the queue")
            )
            return
        if action == "list":
            rows: list[dict[str, Any]] = [
                {"id": r.pk, "month": r.month.strftime("%Y-%m"), "made_at": r.made_at.isoformat(),
                 "trigger": r.trigger}
                for r in MonthlyReport.objects.all()
            ]  # fmt: skip
            if options["json"]:
                self.stdout.write(json.dumps(rows))
            for row in [] if options["json"] else rows:
                self.stdout.write(f"{row['id']:>4}  {row['month']}  {row['made_at'][:16]}")
            return
        user = acting_user(options["as_user"], "reports.manage")
        try:
            month = parse_month(options["month"]) if options["month"] else None
        except ValueError:
            raise CommandError(
                _("--month must be YYYY-MM, got %(value)r") % {"value": options["month"]}
            ) from None
        report = services.make_monthly_report(month=month, user=user)
        if options["out"]:
            made = report_file(report, options["format"], user=user)
            try:
                options["out"].write_bytes(made.data)
            except OSError as exc:
                raise CommandError(str(exc)) from exc
        found = {"id": report.pk, "month": report.data["month"][:7],
                 "out": str(options["out"]) if options["out"] else None}  # fmt: skip
        self.stdout.write(
            json.dumps(found)
            if options["json"]
            else _("report %(id)s of %(month)s made") % found
            + (f"; {found['out']}" if found["out"] else "")
        )
