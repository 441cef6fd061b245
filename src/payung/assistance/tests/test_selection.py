"""Selection: the rules an Analis composes, the priority score, the desa shares, the quota."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import polars as pl
import pytest
from django.utils import translation

from payung.assistance import allocation, eligibility, money, priority, services, simulator
from payung.assistance.models import Beneficiary, Programme
from payung.assistance.priority import Weights, score
from payung.assistance.tests.builders import DESA_A, DESA_B, KEC_B, THIS_MONTH, World
from payung.registry.models import Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(regions: None) -> Iterator[World]:
    # The services' refusals read in English here; the pages' tests check the Indonesian.
    with translation.override("en"):
        yield World()


def chosen(programme: Programme) -> set[int]:
    return set(Beneficiary.objects.filter(programme=programme).values_list("worker_id", flat=True))


def eligible(programme: Programme) -> set[int]:
    return set(eligibility.eligible_workers(programme).values_list("pk", flat=True))


def test_each_rule_an_analis_can_compose(world: World) -> None:
    start = THIS_MONTH
    fisher = world.poor(occupation="nelayan")
    trader = world.poor(occupation="pedagang")
    rich = world.poor(decile=7)
    no_decile = world.poor(decile=None)
    young = world.poor(birth_date=start.replace(year=start.year - 17))
    old = world.poor(birth_date=dt.date(start.year - 70, 1, 1))
    earner = world.poor(income=4_000_000)
    no_income = world.poor(income=None)
    elsewhere = world.poor(desa=DESA_B)
    bad_nik = world.poor(nik=None, nik_status="missing")

    def only(**rules: object) -> set[int]:
        return eligible(world.programme(**rules))

    every = {w.pk for w in (fisher, trader, rich, no_decile, young, old, earner, no_income,
                            elsewhere)}  # fmt: skip
    assert only() == every  # a missing NIK is left out by default
    assert bad_nik.pk in only(require_valid_nik=False)
    assert only(occupations=["Nelayan"]) == {fisher.pk}
    assert only(max_decile=4) == every - {rich.pk, no_decile.pk}
    assert only(min_age=18, max_age=60) == every - {young.pk, old.pk}
    assert only(max_income=2_000_000) == every - {earner.pk}
    assert only(regions=[KEC_B]) == {elsewhere.pk}
    assert only(regions=[DESA_A]) == every - {elsewhere.pk}


def test_the_score_follows_the_published_formula() -> None:
    on = dt.date(2025, 1, 1)
    frame = pl.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "desa_id": ["d"] * 4,
            "decile": [1, 4, None, 4],
            "occupation": ["pemanjat kelapa", "petani", "nelayan", "petani"],
            "birth_date": [dt.date(1985, 1, 1), dt.date(1964, 6, 30), None, dt.date(1964, 6, 30)],
            "dependants": [2, 9, None, 9],
        }
    )
    weights = Weights(decile=50, occupation=30, dependants=10, age=10, risky=("pemanjat kelapa",))
    ranked = score(frame, weights, on)
    by_id = {row["id"]: row for row in ranked.iter_rows(named=True)}
    # id 1: decile 1 → 1.0 × 50; risky → 30; 2 of 5 dependants → 4; 40 years → 22/42 × 10.
    assert by_id[1]["score"] == pytest.approx(50 + 30 + 4 + 10 * 22 / 42)
    # id 2: decile 4 → 0.7 × 50; not risky; 9 dependants count as 5 → 10; 60 years → 10.
    assert by_id[2]["score"] == pytest.approx(35 + 0 + 10 + 10)
    # id 3: no decile, age or dependants known, and fishing is not on this list: 0.
    assert by_id[3]["score"] == 0
    # 2 and 4 tie on everything: the earlier registry row first.
    assert ranked["id"].to_list() == [1, 2, 4, 3]
    assert ranked["rank"].to_list() == [1, 2, 3, 4]


def test_the_poorest_and_riskiest_come_first(world: World) -> None:
    climber = world.poor(decile=1, occupation="pemanjat kelapa")
    poorest = world.poor(decile=1, occupation="pedagang")
    world.poor(decile=4, occupation="pedagang")
    programme = world.programme(quota=2)
    services.select(programme, user=None)
    assert chosen(programme) == {climber.pk, poorest.pk}
    ranks = dict(Beneficiary.objects.filter(programme=programme).values_list("worker_id", "rank"))
    assert ranks == {climber.pk: 1, poorest.pk: 2}


def test_largest_remainder_shares_add_up_to_the_quota() -> None:
    # 5 seats over 5, 3, 2 eligible: exact shares 2.5, 1.5, 1.0; the one seat left goes to
    # the largest remainder, a tie between a and b broken by code.
    assert allocation.proportional({"a": 5, "b": 3, "c": 2}, 5) == {"a": 3, "b": 1, "c": 1}
    assert allocation.proportional({"a": 5, "b": 3}, 100) == {"a": 5, "b": 3}
    seats = allocation.proportional({f"d{i}": i + 1 for i in range(13)}, 37)
    assert sum(seats.values()) == 37
    assert all(seats[f"d{i}"] <= i + 1 for i in range(13))


def test_a_fixed_table_never_seats_more_than_a_desa_has() -> None:
    eligible = {"k1.d1": 4, "k1.d2": 6, "k2.d3": 2}
    seats, short = allocation.fixed(eligible, {"k1.d1": 3, "k1": 5, "k2": 3})
    # d1 takes 3 of its 4; k1's 5 go to the 1 left in d1 and the 6 of d2 (1 : 6 → 1 and 4).
    assert seats == {"k1.d1": 4, "k1.d2": 4, "k2.d3": 2}
    assert short == ["k2"]


def test_proportional_selection_by_desa(world: World) -> None:
    a = [world.poor(desa=DESA_A, decile=3) for _ in range(6)]
    b = [world.poor(desa=DESA_B, decile=1) for _ in range(3)]
    programme = world.programme(quota=3)
    result = services.select(programme, user=None)
    # 6 and 3 eligible, 3 seats: 2 and 1, although B's workers all score higher.
    assert result.seats == {DESA_A: 2, DESA_B: 1}
    picked = chosen(programme)
    assert len(picked & {w.pk for w in a}) == 2 and len(picked & {w.pk for w in b}) == 1


def test_fixed_table_by_kecamatan_and_its_shortfall(world: World) -> None:
    for _ in range(4):
        world.poor(desa=DESA_A)
    b = world.poor(desa=DESA_B)
    programme = world.programme(quota=10, allocation="fixed",
                                fixed_allocation={DESA_A: 2, KEC_B: 3})  # fmt: skip
    result = services.select(programme, user=None)
    assert result.selected == 3 and b.pk in chosen(programme)
    assert result.short == [KEC_B]


def test_quota_above_the_eligible_selects_all_and_says_so(world: World) -> None:
    workers = {world.poor().pk for _ in range(3)}
    programme = world.programme(quota=5)
    result = services.select(programme, user=None)
    assert chosen(programme) == workers
    assert result.all_eligible_taken and result.as_dict()["all_eligible_taken"] is True
    assert (result.eligible, result.selected, result.quota) == (3, 3, 5)


def test_same_inputs_select_the_same_workers(world: World) -> None:
    # Everyone ties on the score: only the deterministic tie-break decides.
    for _ in range(12):
        world.poor(desa=DESA_A)
    for _ in range(7):
        world.poor(desa=DESA_B)
    programme = world.programme(quota=6)
    services.select(programme, user=None)
    first = chosen(programme)
    services.reset_selection(programme, user=None)
    services.select(programme, user=None)
    assert chosen(programme) == first and len(first) == 6


def test_budget_and_quota_from_the_one_calculator(world: World) -> None:
    # Domain brief: JKK Rp 10.000 + JKM Rp 6.800 on the lowest income bracket.
    programme = world.programme(quota=5000, months=12, declared_income=1_000_000,
                                start_month=dt.date(2025, 1, 1))  # fmt: skip
    fit = money.budget_for(programme, 5000)
    assert fit.per_worker == 16_800 * 12
    assert fit.budget == 1_008_000_000
    back = money.workers_for(programme, 1_008_000_000 + 200_000)
    assert (back.workers, back.left_over) == (5000, 200_000)


def test_the_simulator_runs_the_selection_the_programme_makes(world: World) -> None:
    for desa, n in ((DESA_A, 7), (DESA_B, 4)):
        for i in range(n):
            world.poor(desa=desa, decile=1 + i % 4)
    world.active(world.poor(desa=DESA_B), "PU")  # covered: counted in coverage, never selected
    programme = world.programme(quota=5)
    services.select(programme, user=None)
    by_kecamatan: dict[str, int] = {}
    for desa in Beneficiary.objects.filter(programme=programme).values_list("desa_id", flat=True):
        by_kecamatan[desa[:8]] = by_kecamatan.get(desa[:8], 0) + 1

    # Simulated after the selection: its own selection does not shrink what it could take.
    run = simulator.simulate(programme, quota=5)
    assert run.selected == 5 and run.eligible == 11
    assert {k.code: k.added for k in run.kecamatan if k.added} == by_kecamatan
    kec_b = next(k for k in run.kecamatan if k.code == KEC_B)
    assert (kec_b.workers, kec_b.covered) == (5, 1)
    assert kec_b.after == pytest.approx((1 + by_kecamatan[KEC_B]) / 5)


def test_a_budget_revision_raises_the_quota_and_select_fills_the_rest(world: World) -> None:
    workers = [world.poor(decile=1 + i % 4) for i in range(6)]
    programme = world.programme(quota=2)
    services.add_worker(programme, workers[5], user=None, reason="usulan desa")
    first = services.select(programme, user=None)
    assert (first.quota, first.selected) == (1, 1)  # one place was left after the hand-added
    with pytest.raises(services.AssistanceError, match="full"):
        services.select(programme, user=None)

    with pytest.raises(services.AssistanceError, match="decile at most"):
        services.update_programme(programme, user=None, max_decile=3)
    with pytest.raises(services.AssistanceError, match="quota cannot go below"):
        services.update_programme(programme, user=None, quota=1)
    services.update_programme(programme, user=None, quota=4, budget=4 * 201_600)
    again = services.select(programme, user=None)
    assert (again.quota, again.selected) == (2, 2)
    assert len(chosen(programme)) == 4 and workers[5].pk in chosen(programme)


def test_a_fixed_table_is_filled_once(world: World) -> None:
    world.poor()
    world.poor()
    programme = world.programme(quota=5, allocation="fixed", fixed_allocation={DESA_A: 1})
    services.select(programme, user=None)
    with pytest.raises(services.AssistanceError, match="fixed table"):
        services.select(programme, user=None)


def test_the_score_reads_birth_dates_and_dependants_from_the_registry(world: World) -> None:
    world.poor(birth_date=dt.date(1970, 5, 17), dependants=3)
    row = priority.worker_frame(Worker.objects.all()).row(0, named=True)
    assert (row["birth_date"], row["dependants"]) == (dt.date(1970, 5, 17), 3)
