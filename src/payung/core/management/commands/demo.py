from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from payung.assistance.demo import ensure_demo_programmes
from payung.core.demo import DEMO_PASSWORD, ensure_demo_data, ensure_demo_users
from payung.core.management.commands.init import initialise


class Command(BaseCommand):
    help = "Set up a demo on its own SQLite file (demo users and data) and serve it on :8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="set up only, do not serve")
        parser.add_argument(
            "--workers", type=int, default=80_000, help="size of the synthetic registry"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(initialise())
        users = ensure_demo_users()
        for line in ensure_demo_data(settings.DATA_DIR, options["workers"]):
            self.stdout.write(line)
        for line in ensure_demo_programmes():
            self.stdout.write(line)
        self.stdout.write(f"demo users (password {DEMO_PASSWORD!r}):")
        for user in users:
            self.stdout.write(f"  {user.username:10} {user.get_role_display()}")
        if not options["no_serve"]:
            self.stdout.write(f"open http://{options['addrport']}/")
            call_command("runserver", options["addrport"], use_reloader=False)
