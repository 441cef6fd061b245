"""A claim export written as BPJS TK sends it."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "No Klaim,KPJ,Nama Peserta,Jenis Klaim,Tanggal Kejadian,Tanggal Bayar,Nominal,Status,"
    "Ahli Waris\n"
)


def claims_file(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "klaim.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path
