"""Who must not be linked, reviewers' decisions binding later runs, repeatable runs, export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from payung.linkage.models import Decision, Link, ReviewPair
from payung.linkage.tests.builders import (
    FAR_DESA,
    RIZAL,
    Person,
    link_all,
    linked_row,
    load,
    new_kpj,
    nik,
)

pytestmark = pytest.mark.usefixtures("regions")


def test_brother_with_the_same_name_and_birth_year_is_not_linked(tmp_path: Path) -> None:
    # Same given and family name, same year and village, another day; his own NIK.
    brother = Person(nik(30, 8, 1990, 4), "Moh. Rizal Hasan", "L", "30-08-1990")
    no_nik = brother.but(nik="")
    kpj, kpj_2 = new_kpj(), new_kpj()
    load(tmp_path, [RIZAL], [(kpj, brother)])
    assert link_all().linked == 0
    assert linked_row(kpj) is None

    # Even when the list has no NIK for Rizal and the export none for his brother.
    sub = tmp_path / "second"
    sub.mkdir()
    Link.objects.all().delete()
    load(sub, [RIZAL.but(nik="")], [(kpj_2, no_nik)])
    link_all()
    assert linked_row(kpj_2) is None


def test_twin_is_not_linked_even_one_nik_digit_apart(tmp_path: Path) -> None:
    # Twins: same birth date, family name and village; NIK serials consecutive.
    twin_a = Person(nik(12, 3, 1990, 2), "Rahmat Hasan", "L", "12-03-1990")
    twin_b = Person(nik(12, 3, 1990, 3), "Irwan Hasan", "L", "12-03-1990")
    kpj = new_kpj()
    load(tmp_path, [twin_b], [(kpj, twin_a)])
    result = link_all()
    assert result.linked == 0 and linked_row(kpj) is None


def test_twins_with_names_alike_are_not_linked(tmp_path: Path) -> None:
    # Nurhayati and Nurhidayati: alike, two letters apart; NIK serials consecutive.
    twin_a = Person(nik(12, 3, 1990, 2, female=True), "Nurhayati Hasan", "P", "12-03-1990")
    twin_b = Person(nik(12, 3, 1990, 3, female=True), "Nurhidayati Hasan", "P", "12-03-1990")
    kpj = new_kpj()
    load(tmp_path, [twin_b], [(kpj, twin_a)])
    result = link_all()
    assert result.linked == 0 and linked_row(kpj) is None


def test_twin_whose_nik_excel_rounded_into_the_siblings_waits_for_review(tmp_path: Path) -> None:
    # Twin B's NIK ...0011 lost its last digit to Excel: it now reads as twin A's ...0010.
    twin_a = Person(nik(12, 3, 1990, 10), "Rahmat Hasan", "L", "12-03-1990")
    twin_b = Person(nik(12, 3, 1990, 10), "Irwan Hasan", "L", "12-03-1990")
    kpj = new_kpj()
    load(tmp_path, [twin_b], [(kpj, twin_a)])
    result = link_all()
    assert result.linked == 0 and result.review == 1


def _review_world(tmp_path: Path) -> tuple[str, str]:
    """Two participants whose registry rows have neither NIK nor a real birth date, in another
    kecamatan than the export says: each pair scores between the thresholds."""
    siti = Person(nik(5, 7, 1985, 1, female=True), "Siti Aisyah Pakaya", "P", "05-07-1985")
    first, second = new_kpj(), new_kpj()
    load(
        tmp_path,
        [
            RIZAL.but(nik="", birth="01-01-1990", desa=FAR_DESA),
            siti.but(nik="", birth="01-01-1985", desa=FAR_DESA),
        ],
        [(first, RIZAL), (second, siti)],
    )
    return first, second


def test_review_decisions_bind_later_runs(tmp_path: Path, make_user: object) -> None:
    first, second = _review_world(tmp_path)
    result = link_all()
    assert (result.linked, result.review) == (0, 2)
    accept = ReviewPair.objects.get(participant__kpj=first)
    reject = ReviewPair.objects.get(participant__kpj=second)
    accept.decision, reject.decision = Decision.ACCEPTED, Decision.REJECTED
    accept.save()
    reject.save()

    again = link_all()
    assert (again.linked, again.review) == (1, 0)
    assert linked_row(first) == 2 and Link.objects.get().method == "review"
    assert linked_row(second) is None
    assert ReviewPair.objects.filter(decision=Decision.REJECTED).count() == 1
    assert ReviewPair.objects.filter(decision=Decision.ACCEPTED).count() == 1


def test_the_same_input_gives_the_same_links(tmp_path: Path) -> None:
    kpjs = [new_kpj() for _ in range(3)]
    twin = Person(nik(12, 3, 1990, 3), "Irwan Hasan", "L", "12-03-1990")
    load(
        tmp_path,
        [RIZAL.but(nik=""), RIZAL.but(nik=RIZAL.nik[:15] + "0", desa="75.02.01.2005"), twin],
        [(kpjs[0], RIZAL), (kpjs[1], RIZAL, "JAKON"), (kpjs[2], twin)],
    )

    def snapshot() -> list[tuple[object, ...]]:
        return list(
            Link.objects.order_by("participant__kpj").values_list(
                "participant__kpj", "worker__source_row", "method", "score"
            )
        )

    first = link_all()
    links = snapshot()
    second = link_all()
    assert snapshot() == links and len(links) == 3
    # How each run went (its seconds; the second kept the first's duplicates), not what it found.
    timing = {"seconds": 0, "phases": {}, "registry_unchanged": False}
    assert first.as_dict() | timing == second.as_dict() | timing
    assert (first.registry_unchanged, second.registry_unchanged) == (False, True)
    assert set(first.phases) == {"read", "link", "write"}


def test_export_links_writes_kpj_worker_row_method_and_score(tmp_path: Path) -> None:
    kpj = new_kpj()
    load(tmp_path, [RIZAL], [(kpj, RIZAL)])
    call_command("link", "--json")
    out = tmp_path / "links.csv"
    call_command("export_data", "links", str(out))
    with out.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["kpj", "worker_source_row", "method", "score"]
    assert rows[1][:3] == [kpj, "2", "exact_nik"] and float(rows[1][3]) > 0.99


def test_linking_takes_the_months_coverage_again(tmp_path: Path) -> None:
    from payung.coverage.models import Snapshot

    kpj = new_kpj()
    load(tmp_path, [RIZAL], [(kpj, RIZAL)])
    before = Snapshot.objects.get()  # taken by the participant import, before any link
    assert before.covered == 0
    link_all()
    after = Snapshot.objects.get(month=before.month)
    assert after.trigger == "linkage"
    assert after.covered == 1  # Rizal, linked by his NIK, paid through the export's month
