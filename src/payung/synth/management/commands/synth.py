"""`payung synth`: write a synthetic regency (worker registry, BPJS TK export, truth files)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from payung.lib.commands import PayungCommand
from payung.lib.numbers import amount_argument
from payung.regions import kemendagri
from payung.synth.generate import generate
from payung.synth.write import write_all


class Command(PayungCommand):
    help = _(
        "Write a synthetic worker registry and BPJS TK participant export with exact truth files "
        "(for import tests and the linkage benchmark)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help=_("folder to write into"))
        parser.add_argument(
            "--workers", type=amount_argument, default=80_000, help=_("worker rows (default 80000)")
        )
        parser.add_argument(
            "--seed", type=int, default=1, help=_("same seed, same files (default 1)")
        )
        parser.add_argument("--format", choices=("csv", "xlsx"), default="csv", dest="file_format")
        parser.add_argument(
            "--regency", default="75.02", help=_("Kemendagri regency code (default 75.02)")
        )
        parser.add_argument(
            "--json", action="store_true", help=_("print the summary as one JSON object")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        regency = options["regency"]
        if not kemendagri.is_regency_code(regency):
            raise CommandError(_("unknown regency code %(code)r") % {"code": regency})
        if options["workers"] < 100:
            raise CommandError(_("--workers must be at least 100"))
        started = time.perf_counter()
        synth = generate(
            n_workers=options["workers"],
            seed=options["seed"],
            regency=regency,
            excel=options["file_format"] == "xlsx",
        )
        written = write_all(synth, options["out"], options["file_format"])
        summary = {
            **synth.summary,
            "format": options["file_format"],
            "files": [str(p) for p in written],
            "seconds": round(time.perf_counter() - started, 2),
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        width = max(len(k) for k in summary)
        for key, value in summary.items():
            if key == "files":
                value = ", ".join(Path(p).name for p in value)
            self.stdout.write(f"{key.ljust(width)}  {value}")
