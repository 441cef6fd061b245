import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.lib.commands import PayungCommand
from payung.monev import services


class Command(PayungCommand):
    help = _("Inpres monitoring batches: seed the catalogue, fill a quarter's computed indicators.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["seed", "compute"], help=_("what to do"))
        parser.add_argument("--year", type=int, help=_("the quarter's year (compute)"))
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help=_("1 to 4"))
        parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "seed":
            made = services.seed_catalogue()
            self.stdout.write(_("%(n)s catalogue rows created") % {"n": made})
            return
        if options["year"] is None or options["quarter"] is None:
            raise CommandError(_("compute needs --year and --quarter"))
        period = services.quarter(options["year"], options["quarter"])
        try:
            result = services.compute_period(period, user=acting_user(options["as_user"]))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({"period": str(period), **result.__dict__}))
            return
        self.stdout.write(
            _(
                "%(period)s: %(filled)s items filled, %(kept)s verified kept;"
                " waiting for data: %(waiting)s"
            )
            % {"period": period, "filled": result.filled, "kept": result.kept,
               "waiting": ", ".join(result.waiting) or "–"}
        )  # fmt: skip
