"""The one-slip keys against every slip written out by hand, one string edit at a time."""

from __future__ import annotations

import polars as pl
import pytest

from payung.linkage import nik_match

NIKS = ["7502014507900001", "7502010101010011", "9999999999999999"]
SHORT = ["750201450790001"]  # a NIK with one digit left out


def _one_slip_away(nik: str) -> set[int]:
    found = set()
    for i in range(16):
        for d in "0123456789":
            if d != nik[i]:
                found.add(int(nik[:i] + d + nik[i + 1 :]))
    for i in range(15):
        if nik[i] != nik[i + 1]:
            found.add(int(nik[:i] + nik[i + 1] + nik[i] + nik[i + 2 :]))
    return found


def _one_digit_back(short: str) -> set[int]:
    return {int(short[:i] + d + short[i:]) for i in range(16) for d in "0123456789"}


def test_neighbours_are_every_nik_one_slip_away() -> None:
    none: list[str | None] = [None]
    frame = pl.DataFrame(
        {
            "id": range(len(NIKS) + len(SHORT)),
            "nik16": [*NIKS, *none * len(SHORT)],
            "nik15": [*none * len(NIKS), *SHORT],
        }
    )
    found = nik_match.neighbours(frame, "id")
    for row, nik in enumerate(NIKS):
        assert set(found.filter(pl.col("id") == row)["nik_int"]) == _one_slip_away(nik)
    short_found = set(found.filter(pl.col("id") == len(NIKS))["nik_int"])
    assert short_found == _one_digit_back(SHORT[0])
    assert int(NIKS[0]) in short_found  # the whole NIK the short one was cut from


def test_deletions_are_every_nik_with_one_digit_left_out() -> None:
    frame = pl.DataFrame({"id": range(len(NIKS)), "nik16": NIKS})
    found = nik_match.deletions(frame, "id")
    for row, nik in enumerate(NIKS):
        expected = {int(nik[:i] + nik[i + 1 :]) for i in range(16)}
        assert set(found.filter(pl.col("id") == row)["nik15_int"]) == expected
    assert int(SHORT[0]) in set(found["nik15_int"])


def test_nothing_to_expand_gives_no_rows() -> None:
    empty = pl.DataFrame(schema={"id": pl.Int64, "nik16": pl.String, "nik15": pl.String})
    assert nik_match.neighbours(empty, "id").height == 0
    assert nik_match.deletions(empty, "id").height == 0


def test_neighbours_among_keeps_every_neighbour_that_exists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    none: list[str | None] = [None]
    frame = pl.DataFrame(
        {
            "id": range(len(NIKS) + len(SHORT)),
            "nik16": [*NIKS, *none * len(SHORT)],
            "nik15": [*none * len(NIKS), *SHORT],
        }
    )
    # Existing NIKs: one slip from each row, the whole NIK of the short one, and strangers.
    existing = [min(_one_slip_away(nik)) for nik in NIKS] + [int(NIKS[0])]
    existing += [int(f"75020{i:011d}") for i in range(5_000)]
    niks = pl.Series("nik_int", [*existing, None], dtype=pl.Int64)
    monkeypatch.setattr(nik_match, "CHUNK_ROWS", 2)  # several chunks
    found = nik_match.neighbours_among(frame, "id", niks)
    everything = nik_match.neighbours(frame, "id")
    exists = pl.col("nik_int").is_in(niks.drop_nulls().implode())
    assert set(found.filter(exists).rows()) == set(everything.filter(exists).rows())
    assert found.height < everything.height / 10  # and few that do not
    assert set(found.filter(exists)["id"]) == {0, 1, 2, 3}
