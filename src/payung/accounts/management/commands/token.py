import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.accounts.models import ApiToken, TokenScope
from payung.accounts.services import issue_token, revoke_token
from payung.lib.commands import PayungCommand


class Command(PayungCommand):
    help = _(
        "API tokens for other systems (the permit office's): issue one (shown once), list them,"
        " revoke one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["issue", "list", "revoke"], help=_("what to do"))
        parser.add_argument("--client", help=_("the system the token is for (issue)"))
        parser.add_argument(
            "--scope",
            action="append",
            choices=TokenScope.values,
            help=_("what the token may read (issue; repeatable)"),
        )
        parser.add_argument("--id", type=int, help=_("the token's number (revoke)"))
        parser.add_argument("--json", action="store_true", help=_("print JSON"))
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["as_user"], "accounts.tokens")
        if options["action"] == "issue":
            try:
                made, token = issue_token(
                    options["client"] or "", options["scope"] or [], user=user
                )
            except ValueError as exc:
                raise CommandError(_("issue needs --client and --scope")) from exc
            if options["json"]:
                self.stdout.write(json.dumps({"id": made.pk, "token": token}))
                return
            self.stdout.write(
                _("token %(id)s for %(client)s (%(scopes)s), shown this once:")
                % {"id": made.pk, "client": made.client, "scopes": made.scopes}
            )
            self.stdout.write(token)
            return
        if options["action"] == "revoke":
            found = ApiToken.objects.filter(pk=options["id"]).first()
            if found is None:
                raise CommandError(_("no token %(id)s") % {"id": options["id"]})
            revoke_token(found, user=user)
            self.stdout.write(_("token %(id)s revoked") % {"id": found.pk})
            return
        rows = [_row(t) for t in ApiToken.objects.all()]
        if options["json"]:
            self.stdout.write(json.dumps(rows))
            return
        for r in rows:
            state = _("revoked") if r["revoked"] else _("live")
            self.stdout.write(
                f"{r['id']:>4}  {r['prefix']}…  {r['client']}  {r['scopes']}  {state}"
            )


def _row(token: ApiToken) -> dict[str, Any]:
    used = token.last_used_at
    return {
        "id": token.pk,
        "client": token.client,
        "prefix": token.prefix,
        "scopes": token.scopes,
        "issued_at": token.issued_at.isoformat(timespec="minutes"),
        "revoked": token.revoked_at is not None,
        "last_used_at": used.isoformat(timespec="minutes") if used else None,
    }
