"""The demo's monev: last quarter closed, verified and frozen in its snapshot; the quarter
after it still open, with items submitted, one returned to Dinas PMD (the demo operator's fix
list), some verified and some not yet filled. Made through the same workflow a user's clicks
go through, by an operator of each agency (op-<code>, the demo password) and the analyst."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from payung.accounts.models import Opd, User
from payung.accounts.roles import Role
from payung.monev import services, workflow
from payung.monev.models import Kind, Period, Realisation

RETURNED = "Lampirkan SK kepala desa tentang perangkat desa yang didaftarkan."


def _operators(password: str) -> dict[int, User]:
    users = {}
    for opd in Opd.objects.all():
        user, made = User.objects.get_or_create(
            username=f"op-{opd.code}", defaults={"role": Role.OPERATOR_OPD, "opd": opd}
        )
        if made:
            user.set_password(password)
            user.save()
        users[opd.pk] = user
    return users


def _target(kind: str, rng: random.Random) -> Decimal:
    if kind == Kind.MILESTONE:
        return Decimal(1)
    if kind == Kind.RATIO:
        return Decimal(rng.randint(50, 90)) / 100
    return Decimal(rng.randint(5, 40))


def _enter(item: Realisation, target: Decimal, user: User, rng: random.Random) -> None:
    kind = item.indicator.kind
    narrative = f"Capaian {item.indicator.name.lower()} triwulan ini."
    if item.computed:
        workflow.enter(item, user, narrative=narrative)
    elif kind == Kind.MILESTONE:
        done = rng.random() < 0.6
        workflow.enter(
            item, user, narrative=narrative, value=Decimal(int(done)),
            achieved_on=item.period.ends if done else None,
        )  # fmt: skip
    elif kind == Kind.RATIO:
        denominator = Decimal(rng.randint(40, 400))
        share = min(Decimal(1), target * Decimal(rng.randint(50, 130)) / 100)
        workflow.enter(
            item, user, narrative=narrative, numerator=(denominator * share).quantize(Decimal(1)),
            denominator=denominator,
        )  # fmt: skip
    else:
        value = (target * Decimal(rng.randint(40, 140)) / 100).quantize(Decimal(1))
        workflow.enter(item, user, narrative=narrative, value=value)
    workflow.add_evidence(
        item, user, title="Berita acara capaian", link="https://jdih.boalemokab.go.id/"
    )


def _fill(period: Period, analyst: User, operators: dict[int, User], share: float) -> None:
    """Targets for every item; `share` of the items entered, evidenced and submitted, and
    every item of Dinas PMD (the demo operator's agency, whose item the demo returns)."""
    rng = random.Random(period.pk)
    services.compute_period(period, user=analyst)
    items = list(Realisation.objects.filter(period=period).select_related("indicator", "opd"))
    for item in items:
        target = _target(item.indicator.kind, rng)
        workflow.set_target(item.indicator, item.opd, period, target, analyst)
        if rng.random() < share or item.opd.code == "dinas-pmd":
            _enter(item, target, operators[item.opd_id], rng)
            workflow.submit(item, operators[item.opd_id])


def _entry_open(period: Period) -> tuple[dt.date, dt.date, dt.date]:
    """Open `period`'s entry window today (the demo enters past quarters); returns the real
    window to put back."""
    real = (period.opens, period.deadline, period.closes)
    today = timezone.localdate()
    period.opens, period.deadline, period.closes = (
        today - dt.timedelta(days=1), today + dt.timedelta(days=7), today + dt.timedelta(days=20)
    )  # fmt: skip
    period.save()
    return real


@transaction.atomic
def ensure_demo_monev(password: str) -> list[str]:
    if Period.objects.exists():
        return []
    analyst = User.objects.get(username="analis")
    operators = _operators(password)
    today = timezone.localdate()
    this_quarter = (today.month - 1) // 3 + 1
    year, last = (today.year, this_quarter - 1) if this_quarter > 1 else (today.year - 1, 4)
    before = services.quarter(year, last - 1) if last > 1 else services.quarter(year - 1, 4)

    # The quarter before last: everything filled, verified, closed on time.
    services.open_period(before, user=analyst)
    real = _entry_open(before)
    _fill(before, analyst, operators, share=0.9)
    for item in Realisation.objects.filter(period=before, status="submitted"):
        workflow.verify(item, analyst)
    Realisation.objects.filter(period=before).update(submitted_at=timezone.make_aware(
        dt.datetime.combine(real[1] - dt.timedelta(days=3), dt.time(10))
    ))  # fmt: skip
    before.opens, before.deadline, before.closes = real
    before.save()
    workflow.set_recommendations(
        before,
        [
            "Dinas PMD menuntaskan pendaftaran perangkat desa di kecamatan yang belum 100 %.",
            "BPKAD menganggarkan iuran bantuan pekerja rentan dalam APBD Perubahan.",
            "DPMPTSP mensyaratkan bukti kepesertaan aktif pada setiap perizinan berusaha.",
        ],
        analyst,
    )
    services.close_period(before, user=analyst)

    # The last quarter: entry still open, some items in each state.
    latest = services.quarter(year, last)
    services.open_period(latest, user=analyst)
    _entry_open(latest)
    _fill(latest, analyst, operators, share=0.7)
    submitted = list(Realisation.objects.filter(period=latest, status="submitted").order_by("pk"))
    pmd = next((i for i in submitted if i.opd.code == "dinas-pmd"), None)
    if pmd is not None:
        workflow.return_item(pmd, analyst, RETURNED)
    for item in submitted[::2]:
        if item != pmd:
            workflow.verify(item, analyst)
    return [
        f"monev: {before} closed with its snapshot; {latest} open for entry"
        f" ({len(submitted)} items submitted); operators op-<opd code>"
    ]
