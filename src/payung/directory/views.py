"""Find a worker (by name, by NIK, by place, trade, decile, cover) and open their page."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payung.accounts import selectors as accounts
from payung.accounts.masking import shown_birth_date, shown_nik, shown_sex
from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.assistance import selectors as assistance
from payung.coverage import selectors as coverage
from payung.coverage.status import is_active
from payung.directory import services, worklist
from payung.directory.forms import SearchForm, WorkListForm
from payung.lib.spreadsheet import xlsx_download
from payung.linkage import selectors as linkage
from payung.regions import selectors as regions
from payung.registry import selectors as registry

PAGE = 50
# What the audit trail's actions about one worker mean, as the worker's page says them.
AUDIT_ACTIONS = {
    "registry.worker_viewed": gettext_lazy("opened this page"),
    "registry.change_approved": gettext_lazy("approved a change an agency asked for"),
    "registry.change_rejected": gettext_lazy("rejected a change an agency asked for"),
}


def _viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not may(user, "registry.view"):
        raise PermissionDenied
    return user


def _region_choices() -> list[tuple[str, str]]:
    """Each kecamatan, then its desa indented under it."""
    choices = []
    for kecamatan in regions.region_tree(coverage.regency_code()):
        choices.append((kecamatan.code, f"{_('Kecamatan')} {kecamatan.name}"))
        desa_list = kecamatan.desa_list  # type: ignore[attr-defined]  # region_tree prefetches it
        choices += [(desa.code, f"· {desa.name}") for desa in desa_list]
    return choices


@login_required
def search(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    form = SearchForm(
        request.GET or None, regions=_region_choices(), occupations=registry.occupations()
    )
    scope = registry.workers_in_scope(user)
    month = coverage.reporting_month()
    rows: list[Any] = []
    page = None
    capped = False
    asked = form.is_bound and form.is_valid()
    if asked:
        data = form.cleaned_data
        workers = registry.filtered(
            scope, region=data["wilayah"], occupation=data["pekerjaan"], decile=data["desil"]
        )
        if data["status"] == "tercakup":
            workers = coverage.covered_in(workers, month)
        elif data["status"] == "belum":
            workers = coverage.uncovered_in(workers, month)
        if data["q"].strip():
            found = registry.find(workers, data["q"])
            listed: Any = found.workers
            capped = found.capped
        else:
            listed = workers.select_related("desa").order_by("name_key", "id")
        page = Paginator(listed, PAGE).get_page(request.GET.get("halaman"))
        shown = list(page)
        covered = set(
            coverage.covered_in(scope.filter(pk__in=[w.pk for w in shown]), month).values_list(
                "pk", flat=True
            )
        )
        rows = [
            {"worker": w, "nik": shown_nik(w.nik, user), "covered": w.pk in covered} for w in shown
        ]
        if data["q"].strip():
            services.record_searched(user, data["q"], len(rows), request.META.get("REMOTE_ADDR"))
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "asked": asked,
            "rows": rows,
            "page": page,
            "capped": capped,
            "month": month,
            "scoped_to": user.opd if user.role == Role.OPERATOR_OPD else None,
        },
    )


# A printed list is the whole list: up to this many rows, beyond which a desa is asked for.
PRINTED = 3_000
EXPORTED = 100_000  # rows in one .xlsx: a whole regency's uncovered, with room


@login_required
def uncovered(request: HttpRequest) -> HttpResponse:
    """The uncovered workers of a desa, kecamatan or the regency, with the cheapest way in:
    paged on screen, whole when printed (`cetak`) or downloaded (`format=xlsx`)."""
    user = _viewer(request)
    form = WorkListForm(
        request.GET or None, regions=_region_choices(), occupations=registry.occupations()
    )
    month = coverage.reporting_month()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not data:
        workers = registry.workers_in_scope(user).none()  # a tampered filter lists nobody
    else:
        workers = registry.filtered(
            registry.workers_in_scope(user),
            region=data.get("wilayah", ""),
            occupation=data.get("pekerjaan", ""),
            decile=data.get("desil"),
        )
    listed = worklist.ordered(coverage.uncovered_in(workers, month), data.get("urut", ""))
    likely = coverage.likely_segments(month)
    masked = partial(shown_nik, who=user)
    if request.GET.get("format") == "xlsx":
        lines = worklist.table(worklist.rows(listed[:EXPORTED], month, masked, likely))
        services.record_exported(user, "uncovered", len(lines) - 1, request.GET.dict())
        return xlsx_download(lines, _("not covered"), "belum-tercakup.xlsx")
    printing = "cetak" in request.GET
    page = Paginator(listed, PRINTED if printing else PAGE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "directory/uncovered.html",
        {
            "form": form,
            "page": page,
            "rows": worklist.rows(page, month, masked, likely),
            "month": month,
            "printing": printing,
            "region_name": dict(_region_choices()).get(data.get("wilayah", ""), "").lstrip("· "),
        },
    )


def _participations(worker_ids: list[int], month: Any) -> list[dict[str, Any]]:
    grace = coverage.bpu_grace_months()
    decided = {
        r.participant_id: r for r in linkage.reviews_of(worker_ids) if r.decided_by_id is not None
    }
    return [
        {
            "link": link,
            "participant": link.participant,
            "active": is_active(
                segment=link.participant.segment,
                status=link.participant.status,
                last_paid=link.participant.last_paid,
                month=month,
                bpu_grace_months=grace,
            ),
            "review": decided.get(link.participant_id),
            "explanation": linkage.explained(link),
        }
        for link in linkage.links_of(worker_ids)
    ]


@login_required
def worker(request: HttpRequest, pk: int) -> HttpResponse:
    user = _viewer(request)
    # Out of the viewer's scope is as absent as a wrong number: a 404 says nothing of the NIK.
    found = registry.workers_in_scope(user).select_related("desa", "desa__parent", "opd")
    person = found.filter(pk=pk).first()
    if person is None:
        raise Http404
    services.record_viewed(user, person, request.META.get("REMOTE_ADDR"))
    rows = linkage.same_person(person.pk)
    month = coverage.reporting_month()
    participations = _participations(rows, month)
    return render(
        request,
        "directory/worker.html",
        {
            "worker": person,
            "nik": shown_nik(person.nik, user),
            "birth_date": shown_birth_date(
                person.birth_date.strftime("%d-%m-%Y") if person.birth_date else "", user
            ),
            "sex": shown_sex(person.get_sex_display() if person.sex else "", user),
            "canonical_id": rows[0],
            "other_rows": [r for r in rows if r != person.pk],
            "participations": participations,
            "covered": any(p["active"] for p in participations),
            "reviews": [
                {"pair": r, "explanation": linkage.explained(r)}
                for r in linkage.reviews_of(rows)
                if r.decided_by_id is None
            ],
            "places": assistance.places_of(rows),
            "versions": [
                {"version": v, "nik": shown_nik(v.nik, user)} for v in registry.versions_of(person)
            ],
            "audit": [
                {
                    "at": e.at,
                    "username": e.username,
                    "action_label": AUDIT_ACTIONS.get(e.action, e.action),
                }
                for e in accounts.audit_of(services.worker_target(person))
            ],  # fmt: skip
            "perms_review": may(user, "linkage.review"),
            "month": month,
        },
    )
