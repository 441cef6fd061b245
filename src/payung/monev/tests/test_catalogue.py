"""The seeded Inpres catalogue: complete, weights that sum to 100 at every level, the verbatim
point marked so, seeded once and never over an edit; its page by role."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.monev.models import Action, Indicator, Instruction, Wording
from payung.monev.scoring import Part, check_weights
from payung.monev.services import seed_catalogue

pytestmark = pytest.mark.usefixtures("regions")


def test_the_seed_is_the_inpres_with_point_b_verbatim() -> None:
    seed_catalogue()
    verbatim = Instruction.objects.get(wording=Wording.VERBATIM)
    assert verbatim.text.startswith("Para Bupati/Wali Kota untuk mengambil langkah-langkah")
    assert "pegawai pemerintah dengan status Non ASN" in verbatim.text
    assert "huruf b" in verbatim.legal_reference
    assert Instruction.objects.count() == 6
    assert Action.objects.filter(owners__code="dpmptsp").exists()  # PTSP's permits
    perbup = Indicator.objects.get(code="1.1.a")
    assert perbup.kind == "milestone" and "Perbup" in perbup.name


def test_weights_sum_to_100_at_every_level() -> None:
    seed_catalogue()
    check_weights("kabupaten", [Part(i.code, i.weight, None) for i in Instruction.objects.all()])
    for i in Instruction.objects.all():
        check_weights(i.code, [Part(a.code, a.weight, None) for a in i.actions.all()])
    for a in Action.objects.all():
        check_weights(a.code, [Part(n.code, n.weight, None) for n in a.indicators.all()])


def test_seeding_again_keeps_an_edit_and_its_history() -> None:
    assert seed_catalogue() > 0
    instruction = Instruction.objects.get(code="6")
    instruction.weight = Decimal(20)
    instruction._change_reason = "Rapat monev: pengawasan diberi bobot lebih"  # type: ignore[attr-defined]
    instruction.save()
    assert seed_catalogue() == 0
    assert Instruction.objects.get(code="6").weight == Decimal(20)
    old, new = instruction.history.order_by("history_date")[:2]
    assert (old.weight, new.weight) == (Decimal(15), Decimal(20))
    assert new.history_change_reason == "Rapat monev: pengawasan diberi bobot lebih"


def test_the_catalogue_page_by_role(make_user: Any, client: Client) -> None:
    seed_catalogue()
    assert client.get("/monev/").status_code == 302
    bpjs = Client()
    bpjs.force_login(make_user(Role.PETUGAS_BPJS))
    assert bpjs.get("/monev/").status_code == 403
    operator = Client()
    operator.force_login(make_user(Role.OPERATOR_OPD))
    page = operator.get("/monev/").content.decode()
    assert page.count('data-testid="instruction"') == 6
    assert "Perbup tentang jaminan sosial ketenagakerjaan ditetapkan" in page
