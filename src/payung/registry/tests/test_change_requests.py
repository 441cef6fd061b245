"""An Operator OPD works inside its agency (issue 14, item 3): it adds workers and corrects its
own agency's; a change to another agency's worker waits for an Analis, and the counts it sees
never tell whether a NIK exists elsewhere. Driven from the outside: imports and page posts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv
from payung.registry.models import ChangeRequest, Worker, WorkerVersion

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"
NIK = "7502014507850001"
SITI = [NIK, "Siti Aisyah", "P", "05-07-1985", DESA, "Petani", "1500000"]
# The attack: the same NIK with another name, occupation and an income of 99.000.000.
FORGED = [NIK, "Orang Lain", "P", "05-07-1985", DESA, "Pengusaha", "99.000.000"]


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "pmd": make_user(Role.OPERATOR_OPD, username="operator-pmd", opd_code="dinas-pmd"),
        "disnaker": make_user(Role.OPERATOR_OPD),
        "analis": make_user(Role.ANALIS),
    }


def _import(tmp_path: Path, name: str, row: list[str], user: Any) -> int:
    folder = tmp_path / name
    folder.mkdir()
    return run_import(
        "workers", write_csv(folder / "desa.csv", [WORKER_HEADER, row]), user=user
    ).batch


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_operator_cannot_overwrite_another_agencys_worker(
    tmp_path: Path, people: dict[str, Any]
) -> None:
    _import(tmp_path, "pmd", SITI, people["pmd"])
    _import(tmp_path, "forged", FORGED, people["disnaker"])
    siti = Worker.objects.get(nik=NIK)
    assert (siti.name, siti.occupation, siti.income) == ("Siti Aisyah", "petani", 1_500_000)
    request = ChangeRequest.objects.get()
    assert request.status == ChangeRequest.Status.PENDING
    assert set(request.changed_fields) == {"name", "occupation", "income"}
    assert (request.old["income"], request.new["income"]) == ("1500000", "99000000")


def test_an_operator_corrects_its_own_agencys_workers(
    tmp_path: Path, people: dict[str, Any]
) -> None:
    _import(tmp_path, "first", SITI, people["pmd"])
    _import(tmp_path, "again", [*SITI[:5], "Nelayan", "1.750.000"], people["pmd"])
    siti = Worker.objects.get(nik=NIK)
    assert (siti.occupation, siti.income) == ("nelayan", 1_750_000)
    assert not ChangeRequest.objects.exists()


def test_the_operator_sees_the_same_page_whether_the_nik_existed_or_not(
    tmp_path: Path, people: dict[str, Any]
) -> None:
    disnaker = _client(people["disnaker"])
    unknown = _import(tmp_path, "unknown", [f"{NIK[:-1]}2", *FORGED[1:]], people["disnaker"])
    _import(tmp_path, "pmd", SITI, people["pmd"])
    known = _import(tmp_path, "known", FORGED, people["disnaker"])
    pages = [disnaker.get(f"/impor/batch/{b}/").content.decode() for b in (unknown, known)]
    for page in pages:
        assert 'data-testid="records"' not in page
        assert 'data-testid="review-note"' in page
    summaries = [page.split('data-testid="summary"')[1].split("</table>")[0] for page in pages]
    assert summaries[0] == summaries[1]
    analis_page = _client(people["analis"]).get(f"/impor/batch/{known}/").content.decode()
    assert 'data-testid="records"' in analis_page


def test_an_analis_approves_with_old_and_new_side_by_side(
    tmp_path: Path, people: dict[str, Any]
) -> None:
    _import(tmp_path, "pmd", SITI, people["pmd"])
    _import(tmp_path, "forged", FORGED, people["disnaker"])
    analis = _client(people["analis"])
    page = analis.get("/registri/perubahan/").content.decode()
    assert "Rp 1.500.000" in page and "Rp 99.000.000" in page and "Orang Lain" in page
    request = ChangeRequest.objects.get()
    answer = analis.post(f"/registri/perubahan/{request.pk}/", {"decision": "approve"})
    assert answer.status_code == 302
    siti = Worker.objects.get(nik=NIK)
    assert (siti.name, siti.income) == ("Orang Lain", 99_000_000)
    assert WorkerVersion.objects.filter(worker=siti, name="Siti Aisyah").exists()
    event = AuditEvent.objects.get(action="registry.change_approved")
    assert event.user == people["analis"] and "income" in event.details["fields"]
    again = analis.post(f"/registri/perubahan/{request.pk}/", {"decision": "reject"})
    assert again.status_code == 302 and Worker.objects.get(nik=NIK).name == "Orang Lain"


def test_a_rejected_change_leaves_the_worker_and_is_audited(
    tmp_path: Path, people: dict[str, Any]
) -> None:
    _import(tmp_path, "pmd", SITI, people["pmd"])
    _import(tmp_path, "forged", FORGED, people["disnaker"])
    request = ChangeRequest.objects.get()
    _client(people["analis"]).post(f"/registri/perubahan/{request.pk}/", {"decision": "reject"})
    assert Worker.objects.get(nik=NIK).income == 1_500_000
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.REJECTED
    assert AuditEvent.objects.filter(action="registry.change_rejected").exists()


def test_operators_cannot_decide_or_read_the_requests(
    tmp_path: Path, people: dict[str, Any]
) -> None:
    _import(tmp_path, "pmd", SITI, people["pmd"])
    _import(tmp_path, "forged", FORGED, people["disnaker"])
    request = ChangeRequest.objects.get()
    for who in ("disnaker", "pmd"):
        client = _client(people[who])
        assert client.get("/registri/perubahan/").status_code == 403
        answer = client.post(f"/registri/perubahan/{request.pk}/", {"decision": "approve"})
        assert answer.status_code == 403
    assert Worker.objects.get(nik=NIK).income == 1_500_000
