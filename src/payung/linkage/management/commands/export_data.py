from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from payung.linkage.services import export_links


class Command(BaseCommand):
    help = "Export data: `export links PATH.csv` writes kpj, worker_source_row, method, score."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["links"])
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        count = export_links(options["path"])
        self.stdout.write(f"{count} links written to {options['path']}")
