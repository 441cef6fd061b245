"""`payung coverage`: coverage figures by region or dimension, snapshots, BPS figures, targets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.accounts.actors import acting_user, add_as_argument
from payung.accounts.models import User
from payung.coverage import selectors, services
from payung.lib import months
from payung.lib.commands import PayungCommand
from payung.lib.numbers import grouped, percent


def as_of(value: str) -> dt.date:
    try:
        return months.parse_month(value)
    except ValueError as exc:
        raise CommandError(_("--as-of must be YYYY-MM, got %(value)r") % {"value": value}) from exc


class Command(PayungCommand):
    help = _(
        "Coverage of the worker registry (workers with an active BPJS TK participation / "
        "registry workers) and the official UCJ (active participants / BPS working population), "
        "by region or dimension; take a monthly snapshot; load BPS figures and targets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--by",
            choices=selectors.BY_CHOICES,
            default="kecamatan",
            help=_("breakdown (default kecamatan)"),
        )
        parser.add_argument(
            "--then", choices=selectors.BY_CHOICES, help=_("cross with a second one")
        )
        parser.add_argument("--as-of", type=as_of, help=_("month YYYY-MM (default: latest)"))
        parser.add_argument("--within", help=_("only this region code (a kecamatan or desa)"))
        parser.add_argument("--json", action="store_true", help=_("print a JSON list of rows"))
        parser.add_argument(
            "--live", action="store_true", help=_("compute from the tables, not from a snapshot")
        )
        parser.add_argument(
            "--snapshot",
            action="store_true",
            help=_("compute and store the snapshot of the month (default: the latest export's)"),
        )
        parser.add_argument(
            "--months",
            type=int,
            default=1,
            help=_(
                "with --snapshot: also the months before, for a trend from one export (default 1)"
            ),
        )
        parser.add_argument(
            "--import-bps",
            type=Path,
            metavar="CSV",
            help=_("tahun, kode kecamatan, penduduk bekerja"),
        )
        parser.add_argument(
            "--import-targets", type=Path, metavar="CSV", help=_("tahun, kode kecamatan, target")
        )
        parser.add_argument("--source", default="", help=_("source noted on imported figures"))
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        for option, kind in (("import_bps", "population"), ("import_targets", "target")):
            if options[option]:
                user = acting_user(options["as_user"], "coverage.edit")
                self._import(kind, options[option], options["source"], user)
                return
        month = options["as_of"]
        if options["snapshot"]:
            last = month or selectors.reporting_month()
            for back in range(max(1, options["months"]) - 1, 0, -1):
                services.take_snapshot(month=months.add_months(last, -back), trigger="command")
            snap = services.take_snapshot(month=last, trigger="command")
            summary = {
                "month": snap.month.strftime("%Y-%m"),
                "workers": snap.workers,
                "active": snap.covered,
                "coverage": round(snap.covered / snap.workers, 6) if snap.workers else 0.0,
                "participants_active": snap.participants_active,
                "bpu_grace_months": snap.bpu_grace_months,
            }
            if options["json"]:
                self.stdout.write(json.dumps(summary))
            else:
                self.stdout.write(" ".join(f"{k}={v}" for k, v in summary.items()))
            return
        month = month or selectors.default_month()
        try:
            if options["then"]:
                rows = selectors.crossed(
                    options["by"],
                    options["then"],
                    month,
                    within=options["within"],
                    live=options["live"],
                )
            else:
                rows = selectors.breakdown(
                    options["by"], month, within=options["within"], live=options["live"]
                )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False))
            return
        crossed = f" x {options['then']}" if options["then"] else ""
        self.stdout.write(
            _("coverage in %(month)s by %(by)s")
            % {"month": f"{month:%Y-%m}", "by": options["by"] + crossed}
        )
        table = [(_("code"), _("name"), _("workers"), _("covered"), _("coverage"))]
        for r in rows:
            table.append(
                (
                    r.key.replace("\t", " "),
                    r.name,
                    grouped(r.workers),
                    grouped(r.active),
                    percent(r.coverage),
                )
            )
        widths = [max(len(row[i]) for row in table) for i in range(5)]
        for row in table:
            self.stdout.write(
                "  ".join(
                    c.rjust(widths[i]) if i >= 2 else c.ljust(widths[i]) for i, c in enumerate(row)
                ).rstrip()
            )

    def _import(self, kind: str, path: Path, source: str, user: User | None) -> None:
        result = services.import_figures(kind, path, source=source or path.name, user=user)
        self.stdout.write(_("%(n)s rows saved") % {"n": grouped(result.saved)})
        for error in result.errors:
            self.stderr.write(error)
        if result.errors and not result.saved:
            raise CommandError(_("nothing saved from %(path)s") % {"path": path})
