from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.core.backup import BackupError, restore
from payung.lib.commands import PayungCommand


class Command(PayungCommand):
    help = _("Replace the database with a backup made by `payung backup` (asks for --yes).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, metavar="BERKAS", help=_("the backup file"))
        parser.add_argument(
            "--yes", action="store_true", help=_("yes, replace everything in the database")
        )
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError(_("restore replaces the whole database: run it again with --yes"))
        user = acting_user(options["as_user"])
        try:
            restore(options["source"], user=user)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("restored from %(path)s") % {"path": options["source"]})
