"""Why a pair was linked or waits for review: each field's part, on the review page and the
worker page, adding up to the score the run gave."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from payung.accounts.roles import Role
from payung.linkage.explain import decode
from payung.linkage.models import Link, ReviewPair
from payung.linkage.tests.builders import (
    FAR_DESA,
    RIZAL,
    SITI,
    link_all,
    load,
    new_kpj,
    worker_at,
)

pytestmark = pytest.mark.usefixtures("regions")


def _findings(text: str) -> dict[str, str]:
    explanation = decode(text)
    assert explanation is not None
    return {part.field: part.level for part in explanation.parts}


def explanation_weight(text: str, field: str) -> float:
    explanation = decode(text)
    assert explanation is not None
    return next(part.weight for part in explanation.parts if part.field == field)


def test_each_link_says_what_each_field_found_and_adds_up_to_its_score(tmp_path: Path) -> None:
    rizal_kpj, siti_kpj = new_kpj(), new_kpj()
    # Rizal: the same NIK, but the village wrote "Rizal Hasan" one letter off.
    # Siti: no NIK in the village list, a placeholder birth date, another kecamatan.
    load(
        tmp_path,
        [
            RIZAL.but(name="Moh. Risal Hasan"),
            SITI.but(nik="", birth="01-01-1985", desa=FAR_DESA),
        ],
        [(rizal_kpj, RIZAL), (siti_kpj, SITI)],
    )
    link_all()

    link = Link.objects.get(participant__kpj=rizal_kpj)
    found = _findings(link.explanation)
    assert found["nik"] == "exact" and found["name"] == "near" and found["dob"] == "exact"
    assert found["place"] == "desa"
    explanation = decode(link.explanation)
    assert explanation is not None
    # The parts add up to the score the run stored (a probability from the whole weight).
    assert math.isclose(explanation.probability, link.score, rel_tol=1e-3)

    pending = ReviewPair.objects.get(participant__kpj=siti_kpj)
    found = _findings(pending.explanation)
    assert found["nik"] == "missing"  # the village row has none: it weighs nothing either way
    assert explanation_weight(pending.explanation, "nik") == 0
    assert found["name"] == "exact" and found["dob"] == "placeholder"
    assert found["place"] == "differ" and explanation_weight(pending.explanation, "place") < 0
    explanation = decode(pending.explanation)
    assert explanation is not None
    assert math.isclose(explanation.probability, pending.score, rel_tol=1e-3)


def test_the_review_page_and_the_worker_page_show_the_waterfall(
    client: Client, make_user: Any, tmp_path: Path
) -> None:
    rizal_kpj, siti_kpj = new_kpj(), new_kpj()
    load(
        tmp_path,
        [RIZAL, SITI.but(nik="", birth="01-01-1985", desa=FAR_DESA)],
        [(rizal_kpj, RIZAL), (siti_kpj, SITI)],
    )
    link_all()
    client.force_login(make_user(Role.ANALIS))

    review = client.get("/kepesertaan/tinjau/").content.decode()
    assert review.count('data-testid="waterfall"') == 1
    assert "Tanggal lahir" in review and "tahun sama, satu ditulis 1 Januari" in review
    # The export has no sex column: the page shows the sex Siti's NIK says (day + 40), which
    # is what the comparison weighed.
    assert 'data-testid="participant-sex">P <small>menurut NIK</small>' in review
    # The rows' weights and the total as written on the page add up.
    weights = re.findall(r'data-testid="weight">([^<]+)<', review)
    total = re.search(r'data-testid="total-odds">([^<]+)<', review)
    assert total is not None
    number = [float(w.replace("+", "").replace(",", ".")) for w in weights]
    assert math.isclose(sum(number), float(total.group(1).replace(",", ".")), abs_tol=0.3)

    rizal = client.get(f"/registri/pekerja/{worker_at(2).pk}/").content.decode()
    assert 'data-testid="link-explanation"' in rizal and f"KPJ {rizal_kpj}" in rizal
    siti = client.get(f"/registri/pekerja/{worker_at(3).pk}/").content.decode()
    assert 'data-testid="review-explanation"' in siti
