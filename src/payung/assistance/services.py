"""Writes of the assistance programme: create, select, verify, replace, enrol, leave.

Every write is one transaction and leaves an audit event (UU 27/2022 PDP: who, when, what).
Every path that puts a worker into a programme asks `eligibility` first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.assistance import allocation, eligibility, priority, standing
from payung.assistance.models import (
    HOLDING,
    Allocation,
    Beneficiary,
    Programme,
    Source,
    Stage,
    Status,
)
from payung.imports import writer
from payung.imports.errors import ImportRefused
from payung.imports.headers import NIK_HEADERS
from payung.imports.parse import digits_only
from payung.imports.reading import SOURCE_ROW
from payung.imports.small import read_small_table
from payung.linkage.selectors import canonical_workers
from payung.regions.selectors import desa_of_regency
from payung.registry.models import Worker


class AssistanceError(ValueError):
    """A refusal shown to the user as it is."""


def audit(
    user: User | None,
    action: str,
    programme: Programme,
    ip_address: str | None = None,
    **details: Any,
) -> None:
    """Every write to a programme leaves this trail (UU 27/2022 PDP: who, when, what)."""
    record_audit(
        ip_address=ip_address,
        action=f"assistance.{action}",
        user=user,
        target=f"programme {programme.pk}: {programme.name}",
        details=details,
    )


def locked(programme: Programme) -> Programme:
    """Lock the programme and every programme overlapping it, so that two selections at once
    cannot fund the same worker twice (PostgreSQL; SQLite writes one at a time anyway)."""
    ids = [programme.pk, *(p.pk for p in eligibility.overlapping(programme))]
    list(Programme.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    return Programme.objects.get(pk=programme.pk)


def holding(programme: Programme) -> QuerySet[Beneficiary]:
    return programme.beneficiaries.filter(status__in=HOLDING)


# ---- programme ----------------------------------------------------------------------------


@transaction.atomic
def create_programme(*, user: User | None, **values: Any) -> Programme:
    programme = Programme(**values, created_by=user)
    programme.full_clean()
    programme.save()
    audit(user, "create", programme, values=_jsonable(values))
    standing.refresh_after_write(programme)
    return programme


# What may still change once workers are selected: the money and the quota (a budget revision,
# APBD-P, raises both mid-year), never the rules or the package the selection was made under.
CHANGEABLE_AFTER_SELECTION = frozenset({"name", "funder", "budget_line", "budget", "quota"})


@transaction.atomic
def update_programme(programme: Programme, *, user: User | None, **values: Any) -> Programme:
    programme = locked(programme)
    before = {name: getattr(programme, name) for name in values}
    changed_names = {n for n, v in values.items() if before[n] != v}
    if programme.beneficiaries.exists():
        frozen = [
            str(getattr(Programme._meta.get_field(n), "verbose_name", n))
            for n in sorted(changed_names - CHANGEABLE_AFTER_SELECTION)
        ]
        if frozen:
            raise AssistanceError(
                _("Workers have been selected under these rules: reset the selection before "
                  "changing %(fields)s.") % {"fields": ", ".join(frozen)}
            )  # fmt: skip
        held = holding(programme).count()
        if values.get("quota", programme.quota) < held:
            raise AssistanceError(
                _("%(n)s workers already hold a place: the quota cannot go below that.")
                % {"n": held}
            )
    for name, value in values.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    changed = {n: [_jsonable(before[n]), _jsonable(v)] for n, v in values.items() if before[n] != v}
    audit(user, "update", programme, changed=changed)
    standing.refresh_after_write(programme)
    return programme


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# ---- selection ------------------------------------------------------------------------------


@dataclass
class SelectionResult:
    eligible: int
    selected: int
    quota: int  # the places this selection was to fill
    seats: dict[str, int] = field(default_factory=dict)
    short: list[str] = field(default_factory=list)  # fixed-table regions with too few eligible

    @property
    def all_eligible_taken(self) -> bool:
        return self.selected == self.eligible and self.eligible < self.quota

    def as_dict(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "selected": self.selected,
            "quota": self.quota,
            "all_eligible_taken": self.all_eligible_taken,
            "short": self.short,
            "by_desa": self.seats,
        }


def choose(
    programme: Programme, ranked: pl.DataFrame, quota: int | None = None
) -> tuple[pl.DataFrame, dict[str, int], list[str]]:
    """The top of each desa's part of the priority list, as many as its seats, and never more
    than `quota` (the programme's, unless the simulator asks about another)."""
    quota = programme.quota if quota is None else quota
    counts = dict(ranked.group_by("desa_id").len().iter_rows())
    short: list[str] = []
    if programme.allocation == Allocation.FIXED:
        table = {str(k): int(v) for k, v in programme.fixed_allocation.items()}
        seats, short = allocation.fixed(counts, table)
    else:
        seats = allocation.proportional(counts, quota)
    chosen = (
        ranked.with_columns(pl.int_range(pl.len()).over("desa_id").alias("place"))
        .join(
            pl.DataFrame(
                {"desa_id": list(seats), "seats": list(seats.values())},
                schema={"desa_id": pl.String, "seats": pl.Int64},
            ),
            on="desa_id",
        )
        .filter(pl.col("place") < pl.col("seats"))
        .sort("rank")
        .head(quota)
    )
    return chosen, {k: v for k, v in seats.items() if v}, short


def selection_refusal(programme: Programme) -> str | None:
    """Why the programme may not select now, or None when it may: the page's Select button
    and select() both ask here."""
    held = holding(programme).count()
    if held and programme.allocation == Allocation.FIXED:
        return _("A fixed table is filled once: reset the selection to select again.")
    if programme.quota - held <= 0:
        return _("The quota of %(quota)s workers is full.") % {"quota": programme.quota}
    return None


@transaction.atomic
def select(programme: Programme, *, user: User | None) -> SelectionResult:
    """Fill what is left of the quota from the priority list, desa by desa (all of it the
    first time; after workers added by hand, or a quota raised, the rest)."""
    programme = locked(programme)
    refusal = selection_refusal(programme)
    if refusal:
        raise AssistanceError(refusal)
    room = programme.quota - holding(programme).count()
    ranked = priority.priority_list(programme, eligibility.eligible_workers(programme))
    if ranked.height == 0:
        raise AssistanceError(_("Nobody is eligible under this programme's rules."))
    chosen, seats, short = choose(programme, ranked, quota=room)
    Beneficiary.objects.bulk_create(
        Beneficiary(
            programme=programme,
            worker_id=row["id"],
            desa_id=row["desa_id"],
            rank=row["rank"],
            score=row["score"],
            source=Source.PRIORITY,
            updated_by=user,
        )
        for row in chosen.iter_rows(named=True)
    )
    if programme.stage == Stage.DRAFT:
        programme.stage = Stage.VERIFICATION
        programme.save(update_fields=["stage", "updated_at"])
    result = SelectionResult(ranked.height, chosen.height, room, seats, short)
    audit(
        user, "select", programme, **{k: v for k, v in result.as_dict().items() if k != "by_desa"}
    )
    standing.refresh_after_write(programme)
    return result


@transaction.atomic
def reset_selection(programme: Programme, *, user: User | None) -> int:
    """Drop a selection nobody has been enrolled from (desa lists go out again)."""
    programme = locked(programme)
    if programme.beneficiaries.filter(status__in=[Status.ENROLLED, Status.LEFT]).exists():
        raise AssistanceError(_("Workers are already enrolled: the selection cannot be reset."))
    removed, _counts = programme.beneficiaries.all().delete()
    programme.stage = Stage.DRAFT
    programme.save(update_fields=["stage", "updated_at"])
    audit(user, "reset", programme, removed=removed)
    standing.refresh_after_write(programme)
    return removed


def _lists_later() -> None:
    """One worker in or out: the priority lists are worked out again by the worker, shortly
    after this commits, not while the desa officer waits (a second and more per programme
    at a million workers)."""
    from payung.assistance.tasks import standing_after_change

    standing_after_change.enqueue(event="assistance.changed")


def _check_room(programme: Programme, adding: int = 1) -> None:
    if holding(programme).count() + adding > programme.quota:
        raise AssistanceError(
            _("The quota of %(quota)s workers is full.") % {"quota": programme.quota}
        )


def _score_of(programme: Programme, worker: Worker) -> float:
    ranked = priority.priority_list(programme, Worker.objects.filter(pk=worker.pk))
    return float(ranked["score"][0]) if ranked.height else 0.0


@transaction.atomic
def add_worker(
    programme: Programme, worker: Worker, *, user: User | None, reason: str
) -> Beneficiary:
    """Add one worker by hand (a desa's proposal): the programme's rules still apply."""
    programme = locked(programme)
    if not reason.strip():
        raise AssistanceError(_("Say why this worker is added by hand."))
    failures = eligibility.why_not(programme, worker)
    if failures:
        raise AssistanceError(
            _("%(name)s cannot be added: %(why)s.")
            % {"name": worker.name, "why": "; ".join(failures)}
        )
    _check_room(programme)
    beneficiary = Beneficiary.objects.create(
        programme=programme,
        worker=worker,
        desa_id=worker.desa_id,
        score=_score_of(programme, worker),
        source=Source.MANUAL,
        reason=reason.strip(),
        updated_by=user,
    )
    audit(user, "add", programme, worker=worker.pk, reason=reason.strip())
    _lists_later()
    return beneficiary


def next_in_line(programme: Programme, desa_code: str) -> tuple[int, str, int, float] | None:
    """The best eligible worker not yet in the programme: in the same desa, else the same
    kecamatan, else anywhere. (worker id, desa, rank, score)."""
    base = eligibility.eligible_workers(programme)
    kecamatan = desa_code.rsplit(".", 1)[0]
    for scope in (
        base.filter(desa_id=desa_code),
        base.filter(desa__code__startswith=kecamatan + "."),
        base,
    ):
        ranked = priority.priority_list(programme, scope)
        if ranked.height:
            row = ranked.row(0, named=True)
            return row["id"], row["desa_id"], row["rank"], row["score"]
    return None


def _replace(old: Beneficiary, user: User | None) -> Beneficiary | None:
    found = next_in_line(old.programme, old.desa_id)
    if found is None:
        return None
    worker_id, desa_id, _rank, score = found
    return Beneficiary.objects.create(
        programme=old.programme,
        worker_id=worker_id,
        desa_id=desa_id,
        score=score,
        source=Source.REPLACEMENT,
        replaces=old,
        updated_by=user,
    )


def _take_out(
    beneficiary: Beneficiary, action: str, to: Status, user: User | None, reason: str,
    replace: bool,
) -> Beneficiary | None:  # fmt: skip
    locked(beneficiary.programme)
    beneficiary.refresh_from_db()
    beneficiary.status = to
    beneficiary.reason = reason.strip()
    beneficiary.updated_by = user
    beneficiary.save()
    new = _replace(beneficiary, user) if replace else None
    audit(
        user, action, beneficiary.programme,
        worker=beneficiary.worker_id, reason=beneficiary.reason,
        replacement=new.worker_id if new else None,
    )  # fmt: skip
    _lists_later()
    return new


@transaction.atomic
def reject(
    beneficiary: Beneficiary, *, user: User | None, reason: str, replace: bool = True
) -> Beneficiary | None:
    """The desa says this worker should not be funded (moved, died, not poor…): out, and the
    next on the priority list in, preferring the same desa. Returns the replacement."""
    if beneficiary.status not in (Status.SELECTED, Status.VERIFIED):
        raise AssistanceError(_("Only a selected or verified worker can be rejected."))
    if not reason.strip():
        raise AssistanceError(_("Give the desa's reason for the rejection."))
    return _take_out(beneficiary, "reject", Status.REJECTED, user, reason, replace)


@transaction.atomic
def leave(
    beneficiary: Beneficiary, *, user: User | None, reason: str, replace: bool = True
) -> Beneficiary | None:
    """An enrolled worker leaves (covered by an employer, died, moved away)."""
    if beneficiary.status != Status.ENROLLED:
        raise AssistanceError(_("Only an enrolled worker can leave the programme."))
    if not reason.strip():
        raise AssistanceError(_("Say why the worker leaves the programme."))
    return _take_out(beneficiary, "leave", Status.LEFT, user, reason, replace)


@transaction.atomic
def verify_desa(programme: Programme, desa_code: str, *, user: User | None) -> int:
    """The desa confirmed its list: everyone still selected there is verified."""
    if not desa_of_regency(str(settings.PAYUNG_REGENCY)).filter(code=desa_code).exists():
        raise AssistanceError(_("%(code)s is not a desa of this regency.") % {"code": desa_code})
    programme = locked(programme)
    verified = programme.beneficiaries.filter(desa_id=desa_code, status=Status.SELECTED).update(
        status=Status.VERIFIED, updated_by=user, updated_at=timezone.now()
    )
    audit(user, "verify", programme, desa=desa_code, verified=verified)
    return verified


@transaction.atomic
def mark_enrolled(programme: Programme, *, user: User | None, on: dt.date | None = None) -> int:
    """BPJS TK has registered the enrolment file: the verified workers are enrolled."""
    programme = locked(programme)
    on = on or timezone.localdate()
    enrolled = programme.beneficiaries.filter(status=Status.VERIFIED).update(
        status=Status.ENROLLED, enrolled_on=on, updated_by=user, updated_at=timezone.now()
    )
    if enrolled == 0:
        raise AssistanceError(_("No verified workers are waiting for enrolment."))
    programme.stage = Stage.ENROLLED
    programme.save(update_fields=["stage", "updated_at"])
    audit(user, "enrol", programme, enrolled=enrolled, on=on.isoformat())
    return enrolled


# ---- a list of NIKs from a file (e.g. Dinas Sosial's proposal) -----------------------------


@dataclass
class FileResult:
    rows: int
    added: int
    refused: list[tuple[int, str, str]]  # (row in the file, NIK as written, reason)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "added": self.added,
            "refused": len(self.refused),
            "reasons": [{"row": r, "nik": n, "reason": why} for r, n, why in self.refused],
        }


@contextmanager
def _staged_niks(niks: pl.Series) -> Iterator[RawSQL]:
    """The file's 16-digit NIKs in a temporary table, as a subquery: a file of any length
    reaches the database without a parameter per NIK (SQLite takes at most 32,766)."""
    whole = niks.filter(niks.str.len_chars() == 16).unique().to_frame("nik")
    with writer.staged("stage_assistance_nik", {"nik": "varchar(16)"}, whole) as stage:
        yield RawSQL(f"SELECT nik FROM {stage}", ())


@transaction.atomic
def add_from_file(
    programme: Programme, path: Path, *, user: User | None, reason: str
) -> FileResult:
    """Add the workers a file names by NIK, best priority first while the quota lasts. Every
    row is either added or refused with its reason: rows = added + refused."""
    try:
        table = read_small_table(path, {"nik": NIK_HEADERS}, ("nik",))
    except ImportRefused as exc:
        raise AssistanceError(str(exc)) from exc
    table = table.select(
        pl.col(SOURCE_ROW).alias("row"),
        pl.col("nik").fill_null("").alias("raw"),
        digits_only(pl.col("nik").fill_null("")).alias("nik"),
    )
    programme = locked(programme)
    with _staged_niks(table["nik"]) as in_file:
        asked = canonical_workers().filter(nik__in=in_file)
        workers = dict(asked.values_list("nik", "id"))
        failing = eligibility.failures(programme, asked)
        eligible = eligibility.eligible_workers(programme).filter(nik__in=in_file)
        ranked = priority.priority_list(programme, eligible)
    room = programme.quota - holding(programme).count()
    take = {row["id"]: row for row in ranked.head(max(room, 0)).iter_rows(named=True)}
    refused: list[tuple[int, str, str]] = []
    added: list[Beneficiary] = []
    seen: set[str] = set()
    for row, raw, nik in table.iter_rows():
        worker_id = workers.get(nik)
        if nik in seen:
            refused.append((row, raw, _("repeated in the file")))
        elif len(nik) != 16:
            refused.append((row, raw, _("not a 16-digit NIK")))
        elif worker_id is None:
            refused.append((row, raw, _("no worker with this NIK in the registry")))
        elif worker_id in failing:
            refused.append((row, raw, "; ".join(failing[worker_id])))
        elif worker_id not in take:
            refused.append((row, raw, _("the quota is full")))
        else:
            chosen = take[worker_id]
            added.append(
                Beneficiary(
                    programme=programme,
                    worker_id=worker_id,
                    desa_id=chosen["desa_id"],
                    score=chosen["score"],
                    source=Source.FILE,
                    reason=reason.strip(),
                    updated_by=user,
                )
            )
        seen.add(nik)
    Beneficiary.objects.bulk_create(added)
    if added and programme.stage == Stage.DRAFT:
        programme.stage = Stage.VERIFICATION
        programme.save(update_fields=["stage", "updated_at"])
    result = FileResult(table.height, len(added), refused)
    audit(user, "add_file", programme, file=path.name, rows=result.rows, added=result.added,
           refused=len(refused))  # fmt: skip
    standing.refresh_after_write(programme)
    return result


def record_ranking_export(programme: Programme, user: User, rows: int) -> None:
    """The priority list leaving Payung as a file: it names every eligible worker (PDP)."""
    record_audit(
        action="assistance.ranking_exported",
        user=user,
        target=f"programme:{programme.pk}",
        details={"rows": rows},
    )
