"""A big worker list is checked in parts while earlier parts are written: the result must be the
one of checking it whole, and a failure in any part must leave the database as it was."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from payung.imports.headers import match_columns
from payung.imports.models import ImportBatch
from payung.imports.reading import read_table
from payung.imports.services import run_import
from payung.imports.tests.helpers import WORKER_HEADER, write_csv
from payung.registry import importer
from payung.registry.importer import REQUIRED, WORKER_SYNONYMS
from payung.registry.models import Worker

pytestmark = pytest.mark.usefixtures("regions")

DESA = "75.02.01.2004"
SITI = ["7502014507850001", "Siti Aisyah Pakaya", "P", "05-07-1985", DESA, "Petani", "1500000"]
RIZAL = ["7502011203900002", "Moh. Rizal Hasan", "L", "12/03/1990", DESA, "Nelayan", "2000000"]
NO_NIK = ["", "Ani Mohamad", "P", "01-01-1970", DESA, "Petani", ""]


def _list_with_repeats(tmp_path: Path) -> Path:
    # The same NIK and the same NIK-less person again and again, across any part boundary.
    rows = [SITI, NO_NIK, RIZAL, SITI, NO_NIK, NO_NIK, RIZAL, SITI, NO_NIK]
    return write_csv(tmp_path / "desa.csv", [WORKER_HEADER, *rows])


def _checked(path: Path, part_rows: int) -> tuple[pl.DataFrame, pl.DataFrame, int, int]:
    table = read_table(path)
    columns = match_columns(WORKER_HEADER, WORKER_SYNONYMS, REQUIRED, {}).columns
    parts = list(importer.prepare_workers(table, columns, path.name, part_rows=part_rows))
    return (
        pl.concat([p.accepted for p in parts]),
        pl.concat([p.issues for p in parts]),
        sum(p.flagged for p in parts),
        sum(p.rejected for p in parts),
    )


@pytest.mark.parametrize("part_rows", [1, 2, 4])
def test_a_list_checked_in_parts_comes_out_as_checked_whole(tmp_path: Path, part_rows: int) -> None:
    path = _list_with_repeats(tmp_path)
    whole = _checked(path, part_rows=100)
    parts = _checked(path, part_rows=part_rows)
    assert_frame_equal(parts[0], whole[0])
    assert_frame_equal(parts[1], whole[1])
    assert parts[2:] == whole[2:]
    keys = whole[0].get_column("match_key").to_list()
    assert len(set(keys)) == len(keys) == 9
    assert whole[1].filter(pl.col("code") == "nik_duplicate_in_file").height == 3


def test_small_parts_import_every_row_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MIN_PART_ROWS", 2)
    result = run_import("workers", _list_with_repeats(tmp_path))
    assert (result.rows, result.accepted, result.inserted) == (9, 9, 9)
    assert Worker.objects.count() == 9
    assert list(Worker.objects.order_by("id").values_list("source_row", flat=True)) == list(
        range(2, 11)
    )
    again = run_import("workers", tmp_path / "desa.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 9)


def test_a_failure_in_a_later_part_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MIN_PART_ROWS", 2)
    checked = importer._prepare_part
    calls = []

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return checked(*args, **kwargs)

    monkeypatch.setattr(importer, "_prepare_part", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        run_import("workers", _list_with_repeats(tmp_path))
    assert Worker.objects.count() == 0
    assert ImportBatch.objects.count() == 0
