from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from payung.jobs.worker import serve
from payung.lib.commands import PayungCommand


class Command(PayungCommand):
    help = _(
        "Run the background worker: web imports, linkage runs, and the reactions to every write "
        "(coverage snapshots, reconciliation). Ends what a dead worker left running first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help=_("run what waits, then exit (for cron or a test)")
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help=_("seconds between looks at the queue")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        serve(interval=options["interval"], batch=options["once"])
