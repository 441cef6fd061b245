"""Search through the real index of each engine (pg_trgm on PostgreSQL, FTS5 on SQLite), with
workers brought in by a real import: a name typed with a slip, Moh. for Muhammad, part of a
NIK, and the index kept when an import changes a name."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from payung.imports import writer
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv
from payung.registry import selectors
from payung.registry.models import Worker
from payung.registry.search import MIN_SIMILARITY, similarity

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"
OTHER_DESA = "75.02.04.2001"
PEOPLE = [
    ["7502014507850001", "Yanti Mohamad", "P", "05-07-1985", DESA, "Petani", "1500000"],
    ["7502011203800002", '"Moh. Rizal Hasan, S.Pd."', "L", "12-03-1980", DESA, "Nelayan", ""],
    ["7502040101900003", "Yusuf Pakaya", "L", "01-01-1990", OTHER_DESA, "Petani", ""],
    ["7502045506920004", "Siti Yantu", "P", "15-06-1992", OTHER_DESA, "Pedagang", ""],
    ["7502011111700005", "Hasan Basri", "L", "11-11-1970", DESA, "Petani", ""],
]


@pytest.fixture
def imported(regions: None, tmp_path: Path) -> None:
    run_import("workers", write_csv(tmp_path / "desa.csv", [WORKER_HEADER, *PEOPLE]))


def names(text: str, **filters: object) -> list[str]:
    workers = selectors.filtered(Worker.objects.all(), **filters)  # type: ignore[arg-type]
    return [w.name for w in selectors.find(workers, text).workers]


@pytest.mark.usefixtures("imported")
def test_a_name_typed_with_a_slip_finds_the_worker() -> None:
    found = names("Yanii")
    assert found[0] == "Yanti Mohamad"
    assert "Yusuf Pakaya" not in found


@pytest.mark.usefixtures("imported")
def test_muhammad_finds_moh_and_titles_do_not_count() -> None:
    assert names("Muhammad Rizal")[0] == "Moh. Rizal Hasan, S.Pd."
    assert names("rizal hasan spd")[0] == "Moh. Rizal Hasan, S.Pd."


@pytest.mark.usefixtures("imported")
def test_one_word_finds_it_anywhere_in_the_name() -> None:
    assert set(names("Hasan")) == {"Moh. Rizal Hasan, S.Pd.", "Hasan Basri"}


@pytest.mark.usefixtures("imported")
def test_part_of_a_nik_finds_the_worker_and_a_whole_nik_only_them() -> None:
    assert names("1203 80") == ["Moh. Rizal Hasan, S.Pd."]  # typed in groups
    assert names("750204") == ["Yusuf Pakaya", "Siti Yantu"]  # ordered by NIK
    assert names("7502.0145.0785.0001") == ["Yanti Mohamad"]
    assert names("7502014507850009") == []
    assert names("12") == [] and names("  ") == []  # too little to search by


@pytest.mark.usefixtures("imported")
def test_filters_narrow_a_search() -> None:
    assert names("Hasan", region=DESA, occupation="petani") == ["Hasan Basri"]
    assert names("Yant", region="75.02.04") == ["Siti Yantu"]
    tilamuta = selectors.filtered(Worker.objects.all(), region="75.02.04").order_by("nik")
    assert [w.name for w in tilamuta] == ["Yusuf Pakaya", "Siti Yantu"]


def test_an_import_that_changes_a_name_changes_what_finds_it(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    run_import("workers", write_csv(first / "desa.csv", [WORKER_HEADER, PEOPLE[2]]))
    renamed = [PEOPLE[2][0], "Budiman Pakaya", *PEOPLE[2][2:]]
    run_import("workers", write_csv(second / "desa.csv", [WORKER_HEADER, renamed]))
    assert names("Budiman") == ["Budiman Pakaya"]
    assert names("Yusuf") == []
    Worker.objects.all().delete()
    assert names("Budiman") == []


def search_indexes() -> set[str]:
    """The triggers and indexes search reads, as the database lists them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='registry_worker'"
            )
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename IN"
                " ('registry_worker', 'registry_nameword') AND indexdef LIKE '%%USING gin%%'"
                " UNION SELECT tgname FROM pg_trigger WHERE tgname LIKE 'registry_nameword_%%'"
            )
        return {row[0] for row in cursor.fetchall()}


EXPECTED = {
    "sqlite": {"registry_worker_search_ai", "registry_worker_search_ad",
               "registry_worker_search_au"},
    "postgresql": {"registry_worker_name_fts", "registry_worker_nik_trgm", "registry_nameword_trgm",
                   "registry_nameword_ai", "registry_nameword_au"},
}  # fmt: skip


def test_the_index_search_reads_is_in_place() -> None:
    """A later migration that rebuilds the table (SQLite does, to alter a column) would drop
    the triggers that keep the FTS index: this fails then."""
    assert search_indexes() == EXPECTED[connection.vendor]


def test_a_big_load_into_an_empty_registry_rebuilds_the_search_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big load drops the table's indexes and builds them again after (imports.writer): the
    ones migration 0006 made in SQL too, and search still finds what was loaded."""
    monkeypatch.setattr(writer, "BIG_LOAD", 3)
    run_import("workers", write_csv(tmp_path / "desa.csv", [WORKER_HEADER, *PEOPLE]))
    assert search_indexes() == EXPECTED[connection.vendor]
    assert names("Yanii")[0] == "Yanti Mohamad"
    assert names("1203 80") == ["Moh. Rizal Hasan, S.Pd."]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_big_load_adds_the_words_of_its_names_as_the_trigger_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big load turns the dictionary's trigger off and adds the words itself: the same
    words as the trigger's SQL takes from the names stored, and the trigger on again after."""
    monkeypatch.setattr(writer, "BIG_LOAD", 3)
    run_import("workers", write_csv(tmp_path / "desa.csv", [WORKER_HEADER, *PEOPLE]))
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM registry_nameword")
        stored = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT w FROM registry_worker, unnest(string_to_array(name_key, ' ')) AS w"
            " WHERE w <> ''"
        )
        expected = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT tgenabled FROM pg_trigger WHERE tgname LIKE 'registry_nameword_%%'"
        )
        enabled = [row[0] for row in cursor.fetchall()]
    assert stored == expected
    assert {"YANTI", "MUH", "RIZAL", "HASAN", "BASRI"} <= stored
    assert enabled == ["O"]  # O: fires (origin), as migration 0006 made it


def test_similarity_is_word_by_word_and_bounded() -> None:
    assert similarity("YANTI", "YANTI MOHAMAD") == 1.0
    assert similarity("MOHAMAD YANTI", "YANTI MOHAMAD") == 1.0
    # YANII and YANTI share 3 of their 6 padded trigrams each: Dice = 2 * 3 / 12 = 0.5; and
    # 4 of their 5 letters in order (YAN, I): ratio = 2 * 4 / 10 = 0.8.
    assert similarity("YANII", "YANTI") == pytest.approx((0.5 + 0.8) / 2)
    assert similarity("YANII", "YANTU") < similarity("YANII", "YANTI")
    assert similarity("BUDI", "YANTI") < MIN_SIMILARITY
    assert similarity("", "YANTI") == 0.0
