import json
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import add_as_argument
from payung.assistance import selectors as assistance
from payung.claims import impact, linking
from payung.lib.commands import PayungCommand
from payung.lib.numbers import grouped, rupiah


class Command(PayungCommand):
    help = _(
        "BPJS TK claims: import a claim export (the same as `payung import bpjs_claims`), link"
        " the claims to participants and workers again, or print what each assistance"
        " programme paid against the benefits its workers and families received."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "link", "impact"], help=_("what to do"))
        parser.add_argument(
            "path", nargs="?", type=Path, metavar="BERKAS", help=_(".csv or .xlsx file (import)")
        )
        parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            if options["path"] is None:
                raise CommandError(_("import needs the claim export's path"))
            extra = ["--json"] if options["json"] else []
            if options["as_user"]:
                extra += ["--as", options["as_user"]]
            call_command(
                "import_data", "bpjs_claims", str(options["path"]), *extra, stdout=self.stdout
            )
            return
        if action == "link":
            linked = linking.link_claims()
            text = _(
                "%(claims)s claims: %(to_participant)s linked to a participation,"
                " %(to_worker)s to a registry worker"
            ) % {k: grouped(v) for k, v in linked.items()}
            self.stdout.write(json.dumps(linked) if options["json"] else text)
            return
        found, _sources = impact.programme_impacts(assistance.programmes())
        rows: list[dict[str, Any]] = [
            {
                "programme": p.pk,
                "name": p.name,
                "year": p.year,
                "funding_source": p.funding_source,
                "contributions_paid": i.contributions_paid,
                "jkm_claims": i.tally("JKM").paid_claims,
                "to_heirs": i.heirs_paid,
                "children": i.children,
                "jkk_claims": i.tally("JKK").paid_claims,
                "benefits_paid": i.benefits_paid,
            }
            for p, i in found
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                _(
                    "%(name)s %(year)s: %(paid)s paid; %(jkm)s JKM claims, %(heirs)s to heirs,"
                    " %(children)s children on scholarships; %(benefits)s in benefits"
                )
                % {
                    "name": row["name"],
                    "year": row["year"],
                    "paid": rupiah(row["contributions_paid"]),
                    "jkm": row["jkm_claims"],
                    "heirs": rupiah(row["to_heirs"]),
                    "children": row["children"],
                    "benefits": rupiah(row["benefits_paid"]),
                }
            )
