"""The demo's staff lists, drawn from the synthetic registry and imported as an agency would:
non-ASN staff of three agencies and the village officials of every desa."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from payung.employers.models import StaffMember
from payung.imports.services import run_import
from payung.registry.models import Worker

AGENCIES = {"bkpsdm": 40, "dinas-pupr": 25, "dinas-sosial": 15}
POSITIONS = ["Tenaga administrasi", "Pengemudi", "Operator komputer", "Tenaga kebersihan"]
VILLAGE_POSITIONS = ["Kepala Desa", "Sekretaris Desa", "Kaur Keuangan", "Kasi Pemerintahan"]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def ensure_demo_staff(data_dir: Path) -> list[str]:
    if StaffMember.objects.exists():
        return []
    rng = random.Random(7)
    people = list(Worker.objects.exclude(nik=None).order_by("pk")[:2000])
    if len(people) < 400:
        return []
    rng.shuffle(people)
    folder = data_dir / "demo-data"
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    taken = 0
    for agency, size in AGENCIES.items():
        rows = [
            [f"'{w.nik}", w.name, rng.choice(POSITIONS), rng.choice([1_000_000, 1_500_000]), "APBD"]
            for w in people[taken : taken + size]
        ]
        taken += size
        path = _write(
            folder / f"non-asn-{agency}.csv",
            ["NIK", "Nama", "Jabatan", "Honor per bulan", "Sumber dana"],
            rows,
        )
        result = run_import("non_asn", path, scope=agency)
        lines.append(f"non-ASN {agency}: {result.accepted} of {result.rows}")
    village = [
        [f"'{w.nik}", w.name, VILLAGE_POSITIONS[i % 4], w.desa_id, 2_000_000, "ADD"]
        for i, w in enumerate(people[taken : taken + 300])
    ]
    path = _write(
        folder / "perangkat-desa.csv",
        ["NIK", "Nama", "Jabatan", "Kode desa", "Penghasilan tetap", "Sumber dana"],
        village,
    )
    result = run_import("perangkat_desa", path)
    lines.append(f"village officials: {result.accepted} of {result.rows}")
    return lines
