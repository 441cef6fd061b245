"""Pages of the regency as an employer: each staff list's coverage by unit, one unit's people,
and the upload of a unit's list (queued for the worker like every import)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payung.accounts.masking import shown_nik
from payung.accounts.models import Opd, User
from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.accounts.services import record_audit
from payung.coverage import selectors as coverage
from payung.employers import compliance, follow_up, jakon, letters, matching, selectors, staff
from payung.employers.evidence import described
from payung.employers.forms import StaffUploadForm, StepForm
from payung.employers.models import (
    BpjsEmployer,
    Business,
    EmployerReview,
    FindingCode,
    FollowUp,
    ReviewDecision,
    Roster,
    Step,
)
from payung.imports import kinds
from payung.imports.tasks import start_import
from payung.lib.documents import DOCX_TYPE
from payung.regions.selectors import desa_of_regency

VILLAGE_AGENCY = "dinas-pmd"  # the agency that keeps the village officials' list


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not may(user, "employers.view"):
        raise PermissionDenied
    return user


def _roster(slug: str) -> str:
    if slug not in staff.ROSTERS:
        raise Http404
    return slug


def may_upload(user: User, roster: str) -> bool:
    if not may(user, f"import.{roster}"):
        return False
    if user.role != Role.OPERATOR_OPD:
        return True
    if user.opd is None:
        return False
    return roster == Roster.NON_ASN or user.opd.code == VILLAGE_AGENCY


def may_see_people(user: User, roster: str, unit: str) -> bool:
    """Names are personal data: the unit's own operator, Dinas PMD's for the villages, and
    the regency-wide roles that work the data."""
    if user.role in (Role.ADMINISTRATOR, Role.ANALIS):
        return True
    if user.role != Role.OPERATOR_OPD or user.opd is None:
        return False
    return user.opd.code == (unit if roster == Roster.NON_ASN else VILLAGE_AGENCY)


def _unit_names(roster: str) -> dict[str, str]:
    if roster == Roster.NON_ASN:
        return {o.code: o.short_name for o in Opd.objects.all()}
    return {d.code: d.display_name for d in desa_of_regency(coverage.regency_code())}


def _kecamatan_names() -> dict[str, str]:
    return {r.code: r.display_name for r in coverage.kecamatan_regions()}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    month = coverage.default_month()
    lists = []
    for roster in staff.ROSTERS:
        counts = staff.unit_counts(roster, month)
        total = sum(c.members for c in counts)
        active = sum(c.counts[staff.ACTIVE] for c in counts)
        lists.append(
            {
                "roster": roster,
                "label": Roster(roster).label,
                "units": len(counts),
                "members": total,
                "active": active,
                "share": active / total if total else None,
                "owed": sum(c.monthly_owed for c in counts),
            }
        )
    found = selectors.finding_counts()
    return render(
        request,
        "employers/index.html",
        {
            "lists": lists,
            "month": month,
            "findings": [(code, label, found.get(code, 0)) for code, label in FindingCode.choices],
            "businesses": Business.objects.count(),
            "employers": BpjsEmployer.objects.count(),
            "to_review": selectors.pending_reviews().count(),
            "by_sector": selectors.compliance_by("sector"),
            "by_kecamatan": selectors.compliance_by("kecamatan", _kecamatan_names()),
            "may_manage": may(user, "employers.manage"),
        },
    )


@login_required
def business_list(request: HttpRequest) -> HttpResponse:
    _user(request)
    code = request.GET.get("temuan") or None
    if code is not None and code not in FindingCode.values:
        raise Http404
    page = Paginator(selectors.businesses(code), 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "employers/businesses.html",
        {"page": page, "code": code, "label": dict(FindingCode.choices).get(code or "", "")},
    )


@login_required
def business_detail(request: HttpRequest, nib: str) -> HttpResponse:
    _user(request)
    found = selectors.business(nib)
    if found is None:
        raise Http404
    user = request.user
    assert isinstance(user, User)
    findings = [(f, described(f.evidence)) for f in found.findings.all()]
    labels = dict(Step.choices)
    step_form = None
    if may(user, "employers.follow_up"):
        steps = [(s, labels[s]) for s in follow_up.next_steps(found)]
        step_form = StepForm(request.POST or None, steps=steps) if steps else None
        if request.method == "POST" and step_form is not None and step_form.is_valid():
            try:
                follow_up.record_step(
                    found, step_form.cleaned_data["step"], user,
                    note=step_form.cleaned_data["note"],
                    deadline=step_form.cleaned_data["deadline"],
                )  # fmt: skip
            except follow_up.StepRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Step recorded."))
            return redirect("employers:business", nib=found.nib)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "employers/business.html",
        {
            "business": found,
            "findings": findings,
            "trail": follow_up.trail(found),
            "step_form": step_form,
            "letters": LETTER_STEPS,
        },
    )


LETTER_STEPS = (Step.WARNING_1, Step.WARNING_2, Step.REFERRAL)


@login_required
def letter(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = _user(request)
    if not may(user, "employers.follow_up"):
        raise PermissionDenied
    step = get_object_or_404(FollowUp.objects.select_related("business"), pk=pk)
    if kind not in ("docx", "pdf") or step.step not in LETTER_STEPS:
        raise Http404
    data, name = letters.letter(step, kind, user=user)
    kinds = {"pdf": "application/pdf", "docx": DOCX_TYPE}
    answer = HttpResponse(data, content_type=kinds[kind])
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    _user(request)
    return render(request, "employers/overdue.html", {"rows": follow_up.overdue()})


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not may(user, "employers.manage"):
        raise PermissionDenied
    if request.method == "POST":
        found = get_object_or_404(
            EmployerReview, pk=request.POST.get("review"), decision=ReviewDecision.PENDING
        )
        matching.decide(found, request.POST.get("same") == "1", user)
        messages.success(request, _("Decided. The next matching run follows it."))
        return redirect("employers:reviews")
    return render(request, "employers/reviews.html", {"pairs": selectors.pending_reviews()[:200]})


@login_required
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    """Match and classify again now (the worker does it after every import by itself)."""
    user = _user(request)
    if not may(user, "employers.manage"):
        raise PermissionDenied
    matched = matching.match_employers(user=user)
    classified = compliance.classify(user=user)
    messages.success(
        request,
        _("%(matched)s businesses matched, %(review)s pairs to review, %(n)s classified.")
        % {"matched": matched.matched, "review": matched.to_review, "n": classified.businesses},
    )
    return redirect("employers:index")


@login_required
def permit(request: HttpRequest) -> HttpResponse:
    """DPMPTSP's check before a permit: given an NIB, is the business compliant, and why not."""
    user = _user(request)
    nib = "".join(ch for ch in request.GET.get("nib", "") if ch.isdigit())[:13]
    answer = selectors.permit_check(nib) if nib else None
    if answer is not None:
        record_audit(
            action="employers.permit_check", user=user, target=f"nib:{nib}",
            details={"compliant": answer.compliant, "known": answer.known},
        )  # fmt: skip
    reasons = [(r, described(r["evidence"])) for r in answer.reasons] if answer else []
    return render(
        request, "employers/permit.html", {"nib": nib, "answer": answer, "reasons": reasons}
    )


@login_required
def roster(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    chosen = _roster(slug)
    month = coverage.default_month()
    names = _unit_names(chosen)
    unit = request.GET.get("unit")
    people = None
    if unit is not None:
        if unit not in names or not may_see_people(user, chosen, unit):
            raise Http404
        people = [
            (row, shown_nik(row.member.nik, user)) for row in staff.staff_rows(chosen, unit, month)
        ]
    counts = staff.unit_counts(chosen, month)
    form = None
    if may_upload(user, chosen):
        kind = kinds.get(chosen)
        choose = chosen == Roster.NON_ASN and user.role != Role.OPERATOR_OPD
        form = StaffUploadForm(
            request.POST or None, request.FILES or None, choose_opd=choose, kind=kind
        )
        if request.method == "POST" and form.is_valid():
            scope = ""
            if chosen == Roster.NON_ASN:  # an operator's own agency (may_upload: it has one)
                agency = form.cleaned_data["opd"] if choose else user.opd
                scope = agency.code if agency else ""
            started = start_import(
                kind=chosen,
                upload=form.cleaned_data["file"],
                user=user,
                overrides=form.cleaned_data["column_map"],
                scope=scope,
            )
            return redirect(reverse("imports:job", args=[started.pk]))
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "employers/roster.html",
        {
            "roster": chosen,
            "label": Roster(chosen).label,
            "month": month,
            "rows": [
                (c, names.get(c.unit, c.unit), may_see_people(user, chosen, c.unit)) for c in counts
            ],
            "unit": unit,
            "unit_name": names.get(unit or "", ""),
            "people": people,
            "form": form,
        },
    )


@login_required
def projects(request: HttpRequest) -> HttpResponse:
    """APBD construction projects and their Jakon registration; an Operator OPD sees its own
    agency's, with those it must register flagged."""
    user = _user(request)
    own = user.opd.code if user.role == Role.OPERATOR_OPD and user.opd else None
    if user.role == Role.OPERATOR_OPD and own is None:
        raise PermissionDenied
    rows = jakon.project_rows(own)
    names = {o.code: o.short_name for o in Opd.objects.all()}
    return render(
        request,
        "employers/projects.html",
        {
            "rows": [(r, names.get(r.project.opd_code, r.project.opd_code)) for r in rows],
            "own": names.get(own or "", ""),
            "flagged": sum(bool(r.flag) for r in rows),
        },
    )
