"""The regency's own staff lists: imported through the import machinery (rows in = accepted +
rejected), each person found among BPJS TK's participants by NIK, what protecting the rest
would cost from the contribution rules, and who may see and upload which list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from payung.accounts.roles import Role
from payung.employers import staff
from payung.employers.models import Roster, StaffMember
from payung.imports.errors import ImportRefused
from payung.imports.models import ImportBatch
from payung.imports.services import run_import
from payung.jobs.models import Job
from payung.participants.models import Participant

pytestmark = pytest.mark.usefixtures("regions", "seeded_rules")

OCT = dt.date(2026, 10, 1)
ACTIVE_NIK = "7502011203800001"  # 12-03-1980, a man, kecamatan 75.02.01
LAPSED_NIK = "7502015204850002"  # 12-04-1985, a woman (day + 40)
NEVER_NIK = "7502010101900003"
HEADER = "No KTP,Nama Lengkap,Jabatan,Honor per bulan,Sumber Dana\n"


def _participant(nik: str, last_paid: dt.date, n: int) -> None:
    batch = ImportBatch.objects.create(kind="participants", file_name="p.csv", file_sha256="0")
    Participant.objects.create(
        kpj=f"{20_000_000_000 + n}", nik=nik, name=f"Peserta {n}", segment="PU",
        status="AKTIF", last_paid=last_paid, batch=batch, source_file="p.csv", source_row=n,
    )  # fmt: skip


def _csv(tmp_path: Path, body: str, name: str = "honorer.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    _participant(ACTIVE_NIK, OCT, 1)  # paid through October: active
    _participant(LAPSED_NIK, dt.date(2026, 3, 1), 2)  # paid last in March: lapsed
    return _csv(
        tmp_path,
        f"'{ACTIVE_NIK},Rahmat Hidayat,Pengemudi,Rp 1.500.000,APBD\n"
        f"{LAPSED_NIK},Siti Aminah,Tenaga kebersihan,1.500.000,APBD\n"
        f'{NEVER_NIK},Yusuf Mooduto,Operator komputer,"2.000.000",BLUD\n'
        "75020112038,Nurain Abas,Pramubakti,1.000.000,APBD\n",  # 11 digits: rejected
    )


def test_a_list_is_imported_and_each_person_found_by_nik(listed: Path) -> None:
    result = run_import("non_asn", listed, scope="bkpsdm")
    assert (result.rows, result.accepted, result.rejected) == (4, 3, 1)
    rows = {r.member.name: r for r in staff.staff_rows(Roster.NON_ASN, "bkpsdm", OCT)}
    assert {n: r.status for n, r in rows.items()} == {
        "Rahmat Hidayat": staff.ACTIVE,
        "Siti Aminah": staff.LAPSED,
        "Yusuf Mooduto": staff.NEVER,
    }
    # PP 44/2015: JKK 0,24 % (risk group 1) and JKM 0,30 % of the wage, a month.
    assert rows["Siti Aminah"].monthly_owed == 3_600 + 4_500  # of Rp 1.500.000
    assert rows["Yusuf Mooduto"].monthly_owed == 4_800 + 6_000  # of Rp 2.000.000
    assert rows["Rahmat Hidayat"].monthly_owed is None  # already protected
    assert staff.share_active(Roster.NON_ASN, OCT) == (1, 3)


def test_a_later_list_replaces_the_agencys_unless_rows_were_rejected(
    listed: Path, tmp_path: Path
) -> None:
    run_import("non_asn", listed, scope="bkpsdm")
    shorter = f"{ACTIVE_NIK},Rahmat Hidayat,Pengemudi,1.500.000,APBD\n"
    with_a_bad_row = shorter + "123,Tanpa NIK Benar,Staf,1.000.000,APBD\n"
    run_import("non_asn", _csv(tmp_path, with_a_bad_row, "b.csv"), scope="bkpsdm")
    assert staff.members(Roster.NON_ASN, "bkpsdm").count() == 3  # who left cannot be told
    run_import("non_asn", _csv(tmp_path, shorter, "c.csv"), scope="bkpsdm")
    assert [m.name for m in staff.members(Roster.NON_ASN, "bkpsdm")] == ["Rahmat Hidayat"]
    assert StaffMember.objects.filter(unit="bkpsdm").count() == 3  # kept, no longer counted


def test_a_list_needs_its_agency(listed: Path) -> None:
    with pytest.raises(ImportRefused):
        run_import("non_asn", listed)
    with pytest.raises(ImportRefused):
        run_import("non_asn", listed, scope="no-such-agency")
    assert not StaffMember.objects.exists()


def test_village_officials_are_listed_per_desa(tmp_path: Path) -> None:
    path = tmp_path / "perangkat.csv"
    path.write_text(
        "NIK,Nama,Jabatan,Desa,Penghasilan tetap\n"
        f"{ACTIVE_NIK},Hasan Ali,Kepala Desa,75.02.01.2004,2.500.000\n"
        f"{NEVER_NIK},Rini Polapa,Sekretaris Desa,Desa Yang Tidak Ada,2.000.000\n",
        encoding="utf-8",
    )
    result = run_import("perangkat_desa", path)
    assert (result.rows, result.accepted, result.rejected) == (2, 1, 1)
    assert list(staff.members(Roster.VILLAGE).values_list("unit", flat=True)) == ["75.02.01.2004"]


def _upload(client: Client, url: str, data: dict[str, Any]) -> Any:
    file = SimpleUploadedFile("honorer.csv", (HEADER + f"{NEVER_NIK},A,B,1,APBD\n").encode())
    return client.post(url, {"kind": "non_asn", "file": file, **data})


def test_an_operator_uploads_its_own_agencys_list_only(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.OPERATOR_OPD, "op-bkpsdm", opd_code="bkpsdm"))
    answer = _upload(client, "/pemberi-kerja/pegawai/non_asn/", {"opd": "1"})  # tampered
    assert answer.status_code == 302
    assert Job.objects.get().arguments["scope"] == "bkpsdm"
    # Village officials are Dinas PMD's list.
    assert client.get("/pemberi-kerja/pegawai/perangkat_desa/").status_code == 200
    assert client.post("/pemberi-kerja/pegawai/perangkat_desa/").status_code == 403


def test_names_are_shown_to_the_units_own_operator_only(listed: Path, make_user: Any) -> None:
    run_import("non_asn", listed, scope="bkpsdm")
    url = "/pemberi-kerja/pegawai/non_asn/"
    own, other, bupati = Client(), Client(), Client()
    own.force_login(make_user(Role.OPERATOR_OPD, "op-bkpsdm", opd_code="bkpsdm"))
    other.force_login(make_user(Role.OPERATOR_OPD, "op-pupr", opd_code="dinas-pupr"))
    bupati.force_login(make_user(Role.PIMPINAN, "bupati"))
    page = own.get(url, {"unit": "bkpsdm"}).content.decode()
    assert "Siti Aminah" in page and LAPSED_NIK not in page  # an operator sees NIKs masked
    assert other.get(url, {"unit": "bkpsdm"}).status_code == 404
    assert bupati.get(url, {"unit": "bkpsdm"}).status_code == 404
    summary = bupati.get(url).content.decode()
    assert 'data-unit="bkpsdm"' in summary and "Siti Aminah" not in summary


def test_an_elections_ad_hoc_staff_are_one_list_per_election(listed: Path, make_user: Any) -> None:
    result = run_import("petugas_pemilu", listed, scope="Pilkada 2024")
    assert (result.rows, result.accepted) == (4, 3)
    assert staff.share_active(Roster.ELECTION, OCT) == (1, 3)
    with pytest.raises(ImportRefused):
        run_import("petugas_pemilu", listed)  # which election?
    url = "/pemberi-kerja/pegawai/petugas_pemilu/"
    operator = Client()
    operator.force_login(make_user(Role.OPERATOR_OPD, "op-bkpsdm", opd_code="bkpsdm"))
    assert operator.get(url, {"unit": "Pilkada 2024"}).status_code == 404
    assert operator.post(url).status_code == 403
    analis = Client()
    analis.force_login(make_user(Role.ANALIS))
    assert "Siti Aminah" in analis.get(url, {"unit": "Pilkada 2024"}).content.decode()
    file = SimpleUploadedFile("kpps.csv", (HEADER + f"{NEVER_NIK},A,KPPS,1,APBN\n").encode())
    answer = analis.post(url, {"kind": "petugas_pemilu", "file": file, "election": "Pemilu 2029"})
    assert answer.status_code == 302
    assert Job.objects.get().arguments["scope"] == "Pemilu 2029"
