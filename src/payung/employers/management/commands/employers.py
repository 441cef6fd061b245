import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.employers import compliance, matching, selectors
from payung.lib.commands import PayungCommand


class Command(PayungCommand):
    help = _(
        "Employers: match licensed businesses to BPJS TK employers, classify their compliance,"
        " or check one NIB as the permit office does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["match", "classify", "permit"], help=_("what to do"))
        parser.add_argument("--nib", help=_("the business's NIB (permit)"))
        parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "permit":
            if not options["nib"]:
                raise CommandError(_("permit needs --nib"))
            answer = selectors.permit_check(options["nib"].strip())
            if options["json"]:
                self.stdout.write(json.dumps(asdict(answer), ensure_ascii=False))
                return
            verdict = _("compliant") if answer.compliant else _("not compliant")
            self.stdout.write(f"{answer.nib} {answer.name}: {verdict}")
            for reason in answer.reasons:
                self.stdout.write(f"  - {reason['label']} ({reason['regulation']})")
            return
        user = acting_user(options["as_user"], "employers.manage")
        if action == "match":
            result = matching.match_employers(user=user)
            found: dict[str, Any] = {**result.__dict__, "matched": result.matched}
            text = (
                _(
                    "%(matched)s matched (%(by_nib)s by NIB, %(by_name)s by name, %(similar)s by"
                    " similar name, %(reviewed)s reviewed), %(to_review)s to review,"
                    " %(unmatched)s unmatched"
                )
                % found
            )
        else:
            classified = compliance.classify(user=user)
            found = {"businesses": classified.businesses, **classified.by_code}
            text = _("%(n)s businesses classified: %(codes)s") % {
                "n": classified.businesses,
                "codes": ", ".join(f"{k} {v}" for k, v in sorted(classified.by_code.items())),
            }
        self.stdout.write(json.dumps(found) if options["json"] else text)
