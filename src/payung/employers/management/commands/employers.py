import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.employers import compliance, follow_up, letters, matching, selectors
from payung.imports.errors import ImportRefused
from payung.imports.services import run_import
from payung.lib.commands import PayungCommand

# `import`'s options, each an import kind of the employers app, in the order they go in.
LISTS = (
    ("businesses", "businesses"),
    ("bpjs", "bpjs_employers"),
    ("projects", "jakon_projects"),
    ("jakon", "bpjs_jakon"),
)


class Command(PayungCommand):
    help = _(
        "Employers: import their lists and then match and classify, match licensed businesses"
        " to BPJS TK employers, classify their compliance, write the follow-up letters of a"
        " step, or check one NIB as the permit office does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["import", "match", "classify", "letters", "permit"],
            help=_("what to do"),
        )
        parser.add_argument(
            "--businesses", type=Path, help=_("the licensing office's list of businesses (import)")
        )
        parser.add_argument("--bpjs", type=Path, help=_("BPJS TK's employer data (import)"))
        parser.add_argument(
            "--projects", type=Path, help=_("the procurement list of APBD construction (import)")
        )
        parser.add_argument("--jakon", type=Path, help=_("BPJS TK's Jakon registrations (import)"))
        parser.add_argument(
            "--step",
            choices=letters.LETTER_STEPS,
            help=_("the follow-up step whose letters (letters)"),
        )
        parser.add_argument(
            "--format", choices=["docx", "pdf"], default="docx", help=_("letter format (letters)")
        )
        parser.add_argument(
            "--out", type=Path, default=Path("."), help=_("folder for the letters (letters)")
        )
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
        if action == "letters":
            self._letters(options)
            return
        user = acting_user(options["as_user"], "employers.manage")
        if action == "import":
            self._import(options, user)
            action = "classify"  # the lists in, matched and classified at once
            matching.match_employers(user=user)
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

    def _import(self, options: dict[str, Any], user: Any) -> None:
        given = [(kind, options[option]) for option, kind in LISTS if options[option]]
        if not given:
            raise CommandError(
                _("import needs at least one of --businesses, --bpjs, --projects, --jakon")
            )
        for kind, path in given:
            try:
                result = run_import(kind, path, user=user)
            except ImportRefused as exc:
                raise CommandError(f"{path}: {exc}") from exc
            if not options["json"]:
                self.stdout.write(
                    _("%(file)s: %(rows)s rows, %(accepted)s accepted, %(rejected)s rejected")
                    % {"file": path.name, "rows": result.rows, "accepted": result.accepted,
                       "rejected": result.rejected}
                )  # fmt: skip

    def _letters(self, options: dict[str, Any]) -> None:
        """Each business's or project's letter whose latest step is --step, into --out."""
        step, kind, out = options["step"], options["format"], options["out"]
        if not step:
            raise CommandError(_("letters needs --step"))
        user = acting_user(options["as_user"], "employers.follow_up")
        due = [f for f in follow_up.latest_steps() if f.step == step]
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for f in due:
            data, name = letters.letter(f, kind, user=user)
            (out / name).write_bytes(data)
            written.append(name)
        if options["json"]:
            self.stdout.write(json.dumps({"step": step, "letters": written}))
            return
        self.stdout.write(_("%(n)s letters written to %(out)s") % {"n": len(written), "out": out})
        for name in written:
            self.stdout.write(f"  {name}")
