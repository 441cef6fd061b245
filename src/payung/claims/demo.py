"""The demo's claims, as BPJS TK would send them: first the BPU export that brings the KPJs of
the workers the assistance programme enrolled (so the reconciliation finds them), then a
claim export of deaths, accidents at work, scholarships and old-age savings across the
regency, a few of them the assisted workers', and three whose KPJ no export holds yet."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from django.utils import timezone

from payung.assistance import selectors as assistance
from payung.claims.models import Claim
from payung.contributions.selectors import jkm_death_benefit
from payung.coverage.selectors import reporting_month
from payung.imports.services import run_import
from payung.jobs.worker import run_pending
from payung.linkage.services import run_linkage
from payung.participants.models import Participant, Segment

CLAIM_HEADER = [
    "No Klaim", "KPJ", "Nama Peserta", "Jenis Klaim", "Tanggal Kejadian", "Tanggal Bayar",
    "Nominal", "Status", "Ahli Waris",
]  # fmt: skip
CHILDREN = ["Putri", "Putra", "Nur", "Rahmat", "Indah", "Fajar"]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _day(rng: random.Random, year: int, until: dt.date) -> dt.date:
    start = dt.date(year, 1, 15)
    return start + dt.timedelta(days=rng.randrange(max(1, (until - start).days)))


def _enrolled_export(folder: Path, month: dt.date) -> Path | None:
    """BPJS TK's BPU export of the enrolled workers, each with a new KPJ."""
    programmes = [p for p in assistance.programmes() if p.funding_source == "apbd"]
    places = assistance.enrolled_places(programmes[:1])
    if not places:
        return None
    workers = assistance.workers_of([p["worker_id"] for p in places])
    taken = set(Participant.objects.values_list("kpj", flat=True))
    rows: list[list[object]] = []
    serial = 0
    for worker in workers:
        serial += 1
        kpj = f"{90_000_000_000 + serial}"
        while kpj in taken:
            serial += 1
            kpj = f"{90_000_000_000 + serial}"
        rows.append(
            [
                kpj,
                worker.nik,
                worker.name,
                worker.birth_date.strftime("%d-%m-%Y") if worker.birth_date else "",
                "BPU",
                "AKTIF",
                "JKK,JKM",
                month.strftime("%m-%Y"),
                "",
                worker.desa_id,
            ]  # fmt: skip
        )
    header = [
        "No KPJ", "NIK", "Nama Peserta", "Tanggal Lahir", "Segmen", "Status Kepesertaan",
        "Program", "Bulan Terakhir Bayar", "NPP", "Kode Wilayah",
    ]  # fmt: skip
    return _write(folder / "peserta-bpu-bantuan.csv", header, rows)


def ensure_demo_claims(data_dir: Path) -> list[str]:
    if Claim.objects.exists() or not Participant.objects.exists():
        return []
    rng = random.Random(11)
    folder = data_dir / "demo-data"
    folder.mkdir(parents=True, exist_ok=True)
    month = reporting_month()
    lines = []
    export = _enrolled_export(folder, month)
    if export is not None:
        result = run_import("participants", export)
        run_linkage()
        run_pending()  # the reconciliation finds each enrolled worker's KPJ
        lines.append(f"participants (assisted, BPU): {result.accepted} accepted")
    today = timezone.localdate()
    year = today.year
    jkm = jkm_death_benefit(today)
    death = jkm.total if jkm else None
    assisted = [
        p["bpjs_kpj"]
        for p in assistance.enrolled_places(assistance.programmes(year=year))
        if p["bpjs_kpj"]
    ]
    others = list(Participant.objects.filter(segment=Segment.PU).values_list("kpj", "name")[:3000])
    names = dict(Participant.objects.filter(kpj__in=assisted).values_list("kpj", "name"))
    rows: list[list[object]] = []
    serial = 0

    def claim(kpj: str, name: str, kind: str, when: dt.date, amount: int | None, status: str,
              heir: str = "") -> None:  # fmt: skip
        nonlocal serial
        serial += 1
        paid = when + dt.timedelta(days=rng.randrange(7, 21)) if status == "Dibayar" else None
        rows.append(
            [
                f"KLM-{year}-{serial:05d}",
                kpj,
                name,
                kind,
                when.strftime("%d-%m-%Y"),
                paid.strftime("%d-%m-%Y") if paid and paid <= today else "",
                "" if amount is None else f"{amount:,}".replace(",", "."),
                status if not paid or paid <= today else "Proses",
                heir,
            ]  # fmt: skip
        )

    rng.shuffle(assisted)
    for i, kpj in enumerate(assisted[:10]):  # deaths among the assisted: the reason for it all
        when = _day(rng, year, today)
        status = "Proses" if i == 9 else "Dibayar"
        claim(kpj, names.get(kpj, ""), "JKM", when, death, status, f"Ahli waris {i + 1}")
        if i < 4:  # scholarships for the children of the first four
            for child in rng.sample(CHILDREN, 2):
                claim(kpj, names.get(kpj, ""), "Beasiswa", when, 1_500_000, "Dibayar", child)
    for kpj in assisted[10:24]:
        claim(
            kpj,
            names.get(kpj, ""),
            "JKK",
            _day(rng, year, today),
            rng.randrange(2, 30) * 500_000,
            "Dibayar",
        )
    rng.shuffle(others)
    for kpj, name in others[:20]:
        claim(kpj, name, "JKM", _day(rng, year, today), death, "Dibayar", "Ahli waris")
    for kpj, name in others[20:60]:
        claim(kpj, name, "JKK", _day(rng, year, today), rng.randrange(2, 40) * 500_000, "Dibayar")
    for kpj, name in others[60:210]:
        claim(kpj, name, "JHT", _day(rng, year, today), rng.randrange(4, 120) * 250_000, "Dibayar")
    for i in range(3):  # participations not yet in any export
        claim(
            f"{99_999_999_990 + i}",
            f"Peserta baru {i + 1}",
            "JKK",
            _day(rng, year, today),
            3_000_000,
            "Proses",
        )
    result = run_import("bpjs_claims", _write(folder / "klaim-bpjs.csv", CLAIM_HEADER, rows))
    lines.append(
        f"claims: {result.rows} rows, {result.accepted} accepted ({result.flagged} flagged),"
        f" {result.rejected} rejected"
    )
    return lines
