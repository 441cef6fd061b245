import datetime
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.contributions.calculator import Calculation, ContributionError, calculate, rp
from payung.contributions.models import Sector
from payung.lib.commands import PayungCommand
from payung.lib.numbers import amount_argument


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("--date must be YYYY-MM-DD, got %(value)r") % {"value": value}
        ) from exc


def render_table(calc: Calculation) -> str:
    rows = [("programme", "payer", "amount", "regulation")]
    for line in calc.lines:
        mark = "" if line.verified else " [unverified]"
        rows.append(
            (line.programme.upper(), str(line.payer), rp(line.amount), line.regulation + mark)
        )
    rows.append(("TOTAL", "", rp(calc.total), ""))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    out = [
        f"{calc.segment.upper()} on {calc.on_date.isoformat()}, {calc.months} month(s): "
        + ", ".join(f"{k}={v}" for k, v in calc.inputs.items())
    ]
    for i, row in enumerate(rows):
        out.append(
            "  ".join(
                cell.rjust(widths[j]) if j == 2 else cell.ljust(widths[j])
                for j, cell in enumerate(row)
            ).rstrip()
        )
        if i == 0 or i == len(rows) - 2:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


class Command(PayungCommand):
    help = _(
        "Compute BPJS Ketenagakerjaan contributions (iuran) from the effective-dated rules: "
        "each programme's amount, who pays it and the regulation it comes from."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--segment", required=True, help=_("pu, bpu or jakon"))
        # Rupiah as typed: 1.500.000, Rp 1.500.000 or 1500000.
        parser.add_argument(
            "--income", type=amount_argument, metavar="RP", help=_("BPU: declared monthly income")
        )
        parser.add_argument(
            "--wage", type=amount_argument, metavar="RP", help=_("PU: monthly wage")
        )
        parser.add_argument("--risk", type=int, help=_("PU: JKK risk group 1 (very low) to 5"))
        parser.add_argument(
            "--contract-value", type=amount_argument, metavar="RP", help=_("Jakon: contract value")
        )
        parser.add_argument(
            "--programs",
            help=_("comma-separated programmes, e.g. jkk,jkm,jht (BPU default jkk,jkm)"),
        )
        parser.add_argument(
            "--months", type=int, default=1, help=_("months paid (1-12, default 1)")
        )
        parser.add_argument(
            "--date", type=_date, help=_("date the rules are taken at (YYYY-MM-DD)")
        )
        parser.add_argument(
            "--sector",
            choices=Sector.values,
            default=Sector.OTHER,
            help=_("BPU: the worker's sector, for a temporary cut (PP 50/2025; default other)"),
        )
        parser.add_argument(
            "--public-funds",
            action="store_true",
            help=_("BPU: paid from APBN or APBD (an assistance programme): no temporary cut"),
        )
        parser.add_argument("--json", action="store_true", help=_("print JSON"))

    def handle(self, *args: Any, **options: Any) -> None:
        segment = (options["segment"] or "").strip().lower()
        required = {"pu": ("wage", "risk"), "bpu": ("income",), "jakon": ("contract_value",)}
        if segment not in required:
            raise CommandError(
                _("unknown segment %(segment)r; choose one of: pu, bpu, jakon")
                % {"segment": segment}
            )
        missing = [n for n in required[segment] if options[n] is None]
        if missing:
            flags = ", ".join("--" + n.replace("_", "-") for n in missing)
            raise CommandError(
                _("segment %(segment)s needs %(flags)s") % {"segment": segment, "flags": flags}
            )
        programs = options["programs"].split(",") if options["programs"] else None
        try:
            calc = calculate(
                segment,
                income=options["income"],
                wage=options["wage"],
                risk_group=options["risk"],
                contract_value=options["contract_value"],
                programs=programs,
                months=options["months"],
                on_date=options["date"],
                sector=options["sector"],
                public_funds=options["public_funds"],
            )
        except ContributionError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(calc.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_table(calc))
