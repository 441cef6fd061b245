"""Small worlds for linkage tests: people written into a village list and a BPJS export."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv
from payung.jobs.worker import run_pending
from payung.linkage.services import LinkageResult, run_linkage
from payung.participants.models import Participant
from payung.registry.models import Worker

PARTICIPANT_HEADER = [
    "No KPJ", "NIK", "Nama Peserta", "Tgl Lahir", "Segmen", "Status Kepesertaan", "Program",
    "Bulan Terakhir Bayar", "NPP", "Kode Wilayah",
]  # fmt: skip
# Real Kemendagri codes: kecamatan 75.02.01 Paguyaman, desa Bongo Nol and Bongo IV.
DESA = "75.02.01.2004"
OTHER_DESA = "75.02.01.2005"
FAR_DESA = "75.02.04.2001"  # in another kecamatan
AREA = "750201"

_kpj = itertools.count(10_000_000_001)


def nik(day: int, month: int, year: int, serial: int, *, female: bool = False) -> str:
    """A NIK issued in Paguyaman: area, DDMMYY (day + 40 for women), serial."""
    return f"{AREA}{day + (40 if female else 0):02d}{month:02d}{year % 100:02d}{serial:04d}"


@dataclass(frozen=True)
class Person:
    nik: str
    name: str
    sex: str  # L or P
    birth: str  # dd-mm-yyyy
    desa: str = DESA

    def worker_row(self) -> list[str]:
        name = f'"{self.name}"' if "," in self.name else self.name
        return [self.nik, name, self.sex, self.birth, self.desa, "Petani", "1500000"]

    def participant_row(self, kpj: str, segment: str = "BPU") -> list[str]:
        return [
            kpj, self.nik, self.name.upper(), self.birth, segment, "AKTIF", "JKK JKM",
            "2026-09", "", self.desa,
        ]  # fmt: skip

    def but(self, **changes: str) -> Person:
        return replace(self, **changes)


RIZAL = Person(nik(12, 3, 1990, 2), "Moh. Rizal Hasan", "L", "12-03-1990")
SITI = Person(nik(5, 7, 1985, 1, female=True), "Siti Aisyah Pakaya", "P", "05-07-1985")
# Others who share the village, so that every test has someone not to link.
NEIGHBOURS = [
    Person(nik(21, 6, 1979, 3), "Iskandar Salim", "L", "21-06-1979"),
    Person(nik(24, 4, 2004, 6, female=True), "Sri Wahyuni Akuba", "P", "24-04-2004"),
    Person(nik(1, 11, 1995, 1), "Jufri Kadir", "L", "01-11-1995"),
]


def new_kpj() -> str:
    return str(next(_kpj))


def load(
    tmp_path: Path,
    workers: list[Person],
    participants: list[tuple[str, Person] | tuple[str, Person, str]],
) -> None:
    """Import the village list (neighbours after `workers`) and the BPJS export."""
    rows = [WORKER_HEADER] + [p.worker_row() for p in [*workers, *NEIGHBOURS]]
    run_import("workers", write_csv(tmp_path / "desa.csv", rows))
    export = [PARTICIPANT_HEADER] + [
        item[1].participant_row(item[0], *item[2:]) for item in participants
    ]
    run_import("participants", write_csv(tmp_path / "bpjs.csv", export))
    run_pending()  # the imports' reactions (coverage snapshot), as the worker runs them


def link_all() -> LinkageResult:
    result = run_linkage()
    run_pending()  # the run's reactions, as `payung link` runs them
    return result


def linked_row(kpj: str) -> int | None:
    """The source row (in the village list) of the worker the participant is linked to."""
    participant = Participant.objects.select_related("link__worker").get(kpj=kpj)
    link = getattr(participant, "link", None)
    return link.worker.source_row if link is not None else None


def method_of(kpj: str) -> str:
    return str(Participant.objects.get(kpj=kpj).link.method)


def worker_at(row: int) -> Worker:
    return Worker.objects.get(source_row=row, source_file="desa.csv")
