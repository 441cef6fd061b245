"""Builders for coverage tests: registry workers, participants and links made by hand, and a
synthetic regency imported with its true links (standing in for `payung link`)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from payung.coverage.models import Snapshot
from payung.imports.models import ImportBatch
from payung.imports.services import run_import
from payung.linkage.models import Link, WorkerDuplicate
from payung.participants.models import Participant
from payung.registry.models import Worker
from payung.synth.generate import generate
from payung.synth.write import write_all

DESA_A = "75.02.01.2004"  # Bongo Nol, Paguyaman
DESA_B = "75.02.04.2001"  # a desa of Tilamuta
KEC_A = "75.02.01"
KEC_B = "75.02.04"


class Builder:
    def __init__(self) -> None:
        self.workers_batch = ImportBatch.objects.create(kind="workers", file_name="w.csv")
        self.participants_batch = ImportBatch.objects.create(kind="participants", file_name="p.csv")
        self.n = 0

    def worker(self, desa: str = DESA_A, **fields: Any) -> Worker:
        self.n += 1
        values: dict[str, Any] = {
            "name": f"Pekerja {self.n}",
            "sex": "L",
            "birth_date": dt.date(1990, 1, 1),
            "occupation": "Petani",
            "income": 1_500_000,
            "decile": 3,
        }
        values.update(fields)
        return Worker.objects.create(
            match_key=f"T:{self.n}",
            desa_id=desa,
            batch=self.workers_batch,
            source_file="w.csv",
            source_row=self.n + 1,
            **values,
        )

    def participant(
        self,
        segment: str,
        last_paid: dt.date | None,
        status: str = "AKTIF",
        worker: Worker | None = None,
        region_code: str = DESA_A,
    ) -> Participant:
        self.n += 1
        p = Participant.objects.create(
            kpj=f"{10_000_000_000 + self.n}",
            name=f"Peserta {self.n}",
            segment=segment,
            status=status,
            last_paid=last_paid,
            region_code=region_code,
            batch=self.participants_batch,
            source_file="p.csv",
            source_row=self.n + 1,
        )
        if worker is not None:
            Link.objects.create(
                participant=p, worker=worker, segment=segment, method="exact_nik", score=1
            )
        return p

    def duplicate(self, worker: Worker, canonical: Worker) -> None:
        WorkerDuplicate.objects.create(
            worker=worker, canonical=canonical, method="exact_nik", score=1
        )


def build_synth_world(out: Path, n_workers: int, seed: int) -> Path:
    """Import a synthetic regency and link it by its truth files: links from truth_links.csv,
    duplicates from truth_workers.csv (every later row of a person points to its first row)."""
    write_all(generate(n_workers=n_workers, seed=seed), out, "csv")
    workers = run_import("workers", out / "workers.csv")
    participants = run_import("participants", out / "participants.csv")
    assert workers.rejected == 0 and participants.rejected == 0
    by_row = dict(Worker.objects.values_list("source_row", "id"))
    first_row: dict[str, int] = {}
    duplicates = []
    for row in read_csv(out / "truth_workers.csv"):
        source_row, person = int(row["source_row"]), row["person_id"]
        if person in first_row:
            duplicates.append(
                WorkerDuplicate(
                    worker_id=by_row[source_row],
                    canonical_id=by_row[first_row[person]],
                    method="exact_nik",
                    score=1,
                )
            )
        else:
            first_row[person] = source_row
    WorkerDuplicate.objects.bulk_create(duplicates)
    participants_by_kpj = dict(Participant.objects.values_list("kpj", "id"))
    segment_by_kpj = dict(Participant.objects.values_list("kpj", "segment"))
    Link.objects.bulk_create(
        Link(
            participant_id=participants_by_kpj[kpj],
            worker_id=by_row[row],
            segment=segment_by_kpj[kpj],
            method="exact_nik",
            score=1,
        )
        for kpj, row in linkable(out)
    )
    # The participant import took a snapshot before these links existed; `payung link` would
    # take a new one, links made here by hand leave the figures to be computed from the tables.
    Snapshot.objects.all().delete()
    return out


def linkable(out: Path) -> list[tuple[str, int]]:
    """The true links the linkage contract can hold: one per worker and segment. The generator
    sometimes gives a person two participations in one segment (two Jakon projects); the first
    KPJ is kept."""
    segment_of = {p["No KPJ"]: p["Segmen"] for p in read_csv(out / "participants.csv")}
    seen: set[tuple[int, str]] = set()
    kept = []
    for link in sorted(read_csv(out / "truth_links.csv"), key=lambda r: r["kpj"]):
        pair = (int(link["worker_source_row"]), segment_of[link["kpj"]])
        if pair not in seen:
            seen.add(pair)
            kept.append((link["kpj"], pair[0]))
    return kept


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
