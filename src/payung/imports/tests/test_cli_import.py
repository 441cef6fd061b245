"""`payung import` as a user runs it, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from payung.conftest import run_payung
from payung.imports.tests.helpers import WORKER_HEADER, write_csv

DESA = "75.02.01.2004"


def test_import_prints_a_json_summary_and_writes_the_issue_file(
    tmp_path: Path, initialised_folder: Path
) -> None:
    data = initialised_folder
    rows = [
        ["No. KTP", "Nama Lengkap", "Kode Desa"],
        ["7502014507850001", "Siti Aisyah Pakaya", DESA],
        ["", "Yusuf Daud", DESA],
        ["7502011203900002", "", DESA],
    ]
    path = write_csv(tmp_path / "desa.csv", rows)
    issues = tmp_path / "perbaikan.xlsx"
    result = run_payung(
        data, "import", "workers", str(path), "--map", "nik=No. KTP", "--json",
        "--issues", str(issues),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert {k: summary[k] for k in ("rows", "accepted", "rejected")} == {
        "rows": 3,
        "accepted": 2,
        "rejected": 1,
    }
    assert isinstance(summary["batch"], int) and isinstance(summary["warnings"], list)
    assert issues.exists()


def test_a_refused_file_is_one_clear_line(tmp_path: Path, initialised_folder: Path) -> None:
    data = initialised_folder
    pdf = tmp_path / "daftar.xlsx"
    pdf.write_bytes(b"%PDF-1.7 ...")
    result = run_payung(data, "import", "workers", str(pdf))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "PDF" in result.stderr


def test_bad_map_option_is_explained(tmp_path: Path, initialised_folder: Path) -> None:
    data = initialised_folder
    path = write_csv(tmp_path / "d.csv", [WORKER_HEADER])
    result = run_payung(data, "import", "workers", str(path), "--map", "nik")
    assert result.returncode != 0 and "FIELD=COLUMN" in result.stderr
