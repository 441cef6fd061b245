"""The two employer lists written as the offices send them, and imported."""

from __future__ import annotations

from pathlib import Path

from payung.imports.services import run_import

BUSINESS_HEADER = (
    "NIB,Nama Perusahaan,KBLI,Skala Usaha,Alamat,Desa,Jumlah Tenaga Kerja,Total Upah\n"
)
EMPLOYER_HEADER = "NPP,Nama Perusahaan,NIB,Jumlah TK,Total Upah,Program,Tunggakan\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lists(tmp_path: Path, business_rows: str, employer_rows: str) -> None:
    run_import("businesses", write(tmp_path / "oss.csv", BUSINESS_HEADER + business_rows))
    run_import("bpjs_employers", write(tmp_path / "bpjs.csv", EMPLOYER_HEADER + employer_rows))


def seed_rules() -> None:
    """The migration's rules, seeded again after a transactional test's flush."""
    from django.apps import apps

    from payung.employers.rules import seed

    seed(apps, None)
