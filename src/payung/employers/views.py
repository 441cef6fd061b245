"""Pages of the employers module: the overview, licensed businesses with their findings and
follow-up (steps, letters, the overdue list), the review queue, the permit check and the
construction projects. The staff lists have theirs in staffpages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payung.accounts.models import Opd, User
from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.accounts.services import record_audit
from payung.coverage import selectors as coverage
from payung.employers import compliance, follow_up, jakon, letters, matching, selectors, staff
from payung.employers.evidence import described
from payung.employers.forms import StepForm
from payung.employers.models import (
    BpjsEmployer,
    Business,
    EmployerReview,
    FindingCode,
    FollowUp,
    Project,
    ReviewDecision,
    Roster,
    Step,
)
from payung.lib.documents import DOCX_TYPE


def user_of(request: HttpRequest) -> User:
    """The logged-in user, if their role reads employers (every page here needs it)."""
    user = request.user
    if not isinstance(user, User) or not may(user, "employers.view"):
        raise PermissionDenied
    return user


def _kecamatan_names() -> dict[str, str]:
    return {r.code: r.display_name for r in coverage.kecamatan_regions()}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
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
    user_of(request)
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
    user_of(request)
    found = selectors.business(nib)
    if found is None:
        raise Http404
    user = request.user
    assert isinstance(user, User)
    step_form, recorded = _step_form(request, user, found)
    if recorded:
        return redirect("employers:business", nib=found.nib)
    return render(
        request,
        "employers/business.html",
        {
            "business": found,
            "findings": [(f, described(f.evidence)) for f in found.findings.all()],
            "trail": follow_up.trail(found),
            "step_form": step_form,
            "letters": letters.LETTER_STEPS,
        },
    )


def _step_form(
    request: HttpRequest, user: User, subject: follow_up.Subject
) -> tuple[StepForm | None, bool]:
    """The form for the subject's next follow-up step, for a role that records them, and
    whether a POST recorded one (the view then redirects). Another role's POST is refused."""
    if not may(user, "employers.follow_up"):
        if request.method == "POST":
            raise PermissionDenied
        return None, False
    labels = dict(Step.choices)
    steps = [(s, labels[s]) for s in follow_up.next_steps(subject)]
    form = StepForm(request.POST or None, steps=steps) if steps else None
    if request.method != "POST" or form is None or not form.is_valid():
        return form, False
    try:
        follow_up.record_step(
            subject, form.cleaned_data["step"], user,
            note=form.cleaned_data["note"], deadline=form.cleaned_data["deadline"],
        )  # fmt: skip
    except follow_up.StepRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Step recorded."))
    return form, True


@login_required
def letter(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = user_of(request)
    if not may(user, "employers.follow_up"):
        raise PermissionDenied
    step = get_object_or_404(FollowUp.objects.select_related("business", "project"), pk=pk)
    if kind not in ("docx", "pdf") or step.step not in letters.LETTER_STEPS:
        raise Http404
    data, name = letters.letter(step, kind, user=user)
    kinds = {"pdf": "application/pdf", "docx": DOCX_TYPE}
    answer = HttpResponse(data, content_type=kinds[kind])
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    user_of(request)
    return render(request, "employers/overdue.html", {"rows": follow_up.overdue()})


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
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
    user = user_of(request)
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
    user = user_of(request)
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


def _own_agency(user: User) -> str | None:
    """The agency whose projects an Operator OPD sees (every other role sees all: None)."""
    if user.role != Role.OPERATOR_OPD:
        return None
    if user.opd is None:
        raise PermissionDenied
    return user.opd.code


@login_required
def projects(request: HttpRequest) -> HttpResponse:
    """APBD construction projects and their Jakon registration; an Operator OPD sees its own
    agency's, with those it must register flagged."""
    user = user_of(request)
    own = _own_agency(user)
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


@login_required
def project(request: HttpRequest, package: str) -> HttpResponse:
    """One construction project: its Jakon registration, the contribution due, and the
    follow-up of its contractor. An Operator OPD opens its own agency's projects only."""
    user = user_of(request)
    found = get_object_or_404(Project, package=package)
    own = _own_agency(user)
    if own is not None and found.opd_code != own:
        raise Http404
    step_form, recorded = _step_form(request, user, found)
    if recorded:
        return redirect("employers:project", package=found.package)
    agency = Opd.objects.filter(code=found.opd_code).first()
    return render(
        request,
        "employers/project.html",
        {
            "project": found,
            "row": jakon.project_row(found),
            "agency": agency.short_name if agency else found.opd_code,
            "trail": follow_up.trail(found),
            "step_form": step_form,
            "letters": letters.LETTER_STEPS,
        },
    )
