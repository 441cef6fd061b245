from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payung.accounts.masking import shown_nik
from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.jobs import selectors as jobs
from payung.jobs.models import Status
from payung.linkage import selectors, services
from payung.linkage.events import LINKS_CHANGED
from payung.linkage.models import Decision, ReviewPair
from payung.linkage.tasks import start_linkage

REVIEWS_SHOWN = 50


def _user(request: HttpRequest, *, review: bool = False) -> User:
    user = request.user
    assert isinstance(user, User)
    if not may(user, "linkage.review" if review else "linkage.view"):
        raise PermissionDenied
    return user


@login_required
def quality(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = selectors.quality() | {
        "can_review": may(user, "linkage.review"),
        "failed_reactions": jobs.failed_reactions(event=LINKS_CHANGED.name),
        "can_retry": may(user, "jobs.retry"),
    }
    return render(request, "linkage/quality.html", context)


@login_required
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    user = _user(request, review=True)
    started = start_linkage(user=user)
    return redirect("linkage:job", started.pk)


@login_required
def job(request: HttpRequest, job: str) -> HttpResponse:
    """A run started from the browser: its page waits for the worker, then says how it went."""
    _user(request, review=True)
    found = jobs.job_for(job, request.user)
    if found is None or found.kind != "linkage":
        raise Http404
    if found.status == Status.DONE:
        result = found.result
        messages.success(
            request,
            _(
                "Linkage done: %(linked)d linked, %(review)d waiting for review, "
                "%(unlinked)d unlinked."
            )
            % {
                "linked": result["linked"],
                "review": result["review"],
                "unlinked": result["unlinked"],
            },
        )
        return redirect("linkage:quality")
    return render(request, "linkage/job.html", {"job": found})


def _side(record: object, user: User) -> dict[str, object]:
    nik = getattr(record, "nik", None) or getattr(record, "nik_raw", "")
    return {
        "nik": shown_nik(nik, user),
        "nik_status": getattr(record, "nik_status", ""),
        "name": getattr(record, "name", ""),
        "birth_date": getattr(record, "birth_date", None),
        "sex": getattr(record, "sex", ""),
    }


@login_required
def review(request: HttpRequest) -> HttpResponse:
    user = _user(request, review=True)
    pending = selectors.pending_reviews()
    pairs = [
        {
            "pk": pair.pk,
            "score": pair.score,
            "method": pair.get_method_display(),
            "participant": _side(pair.participant, user)
            | {
                "kpj": pair.participant.kpj,
                "segment": pair.participant.segment,
                "place": pair.participant.region_code,
            },
            "worker": _side(pair.worker, user)
            | {
                "place": f"{pair.worker.desa_id} {pair.worker.desa.name}",
                "source": f"{pair.worker.source_file}:{pair.worker.source_row}",
            },
        }
        for pair in pending[:REVIEWS_SHOWN]
    ]
    return render(request, "linkage/review.html", {"pairs": pairs, "total": pending.count()})


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request, review=True)
    pair = get_object_or_404(ReviewPair, pk=pk, decision=Decision.PENDING)
    decision = request.POST.get("decision", "")
    if decision not in (Decision.ACCEPTED, Decision.REJECTED):
        raise PermissionDenied
    services.decide_review(pair=pair, decision=decision, user=user)
    return redirect("linkage:review")
