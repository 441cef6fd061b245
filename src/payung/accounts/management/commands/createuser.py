import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.accounts.roles import Role
from payung.accounts.services import create_user
from payung.lib.commands import PayungCommand


class Command(PayungCommand):
    help = _("Create a Payung user with a role (and an OPD for agency operators).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "username", metavar="NAMA_PENGGUNA", help=_("the user name to log in with")
        )
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--opd", help=_("OPD code, required for operator_opd (e.g. disnaker)"))
        parser.add_argument("--name", default="", help=_("full name"))
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help=_("read the password from standard input instead of prompting"),
        )
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        elif sys.stdin.isatty():
            password = getpass.getpass(_("Password: "))
            if password != getpass.getpass(_("Password (again): ")):
                raise CommandError(_("the two passwords differ"))
        else:
            raise CommandError(_("no terminal to ask for a password: use --password-stdin"))
        if not password:
            raise CommandError(_("the password is empty"))
        try:
            user = create_user(
                username=options["username"],
                password=password,
                role=options["role"],
                opd_code=options["opd"],
                full_name=options["name"],
                email=options["email"],
                created_by=acting_user(options["as_user"]),
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            _("created %(user)s (%(role)s)")
            % {"user": user.username, "role": user.get_role_display()}
        )
