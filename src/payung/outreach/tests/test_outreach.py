"""Outreach traced to enrolments, with every figure counted by hand from constructed
participants (and the earlier exports that show when each was first paid)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.assistance.billing import record_payment
from payung.assistance.models import Beneficiary, Status
from payung.assistance.tests.builders import DESA_A, DESA_B, World
from payung.imports.models import ImportBatch
from payung.outreach import tracing
from payung.outreach.models import Attendee, Event, Pledge
from payung.participants.models import Participant, ParticipantVersion

pytestmark = pytest.mark.usefixtures("regions")

NIK_NEW = "7502014101900001"  # first paid in March, after the February event
NIK_OLD = "7502014101900002"  # a participant since December: not the event's doing
NIK_NONE = "7502014101900003"  # came, never enrolled


def participant(
    w: World, desa: str, last_paid: dt.date, nik: str = "", *, earlier: dt.date | None = None
) -> Any:
    """A participant new since the regency's first export (World's batch): brought by a later
    one; with `earlier`, a version from an export between them showed that last paid month."""
    p = w.participant("BPU", last_paid, region_code=desa)
    later = ImportBatch.objects.create(kind="participants", file_name="baru.csv")
    Participant.objects.filter(pk=p.pk).update(nik=nik or None, batch=later)
    if earlier is not None:
        ParticipantVersion.objects.create(
            participant=p, kpj=p.kpj, name=p.name, last_paid=earlier, batch=later,
            source_file="baru.csv", source_row=2, replaced_by_batch=later,
        )  # fmt: skip
    return p


@pytest.fixture
def world() -> dict[str, Any]:
    w = World()
    participant(w, DESA_A, dt.date(2026, 5, 1), NIK_NEW, earlier=dt.date(2026, 3, 1))
    participant(w, DESA_A, dt.date(2026, 5, 1), NIK_OLD, earlier=dt.date(2025, 12, 1))
    participant(w, DESA_A, dt.date(2026, 7, 1))  # first paid after the window
    participant(w, DESA_B, dt.date(2026, 3, 1))  # another desa
    w.participant("BPU", dt.date(2026, 3, 1))  # in the first export: there before the event
    event = Event.objects.create(
        held_on=dt.date(2026, 2, 20), desa_id=DESA_A, title="Sosialisasi BPU", attendees=25
    )
    for nik in (NIK_NEW, NIK_OLD, NIK_NONE):
        Attendee.objects.create(event=event, nik=nik)
    unlisted = Event.objects.create(
        held_on=dt.date(2026, 2, 1), desa_id=DESA_A, title="Sosialisasi desa", attendees=10
    )
    return {"world": w, "event": event, "unlisted": unlisted}


def test_an_event_is_set_against_the_enrolments_that_followed_it(world: dict[str, Any]) -> None:
    listed = tracing.trace_event(world["event"])
    # Of the three NIKs listed, only NIK_NEW was first paid on or after February.
    assert (listed.listed, listed.attendees_enrolled) == (3, 1)
    assert listed.conversion == pytest.approx(1 / 3)
    # The desa: first paid in February to May (the month and three after): NIK_NEW only.
    assert listed.desa_enrolled == 1
    unlisted = tracing.trace_event(world["unlisted"])
    assert unlisted.conversion == pytest.approx(1 / 10)  # 1 new participant for 10 who came


def test_pledges_honoured_under_way_and_not(world: dict[str, Any]) -> None:
    w = world["world"]
    programme = w.programme(name="CSR nelayan", funding_source="csr", quota=5)
    for _ in range(2):
        Beneficiary.objects.create(
            programme=programme, worker=w.poor(), desa_id=DESA_A, status=Status.ENROLLED,
            enrolled_on=dt.date(2026, 1, 1),
        )  # fmt: skip
    record_payment(
        programme, amount=10_000_000, paid_on=dt.date(2026, 1, 20), reference="TRF-1", user=None
    )
    today = dt.date(2026, 6, 1)
    made = {
        "honoured": Pledge.objects.create(company="PT A", kind="csr", amount=10_000_000,
                                          workers=2, starts=dt.date(2026, 1, 1),
                                          ends=dt.date(2026, 3, 31), programme=programme),
        "short": Pledge.objects.create(company="PT B", kind="csr", amount=20_000_000, workers=5,
                                       starts=dt.date(2026, 1, 1), ends=dt.date(2026, 3, 31),
                                       programme=programme),
        "ongoing": Pledge.objects.create(company="PT C", kind="bumd", amount=20_000_000,
                                         workers=5, starts=dt.date(2026, 1, 1),
                                         ends=dt.date(2026, 12, 31), programme=programme),
        "orphan": Pledge.objects.create(company="PT D", kind="csr", amount=5_000_000, workers=1,
                                        starts=dt.date(2026, 1, 1), ends=dt.date(2026, 3, 31)),
    }  # fmt: skip
    states = {t.pledge.company: t.state for t in tracing.trace_pledges(list(made.values()), today)}
    assert states == {"PT A": "honoured", "PT B": "not_honoured", "PT C": "under_way",
                      "PT D": "none"}  # fmt: skip
    assert sorted(t.pledge.company for t in tracing.not_honoured(today)) == ["PT B", "PT D"]


def client_for(make_user: Any, role: Role, **kwargs: Any) -> Client:
    client = Client()
    client.force_login(make_user(role, **kwargs))
    return client


def event_form(**values: str) -> dict[str, str]:
    return {"form": "event", "held_on": "2026-03-02", "desa": DESA_A, "organiser": "dinas-pmd",
            "title": "Sosialisasi", "attendees": "12", "niks": "", **values}  # fmt: skip


def test_an_agency_operator_records_its_own_agencys_events_only(
    world: dict[str, Any], make_user: Any
) -> None:
    operator = client_for(make_user, Role.OPERATOR_OPD, opd_code="dinas-pmd")
    assert (
        operator.post("/sosialisasi/", event_form(niks=f"{NIK_NEW}\n{NIK_NONE}")).status_code == 302
    )
    made = Event.objects.get(title="Sosialisasi")
    assert made.organiser_opd is not None and made.organiser_opd.code == "dinas-pmd"
    assert made.attendance.count() == 2
    assert AuditEvent.objects.filter(action="outreach.event").exists()
    tampered = operator.post("/sosialisasi/", event_form(organiser="bpjs", title="Palsu"))
    assert tampered.status_code == 200 and not Event.objects.filter(title="Palsu").exists()
    wrong = operator.post("/sosialisasi/", event_form(niks="12345", title="Salah")).content.decode()
    assert "12345" in wrong and not Event.objects.filter(title="Salah").exists()
    assert operator.post("/sosialisasi/", {"form": "pledge", "company": "X"}).status_code == 403
    pimpinan = client_for(make_user, Role.PIMPINAN)
    assert pimpinan.post("/sosialisasi/", event_form()).status_code == 403
    page = pimpinan.get("/sosialisasi/").content.decode()
    assert "33,3 %" in page  # the listed event's conversion
