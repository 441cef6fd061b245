from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payung.accounts.masking import shown_birth_date, shown_nik
from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.jobs import selectors as jobs
from payung.jobs.models import Status
from payung.lib.months import month_text
from payung.lib.spreadsheet import xlsx_download
from payung.linkage import selectors, services
from payung.linkage.events import LINKS_CHANGED
from payung.linkage.models import Decision, ReviewPair
from payung.linkage.tasks import start_linkage
from payung.participants.models import Segment

REVIEWS_SHOWN = 50
UNLINKED_PAGE = 50
EXPORTED = 100_000


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
    shown = list(pending[:REVIEWS_SHOWN])
    sexes = selectors.sex_by_nik([pair.participant.nik_raw for pair in shown])
    pairs = [
        {
            "pk": pair.pk,
            "score": pair.score,
            "explanation": selectors.explained(pair),
            "method": pair.get_method_display(),
            "participant": _side(pair.participant, user)
            | {
                "kpj": pair.participant.kpj,
                "segment": pair.participant.segment,
                "place": pair.participant.region_code,
                "sex": sex,
            },
            "worker": _side(pair.worker, user)
            | {
                "place": f"{pair.worker.desa_id} {pair.worker.desa.name}",
                "source": f"{pair.worker.source_file}:{pair.worker.source_row}",
            },
        }
        for pair, sex in zip(shown, sexes, strict=True)
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


@login_required
def unlinked(request: HttpRequest) -> HttpResponse:
    """BPJS TK participants no registry worker was linked to, page by page or as .xlsx: who
    the village lists miss, or hold under a NIK and a name too far apart."""
    user = _user(request)
    segment = request.GET.get("segmen", "")
    segment = segment if segment in Segment.values else ""
    region = request.GET.get("wilayah", "").strip()[:13]
    found = selectors.unlinked_participants(segment=segment, region=region)
    if request.GET.get("format") == "xlsx":
        header = [_("KPJ"), _("NIK"), _("Name"), _("Birth date"), _("Segment"), _("Status"),
                  _("Last month paid"), _("Region code"), _("In review")]  # fmt: skip
        lines: list[list[Any]] = [header]
        for p in found[:EXPORTED]:
            lines.append([
                p.kpj, shown_nik(p.nik, user), p.name, shown_birth_date(p.birth_date, user),
                p.segment, p.status, month_text(p.last_paid), p.region_code,
                _("yes") if getattr(p, "in_review", False) else "",
            ])  # fmt: skip
        services.record_unlinked_export(user, len(lines) - 1, request.GET.dict())
        return xlsx_download(lines, _("without a worker"), "peserta-tanpa-pekerja.xlsx")
    page = Paginator(found, UNLINKED_PAGE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "linkage/unlinked.html",
        {
            "page": page,
            "rows": [
                {
                    "p": p,
                    "nik": shown_nik(p.nik, user),
                    "birth_date": shown_birth_date(p.birth_date, user),
                }
                for p in page
            ],  # fmt: skip
            "segments": Segment.choices,
            "segment": segment,
            "region": region,
        },
    )
