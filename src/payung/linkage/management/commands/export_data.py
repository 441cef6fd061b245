from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from payung.lib.commands import PayungCommand
from payung.lib.numbers import grouped
from payung.linkage.services import export_links


class Command(PayungCommand):
    help = _("Export data: `export links PATH.csv` writes kpj, worker_source_row, method, score.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["links"], help=_("what to export"))
        parser.add_argument("path", type=Path, metavar="BERKAS", help=_(".csv file to write"))

    def handle(self, *args: Any, **options: Any) -> None:
        count = export_links(options["path"])
        self.stdout.write(
            _("%(count)s links written to %(path)s")
            % {"count": grouped(count), "path": options["path"]}
        )
