"""`payung bantuan`: a programme from creation to payment on the command line, and its refusals."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from payung.accounts.models import AuditEvent, User
from payung.accounts.roles import Role
from payung.assistance.models import Beneficiary, Programme, Status
from payung.assistance.tests.builders import DESA_A, DESA_B, THIS_MONTH, World
from payung.conftest import run_payung

pytestmark = pytest.mark.django_db

# Domain brief: the minimum BPU package, JKK Rp 10.000 + JKM Rp 6.800 a month.
PACKAGE = 16_800


@pytest.fixture
def world(regions: None) -> World:
    return World()


def run(*args: str) -> str:
    out = StringIO()
    # English, whatever the catalogue holds, so the messages below read the same in any locale.
    with translation.override("en"):
        call_command("bantuan", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def run_json(*args: str) -> Any:
    return json.loads(run(*args, "--json"))


def test_a_programme_from_creation_to_payment(
    world: World, tmp_path: Path, make_user: Callable[[Role], User]
) -> None:
    analis = make_user(Role.ANALIS)
    chosen = [world.poor(decile=1), world.poor(decile=1), world.poor(DESA_B, decile=1)]
    world.poor(decile=3)  # eligible, but below the others on the priority list
    covered = world.poor(decile=1)
    world.active(covered, "PU")
    quota, budget = 3, 100_000_000

    created = run_json(
        "create", "--name", "Bantuan iuran nelayan dan petani", "--year", str(THIS_MONTH.year),
        "--source", "apbd", "--budget", str(budget), "--quota", str(quota),
        "--start", THIS_MONTH.strftime("%Y-%m"), "--budget-line", "5.1.02",
        "--occupations", "petani,nelayan", "--max-decile", "4",
    )  # fmt: skip
    pk = str(created["id"])
    assert created["eligible"] == 4 and created["stage"] == "draft"
    assert Programme.objects.get(pk=created["id"]).occupations == ["petani", "nelayan"]

    selected = run_json("--as", analis.username, "select", pk)
    assert (selected["eligible"], selected["selected"]) == (4, quota)
    assert selected["all_eligible_taken"] is False
    assert set(Beneficiary.objects.values_list("worker_id", flat=True)) == {w.pk for w in chosen}
    assert AuditEvent.objects.get(action="assistance.select").user == analis

    verified = [run_json("verify", pk, "--desa", desa)["verified"] for desa in (DESA_A, DESA_B)]
    assert verified == [2, 1]

    out = tmp_path / "pendaftaran.xlsx"
    written = run_json("enrolment-file", pk, "--out", str(out))
    assert written == {"programme": created["id"], "path": str(out), "rows": quota}
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    niks = [row[header.index("NIK")] for row in sheet.iter_rows(min_row=2)]
    # Text cells, all 16 digits: Excel cannot round them.
    assert all(cell.data_type == "s" and len(str(cell.value)) == 16 for cell in niks)
    assert {cell.value for cell in niks} == {w.nik for w in chosen}
    assert AuditEvent.objects.get(action="assistance.enrolment_file").username.startswith("system:")

    enrolled = run_json("enrol", pk, "--date", THIS_MONTH.isoformat())
    assert enrolled == {"programme": created["id"], "enrolled": quota, "on": THIS_MONTH.isoformat()}

    bill = run_json("bill", pk, "--month", THIS_MONTH.strftime("%Y-%m"))
    assert (bill["workers"], bill["per_worker"]) == (quota, PACKAGE)
    assert bill["amount"] == quota * PACKAGE

    paid = run_json(
        "pay", pk, "--amount", str(quota * PACKAGE), "--date", THIS_MONTH.isoformat(),
        "--reference", "SP2D-0001", "--month", THIS_MONTH.strftime("%Y-%m"),
    )  # fmt: skip
    assert paid["bill_month"] == THIS_MONTH.strftime("%Y-%m")

    money = run_json("realisation")
    (row,) = money["programmes"]
    assert (row["paid"], row["remaining"]) == (quota * PACKAGE, budget - quota * PACKAGE)
    assert row["billed"] == quota * PACKAGE
    # Committed: the month billed plus eleven more months for each of the three places.
    assert row["committed"] == quota * PACKAGE * 12
    (apbd,) = money["by_source"]
    assert apbd["funding_source"] == "apbd" and apbd["paid"] == quota * PACKAGE

    listed = run_json("list")["programmes"]
    assert [(p["id"], p["stage"], p["holding"]) for p in listed] == [
        (created["id"], "enrolled", quota)
    ]
    shown = run_json("show", pk)
    assert shown["counts"]["enrolled"] == quota
    fixed = [r["label"] for r in shown["rules"] if r["fixed"]]
    assert any("active BPJS TK participant" in label for label in fixed)


def test_simulating_5000_workers_costs_the_published_budget(world: World) -> None:
    programme = world.programme(year=2025, start_month=dt.date(2025, 1, 1), quota=5000)
    result = run_json("simulate", str(programme.pk), "--quota", "5000")
    assert result["budget"] == 1_008_000_000 == 5000 * PACKAGE * 12
    assert result["per_worker"] == PACKAGE * 12
    text = run("simulate", str(programme.pk), "--budget", "1008000000")
    assert "5.000 workers" in text and "Kabupaten Boalemo" in text and "→" in text


def test_a_quota_above_the_eligible_selects_all_and_says_so(world: World) -> None:
    world.poor(), world.poor()
    programme = world.programme(quota=10)
    text = run("select", str(programme.pk))
    assert "all 2 eligible selected" in text
    assert Beneficiary.objects.filter(programme=programme, status=Status.SELECTED).count() == 2


def test_adding_an_active_participant_by_nik_is_refused(world: World) -> None:
    insured = world.poor()
    world.active(insured, "BPU")
    programme = world.programme(quota=5)
    with pytest.raises(CommandError, match="already an active BPJS TK participant"):
        run("add", str(programme.pk), "--nik", str(insured.nik), "--reason", "usulan desa")
    assert not Beneficiary.objects.filter(programme=programme).exists()

    fine = world.poor()
    added = run_json("add", str(programme.pk), "--nik", str(fine.nik), "--reason", "usulan desa")
    assert (added["worker"], added["status"]) == (fine.pk, "selected")


def test_a_desa_rejection_names_the_replacement(world: World) -> None:
    first = world.poor(decile=1)
    spare = world.poor(decile=2)
    programme = world.programme(quota=1)
    run("select", str(programme.pk))
    result = run_json("reject", str(programme.pk), "--nik", str(first.nik), "--reason", "pindah")
    assert result["replacement"]["worker"] == spare.pk
    assert result["replacement"]["desa"] == DESA_A


def test_bad_input_is_one_clear_error(world: World) -> None:
    programme = world.programme()
    with pytest.raises(CommandError, match="--month must be a month YYYY-MM, got '2025-13'"):
        run("bill", str(programme.pk), "--month", "2025-13")
    with pytest.raises(CommandError, match="no programme 999"):
        run("show", "999")
    with pytest.raises(CommandError, match="outside the programme's months"):
        run("bill", str(programme.pk), "--month", "2019-01")
    with pytest.raises(CommandError, match="--funder"):
        run("create", "--name", "CSR", "--year", "2025", "--source", "csr", "--budget", "1",
            "--quota", "1", "--start", "2025-01")  # fmt: skip


def test_the_real_command_prints_json_and_fails_in_one_line(
    tmp_path: Path, initialised_folder: Path
) -> None:
    data = initialised_folder
    made = run_payung(
        data, "bantuan", "create", "--name", "BPU", "--year", "2025", "--source", "apbd",
        "--budget", "1008000000", "--quota", "5000", "--start", "2025-01", "--json",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    listed = run_payung(data, "bantuan", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (programme,) = json.loads(listed.stdout)["programmes"]
    assert programme["quota"] == 5000 and programme["realisation"]["remaining"] == 1_008_000_000
    bad = run_payung(data, "bantuan", "bill", str(programme["id"]), "--month", "13-2025")
    assert bad.returncode != 0
    assert bad.stdout == "" and bad.stderr.strip().count("\n") == 0
    assert "--month" in bad.stderr and "Traceback" not in bad.stderr


def test_a_fixed_table_comes_from_a_file_with_kode_and_kuota(world: World, tmp_path: Path) -> None:
    table = tmp_path / "kuota.csv"
    table.write_text(f"Kode Desa;Kuota\n{DESA_A};2\n\n{DESA_B};1\n{DESA_A};1\n")
    base = [
        "create", "--name", "Bantuan tetap", "--year", str(THIS_MONTH.year), "--source", "apbd",
        "--budget", "100000000", "--quota", "4", "--start", THIS_MONTH.strftime("%Y-%m"),
    ]  # fmt: skip
    created = run_json(*base, "--fixed-allocation", str(table))
    programme = Programme.objects.get(pk=created["id"])
    assert programme.fixed_allocation == {DESA_A: 3, DESA_B: 1}  # a desa given twice: added

    table.write_text(f"kode,kuota\n{DESA_A},banyak\n")
    with pytest.raises(CommandError, match="Line 2: write 'code, quota'"):
        run(*base, "--fixed-allocation", str(table))
    table.write_text("desa,jumlah orang\nx,1\n")
    with pytest.raises(CommandError, match="--fixed-allocation: No column found for code, quota"):
        run(*base, "--fixed-allocation", str(table))


def test_the_command_speaks_the_configured_language(world: World) -> None:
    """Without an override the command answers in Indonesian, numbers grouped."""
    programme = world.programme(year=2025, start_month=dt.date(2025, 1, 1), quota=5000)
    out = StringIO()
    call_command("bantuan", "simulate", str(programme.pk), "--budget", "1008000000", stdout=out)
    assert "Rp 1.008.000.000 cukup untuk 5.000 pekerja" in out.getvalue()
