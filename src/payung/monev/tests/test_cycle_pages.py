"""The reporting cycle from the outside: pages and forms as the browser sends them, and the
same forms tampered with (another agency's item in the URL, a role posting what it may not)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from payung.accounts.roles import Role
from payung.monev.models import Evidence, ItemStatus, Target
from payung.monev.tests.builders import EXECUTABLE, PDF, item, open_quarter

pytestmark = pytest.mark.usefixtures("regions")


def client_for(make_user: Any, role: Role, name: str, opd: str | None = None) -> Client:
    client = Client()
    client.force_login(make_user(role, name, opd_code=opd))
    return client


def test_an_agency_reports_and_bappeda_returns_then_verifies(
    make_user: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    period = open_quarter()
    perbup = item(period, "1.1.a", "bagian-hukum")
    hukum = client_for(make_user, Role.OPERATOR_OPD, "op-hukum", "bagian-hukum")
    bappeda = client_for(make_user, Role.ANALIS, "analis")
    url = f"/monev/butir/{perbup.pk}/"

    page = hukum.get(url).content.decode()
    assert 'data-testid="entry"' in page and "Masih kurang" in page
    hukum.post(
        url,
        {
            "step": "entry",
            "done": "1",
            "achieved_on": "2025-02-03",
            "narrative": "Perbup ditetapkan",
        },
    )
    renamed = SimpleUploadedFile("perbup.pdf", EXECUTABLE, content_type="application/pdf")
    refused = hukum.post(
        url, {"step": "evidence", "title": "Perbup", "file": renamed}
    ).content.decode()
    assert "bukan PDF, JPG atau PNG" in refused and Evidence.objects.count() == 0
    good = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    hukum.post(url, {"step": "evidence", "title": "Perbup 12/2025", "file": good})
    hukum.post(f"/monev/butir/{perbup.pk}/ajukan/")
    perbup.refresh_from_db()
    assert perbup.status == ItemStatus.SUBMITTED and perbup.value == 1

    queue = bappeda.get(f"/monev/periode/{period.pk}/verifikasi/").content.decode()
    assert 'data-indicator="1.1.a"' in queue
    bappeda.post(f"/monev/butir/{perbup.pk}/kembalikan/", {"reason": ""})
    perbup.refresh_from_db()
    assert perbup.status == ItemStatus.SUBMITTED  # no reason, no return
    bappeda.post(f"/monev/butir/{perbup.pk}/kembalikan/", {"reason": "Nomor Perbup salah"})
    home = hukum.get("/monev/").content.decode()
    assert 'data-testid="fix-list"' in home and "Nomor Perbup salah" in home

    hukum.post(
        url,
        {
            "step": "entry",
            "done": "1",
            "achieved_on": "2025-02-04",
            "narrative": "Nomor diperbaiki",
        },
    )
    hukum.post(f"/monev/butir/{perbup.pk}/ajukan/")
    bappeda.post(f"/monev/butir/{perbup.pk}/verifikasi/")
    perbup.refresh_from_db()
    assert perbup.status == ItemStatus.VERIFIED
    assert "Nomor Perbup salah" not in hukum.get("/monev/").content.decode()
    # Verified is locked: the entry form is gone and a posted entry changes nothing.
    assert 'data-testid="entry"' not in hukum.get(url).content.decode()
    hukum.post(url, {"step": "entry", "done": "0", "narrative": "dibatalkan"})
    perbup.refresh_from_db()
    assert perbup.value == 1 and perbup.narrative == "Nomor diperbaiki"


def test_another_agencys_item_is_out_of_reach_by_url_and_form(
    make_user: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    period = open_quarter()
    perbup = item(period, "1.1.a", "bagian-hukum")
    hukum = client_for(make_user, Role.OPERATOR_OPD, "op-hukum", "bagian-hukum")
    hukum.post(
        f"/monev/butir/{perbup.pk}/",
        {"step": "evidence", "title": "Perbup", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    evidence = Evidence.objects.get()
    disnaker = client_for(make_user, Role.OPERATOR_OPD, "op-disnaker", "disnaker")
    assert disnaker.get(f"/monev/butir/{perbup.pk}/").status_code == 404
    assert disnaker.get(f"/monev/bukti/{evidence.pk}/").status_code == 404
    assert hukum.get(f"/monev/bukti/{evidence.pk}/").status_code == 200
    posted = disnaker.post(
        f"/monev/butir/{perbup.pk}/", {"step": "entry", "done": "1", "achieved_on": "2025-01-01"}
    )
    assert posted.status_code == 404
    assert disnaker.post(f"/monev/butir/{perbup.pk}/ajukan/").status_code == 404
    assert (
        disnaker.post(
            f"/monev/butir/{perbup.pk}/hapus-bukti/", {"evidence": evidence.pk}
        ).status_code
        == 404
    )
    # An operator cannot verify its own item, nor reach Bappeda's queue.
    assert hukum.post(f"/monev/butir/{perbup.pk}/verifikasi/").status_code in (403, 302)
    assert hukum.get(f"/monev/periode/{period.pk}/verifikasi/").status_code == 403
    perbup.refresh_from_db()
    assert perbup.value is None and perbup.status == ItemStatus.DRAFT
    assert Evidence.objects.count() == 1
    page = disnaker.get(f"/monev/periode/{period.pk}/").content.decode()
    assert 'data-opd="disnaker"' in page and 'data-opd="bagian-hukum"' not in page


def test_targets_are_set_in_percent_by_bappeda_only(make_user: Any) -> None:
    period = open_quarter()
    coverage = item(period, "2.1.a", "disnaker")
    field = f"t-{coverage.indicator_id}-{coverage.opd_id}"
    url = f"/monev/periode/{period.pk}/target/"
    operator = client_for(make_user, Role.OPERATOR_OPD, "op-disnaker", "disnaker")
    assert operator.post(url, {field: "99"}).status_code == 403
    bappeda = client_for(make_user, Role.ANALIS, "analis")
    bappeda.post(url, {field: "42,5"})
    assert Target.objects.get().value == Decimal("0.4250")
    page = bappeda.post(url, {field: "45"}).content.decode()  # a revision without a reason
    assert "wajib disertai alasan" in page and Target.objects.get().value == Decimal("0.4250")
    bappeda.post(url, {field: "45", "reason": "APBD perubahan"})
    assert Target.objects.get().value == Decimal("0.45")
    page = bappeda.post(url, {field: "empat puluh"}).content.decode()
    assert "bukan target yang sah" in page
