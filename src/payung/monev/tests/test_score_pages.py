"""Score pages against hand-computed cases: Dinas PMD's only item is 4.1.a (village officials
covered), Dinas PUPR's only item 5.1.a (Jakon projects registered). With the targets and
realisations set here, the league ranks them as computed by hand below."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from payung.accounts.models import Opd
from payung.accounts.roles import Role
from payung.monev.models import Realisation, Target
from payung.monev.scores import period_scores
from payung.monev.selectors import previous_period
from payung.monev.services import close_period
from payung.monev.tests.builders import item, open_quarter

pytestmark = pytest.mark.usefixtures("regions")


def test_the_league_ranks_agencies_as_computed_by_hand(make_user: Any) -> None:
    period = open_quarter()
    pmd = item(period, "4.1.a", "dinas-pmd")  # Dinas PMD's only item
    Target.objects.create(
        indicator=pmd.indicator, opd=pmd.opd, period=period, value=Decimal("0.80")
    )
    Realisation.objects.filter(pk=pmd.pk).update(value=Decimal("0.60"))  # 0,60 / 0,80 = 75 %
    pupr = Realisation.objects.get(period=period, opd__code="dinas-pupr")  # its only item too
    Target.objects.create(
        indicator=pupr.indicator, opd=pupr.opd, period=period, value=Decimal("0.50")
    )
    Realisation.objects.filter(pk=pupr.pk).update(value=Decimal("0.70"))  # 140 %, capped at 120 %

    result = period_scores(period)
    assert result.error == ""
    ranked = [(o.code, o.rank, o.score) for o in result.opds if o.rank is not None]
    assert ranked == [("dinas-pupr", 1, Decimal("1.2")), ("dinas-pmd", 2, Decimal("0.75"))]
    # Instructions 4 and 5 are the only ones scored (weights 15 and 10 of 100, the rest have
    # no target): regency = (0,75 × 15 + 1,2 × 10) / 25 = 0,93.
    assert result.regency.score == Decimal("0.9300")

    client = Client()
    client.force_login(make_user(Role.PIMPINAN, "bupati"))
    league = client.get(f"/monev/periode/{period.pk}/peringkat/").content.decode()
    assert 'data-opd="dinas-pupr" data-rank="1"' in league and "93 %" in league
    card = client.get(f"/monev/periode/{period.pk}/skor/").content.decode()
    assert 'data-indicator="4.1.a" data-light="amber"' in card  # 75 %: amber (60 to 90)
    assert "Keterangan" in card
    drill = client.get(f"/monev/periode/{period.pk}/opd/dinas-pmd/").content.decode()
    assert "75 %" in drill and "4.1.a" in drill
    meeting = client.get(f"/monev/periode/{period.pk}/rapat/").content.decode()
    assert 'data-testid="red-flags"' in meeting and 'data-testid="due"' in meeting


def test_an_operator_drills_into_its_own_agency_only(make_user: Any) -> None:
    period = open_quarter()
    Target.objects.create(
        indicator=item(period, "4.1.a", "dinas-pmd").indicator,
        opd=Opd.objects.get(code="dinas-pmd"),
        period=period,
        value=Decimal("0.5"),
    )
    client = Client()
    client.force_login(make_user(Role.OPERATOR_OPD, "op-pupr", opd_code="dinas-pupr"))
    assert client.get(f"/monev/periode/{period.pk}/opd/dinas-pmd/").status_code == 404


def _score(period: Any, code: str, opd: str, target: str, value: str) -> None:
    found = item(period, code, opd)
    Target.objects.create(
        indicator=found.indicator, opd=found.opd, period=period, value=Decimal(target)
    )
    Realisation.objects.filter(pk=found.pk).update(value=Decimal(value))


def test_rank_change_compares_with_the_closed_quarter_as_it_was_frozen() -> None:
    first = open_quarter(1)
    _score(first, "4.1.a", "dinas-pmd", "0.80", "0.60")  # 75 %: second
    _score(first, "5.1.a", "dinas-pupr", "0.50", "0.70")  # 120 %: first
    close_period(first)
    # Changed after the close (a reopening, say): the frozen ranks still stand.
    Realisation.objects.filter(period=first, opd__code="dinas-pmd").update(value=Decimal(1))
    second = open_quarter(2)
    _score(second, "4.1.a", "dinas-pmd", "0.80", "0.80")  # 100 %: first now
    _score(second, "5.1.a", "dinas-pupr", "0.50", "0.25")  # 50 %: second now
    result = period_scores(second, previous_period(second))
    changes = {o.code: (o.rank, o.previous_rank, o.rank_change) for o in result.opds if o.rank}
    assert changes == {"dinas-pmd": (1, 2, 1), "dinas-pupr": (2, 1, -1)}
