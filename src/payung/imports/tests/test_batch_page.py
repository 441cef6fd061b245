"""A batch's problems, page by page, each with the name the file gave the row: a clerk works
down 10,000 flagged rows instead of seeing the first 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.imports.models import ImportIssue
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"


def test_the_problems_page_through_with_names_and_a_filter(tmp_path: Path, make_user: Any) -> None:
    # 130 rows whose NIK Excel cut to 15 digits (kept, flagged) and 20 with no name (rejected).
    rows = [
        [f"750201120390{n:03d}", f"Warga Nomor {n}", "L", "12-03-1990", DESA] for n in range(130)
    ]
    rows += [[f"7502011203910{n:03d}", "", "L", "12-03-1991", DESA] for n in range(20)]
    batch = run_import(
        "workers", write_csv(tmp_path / "desa.csv", [WORKER_HEADER[:5], *rows])
    ).batch
    problems = ImportIssue.objects.filter(batch_id=batch)
    total = problems.count()
    assert total >= 150  # one issue or more per row
    client = Client()
    client.force_login(make_user(Role.ANALIS))

    first = client.get(f"/impor/batch/{batch}/").content.decode()
    assert first.count('<tr class="flagged">') + first.count('<tr class="rejected">') == 100
    assert "Warga Nomor 0" in first
    last = client.get(f"/impor/batch/{batch}/?halaman=2").content.decode()
    assert last.count('<tr class="flagged">') + last.count('<tr class="rejected">') == total - 100
    rejected = client.get(f"/impor/batch/{batch}/?status=rejected").content.decode()
    assert rejected.count('<tr class="rejected">') == problems.filter(severity="rejected").count()
    assert problems.filter(severity="rejected").values("source_row").distinct().count() == 20
    assert '<tr class="flagged">' not in rejected
    # A tampered filter shows every problem, not an error.
    assert client.get(f"/impor/batch/{batch}/?status=x&halaman=zz").status_code == 200
