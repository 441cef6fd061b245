from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils.translation import gettext as _

from payung.accounts.services import seed_opds
from payung.lib.commands import PayungCommand
from payung.monev.services import seed_catalogue
from payung.regions.services import load_regions
from payung.reports.paritrana import seed as seed_paritrana
from payung.reports.tasks import schedule as schedule_monthly_report


def initialise() -> str:
    """Migrate, load the regency's regions, seed the OPD list and the monev catalogue. Safe to
    run again."""
    connection.ensure_connection()
    call_command("migrate", interactive=False, verbosity=0)
    # The jobs' own connection (payung.jobs.routers): on SQLite a file of its own to migrate.
    call_command("migrate", database="jobs", interactive=False, verbosity=0)
    result = load_regions(settings.PAYUNG_REGENCY)
    seed_opds()
    seed_catalogue()  # the Inpres monev catalogue, after the OPDs it names
    seed_paritrana()  # the award's self-assessment items, weights assumed
    schedule_monthly_report()  # the Regent's report, made by the worker on each first
    return _(
        "%(regency)s (%(code)s): %(kecamatan)s kecamatan, %(desa)s desa; database %(vendor)s ready"
    ) % {
        "regency": result.regency.display_name,
        "code": result.regency.code,
        "kecamatan": result.kecamatan,
        "desa": result.desa,
        "vendor": connection.vendor,
    }


class Command(PayungCommand):
    help = _("Create or migrate the database and load the regency's official regions (idempotent).")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(initialise())
