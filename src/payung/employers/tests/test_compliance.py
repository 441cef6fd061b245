"""Employers: both lists imported (rows in = accepted + rejected), matched by NIB, by name
without its legal form, or sent to review, and each classification from constructed
employers, with the figures that make it as evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from payung.employers.compliance import classify
from payung.employers.matching import decide, match_employers
from payung.employers.models import (
    BpjsEmployer,
    Business,
    EmployerMatch,
    EmployerReview,
    Finding,
    ReviewDecision,
)
from payung.employers.tests.builders import lists, seed_rules, write
from payung.imports.services import run_import

pytestmark = pytest.mark.usefixtures("regions")

NIB = "1234567890123"
ON = dt.date(2025, 6, 1)  # UMP Gorontalo 2025: Rp 3.221.731 (seeded, to verify)


@pytest.fixture(autouse=True)
def _rules(db: None) -> None:
    seed_rules()


_write, _lists = write, lists


def _codes() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f in Finding.objects.select_related("business"):
        found.setdefault(f.business.name, set()).add(f.code)
    return found


def test_bad_rows_are_reported_and_none_is_lost(tmp_path: Path) -> None:
    result = run_import(
        "businesses",
        _write(
            tmp_path / "oss.csv",
            "NIB,Nama Perusahaan,KBLI,Skala Usaha,Jumlah Tenaga Kerja\n"
            f"{NIB},PT Sinar Boalemo,47111,kecil,12\n"
            "12345,CV Pendek,47111,kecil,3\n"  # NIB too short: rejected
            f"{NIB},PT Sinar Boalemo Lagi,47111,kecil,12\n"  # the same NIB again: rejected
            "9876543210987,UD Tani Jaya,0111,raksasa,lima\n",  # kept; three cells flagged
        ),
    )
    assert (result.rows, result.accepted, result.rejected, result.flagged) == (4, 2, 2, 1)
    tani = Business.objects.get(nib="9876543210987")
    assert (tani.kbli, tani.scale, tani.declared_workers, tani.name_key) == (
        "",
        "",
        None,
        "TANI JAYA",
    )


def test_matching_by_nib_by_name_and_by_review(tmp_path: Path, make_user: Any) -> None:
    _lists(
        tmp_path,
        f"{NIB},PT. Sinar Boalemo,47111,kecil,,,10,\n"
        "2222222222222,CV Karya Tilamuta,41011,kecil,,,5,\n"
        "3333333333333,UD Nelayan Makmur Sejahtera,03111,mikro,,,4,\n"
        "4444444444444,Koperasi Tani Paguyaman,01111,kecil,,,8,\n",
        f'11000001,Sinar Boalemo (PT),{NIB},10,,"JKK,JKM,JHT",0\n'
        '11000002,KARYA TILAMUTA CV,,5,,"JKK,JKM,JHT",0\n'
        '11000003,UD Nelayan Makmur Sejahtra,,4,,"JKK,JKM",0\n',  # one letter off
    )
    result = match_employers()
    assert (result.by_nib, result.by_name) == (1, 1)
    methods = dict(EmployerMatch.objects.values_list("business__nib", "method"))
    assert methods == {NIB: "nib", "2222222222222": "name", "3333333333333": "similar"}
    assert result.unmatched == 1  # the cooperative: no employer with its name


def test_a_doubtful_pair_waits_for_a_person_and_the_decision_binds(
    tmp_path: Path, make_user: Any
) -> None:
    _lists(
        tmp_path,
        "5555555555555,PT Boalemo Indah Permai,47111,kecil,,,6,\n",
        '11000005,PT Boalemo Indah Mandiri,,6,,"JKK,JKM,JHT",0\n',
    )
    assert match_employers().to_review == 1
    assert not EmployerMatch.objects.exists()
    decide(EmployerReview.objects.get(), True, make_user("analis"))
    again = match_employers()
    assert again.reviewed == 1 and again.to_review == 0
    assert EmployerReview.objects.get().decision == ReviewDecision.SAME


def test_each_classification_from_constructed_employers(tmp_path: Path) -> None:
    _lists(
        tmp_path,
        # name, declared workers and monthly wages, scale
        "1000000000001,PT Patuh,47111,menengah,,,10,40.000.000\n"
        "1000000000002,PT Kurang Pekerja,47111,menengah,,,10,\n"
        "1000000000003,PT Upah Rendah,47111,menengah,,,10,40.000.000\n"
        "1000000000004,PT Di Bawah UMP,47111,menengah,,,10,\n"
        "1000000000005,CV Tanpa JP,47111,menengah,,,10,\n"
        "1000000000006,PT Menunggak,47111,menengah,,,10,\n"
        "1000000000007,UD Belum Daftar,47111,kecil,,,3,\n"
        "1000000000008,UD Tanpa Pekerja,47111,mikro,,,0,\n"
        "1000000000009,UD Mikro Patuh,47111,mikro,,,2,\n",
        '21000001,PT Patuh,1000000000001,10,40.000.000,"JKK,JKM,JHT,JP",0\n'
        '21000002,PT Kurang Pekerja,1000000000002,7,35.000.000,"JKK,JKM,JHT,JP",0\n'
        '21000003,PT Upah Rendah,1000000000003,10,32.500.000,"JKK,JKM,JHT,JP",0\n'
        '21000004,PT Di Bawah UMP,1000000000004,10,25.000.000,"JKK,JKM,JHT,JP",0\n'
        '21000005,CV Tanpa JP,1000000000005,10,40.000.000,"JKK,JKM,JHT",0\n'
        '21000006,PT Menunggak,1000000000006,10,40.000.000,"JKK,JKM,JHT,JP",3\n'
        '21000009,UD Mikro Patuh,1000000000009,2,7.000.000,"JKK,JKM",0\n',
    )
    match_employers()
    classify(on=ON)
    assert _codes() == {
        "PT Patuh": {"compliant"},
        "PT Kurang Pekerja": {"pds_tk"},  # 7 registered of 10 declared
        "PT Upah Rendah": {"pds_upah"},  # Rp 32,5 juta reported of Rp 40 juta declared
        "PT Di Bawah UMP": {"pds_upah"},  # Rp 2.500.000 a worker < Rp 3.221.731
        "CV Tanpa JP": {"pds_program"},  # a medium business needs JP (Perpres 109/2013)
        "PT Menunggak": {"arrears"},
        "UD Belum Daftar": {"pwbd"},
        "UD Tanpa Pekerja": {"no_workers"},
        "UD Mikro Patuh": {"compliant"},  # micro: JKK and JKM only
    }
    below = Finding.objects.get(business__name="PT Di Bawah UMP")
    assert below.evidence["average_wage"] == 2_500_000
    assert below.evidence["minimum_wage"] == 3_221_731 and below.verified is False
    short = Finding.objects.get(business__name="PT Kurang Pekerja")
    assert (short.evidence["declared_workers"], short.evidence["registered_workers"]) == (10, 7)
    assert "UU 24/2011" in short.regulation
    missing = Finding.objects.get(business__name="CV Tanpa JP")
    assert missing.evidence["missing"] == "JP" and "Perpres 109/2013" in missing.regulation
    assert BpjsEmployer.objects.count() == 7
