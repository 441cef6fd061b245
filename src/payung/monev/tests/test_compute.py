"""Indicators that fill themselves at a period's close, frozen with the figures they came from;
those whose data Payung does not hold yet wait, and a verified item is never overwritten."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from payung.accounts.models import AuditEvent
from payung.assistance.tests.builders import LONG_AGO, THIS_MONTH, World
from payung.coverage.tests.helpers import DESA_A, DESA_B
from payung.monev.models import ItemStatus, Realisation
from payung.monev.services import compute_period, quarter, seed_catalogue

pytestmark = pytest.mark.usefixtures("regions", "seeded_rules")


@pytest.fixture
def period() -> object:
    seed_catalogue()
    return quarter(THIS_MONTH.year, (THIS_MONTH.month - 1) // 3 + 1)


def test_a_quarter_gets_the_usual_window() -> None:
    q4 = quarter(2026, 4)
    assert (q4.starts, q4.ends) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert (q4.opens, q4.deadline, q4.closes) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 15),
        dt.date(2027, 1, 30),
    )
    assert str(q4) == "T4 2026" and quarter(2026, 4) == q4


def test_registry_coverage_fills_itself_for_its_owner(period: object) -> None:
    world = World()
    workers = [world.poor() for _ in range(4)]
    world.active(workers[0], "BPU")  # paid through this month: covered
    world.participant("PU", LONG_AGO, worker=workers[1])  # lapsed: not covered
    result = compute_period(period)  # type: ignore[arg-type]
    item = Realisation.objects.get(indicator__code="2.1.a")
    # 1 covered of 4 registry workers in the quarter's last month.
    assert (item.opd.code, item.value) == ("disnaker", Decimal("0.2500"))
    assert item.computed and item.inputs["covered"] == 1 and item.inputs["registry_workers"] == 4
    # No BPS working population and no programme yet: those wait, as do the employers' lists.
    assert {"2.1.b", "2.2.a", "4.1.a", "5.1.a", "3.1.b"} <= set(result.waiting)
    assert AuditEvent.objects.filter(action="monev.computed").count() == 1


def test_coverage_is_frozen_per_kecamatan_too(period: object) -> None:
    """Registry coverage for the regency, and each kecamatan's own figures kept with it: the
    item's page and the period report show them."""
    world = World()
    paguyaman = [world.poor(DESA_A) for _ in range(3)]
    tilamuta = world.poor(DESA_B)
    world.active(paguyaman[0], "BPU")
    world.active(tilamuta, "PU")
    compute_period(period)  # type: ignore[arg-type]
    item = Realisation.objects.get(indicator__code="2.1.a")
    assert item.value == Decimal("0.5000")  # 2 covered of 4
    kecamatan = {k["code"]: (k["covered"], k["registry_workers"]) for k in item.inputs["kecamatan"]}
    assert kecamatan["75.02.01"] == (1, 3)  # Paguyaman
    assert kecamatan["75.02.04"] == (1, 1)  # Tilamuta


def test_assistance_realisation_fills_once_a_programme_exists(period: object) -> None:
    world = World()
    world.programme(quota=5, budget=1_008_000_000)
    compute_period(period)  # type: ignore[arg-type]
    enrolled = Realisation.objects.filter(indicator__code="2.3.a")
    # Owned by Disnaker and Dinas Sosial: one item each; 0 enrolled of a quota of 5.
    assert sorted(i.opd.code for i in enrolled) == ["dinas-sosial", "disnaker"]
    assert {i.value for i in enrolled} == {Decimal(0)}
    paid = Realisation.objects.get(indicator__code="1.2.a", opd__code="bpkad")
    assert paid.inputs["budget"] == 1_008_000_000 and paid.value == Decimal(0)


def test_a_verified_item_is_never_computed_over(period: object) -> None:
    world = World()
    world.active(world.poor(), "BPU")
    compute_period(period)  # type: ignore[arg-type]
    item = Realisation.objects.get(indicator__code="2.1.a")
    assert item.value == Decimal(1)
    item.status = ItemStatus.VERIFIED
    item.save()
    world.poor()  # a new uncovered worker: the figure would now be 0,5
    result = compute_period(period)  # type: ignore[arg-type]
    item.refresh_from_db()
    assert item.value == Decimal(1) and result.kept == 1


def test_the_command_fills_a_quarter_and_says_what_waits(period: object) -> None:
    import io
    import json

    from django.core.management import call_command

    World().active(World().poor(), "BPU")
    out = io.StringIO()
    q = (THIS_MONTH.month - 1) // 3 + 1
    call_command("monev", "compute", "--year", str(THIS_MONTH.year), "--quarter", str(q),
                 "--json", stdout=out)  # fmt: skip
    printed = json.loads(out.getvalue())
    assert printed["filled"] == 1 and "5.1.a" in printed["waiting"]


def test_a_quarter_ending_past_the_latest_export_reads_the_exports_month(period: object) -> None:
    """The export reports on last month (paid through it); the quarter ends later this year:
    coverage is read at the export's month, not at a month nobody has data for yet."""
    from payung.lib.months import add_months

    world = World()
    reported = add_months(THIS_MONTH, -1)
    worker = world.poor()
    world.participant("PU", reported, worker=worker)  # a PU participation lapses in a month
    world.poor()
    later = quarter(THIS_MONTH.year + 1, 4)  # ends long after the export
    compute_period(later)
    item = Realisation.objects.get(indicator__code="2.1.a", period=later)
    assert item.inputs["month"] == f"{reported:%Y-%m}" and item.value == Decimal("0.5000")


def test_the_non_asn_share_fills_itself_from_the_agencies_lists(
    period: object, tmp_path: Path
) -> None:
    from payung.imports.services import run_import

    world = World()
    covered = world.poor()
    world.active(covered, "PU")  # paid through this month
    path = tmp_path / "honorer.csv"
    path.write_text(
        f"NIK,Nama,Jabatan,Honor\n{covered.nik},{covered.name},Staf,1.500.000\n"
        "7502010101900003,Belum Terdaftar,Staf,1.500.000\n",
        encoding="utf-8",
    )
    run_import("non_asn", path, scope="bkpsdm")
    result = compute_period(period)  # type: ignore[arg-type]
    item = Realisation.objects.get(indicator__code="2.2.a")
    assert "2.2.a" not in result.waiting
    assert (item.value, item.inputs["active"], item.inputs["on_the_lists"]) == (
        Decimal("0.5000"),
        1,
        2,
    )
