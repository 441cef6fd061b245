"""The participants no worker was linked to: listed, filtered, downloaded, by role."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.assistance.tests.builders import DESA_B, THIS_MONTH, World
from payung.linkage.models import ReviewPair

pytestmark = pytest.mark.usefixtures("regions")


@pytest.fixture
def world() -> None:
    w = World()
    linked = w.poor(name="Sudah Tercocok")
    w.participant("BPU", THIS_MONTH, worker=linked)
    alone = w.participant("PU", THIS_MONTH)
    alone.name, alone.nik = "Peserta Tanpa Pekerja", "7502011203800001"
    alone.save()
    doubtful = w.participant("BPU", THIS_MONTH, region_code=DESA_B)
    doubtful.name = "Peserta Diragukan"
    doubtful.save()
    ReviewPair.objects.create(
        participant=doubtful, worker=w.poor(name="Mungkin Dia"), method="probabilistic", score=9
    )


def client_for(make_user: Any, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


@pytest.mark.usefixtures("world")
def test_the_list_holds_only_participants_without_a_worker(make_user: Any) -> None:
    analis = client_for(make_user, Role.ANALIS)
    page = analis.get("/kepesertaan/tanpa-pekerja/").content.decode()
    assert "Peserta Tanpa Pekerja" in page and "Peserta Diragukan" in page
    assert "Peserta 2<" not in page  # the participant linked to "Sudah Tercocok"
    only_pu = analis.get("/kepesertaan/tanpa-pekerja/?segmen=PU").content.decode()
    assert "Peserta Diragukan" not in only_pu
    tilamuta = analis.get("/kepesertaan/tanpa-pekerja/?wilayah=75.02.04").content.decode()
    assert "Peserta Tanpa Pekerja" not in tilamuta and "Peserta Diragukan" in tilamuta


@pytest.mark.usefixtures("world")
def test_the_download_masks_niks_for_the_regents_office_and_is_audited(make_user: Any) -> None:
    response = client_for(make_user, Role.PIMPINAN).get("/kepesertaan/tanpa-pekerja/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    lines = list(sheet.iter_rows(values_only=True))
    assert len(lines) == 3  # the header and two participants
    alone = next(line for line in lines if line[2] == "Peserta Tanpa Pekerja")
    assert alone[1] == "750201**********"
    doubtful = next(line for line in lines if line[2] == "Peserta Diragukan")
    assert doubtful[8] not in (None, "")  # waits in review
    assert AuditEvent.objects.filter(action="linkage.unlinked_exported").count() == 1


def test_who_may_see_it(make_user: Any, client: Client) -> None:
    assert client.get("/kepesertaan/tanpa-pekerja/").status_code == 302
    operator = client_for(make_user, Role.OPERATOR_OPD)
    assert operator.get("/kepesertaan/tanpa-pekerja/").status_code == 403
    assert operator.get("/kepesertaan/tanpa-pekerja/?format=xlsx").status_code == 403
