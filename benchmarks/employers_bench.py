"""Employers at a province's size (issue 17): import 20.000 licensed businesses and 5.000 BPJS TK
employers plus 200.000 PU participants carrying their employer's NPP, then match and classify.
Target: import and match in ≤ 5 s on PostgreSQL.

    python benchmarks/employers_bench.py                     # SQLite, a fresh data folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench \
        python benchmarks/employers_bench.py

The lists are synthetic, with the faults of real ones: half the BPJS employers without the
NIB, their names written another way (legal form moved, punctuation), some one letter off.
Figures are printed as JSON beside the target, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WORDS = [
    "SINAR",
    "KARYA",
    "MAJU",
    "JAYA",
    "TANI",
    "NELAYAN",
    "BOALEMO",
    "TILAMUTA",
    "PAGUYAMAN",
    "MANDIRI",
    "SEJAHTERA",
    "ABADI",
    "MAKMUR",
    "INDAH",
    "PERMAI",
    "BERSAMA",
    "UTAMA",
    "LESTARI",
    "SENTOSA",
    "BAHARI",
    "MULIA",
    "AGUNG",
    "RAYA",
    "BARU",
]
FORMS = ["PT", "CV", "UD", "Koperasi"]


def _names(n: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        names.add(" ".join(rng.sample(WORDS, 3)) + f" {rng.randint(1, 99)}")
    return sorted(names)


def write_lists(folder: Path, businesses: int, employers: int, participants: int) -> None:
    rng = random.Random(5)
    names = _names(businesses, rng)
    with (folder / "oss.csv").open("w", encoding="utf-8") as out:
        out.write("NIB,Nama Perusahaan,KBLI,Skala Usaha,Jumlah Tenaga Kerja,Total Upah\n")
        for i, name in enumerate(names):
            out.write(f"{9_000_000_000_000 + i},{rng.choice(FORMS)} {name},47111,kecil,40,\n")
    npps = []
    with (folder / "bpjs.csv").open("w", encoding="utf-8") as out:
        out.write("NPP,Nama Perusahaan,NIB,Jumlah TK,Total Upah,Program\n")
        for i in rng.sample(range(businesses), employers):
            npp = f"{40_000_000 + i}"
            npps.append(npp)
            name = names[i]
            if i % 7 == 0:  # one letter off
                name = name[:-3] + ("X" if name[-3] != "X" else "Y") + name[-2:]
            nib = f"{9_000_000_000_000 + i}" if i % 2 else ""
            out.write(f'{npp},"{name}, PT",{nib},{rng.randint(20, 40)},,"JKK,JKM,JHT"\n')
    with (folder / "participants.csv").open("w", encoding="utf-8") as out:
        out.write("KPJ,Nama,Segmen,Status,Iuran Terakhir,NPP\n")
        for i in range(participants):
            out.write(f"{30_000_000_000 + i},Pekerja {i},PU,AKTIF,2026-10,{rng.choice(npps)}\n")


def run(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection

    from payung.accounts.services import seed_opds
    from payung.employers.compliance import classify
    from payung.employers.matching import match_employers
    from payung.imports.services import run_import
    from payung.regions.services import load_regions

    load_regions(settings.PAYUNG_REGENCY)
    seed_opds()
    seconds: dict[str, float] = {}

    def timed(label: str, fn: Any, *a: Any) -> Any:
        started = time.perf_counter()
        result = fn(*a)
        seconds[label] = round(time.perf_counter() - started, 2)
        print(f"  {label}: {seconds[label]} s", file=sys.stderr, flush=True)
        return result

    timed("import_participants", run_import, "participants", folder / "participants.csv")
    timed("import_businesses", run_import, "businesses", folder / "oss.csv")
    timed("import_bpjs_employers", run_import, "bpjs_employers", folder / "bpjs.csv")
    matched = timed("match", match_employers)
    classified = timed("classify", classify)
    import_and_match = (
        seconds["import_businesses"] + seconds["import_bpjs_employers"] + seconds["match"]
    )
    return {
        "database": connection.vendor,
        "businesses": args.businesses,
        "employers": args.employers,
        "participants": args.participants,
        "seconds": seconds,
        "import_and_match_s": round(import_and_match, 2),
        "target_s": 5.0,
        "ratio_to_target": round(import_and_match / 5.0, 2),
        "matched": {k: v for k, v in matched.__dict__.items()},
        "classified": classified.by_code,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--businesses", type=int, default=20_000)
    parser.add_argument("--employers", type=int, default=5_000)
    parser.add_argument("--participants", type=int, default=200_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="payung-employers-bench-"))
    write_lists(work, args.businesses, args.employers, args.participants)
    os.environ["PAYUNG_DATA_DIR"] = str(work / "data")  # a fresh SQLite file unless DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
        # The flush took the rules the migrations seeded: seed them again.
        import importlib

        from django.apps import apps

        importlib.import_module("payung.contributions.migrations.0002_seed_rules").seed(apps, None)
        from payung.employers.rules import seed

        seed(apps, None)
    print(json.dumps(run(args, work), indent=2))


if __name__ == "__main__":
    main()
