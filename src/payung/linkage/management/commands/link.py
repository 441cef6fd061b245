import json
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.jobs.worker import run_pending
from payung.lib.commands import PayungCommand
from payung.lib.numbers import grouped
from payung.linkage.services import run_linkage


class Command(PayungCommand):
    help = _(
        "Link BPJS participants to registry workers (exact NIK, NIK with a slip, then name, "
        "birth date and place) and deduplicate the registry; review decisions are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        result = run_linkage(user=acting_user(options["as_user"], "linkage.review"))
        run_pending(jobs=False)  # the snapshot and reconciliation the new links call for
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
            return
        methods = ", ".join(f"{m} {n}" for m, n in result.by_method.items())
        phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.phases.items())
        self.stdout.write(
            _(
                "%(linked)s linked (%(methods)s), %(review)s waiting for review, %(unlinked)s"
                " unlinked; %(duplicates)s registry duplicates in %(seconds)s s (%(phases)s)"
            )
            % {
                "linked": grouped(result.linked), "methods": methods,
                "review": grouped(result.review), "unlinked": grouped(result.unlinked),
                "duplicates": grouped(result.duplicates),
                "seconds": f"{result.seconds:.2f}".replace(".", ","), "phases": phases,
            }
        )  # fmt: skip
