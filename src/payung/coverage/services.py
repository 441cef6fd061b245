"""Writes of coverage: snapshots, the status-rule settings, BPS figures and targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.coverage import facts as factlib
from payung.coverage import selectors
from payung.coverage.models import (
    CoverageSettings,
    Snapshot,
    SnapshotFact,
    SnapshotParticipants,
    Target,
    WorkingPopulation,
)
from payung.imports import writer
from payung.imports.errors import ImportRefused
from payung.imports.small import read_small_table
from payung.lib.months import month_start
from payung.regions import codes
from payung.regions.models import Level, Region


def take_snapshot(*, month: dt.date | None = None, trigger: str = "") -> Snapshot:
    """Compute and store the coverage of `month` (default: the month the latest participant
    export reports on), replacing an earlier snapshot of the same month. Call it after every
    participant import and every linkage run."""
    month = month_start(month or selectors.reporting_month())
    grace = selectors.bpu_grace_months()
    by_dimension = factlib.compute_all(month, grace)
    # The per-desa totals are the sum over any complete dimension; sex is the smallest.
    totals: dict[str, factlib.Fact] = {}
    for fact in by_dimension["sex"]:
        total = totals.setdefault(fact.desa, factlib.Fact(fact.desa, "", "", 0, 0, 0, 0, 0))
        for name in ("workers", "covered", "covered_pu", "covered_bpu", "covered_jakon"):
            setattr(total, name, getattr(total, name) + getattr(fact, name))
        total.uncovered_income_sum += fact.uncovered_income_sum
        total.uncovered_income_n += fact.uncovered_income_n
    participants = factlib.participants_active(month, grace, selectors.regency_code())
    with transaction.atomic():
        Snapshot.objects.filter(month=month).delete()
        snap = Snapshot.objects.create(
            month=month,
            bpu_grace_months=grace,
            workers=sum(f.workers for f in totals.values()),
            covered=sum(f.covered for f in totals.values()),
            participants_active=sum(n for _, _, n in participants),
            trigger=trigger[:60],
        )
        # A few thousand rows whatever the registry's size: in one COPY (writer.bulk_load),
        # not as model objects, which cost 0.7 s of a snapshot at any size.
        rows = [
            {"snapshot_id": snap.pk, "level": int(level), **vars(fact)}
            for facts in ([*totals.values()], *by_dimension.values())
            for level, rolled in _levels(facts)
            for fact in rolled
        ]
        writer.bulk_load(str(SnapshotFact._meta.db_table), pl.DataFrame(rows), FACT_COLUMNS)
        SnapshotParticipants.objects.bulk_create(
            SnapshotParticipants(snapshot=snap, region_code=code, segment=segment, active=n)
            for code, segment, n in participants
        )
    return snap


FACT_COLUMNS = ["snapshot_id", "level", "desa", "dimension", "key", *factlib.NUMBERS]


def _levels(facts: list[factlib.Fact]) -> list[tuple[int, list[factlib.Fact]]]:
    """The desa facts, and the same summed up to each kecamatan and to the regency."""
    out: list[tuple[int, list[factlib.Fact]]] = [(Level.DESA, facts)]
    for level in (Level.KECAMATAN, Level.KABUPATEN):
        rolled: dict[tuple[str, str], factlib.Fact] = {}
        for fact in facts:
            code = str(codes.ancestor(fact.desa, level))
            into = rolled.setdefault(
                (code, fact.key), factlib.Fact(code, fact.dimension, fact.key, 0, 0, 0, 0, 0)
            )
            for name in factlib.NUMBERS:
                setattr(into, name, getattr(into, name) + getattr(fact, name))
        out.append((level, list(rolled.values())))
    return out


@transaction.atomic
def set_bpu_grace_months(*, months: int, user: User | None = None) -> CoverageSettings:
    row, _ = CoverageSettings.objects.get_or_create(pk=1)
    row.bpu_grace_months = months
    row.full_clean()
    row.save()
    record_audit(
        action="coverage.settings",
        user=user,
        target="coverage_settings:1",
        details={"bpu_grace_months": months},
    )
    return row


def _regions_allowed() -> dict[str, Region]:
    regency = selectors.regency_code()
    return {
        r.code: r
        for r in Region.objects.filter(code__startswith=regency, level__lte=Level.KECAMATAN)
    }


def save_working_population(
    *, year: int, region_code: str, workers: int, source: str = "", user: User | None = None
) -> WorkingPopulation:
    saved: WorkingPopulation = _save(
        WorkingPopulation, year, region_code, {"workers": workers, "source": source}, user
    )
    return saved


def save_target(
    *, year: int, region_code: str, rate: Decimal, source: str = "", user: User | None = None
) -> Target:
    saved: Target = _save(Target, year, region_code, {"rate": rate, "source": source}, user)
    return saved


@transaction.atomic
def _save(model: type[Any], year: int, code: str, values: dict[str, Any], user: User | None) -> Any:
    region = _regions_allowed().get(code)
    if region is None:
        raise ValidationError(f"{code!r} is not the regency or one of its kecamatan")
    obj = model.objects.filter(year=year, region=region).first() or model(year=year, region=region)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    _audit(obj, user)
    return obj


def _audit(obj: Model, user: User | None) -> None:
    record_audit(
        action=f"coverage.{obj._meta.model_name}",
        user=user,
        target=f"{obj._meta.model_name}:{obj.pk}",
        details={"row": str(obj)},
    )


@dataclass
class FigureImport:
    saved: int = 0
    errors: list[str] = field(default_factory=list)


# The names people give the small BPS / target table's columns (imports.small folds them).
FIGURE_COLUMNS = {
    "year": ["tahun", "year"],
    "region": ["kode kecamatan", "kode wilayah", "kode", "region", "region code", "code"],
}
VALUE_COLUMNS = {
    "population": ["penduduk bekerja", "working population", "workers", "jumlah"],
    "target": ["target", "target cakupan", "rate"],
}


def import_figures(
    kind: str, path: Path, *, source: str = "", user: User | None = None
) -> FigureImport:
    """Read a small table (.csv or .xlsx: `tahun, kode kecamatan, penduduk bekerja` for
    `population`, or `tahun, kode kecamatan, target` for `target`) and save every good row.
    A region code is a Kemendagri code, with or without dots (75.02.01 or 750201). A target may
    be a share (0.65) or a percentage (65 or 65%)."""
    result = FigureImport()
    try:
        table = read_small_table(
            path, FIGURE_COLUMNS | {"value": VALUE_COLUMNS[kind]}, ("year", "region", "value")
        )
    except ImportRefused as exc:
        result.errors.append(str(exc))
        return result
    for number, year_text, code, value in table.iter_rows():
        try:
            year = int((year_text or "").strip())
            code = codes.normalise(code or "")
            raw = (value or "").strip()
            with transaction.atomic():
                if kind == "population":
                    workers = int(raw.replace(".", "").replace(",", "").replace(" ", ""))
                    save_working_population(
                        year=year, region_code=code, workers=workers, source=source, user=user
                    )
                else:
                    save_target(
                        year=year, region_code=code, rate=_rate(raw), source=source, user=user
                    )
            result.saved += 1
        except (ValueError, InvalidOperation, ValidationError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            result.errors.append(f"row {number}: {message}")
    return result


def _rate(raw: str) -> Decimal:
    percent = raw.endswith("%")
    value = Decimal(raw.rstrip("%").strip().replace(",", "."))
    if percent or value > 1:
        value = value / 100
    return value.quantize(Decimal("0.0001"))
