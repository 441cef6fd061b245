"""Who opens the link-quality page and the review queue, and what they may do there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.jobs.worker import run_pending
from payung.linkage.models import Link
from payung.linkage.tests.builders import RIZAL, load, new_kpj

pytestmark = pytest.mark.usefixtures("regions")


@pytest.mark.parametrize(
    ("role", "view", "run"),
    [
        (Role.ADMINISTRATOR, 200, 302),
        (Role.ANALIS, 200, 302),
        (Role.PETUGAS_BPJS, 200, 403),
        (Role.PIMPINAN, 200, 403),
        (Role.OPERATOR_OPD, 403, 403),
    ],
)
def test_roles_on_the_quality_page(
    client: Client, make_user: Any, tmp_path: Path, role: Role, view: int, run: int
) -> None:
    load(tmp_path, [RIZAL], [(new_kpj(), RIZAL)])
    client.force_login(make_user(role))
    assert client.get("/kepesertaan/").status_code == view
    response = client.post("/kepesertaan/jalankan/")
    assert response.status_code == run
    assert Link.objects.count() == 0  # the run is queued: the worker runs it
    run_pending()
    assert Link.objects.count() == (1 if run == 302 else 0)
    assert AuditEvent.objects.filter(action="linkage.run").count() == (1 if run == 302 else 0)
    review = client.get("/kepesertaan/tinjau/").status_code
    assert review == (200 if run == 302 else 403)


def test_quality_page_counts_links_by_method_and_nik_problems(
    client: Client, make_user: Any, tmp_path: Path
) -> None:
    slipped = RIZAL.but(nik=RIZAL.nik[:15])  # a digit dropped: 15 digits
    load(tmp_path, [slipped], [(new_kpj(), RIZAL)])
    client.force_login(make_user(Role.ANALIS))
    job_page = client.post("/kepesertaan/jalankan/")["Location"]
    assert "menunggu" in client.get(job_page).content.decode().lower()  # no worker yet
    run_pending()
    done = client.get(job_page, follow=True)
    assert done.redirect_chain[-1][0] == "/kepesertaan/"
    html = done.content.decode()
    assert "Pencocokan selesai: 1 tercocokkan" in html
    assert 'data-method="nik_fuzzy"' in html
    assert "NIK dengan salah ketik atau rusak oleh Excel" in html  # the method's name, not code
    assert 'data-side="worker" data-status="length_15"' in html
