"""The assistance pages through Django's test client: roles, masking, the forms, the files."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.assistance.models import Beneficiary, Programme, Status
from payung.assistance.tests.builders import DESA_A, THIS_MONTH, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(regions: None) -> World:
    return World()


def client_for(make_user: Any, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


def form_values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Bantuan Iuran Pekerja Rentan",
        "year": THIS_MONTH.year,
        "funding_source": "apbd",
        "budget_line": "5.1.02.01",
        "budget": "1008000000",
        "quota": "3",
        "start_month": THIS_MONTH.strftime("%Y-%m"),
        "months": "12",
        "programs": ["jkk", "jkm"],
        "declared_income": "1000000",
        "require_valid_nik": "on",
        "weight_decile": "50",
        "weight_occupation": "30",
        "weight_dependants": "10",
        "weight_age": "10",
        "risky_occupations": "pemanjat kelapa, nelayan",
        "allocation": "proportional",
    }
    values.update(changes)
    return values


def test_an_analis_creates_a_programme_from_the_form(world: World, make_user: Any) -> None:
    client = client_for(make_user, Role.ANALIS)
    response = client.post(
        reverse("assistance:create"),
        form_values(occupations="Petani, Nelayan", max_decile="4", regions="75.02.01"),
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert programme.occupations == ["petani", "nelayan"]
    assert (programme.max_decile, programme.regions) == (4, ["75.02.01"])
    assert AuditEvent.objects.filter(action="assistance.create", username="uji-analis").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"programs": ["jkk"]}, "jkk dan jkm wajib"),
        ({"regions": "75.02.99"}, "75.02.99"),
        ({"allocation": "fixed"}, "tabel"),
        ({"funding_source": "csr"}, "perusahaan"),
        ({"min_age": "60", "max_age": "18"}, "usia"),
    ],
)
def test_the_form_refuses_what_cannot_be_a_programme(
    world: World, make_user: Any, changes: dict[str, Any], message: str
) -> None:
    client = client_for(make_user, Role.ANALIS)
    response = client.post(reverse("assistance:create"), form_values(**changes))
    assert response.status_code == 200
    errors = " ".join(str(e) for errs in response.context["form"].errors.values() for e in errs)
    assert message in errors.lower(), errors
    assert not Programme.objects.exists()


def test_roles(world: World, make_user: Any) -> None:
    programme = world.programme()
    operator = client_for(make_user, Role.OPERATOR_OPD)
    assert operator.get(reverse("assistance:index")).status_code == 403
    leader = client_for(make_user, Role.PIMPINAN)
    assert leader.get(reverse("assistance:detail", args=[programme.pk])).status_code == 200
    assert leader.post(reverse("assistance:select", args=[programme.pk])).status_code == 403
    assert leader.get(reverse("assistance:enrolment_file", args=[programme.pk])).status_code == 403
    assert not Beneficiary.objects.exists()


def test_the_desa_list_masks_the_nik_for_leadership(world: World, make_user: Any) -> None:
    worker = world.poor()
    nik = str(worker.nik)
    programme = world.programme()
    analis = client_for(make_user, Role.ANALIS)
    analis.post(reverse("assistance:select", args=[programme.pk]))
    url = reverse("assistance:desa", args=[programme.pk, DESA_A])
    full = analis.get(url).content.decode()
    masked = client_for(make_user, Role.PIMPINAN).get(url).content.decode()
    assert nik in full
    assert nik not in masked and nik[:6] + "*" * 10 in masked
    # Birth date and sex would give back digits 7-12 of the masked NIK (issue 14, item 6).
    born = worker.birth_date
    assert born is not None
    assert born.strftime("%d-%m-%Y") in full
    assert born.strftime("%d-%m-%Y") not in masked and f"**-**-{born:%Y}" in masked
    assert f"<td>{worker.sex}</td>" in full and f"<td>{worker.sex}</td>" not in masked


def test_selection_to_enrolment_file_through_the_pages(world: World, make_user: Any) -> None:
    workers = [world.poor(decile=d) for d in (1, 2, 3, 4)]
    analis = client_for(make_user, Role.ANALIS)
    programme = world.programme(quota=3)
    analis.post(reverse("assistance:select", args=[programme.pk]))
    chosen = set(Beneficiary.objects.values_list("worker_id", flat=True))
    assert chosen == {w.pk for w in workers[:3]}

    first = Beneficiary.objects.get(worker=workers[0])
    analis.post(reverse("assistance:reject", args=[programme.pk, first.pk]),
                {"reason": "meninggal dunia"})  # fmt: skip
    analis.post(reverse("assistance:verify", args=[programme.pk, DESA_A]))
    verified = set(
        Beneficiary.objects.filter(status=Status.VERIFIED).values_list("worker_id", flat=True)
    )
    assert verified == {w.pk for w in workers[1:]}

    response = analis.get(reverse("assistance:enrolment_file", args=[programme.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    nik_cells = [row[header.index("NIK")] for row in sheet.iter_rows(min_row=2)]
    assert sorted(str(c.value) for c in nik_cells) == sorted(str(w.nik) for w in workers[1:])
    assert all(c.data_type == "s" for c in nik_cells)  # text: Excel keeps all 16 digits
    assert AuditEvent.objects.filter(action="assistance.enrolment_file").exists()

    bpjs = client_for(make_user, Role.PETUGAS_BPJS)
    bpjs.post(reverse("assistance:enrol", args=[programme.pk]), {"on": THIS_MONTH.isoformat()})
    assert Beneficiary.objects.filter(status=Status.ENROLLED).count() == 3


def test_refusals_are_messages_not_errors(world: World, make_user: Any) -> None:
    covered = world.poor()
    world.active(covered, "PU")
    programme = world.programme()
    analis = client_for(make_user, Role.ANALIS)
    response = analis.post(
        reverse("assistance:add", args=[programme.pk]),
        {"nik": covered.nik, "reason": "usulan desa"},
        follow=True,
    )
    assert "sudah menjadi peserta aktif BPJS TK" in response.content.decode()
    response = analis.post(reverse("assistance:bill", args=[programme.pk]),
                           {"month": "2001-01"}, follow=True)  # fmt: skip
    assert "di luar bulan program" in response.content.decode()
    assert not Beneficiary.objects.exists()


def test_the_simulator_compares_two_scenarios(world: World, make_user: Any) -> None:
    for _ in range(4):
        world.poor()
    a = world.programme(name="Skenario A", start_month=THIS_MONTH.replace(month=1))
    b = world.programme(name="Skenario B", max_decile=1)
    client = client_for(make_user, Role.PIMPINAN)
    response = client.get(
        reverse("assistance:simulate"),
        {
            "a-programme": str(a.pk),
            "a-quota": "5000",
            "b-programme": str(b.pk),
            "b-budget": "403200",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skenario A" in page and "Skenario B" in page
    # B: Rp 403.200 buys two workers at Rp 16.800 × 12; nobody in B is eligible (decile 2).
    assert 'data-testid="workers-b">2<' in page
    # One scenario alone is fine: the empty side raises no errors.
    alone = client.get(reverse("assistance:simulate"), {"a-programme": str(a.pk), "a-quota": "1"})
    assert alone.context["sides"][0]["result"].selected == 1
    assert not alone.context["sides"][1]["form"].errors


def test_an_enrolled_worker_who_died_leaves_and_is_replaced(world: World, make_user: Any) -> None:
    first, spare = world.poor(decile=1), world.poor(decile=3)
    programme = world.programme(quota=1)
    analis = client_for(make_user, Role.ANALIS)
    analis.post(reverse("assistance:select", args=[programme.pk]))
    analis.post(reverse("assistance:verify", args=[programme.pk, DESA_A]))
    analis.post(reverse("assistance:enrol", args=[programme.pk]), {"on": THIS_MONTH.isoformat()})
    enrolled = Beneficiary.objects.get(worker=first, status=Status.ENROLLED)

    page = analis.post(
        reverse("assistance:leave", args=[programme.pk, enrolled.pk]),
        {"reason": "meninggal dunia"},
        follow=True,
    ).content.decode()
    assert "Keluar dari program" in page
    enrolled.refresh_from_db()
    assert (enrolled.status, enrolled.reason) == (Status.LEFT, "meninggal dunia")
    replacement = Beneficiary.objects.get(replaces=enrolled)
    assert (replacement.worker_id, replacement.status) == (spare.pk, Status.SELECTED)


def test_the_priority_list_shows_each_part_best_first(world: World, make_user: Any) -> None:
    low = world.poor(decile=4, occupation="petani")
    high = world.poor(decile=1, occupation="nelayan")
    programme = world.programme(risky_occupations=["nelayan"])
    page = client_for(make_user, Role.PIMPINAN).get(
        reverse("assistance:ranking", args=[programme.pk])
    )
    html = page.content.decode()
    rows = page.context["rows"]
    assert [r["id"] for r in rows] == [high.pk, low.pk]
    # Fisher, decile 1: 50 × 1 + 30 × 1 + age part; farmer, decile 4: 50 × 0.7 + age part.
    assert rows[0]["score"] - rows[1]["score"] == pytest.approx(50 * 0.3 + 30)
    assert str(high.nik) not in html and str(high.nik)[:6] + "*" * 10 in html


def test_pages_say_so_when_no_rates_are_in_force(world: World, make_user: Any) -> None:
    from payung.contributions.models import Bracket, RateRule

    programme = world.programme()
    RateRule.objects.all().delete()
    Bracket.objects.all().delete()
    client = client_for(make_user, Role.ANALIS)
    for url in (reverse("assistance:index"), reverse("assistance:detail", args=[programme.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert "BPU" in " ".join(str(m) for m in response.context["messages"])


def test_after_selection_the_form_changes_only_money_and_quota(
    world: World, make_user: Any
) -> None:
    world.poor()
    analis = client_for(make_user, Role.ANALIS)
    programme = world.programme(quota=1, max_decile=4)
    analis.post(reverse("assistance:select", args=[programme.pk]))
    url = reverse("assistance:edit", args=[programme.pk])
    form = analis.get(url).context["form"]
    assert form.fields["max_decile"].disabled and not form.fields["quota"].disabled
    values = {k: v for k, v in form.initial.items() if v is not None}
    values.update(
        quota="3", budget="604800", max_decile="9", start_month="2001-01",
        occupations="", regions="", risky_occupations="", fixed_allocation="",
    )  # fmt: skip
    analis.post(url, values)
    programme.refresh_from_db()
    assert (programme.quota, programme.budget, programme.max_decile) == (3, 604_800, 4)
    assert programme.start_month == THIS_MONTH


def test_the_whole_priority_list_downloads_as_xlsx_masked_and_audited(
    world: World, make_user: Any
) -> None:
    programme = world.programme(quota=1)
    for _ in range(3):
        world.poor()
    client = Client()
    client.force_login(make_user(Role.PIMPINAN))
    response = client.get(f"/bantuan/{programme.pk}/prioritas/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][:3] == ("Peringkat", "NIK", "Nama")
    ranks = [int(str(line[0])) for line in lines[1:]]
    assert ranks == sorted(ranks) and ranks[0] == 1 and len(ranks) >= 3
    assert all(str(line[1]).endswith("**********") for line in lines[1:])
    assert AuditEvent.objects.filter(action="assistance.ranking_exported").count() == 1
