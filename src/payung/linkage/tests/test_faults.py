"""Each fault a hand-made list puts into a NIK, a name or a birth date, and the link still found.

The village list holds the person (row 2, written with one fault) and three neighbours; the
BPJS export holds the person written cleanly. Expected links come from how the rows were built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from payung.linkage.models import Link
from payung.linkage.tests.builders import (
    OTHER_DESA,
    RIZAL,
    SITI,
    Person,
    link_all,
    linked_row,
    load,
    method_of,
    new_kpj,
    nik,
)

pytestmark = pytest.mark.usefixtures("regions")

N = RIZAL.nik  # 7502011203900002


def check(tmp_path: Path, worker: Person, participant: Person, method: str) -> None:
    kpj = new_kpj()
    load(tmp_path, [worker], [(kpj, participant)])
    result = link_all()
    assert linked_row(kpj) == 2
    assert method_of(kpj) == method
    assert result.linked == 1 and Link.objects.count() == 1


def test_same_valid_nik_links_exactly(tmp_path: Path) -> None:
    check(tmp_path, RIZAL, RIZAL, "exact_nik")


@pytest.mark.parametrize(
    ("fault", "typed"),
    [
        ("wrong_digit", N[:13] + "7" + N[14:]),
        ("swapped_digits", N[:6] + N[7] + N[6] + N[8:]),
        ("dropped_digit", N[:9] + N[10:]),
        ("excel_last_zero", N[:15] + "0"),
        ("excel_serial_zero", N[:12] + "0000"),
    ],
)
def test_worker_nik_one_slip_away_links_by_fuzzy_nik(
    tmp_path: Path, fault: str, typed: str
) -> None:
    check(tmp_path, RIZAL.but(nik=typed), RIZAL, "nik_fuzzy")


@pytest.mark.parametrize(("fault", "typed"), [("missing", ""), ("excel_scientific", "7.50201E+15")])
def test_worker_without_usable_nik_links_by_name_birth_date_and_place(
    tmp_path: Path, fault: str, typed: str
) -> None:
    check(tmp_path, RIZAL.but(nik=typed), RIZAL, "probabilistic")


@pytest.mark.parametrize(
    ("fault", "written"),
    [
        ("moh_variant", "Muhammad Rizal Hasan"),
        ("title", "H. Moh. Rizal Hasan, S.Pd."),
        ("family_dropped", "Moh. Rizal"),
        ("order_swapped", "Hasan Moh. Rizal"),
        ("typo", "Moh. Rizal Hasam"),
        ("spacing_case", " moh.rizal  hasan "),
    ],
)
def test_name_variants_link_without_any_nik(tmp_path: Path, fault: str, written: str) -> None:
    check(tmp_path, RIZAL.but(nik="", name=written), RIZAL, "probabilistic")


@pytest.mark.parametrize(
    ("fault", "written"), [("day_month_swapped", "03-12-1990"), ("placeholder", "01-01-1990")]
)
def test_birth_date_faults_with_a_slipped_nik(tmp_path: Path, fault: str, written: str) -> None:
    # The list's birth date disagrees with the NIK, so neither alone is trusted.
    typed = N[:14] + "20"
    check(tmp_path, RIZAL.but(nik=typed, birth=written), RIZAL, "nik_fuzzy")


@pytest.mark.parametrize(
    ("fault", "typed"),
    [("wrong_digit", N[:2] + "1" + N[3:]), ("swapped_digits", N[:10] + N[11] + N[10] + N[12:])],
)
def test_participant_nik_faults(tmp_path: Path, fault: str, typed: str) -> None:
    check(tmp_path, RIZAL, RIZAL.but(nik=typed), "nik_fuzzy")


def test_participant_without_nik_links_by_name_birth_date_and_place(tmp_path: Path) -> None:
    check(tmp_path, SITI, SITI.but(nik=""), "probabilistic")


def test_registry_duplicate_from_two_villages_links_to_the_first_row(tmp_path: Path) -> None:
    from payung.linkage.models import WorkerDuplicate

    kpj = new_kpj()
    moved = RIZAL.but(nik="", name="Muh. Rizal Hasan", desa=OTHER_DESA)
    load(tmp_path, [RIZAL, moved], [(kpj, RIZAL)])
    result = link_all()
    assert result.duplicates == 1
    duplicate = WorkerDuplicate.objects.get()
    assert (duplicate.worker.source_row, duplicate.canonical.source_row) == (3, 2)
    assert linked_row(kpj) == 2


def test_two_rows_of_one_person_whose_nik_slipped_into_another_valid_one_are_one_worker(
    tmp_path: Path,
) -> None:
    """The second village typed Rizal's NIK one digit wrong, and the slip passes every check.
    Neither row's NIK looks damaged, so only the name and birth date can bring them together
    (31 of the 80,000 synth's duplicates were never compared before)."""
    from payung.linkage.models import WorkerDuplicate

    kpj = new_kpj()
    slipped = RIZAL.but(nik=N[:15] + "9", desa=OTHER_DESA)
    load(tmp_path, [RIZAL, slipped], [(kpj, RIZAL)])
    assert link_all().duplicates == 1
    duplicate = WorkerDuplicate.objects.get()
    assert (duplicate.worker.source_row, duplicate.canonical.source_row) == (3, 2)
    assert linked_row(kpj) == 2


def test_namesakes_born_on_one_day_in_one_kecamatan_stay_two_workers(tmp_path: Path) -> None:
    """Born on one day in one kecamatan, two people get NIKs a serial apart (0012 and 0035:
    two digits); with one name, only the NIK tells them apart."""
    first = Person(nik(12, 3, 1990, 12), "Moh. Rizal Hasan", "L", "12-03-1990")
    second = first.but(nik=nik(12, 3, 1990, 35), desa=OTHER_DESA)
    kpj = new_kpj()
    load(tmp_path, [first, second], [(kpj, first)])
    assert link_all().duplicates == 0
    assert linked_row(kpj) == 2


def test_a_worker_links_once_per_segment(tmp_path: Path) -> None:
    pu, jakon, again = new_kpj(), new_kpj(), new_kpj()
    typo = RIZAL.but(nik=N[:15] + "9")
    load(tmp_path, [RIZAL], [(pu, RIZAL, "PU"), (jakon, RIZAL, "JAKON"), (again, typo, "PU")])
    link_all()
    assert linked_row(pu) == 2 and linked_row(jakon) == 2
    assert linked_row(again) is None


def test_other_people_in_the_village_are_not_linked(tmp_path: Path) -> None:
    stranger = Person(nik(3, 3, 1993, 5), "Ramli Gobel", "L", "03-03-1993")
    kpj = new_kpj()
    load(tmp_path, [RIZAL], [(kpj, stranger)])
    assert link_all().linked == 0
    assert linked_row(kpj) is None


def test_of_a_lapsed_and_a_live_kpj_the_worker_is_linked_to_the_live_one(tmp_path: Path) -> None:
    """One person, two BPU participations: the KPJ that lapsed in January 2025, written exactly
    as the village list has him, and the one registered since, paid through September 2026,
    with his family name mistyped. Both match; the link goes to the live one, so the worker
    counts as covered (found in the 80.000-worker demo: the lapsed one won on its better name,
    and an active participant looked uncovered, open to a subsidy)."""
    from payung.imports.services import run_import
    from payung.imports.tests.helpers import WORKER_HEADER, write_csv
    from payung.jobs.worker import run_pending
    from payung.linkage.tests.builders import NEIGHBOURS, PARTICIPANT_HEADER

    lapsed, live = new_kpj(), new_kpj()
    workers = [WORKER_HEADER] + [p.worker_row() for p in [RIZAL, *NEIGHBOURS]]
    run_import("workers", write_csv(tmp_path / "desa.csv", workers))
    old_row = RIZAL.participant_row(lapsed)
    old_row[5], old_row[7] = "NON AKTIF", "2025-01"
    new_row = RIZAL.but(name="Moh. Rizal Hasam").participant_row(live)
    export = [PARTICIPANT_HEADER, old_row, new_row]
    run_import("participants", write_csv(tmp_path / "bpjs.csv", export))
    run_pending()
    link_all()
    assert linked_row(live) == 2
    assert linked_row(lapsed) is None


def test_a_slip_that_lands_on_someone_elses_nik_still_finds_its_person(tmp_path: Path) -> None:
    """The export has Rizal's NIK with two digits swapped (12 → 21), which happens to be the
    NIK of another man in the village list, Hijrah. That exact pair is vetoed by the name; Rizal,
    one swap away with the same name and birth date, is still found and linked."""
    swapped = N[:6] + N[7] + N[6] + N[8:]  # 7502012103900002
    hijrah = Person(swapped, "Hijrah Podungge", "L", "21-03-1990")
    kpj = new_kpj()
    load(tmp_path, [RIZAL, hijrah], [(kpj, RIZAL.but(nik=swapped))])
    link_all()
    assert linked_row(kpj) == 2  # Rizal, not Hijrah (row 3)
    assert method_of(kpj) == "nik_fuzzy"


@pytest.mark.parametrize(
    ("written", "birth", "outcome"),
    [
        # family name left off, day and month swapped: the swap is rare by chance (odds ~19:1)
        ("Siti Aisyah", "07-05-1985", "linked"),
        # family name left off, a placeholder birth date: the year alone (odds ~3:1)
        ("Siti Aisyah", "01-01-1985", "review"),
    ],
)
def test_two_bad_fields_at_once_are_still_compared(
    tmp_path: Path, written: str, birth: str, outcome: str
) -> None:
    """A village row without a NIK, the family name left off and the birth date swapped or a
    placeholder (UMI KALSUM for UMI KALSUM TAHA in the 80.000 demo): no block on the whole
    name or the exact date meets it, so it was never compared; the first name, the desa and
    the date either way round (or its year) do, and the odds decide: a link, or a clerk."""
    from payung.linkage.models import ReviewPair

    kpj = new_kpj()
    load(tmp_path, [SITI.but(nik="", name=written, birth=birth)], [(kpj, SITI)])
    link_all()
    if outcome == "linked":
        assert linked_row(kpj) == 2 and not ReviewPair.objects.exists()
    else:
        pending = ReviewPair.objects.get(participant__kpj=kpj)
        assert pending.worker.source_row == 2 and pending.decision == "pending"
        assert linked_row(kpj) is None
