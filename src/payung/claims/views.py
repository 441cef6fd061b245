"""Pages of the claims: what the programmes paid against what came back to workers and
families, and the case register of deaths and work accidents."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from payung.accounts.masking import shown_name
from payung.accounts.permissions import may
from payung.assistance import selectors as assistance
from payung.claims import impact, selectors
from payung.claims.models import CASE_TYPES, ClaimStatus, ClaimType
from payung.contributions.selectors import jkm_death_benefit

UNLINKED_SHOWN = 50


def _may_view(request: HttpRequest) -> None:
    if not may(request.user, "claims.view"):
        raise PermissionDenied


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    found, sources = impact.programme_impacts(assistance.programmes())
    unlinked = selectors.unlinked()
    paid = impact.benefits()
    return render(
        request,
        "claims/index.html",
        {
            "programmes": found,
            "sources": sources,
            "benefits": paid,
            "by_type": [
                (code, label, paid.by_type[code])
                for code, label in ClaimType.choices
                if code in paid.by_type
            ],
            "unlinked": unlinked[:UNLINKED_SHOWN],
            "unlinked_count": unlinked.count(),
            "death_benefit": jkm_death_benefit(),
            "may_import": may(request.user, "import.bpjs_claims"),
        },
    )


@login_required
def case_register(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    claim_type = request.GET.get("jenis", "")
    status = request.GET.get("status", "")
    claim_type = claim_type if claim_type in CASE_TYPES else ""
    status = status if status in ClaimStatus.values else ""
    page = Paginator(selectors.cases(claim_type=claim_type, status=status), 50).get_page(
        request.GET.get("halaman")
    )
    rows = [
        {
            "claim": c,
            "name": shown_name(c.name, request.user, "claims.see_names"),
            "recipient": shown_name(c.recipient, request.user, "claims.see_names"),
            "desa": c.worker.desa if c.worker else None,
        }
        for c in page
    ]
    return render(
        request,
        "claims/cases.html",
        {
            "rows": rows,
            "page": page,
            "claim_type": claim_type,
            "status": status,
            "case_types": [(t.value, t.label) for t in CASE_TYPES],
            "statuses": ClaimStatus.choices,
            "masked": not may(request.user, "claims.see_names"),
        },
    )
