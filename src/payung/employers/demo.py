"""The demo's staff lists, drawn from the synthetic registry and imported as an agency would:
non-ASN staff of three agencies and the village officials of every desa."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from django.conf import settings

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


NAMES = [
    "Sinar", "Karya", "Maju", "Jaya", "Tani", "Nelayan", "Boalemo", "Tilamuta", "Paguyaman",
    "Mandiri", "Sejahtera", "Abadi", "Makmur", "Indah", "Permai", "Bersama", "Utama", "Lestari",
]  # fmt: skip
FORMS = ["PT", "CV", "UD", "Koperasi"]
KBLI = ["47111", "41011", "01134", "03111", "10792", "56101", "49421", "46201"]
SCALES = ["mikro", "mikro", "kecil", "kecil", "menengah", "besar"]


def ensure_demo_employers(data_dir: Path, businesses: int = 300) -> list[str]:
    """Licensed businesses and a BPJS TK export that knows two thirds of them, with the faults
    real exports have: names written another way, NIBs missing, fewer workers, a programme
    short, wages under the minimum, months in arrears."""
    from payung.employers.compliance import classify
    from payung.employers.matching import match_employers
    from payung.employers.models import Business
    from payung.regions.selectors import desa_of_regency

    if Business.objects.exists():
        return []
    rng = random.Random(11)
    desa = list(desa_of_regency(settings.PAYUNG_REGENCY).values_list("code", flat=True))
    folder = data_dir / "demo-data"
    folder.mkdir(parents=True, exist_ok=True)
    licensed, registered = [], []
    names = sorted({" ".join(rng.sample(NAMES, 3)) for _ in range(businesses * 3)})
    rng.shuffle(names)
    for n in range(businesses):
        words = names[n]  # each business its own name, as on a real list
        form = rng.choice(FORMS)
        nib = f"{9_100_000_000_000 + n}"
        scale = rng.choice(SCALES)
        workers = {"mikro": 3, "kecil": 12, "menengah": 60, "besar": 250}[scale]
        workers = max(0, workers + rng.randint(-2, 4)) if n % 17 else 0
        wages = workers * rng.choice([3_300_000, 3_500_000, 4_000_000])
        licensed.append(
            [nib, f"{form} {words}", rng.choice(KBLI), scale, f"Jl. {words} No. {n}",
             rng.choice(desa), workers, wages]
        )  # fmt: skip
        if n % 3 == 0 or not workers:
            continue  # not registered: a PWBD, unless it has no workers
        programs = {"mikro": "JKK,JKM", "kecil": "JKK,JKM,JHT"}.get(scale, "JKK,JKM,JHT,JP")
        if n % 7 == 0:
            programs = "JKK,JKM"
        reported = wages if n % 5 else workers * 2_800_000
        registered.append(
            [f"{31_000_000 + n}", f"{words} {form}" if n % 4 == 0 else f"{form}. {words}",
             nib if n % 2 else "", workers - (n % 11 == 0) * 2, reported, programs,
             3 if n % 13 == 0 else 0]
        )  # fmt: skip
    run_import(
        "businesses",
        _write(
            folder / "oss-dpmptsp.csv",
            [
                "NIB",
                "Nama Perusahaan",
                "KBLI",
                "Skala Usaha",
                "Alamat",
                "Kode Desa",
                "Jumlah Tenaga Kerja",
                "Total Upah",
            ],
            licensed,
        ),  # fmt: skip
    )
    run_import(
        "bpjs_employers",
        _write(
            folder / "bpjs-pemberi-kerja.csv",
            ["NPP", "Nama Perusahaan", "NIB", "Jumlah TK", "Total Upah", "Program", "Tunggakan"],
            registered,
        ),
    )
    matched = match_employers()
    classified = classify()
    return [
        f"employers: {len(licensed)} licensed, {len(registered)} in BPJS TK's export;"
        f" {matched.matched} matched, {matched.to_review} to review; {classified.by_code}"
    ]


PROJECTS = [
    # package, name, agency, contractor, contract value, start (days from today), months
    ("4451010", "Peningkatan Jalan Desa Bongo Nol", "Dinas PUPR", "CV Karya Tilamuta",
     850_000_000, -120, 5),
    ("4451020", "Jembatan Gantung Desa Hungayonaa", "Dinas PUPR", "PT Beton Boalemo",
     2_400_000_000, -90, 7),
    ("4451030", "Rehabilitasi Saluran Irigasi Wonosari", "Dinas Pertanian",
     "CV Tirta Paguyaman", 640_000_000, -60, 4),
    ("4451040", "Pembangunan Tambatan Perahu Bajo", "Dinas Perikanan",
     "CV Bahari Mandiri", 1_150_000_000, -30, 5),
    ("4451050", "Rehabilitasi Gedung Kantor Camat Dulupi", "Dinas PUPR",
     "CV Sinar Dulupi", 420_000_000, -10, 3),
    ("4451060", "Pembangunan Drainase Kota Tilamuta", "Dinas PUPR", "PT Cipta Karya Gorontalo",
     3_900_000_000, 20, 6),
    ("4451070", "Rehabilitasi Gudang Benih", "Dinas Pertanian", "UD Tani Makmur",
     95_000_000, 35, 2),
    ("4451080", "Pembangunan Balai Nelayan Tabulo", "Dinas Perikanan", "CV Nelayan Jaya",
     560_000_000, 50, 4),
]  # fmt: skip
# Of those, BPJS TK's Jakon export knows these: registered days from the project's start.
JAKON = {"4451010": -7, "4451020": 12, "4451030": -3, "4451060": -2}


def ensure_demo_projects(data_dir: Path) -> list[str]:
    """APBD construction packages around today (some started, some about to start) and BPJS
    TK's Jakon export: registered before the start, registered late, and not registered."""
    import datetime as dt

    from django.utils import timezone

    from payung.employers.models import Project

    if Project.objects.exists():
        return []
    today = timezone.localdate()
    folder = data_dir / "demo-data"
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[list[object]] = []
    registered: list[list[object]] = []
    for package, name, agency, contractor, value, start, months in PROJECTS:
        starts = today + dt.timedelta(days=start)
        ends = starts + dt.timedelta(days=30 * months)
        rows.append([package, name, agency, contractor, value, f"{starts:%d-%m-%Y}",
                     f"{ends:%d-%m-%Y}", "APBD"])  # fmt: skip
        if package in JAKON:
            on = starts + dt.timedelta(days=JAKON[package])
            registered.append([f"JK{package[-4:]}", package, name, f"{on:%d-%m-%Y}"])
    header = ["Kode Paket", "Nama Paket", "Satuan Kerja", "Penyedia", "Nilai Kontrak",
              "Tanggal Mulai", "Tanggal Selesai", "Sumber Dana"]  # fmt: skip
    sirup = run_import("jakon_projects", _write(folder / "sirup-konstruksi.csv", header, rows))
    jakon = run_import(
        "bpjs_jakon",
        _write(
            folder / "bpjs-jakon.csv",
            ["Nomor Proyek", "Kode Paket", "Nama Proyek", "Tanggal Daftar"],
            registered,
        ),
    )
    return [
        f"construction projects: {sirup.accepted} packages, {jakon.accepted} in the Jakon export"
    ]
