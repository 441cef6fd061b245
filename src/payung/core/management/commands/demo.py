import argparse
import os
import subprocess
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from payung.assistance.demo import ensure_demo_programmes
from payung.claims.demo import ensure_demo_claims
from payung.core.demo import DEMO_PASSWORD, ensure_demo_data, ensure_demo_users
from payung.core.management.commands.init import initialise
from payung.employers.demo import ensure_demo_employers, ensure_demo_projects, ensure_demo_staff
from payung.lib.commands import PayungCommand
from payung.lib.numbers import amount_argument
from payung.monev.demo import ensure_demo_monev
from payung.outreach.demo import ensure_demo_outreach
from payung.reports.demo import ensure_demo_coverage_figures, ensure_demo_poverty_rates


def port_number(text: str) -> int:
    """A TCP port, 1 to 65535; anything else is refused by the argument parser."""
    if not text.isdigit() or not 1 <= int(text) <= 65_535:
        raise argparse.ArgumentTypeError(f"{text!r}: a port is a number from 1 to 65535")
    return int(text)


class Command(PayungCommand):
    help = _(
        "Set up a demo on its own SQLite file (demo users and data) and serve it on :8000, "
        "with the background worker beside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addrport", default="127.0.0.1:8000", help=_("address:port to serve on")
        )
        parser.add_argument(
            "--port", type=port_number, help=_("serve on 127.0.0.1 at this port (instead of 8000)")
        )
        parser.add_argument("--no-serve", action="store_true", help=_("set up only, do not serve"))
        parser.add_argument(
            "--workers",
            type=amount_argument,
            default=80_000,
            help=_("size of the synthetic registry"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(initialise())
        users = ensure_demo_users()
        for line in ensure_demo_data(settings.DATA_DIR, options["workers"]):
            self.stdout.write(line)
        for line in ensure_demo_programmes():
            self.stdout.write(line)
        for line in [*ensure_demo_claims(settings.DATA_DIR), *ensure_demo_outreach()]:
            self.stdout.write(line)
        for line in ensure_demo_staff(settings.DATA_DIR):
            self.stdout.write(line)
        for line in [
            *ensure_demo_employers(settings.DATA_DIR),
            *ensure_demo_projects(settings.DATA_DIR),
        ]:
            self.stdout.write(line)
        for line in ensure_demo_monev(DEMO_PASSWORD):
            self.stdout.write(line)
        for line in [*ensure_demo_coverage_figures(), *ensure_demo_poverty_rates()]:
            self.stdout.write(line)
        self.stdout.write(_("demo users (password %(password)r):") % {"password": DEMO_PASSWORD})
        for user in users:
            self.stdout.write(f"  {user.username:10} {user.get_role_display()}")
        if options["no_serve"]:
            return
        if options["port"] is not None:
            options["addrport"] = f"127.0.0.1:{options['port']}"
        keeper = WorkerKeeper()
        keeper.start()
        try:
            self.stdout.write(_("open http://%(address)s/") % {"address": options["addrport"]})
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            keeper.stop()


class WorkerKeeper:
    """`payung worker` in a process beside the web server, started again whenever it dies (a
    new worker first ends, as failed, the job the dead one left running)."""

    def __init__(self) -> None:
        self._stopping = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._keep, name="worker-keeper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _keep(self) -> None:
        while not self._stopping.is_set():
            # The same database and data folder as this process: the environment is inherited.
            self._process = subprocess.Popen(
                [sys.executable, "-m", "payung.cli", "worker"], env=os.environ.copy()
            )
            self._process.wait()
            if not self._stopping.is_set():
                print(f"payung worker ended ({self._process.returncode}); starting it again")
                self._stopping.wait(1.0)

    def stop(self) -> None:
        self._stopping.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=30)
