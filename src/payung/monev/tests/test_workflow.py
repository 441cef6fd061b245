"""The reporting cycle through its services: enter, evidence, submit, return with a reason,
fix, verify, lock, reopen; every step in the audit trail with the values before and after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from payung.accounts.models import AuditEvent, Opd
from payung.accounts.roles import Role
from payung.monev import selectors, workflow
from payung.monev.evidence import EvidenceRefused, path_of
from payung.monev.models import EvidenceFile, ItemStatus, Realisation, Target
from payung.monev.tests.builders import EXECUTABLE, PDF, PNG, item, open_quarter

pytestmark = pytest.mark.usefixtures("regions")


@pytest.fixture
def cast(make_user: Any) -> dict[str, Any]:
    return {
        "hukum": make_user(Role.OPERATOR_OPD, "op-hukum", opd_code="bagian-hukum"),
        "disnaker": make_user(Role.OPERATOR_OPD, "op-disnaker", opd_code="disnaker"),
        "analis": make_user(Role.ANALIS, "analis"),
        "admin": make_user(Role.ADMINISTRATOR, "admin"),
    }


def test_a_quarter_runs_from_entry_to_verification(cast: dict[str, Any]) -> None:
    period = open_quarter()
    perbup = item(period, "1.1.a", "bagian-hukum")  # the Perbup milestone: evidence required
    op, analis = cast["hukum"], cast["analis"]

    workflow.enter(
        perbup, op, narrative="Perbup ditetapkan", value=Decimal(1), achieved_on=dt.date(2025, 2, 3)
    )
    with pytest.raises(workflow.NotAllowed, match="bukti"):
        workflow.submit(perbup, op)  # no evidence yet
    workflow.add_evidence(perbup, op, title="Perbup 12/2025", chunks=[PDF], size=len(PDF))
    workflow.submit(perbup, op)

    with pytest.raises(ValueError):
        workflow.return_item(perbup, analis, "   ")  # a return needs its reason
    workflow.return_item(perbup, analis, "Lampirkan salinan yang ditandatangani")
    assert list(selectors.fix_list(op)) == [perbup]
    assert perbup.return_reason == "Lampirkan salinan yang ditandatangani"

    workflow.add_evidence(
        perbup, op, title="Salinan bertanda tangan", link="https://jdih.example/12"
    )
    workflow.submit(perbup, op)
    assert list(selectors.fix_list(op)) == []
    workflow.verify(perbup, analis)

    with pytest.raises(workflow.NotAllowed):  # a verified item is locked
        workflow.enter(perbup, op, narrative="ubah", value=Decimal(0))
    actions = list(
        AuditEvent.objects.filter(target=f"monev.item:{perbup.pk}")
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "monev.entered", "monev.evidence_added", "monev.submitted", "monev.returned",
        "monev.evidence_added", "monev.submitted", "monev.verified",
    ]  # fmt: skip
    returned = AuditEvent.objects.get(target=f"monev.item:{perbup.pk}", action="monev.returned")
    assert returned.details["before"]["status"] == "submitted"
    assert returned.details["after"]["status"] == "returned"
    assert returned.details["reason"] == "Lampirkan salinan yang ditandatangani"
    assert returned.username == "analis"
    history = perbup.history.order_by("history_date")  # the model's own trail too
    assert [h.status for h in history][-2:] == ["submitted", "verified"]


def test_an_operator_cannot_touch_another_agencys_item(cast: dict[str, Any]) -> None:
    period = open_quarter()
    perbup = item(period, "1.1.a", "bagian-hukum")
    with pytest.raises(workflow.NotAllowed):
        workflow.enter(perbup, cast["disnaker"], narrative="bukan milik kami", value=Decimal(1))
    with pytest.raises(workflow.NotAllowed):
        workflow.enter(perbup, cast["analis"], narrative="Bappeda tidak mengisi", value=Decimal(1))
    perbup.refresh_from_db()
    assert perbup.value is None and perbup.narrative == ""


def test_a_ratio_is_entered_as_numerator_and_denominator(make_user: Any) -> None:
    period = open_quarter()
    non_asn = item(period, "2.2.a", "bkpsdm")  # computed when issue 17's lists exist
    bkpsdm = make_user(Role.OPERATOR_OPD, "op-bkpsdm", opd_code="bkpsdm")
    workflow.enter(non_asn, bkpsdm, narrative="", numerator=Decimal(312), denominator=Decimal(480))
    non_asn.refresh_from_db()
    assert non_asn.value == Decimal("0.6500")  # 312 / 480
    with pytest.raises(ValueError):
        workflow.enter(non_asn, bkpsdm, narrative="", numerator=Decimal(1), denominator=Decimal(0))


def test_evidence_is_checked_by_content_and_size_and_stored_once(
    cast: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.PAYUNG_MAX_EVIDENCE_MB = 1
    period = open_quarter()
    perbup = item(period, "1.1.a", "bagian-hukum")
    op = cast["hukum"]
    with pytest.raises(EvidenceRefused, match="PDF, JPG atau PNG"):
        workflow.add_evidence(perbup, op, title="perbup.pdf", chunks=[EXECUTABLE])
    big = [PNG, b"\x00" * (1 << 20)]
    with pytest.raises(EvidenceRefused, match="paling besar 1 MB"):
        workflow.add_evidence(perbup, op, title="foto.png", chunks=big)  # no size declared
    with pytest.raises(EvidenceRefused, match="paling besar 1 MB"):
        workflow.add_evidence(perbup, op, title="foto.png", chunks=[PNG], size=2 << 20)
    assert perbup.evidence.count() == 0 and EvidenceFile.objects.count() == 0

    first = workflow.add_evidence(perbup, op, title="Perbup", chunks=[PDF])
    again = workflow.add_evidence(perbup, op, title="Perbup lagi", chunks=[PDF[:7], PDF[7:]])
    assert first.file_id == again.file_id and EvidenceFile.objects.count() == 1
    assert first.file is not None and path_of(first.file).read_bytes() == PDF
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and p != path_of(first.file)]
    assert leftovers == []  # refused files leave nothing behind


def test_a_closed_period_is_reopened_for_one_agency_with_a_reason(cast: dict[str, Any]) -> None:
    period = open_quarter()
    perbup = item(period, "1.1.a", "bagian-hukum")
    period.locked = True
    period.save()
    with pytest.raises(workflow.NotAllowed, match="tidak dibuka"):
        workflow.enter(
            perbup,
            cast["hukum"],
            narrative="terlambat",
            value=Decimal(1),
            achieved_on=dt.date(2025, 3, 1),
        )
    with pytest.raises(workflow.NotAllowed):
        workflow.reopen(
            period,
            perbup.opd,
            cast["analis"],
            reason="x",
            until=timezone.localdate(),
            verified_too=False,
        )
    with pytest.raises(ValueError):
        workflow.reopen(
            period,
            perbup.opd,
            cast["admin"],
            reason="",
            until=timezone.localdate(),
            verified_too=False,
        )
    workflow.reopen(
        period, perbup.opd, cast["admin"], reason="Surat Sekda 800/12: data susulan",
        until=timezone.localdate(), verified_too=False,
    )  # fmt: skip
    workflow.enter(
        perbup,
        cast["hukum"],
        narrative="susulan",
        value=Decimal(1),
        achieved_on=dt.date(2025, 3, 1),
    )
    other = item(period, "2.1.a", "disnaker")  # Disnaker was not reopened
    with pytest.raises(workflow.NotAllowed):
        workflow.enter(other, cast["disnaker"], narrative="ikut", value=Decimal("0.3"))
    logged = AuditEvent.objects.get(action="monev.reopened")
    assert logged.details["reason"] == "Surat Sekda 800/12: data susulan"
    assert logged.details["opd"] == "bagian-hukum" and logged.username == "admin"


def test_a_revised_target_keeps_the_old_value_and_the_reason(cast: dict[str, Any]) -> None:
    period = open_quarter()
    ind = item(period, "2.1.a", "disnaker").indicator
    disnaker = Opd.objects.get(code="disnaker")
    workflow.set_target(ind, disnaker, period, Decimal("0.30"), cast["analis"])
    with pytest.raises(ValueError):
        workflow.set_target(ind, disnaker, period, Decimal("0.35"), cast["analis"])  # no reason
    workflow.set_target(
        ind, disnaker, period, Decimal("0.35"), cast["analis"], reason="RKPD perubahan"
    )
    with pytest.raises(workflow.NotAllowed):
        workflow.set_target(ind, disnaker, period, Decimal("0.9"), cast["disnaker"], reason="x")
    target = Target.objects.get(indicator=ind, opd=disnaker, period=period)
    history = list(target.history.order_by("history_date"))
    assert [h.value for h in history] == [Decimal("0.30"), Decimal("0.35")]
    assert history[-1].history_change_reason == "RKPD perubahan"
    revised = AuditEvent.objects.get(action="monev.target_revised")
    assert revised.details["before"] == "0.3000" or revised.details["before"] == "0.30"
    assert revised.details["after"] == "0.35"


def test_completeness_counts_on_time_late_and_missing(cast: dict[str, Any]) -> None:
    period = open_quarter()
    perbup = item(period, "1.1.a", "bagian-hukum")
    op = cast["hukum"]
    workflow.enter(perbup, op, narrative="", value=Decimal(0))
    workflow.add_evidence(perbup, op, title="Draf", chunks=[PDF])
    workflow.submit(perbup, op)
    today = timezone.localdate()
    (hukum,) = selectors.completeness(period, today, opd_id=perbup.opd_id)
    assert (hukum.items, hukum.filled, hukum.evidenced, hukum.on_time) == (1, 1, 1, 1)
    assert (hukum.late, hukum.missing) == (0, 0)
    # Judged after the deadline: Disnaker's unsubmitted items are missing and overdue.
    after = period.deadline + dt.timedelta(days=1)
    (disnaker,) = selectors.completeness(period, after, opd_id=Opd.objects.get(code="disnaker").pk)
    assert disnaker.missing == disnaker.items == len(disnaker.overdue) > 0
    # A submission after the deadline is late.
    Realisation.objects.filter(pk=perbup.pk).update(
        submitted_at=timezone.now() + dt.timedelta(days=30)
    )
    (hukum,) = selectors.completeness(period, after, opd_id=perbup.opd_id)
    assert (hukum.on_time, hukum.late) == (0, 1)
    assert perbup.status == ItemStatus.SUBMITTED


def test_a_milestones_target_is_done_or_not(cast: dict[str, Any]) -> None:
    period = open_quarter()
    perbup = item(period, "1.1.a", "bagian-hukum").indicator
    hukum = Opd.objects.get(code="bagian-hukum")
    with pytest.raises(ValueError, match="1"):
        workflow.set_target(perbup, hukum, period, Decimal("0.5"), cast["analis"])
    assert not Target.objects.filter(indicator=perbup, period=period).exists()
    workflow.set_target(perbup, hukum, period, Decimal(1), cast["analis"])
    assert Target.objects.get(indicator=perbup, period=period).value == 1
