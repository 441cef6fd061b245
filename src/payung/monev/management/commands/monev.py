import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.lib.commands import PayungCommand
from payung.monev import services
from payung.monev.report.files import FORMATS, report_file

NEEDS_QUARTER = ("open", "compute", "close", "report")


class Command(PayungCommand):
    help = _(
        "Inpres monitoring batches: seed the catalogue, open a quarter, fill its computed"
        " indicators, close it, write its report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["seed", *NEEDS_QUARTER], help=_("what to do"))
        parser.add_argument("--year", type=int, help=_("the quarter's year"))
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help=_("1 to 4"))
        parser.add_argument(
            "--format", choices=FORMATS, default="pdf", help=_("the report's form (report)")
        )
        parser.add_argument(
            "--out", type=Path, help=_("the report's file (report; default: its own name)")
        )
        parser.add_argument(
            "--fresh", action="store_true", help=_("take a new snapshot first (report)")
        )
        parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "seed":
            made = services.seed_catalogue()
            self.stdout.write(_("%(n)s catalogue rows created") % {"n": made})
            return
        if options["year"] is None or options["quarter"] is None:
            raise CommandError(_("%(action)s needs --year and --quarter") % {"action": action})
        period = services.quarter(options["year"], options["quarter"])
        user = acting_user(options["as_user"])
        try:
            result = getattr(self, action)(period, user, options)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({"period": str(period), **result}))

    def open(self, period: Any, user: Any, options: dict[str, Any]) -> dict[str, Any]:
        made = services.open_period(period, user=user)
        if not options["json"]:
            self.stdout.write(
                _("%(period)s open for entry from %(opens)s to %(closes)s: %(n)s items made")
                % {"period": period, "opens": period.opens, "closes": period.closes, "n": made}
            )
        return {"items": made}

    def compute(self, period: Any, user: Any, options: dict[str, Any]) -> dict[str, Any]:
        result = services.compute_period(period, user=user)
        if not options["json"]:
            self.stdout.write(
                _(
                    "%(period)s: %(filled)s items filled, %(kept)s verified kept;"
                    " waiting for data: %(waiting)s"
                )
                % {"period": period, "filled": result.filled, "kept": result.kept,
                   "waiting": ", ".join(result.waiting) or "–"}
            )  # fmt: skip
        return dict(result.__dict__)

    def close(self, period: Any, user: Any, options: dict[str, Any]) -> dict[str, Any]:
        snapshot = services.close_period(period, user=user)
        if not options["json"]:
            self.stdout.write(
                _("%(period)s closed and locked; snapshot %(id)s taken")
                % {"period": period, "id": snapshot.pk}
            )
        return {"snapshot": snapshot.pk}

    def report(self, period: Any, user: Any, options: dict[str, Any]) -> dict[str, Any]:
        snapshot = services.report_snapshot(period, user=user, fresh=options["fresh"])
        made = report_file(snapshot, options["format"], user=user)
        out = options["out"] or Path(made.filename)
        out.write_bytes(made.data)
        if not options["json"]:
            self.stdout.write(
                _("%(file)s written (%(bytes)s bytes) from snapshot %(id)s of %(taken)s")
                % {"file": out, "bytes": len(made.data), "id": snapshot.pk,
                   "taken": snapshot.data["taken"]}
            )  # fmt: skip
        return {"file": str(out), "snapshot": snapshot.pk, "bytes": len(made.data)}
