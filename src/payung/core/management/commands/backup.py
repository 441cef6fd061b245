from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.core.backup import BackupError, backup, default_target
from payung.lib.commands import PayungCommand
from payung.lib.numbers import grouped


class Command(PayungCommand):
    help = _("Write a consistent copy of the database while Payung runs (SQLite or pg_dump).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "target", nargs="?", type=Path, help=_("file to write (default: data folder/backups)")
        )
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["as_user"])
        try:
            written = backup(
                options["target"] or default_target(),
                user=user,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("backup written: %(path)s (%(size)s bytes)")
            % {"path": written, "size": grouped(written.stat().st_size)}
        )
