"""Monev pages of the reporting cycle: the catalogue, a period's items, one item (entry,
evidence, submission, verification), targets, Bappeda's queue and the Administrator's
reopening. Every write goes through monev.workflow, which checks who may do it."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from payung.accounts.models import AuditEvent, Opd, User
from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.lib.forms import DecimalTextField
from payung.monev import evidence as files
from payung.monev import selectors, sources, workflow
from payung.monev.evidence import EvidenceRefused
from payung.monev.forms import EntryForm, EvidenceForm, RecommendationsForm, ReopenForm, ReturnForm
from payung.monev.models import Evidence, Indicator, ItemStatus, Kind, Period, Realisation
from payung.monev.scores import item_score, item_scores, with_items

# The trail's steps in words (the audit keeps the code).
STEPS = {
    "monev.entered": gettext_lazy("entered"),
    "monev.evidence_added": gettext_lazy("evidence added"),
    "monev.evidence_removed": gettext_lazy("evidence removed"),
    "monev.submitted": gettext_lazy("submitted"),
    "monev.returned": gettext_lazy("returned"),
    "monev.verified": gettext_lazy("verified"),
}


def _user(request: HttpRequest, action: str) -> User:
    user = request.user
    if not isinstance(user, User) or not may(user, action):
        raise PermissionDenied
    return user


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    user = _user(request, "monev.view")
    return render(
        request,
        "monev/catalogue.html",
        {
            "instructions": selectors.catalogue(),
            "periods": selectors.periods(),
            "fix_list": selectors.fix_list(user),
        },
    )


@login_required
def period(request: HttpRequest, pk: int) -> HttpResponse:
    """A period's items with their target, realisation and achievement (monev.scoring), and
    each agency's completeness."""
    user = _user(request, "monev.view")
    found = get_object_or_404(Period, pk=pk)
    visible = {i.pk for i in selectors.items_for(user, found)}
    rows = with_items([s for s in item_scores(found) if s.pk in visible])
    rows.sort(key=lambda s: (s.indicator.code, s.opd.short_name))
    opd_id = user.opd_id if user.role == Role.OPERATOR_OPD else None
    return render(
        request,
        "monev/period.html",
        {
            "period": found,
            "rows": rows,
            "completeness": selectors.completeness(found, workflow.today(), opd_id=opd_id),
            "may_verify": may(user, "monev.verify"),
            "may_manage": may(user, "monev.manage"),
            "may_target": may(user, "monev.targets"),
            "open_for_entry": workflow.open_for_entry(found, user.opd_id or 0),
        },
    )


def _item_or_404(user: User, pk: int) -> Realisation:
    found = selectors.item_for(user, pk)
    if found is None:
        raise Http404
    return found


@login_required
def item(request: HttpRequest, pk: int) -> HttpResponse:
    """One item: its figures, narrative and evidence; the agency's entry and submission;
    Bappeda's verification or return; the item's own trail."""
    user = _user(request, "monev.view")
    found = _item_or_404(user, pk)
    may_enter = True
    try:
        workflow.check_may_enter(user, found)
    except workflow.NotAllowed:
        may_enter = False
    entry = EntryForm(item=found, initial=_initial(found))
    evidence_form = EvidenceForm()
    if request.method == "POST" and may_enter:
        step = request.POST.get("step")
        if step == "entry":
            entry = EntryForm(request.POST, item=found)
            if entry.is_valid():
                try:
                    workflow.enter(found, user, **entry.values())
                except ValueError as exc:
                    entry.add_error(None, str(exc))
                else:
                    messages.success(request, _("Saved."))
                    return redirect("monev:item", pk=found.pk)
        elif step == "evidence":
            evidence_form = EvidenceForm(request.POST, request.FILES)
            if evidence_form.is_valid():
                upload = evidence_form.cleaned_data["file"]
                try:
                    workflow.add_evidence(
                        found,
                        user,
                        title=evidence_form.cleaned_data["title"],
                        chunks=upload.chunks() if upload else None,
                        size=upload.size if upload else None,
                        link=evidence_form.cleaned_data["link"],
                    )
                except (EvidenceRefused, ValueError) as exc:
                    evidence_form.add_error("file", str(exc))
                else:
                    messages.success(request, _("Evidence added."))
                    return redirect("monev:item", pk=found.pk)
    scored = item_score(found)
    trail = list(
        AuditEvent.objects.filter(target=f"monev.item:{found.pk}").order_by("-at", "-pk")[:50]
    )
    statuses: dict[str, str] = {k: str(v) for k, v in ItemStatus.choices}
    for event in trail:
        event.label = str(STEPS.get(event.action, event.action))  # type: ignore[attr-defined]
        change = [
            str((event.details.get(k) or {}).get("status") or "–") for k in ("before", "after")
        ]
        event.change = " → ".join(statuses.get(c, c) for c in change)  # type: ignore[attr-defined]
    return render(
        request,
        "monev/item.html",
        {
            "item": found,
            "scored": scored,
            "inputs": sources.shown_inputs(found.inputs),
            "kecamatan": [
                {**k, "target": None if k["target"] is None else Decimal(k["target"])}
                for k in sources.kecamatan_shares(found.inputs.get("kecamatan", []))
            ],
            "evidence": selectors.evidence_of(found),
            "may_enter": may_enter,
            "may_verify": may(user, "monev.verify") and found.status == ItemStatus.SUBMITTED,
            "entry": entry,
            "evidence_form": evidence_form,
            "return_form": ReturnForm(),
            "missing": workflow.missing_for_submission(found),
            "trail": trail,
        },
    )


def _initial(found: Realisation) -> dict[str, object]:
    return {
        "narrative": found.narrative,
        "numerator": found.numerator,
        "denominator": found.denominator,
        "value": found.value,
        "done": "" if found.value is None else str(int(found.value)),
        "achieved_on": found.achieved_on,
    }


def _step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request, "monev.view")
    found = _item_or_404(user, pk)
    try:
        if action == "submit":
            workflow.submit(found, user)
            messages.success(request, _("Submitted to Bappeda."))
        elif action == "verify":
            workflow.verify(found, user)
            messages.success(request, _("Verified."))
        elif action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise ValueError(_("A return needs its reason."))
            workflow.return_item(found, user, form.cleaned_data["reason"])
            messages.success(request, _("Returned to the agency."))
        elif action == "remove_evidence":
            piece = get_object_or_404(Evidence, pk=request.POST.get("evidence"), item=found)
            workflow.remove_evidence(piece, user)
            messages.success(request, _("Evidence removed."))
    except workflow.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except ValueError as exc:
        messages.error(request, str(exc))
    nxt = request.POST.get("next", "")
    if nxt == "queue":
        return redirect("monev:queue", pk=found.period_id)
    return redirect("monev:item", pk=found.pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "submit")


@login_required
@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "verify")


@login_required
@require_POST
def return_item(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "return")


@login_required
@require_POST
def remove_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "remove_evidence")


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to those who may see its item; sent as the type its bytes are."""
    user = _user(request, "monev.view")
    found = selectors.evidence_file_for(user, pk)
    if found is None or found.file is None:
        raise Http404
    path = files.path_of(found.file)
    if not path.exists():
        raise Http404
    ext = files.EXTENSIONS[found.file.content_type]
    return FileResponse(
        path.open("rb"),
        content_type=found.file.content_type,
        filename=f"bukti-{found.pk}.{ext}",
        as_attachment=found.file.content_type == "application/pdf",
    )


@login_required
def queue(request: HttpRequest, pk: int) -> HttpResponse:
    """Bappeda's verification queue: the period's submitted items, oldest first."""
    _user(request, "monev.verify")
    found = get_object_or_404(Period, pk=pk)
    return render(
        request,
        "monev/queue.html",
        {"period": found, "items": selectors.to_verify(found), "return_form": ReturnForm()},
    )


def _target_field(indicator: Indicator) -> DecimalTextField:
    if indicator.kind == Kind.MILESTONE:
        return DecimalTextField(required=False, min_value=0, max_value=1)
    return DecimalTextField(required=False, percent=indicator.unit == "%", min_value=0)


@login_required
def targets(request: HttpRequest, pk: int) -> HttpResponse:
    """Every indicator's target for each OPD that owns it, in one grid; a change to a set
    target asks for the reason, kept in the target's history."""
    user = _user(request, "monev.view")
    found = get_object_or_404(Period, pk=pk)
    may_edit = may(user, "monev.targets")
    grid = selectors.targets_for(found)
    errors: list[str] = []
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        reason = request.POST.get("reason", "")
        changes: list[tuple[Indicator, Opd, Decimal]] = []
        for indicator, cells in grid:
            field = _target_field(indicator)
            for opd, target in cells:
                raw = request.POST.get(f"t-{indicator.pk}-{opd.pk}", "").strip()
                if not raw:
                    continue
                try:
                    value = field.clean(raw)
                except forms.ValidationError:
                    errors.append(
                        _("%(code)s %(opd)s: %(raw)s is no target")
                        % {"code": indicator.code, "opd": opd.short_name, "raw": raw[:20]}
                    )
                    continue
                if target is None or target.value != value:
                    changes.append((indicator, opd, value))
        if not errors:
            try:
                with transaction.atomic():
                    for indicator, opd, value in changes:
                        workflow.set_target(indicator, opd, found, value, user, reason)
            except ValueError as exc:
                errors.append(str(exc))
            else:
                messages.success(request, _("%(n)d targets saved.") % {"n": len(changes)})
                return redirect("monev:targets", pk=found.pk)
    return render(
        request,
        "monev/targets.html",
        {"period": found, "grid": grid, "may_edit": may_edit, "errors": errors},
    )


@login_required
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request, "monev.manage")
    found = get_object_or_404(Period, pk=pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workflow.reopen(
                found,
                data["opd"],
                user,
                reason=data["reason"],
                until=data["until"],
                verified_too=data["verified_too"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Reopened for %(opd)s.") % {"opd": data["opd"].short_name})
            return redirect("monev:period", pk=found.pk)
    return render(
        request,
        "monev/reopen.html",
        {"period": found, "form": form, "reopenings": found.reopenings.select_related("opd", "by")},
    )


@login_required
def recommendations(request: HttpRequest, pk: int) -> HttpResponse:
    """Bappeda's recommendations to the Regent for the period, printed in its report."""
    user = _user(request, "monev.targets")
    found = get_object_or_404(Period, pk=pk)
    current = [r.text for r in selectors.recommendations(found)]
    form = RecommendationsForm(request.POST or None, initial={"text": "\n\n".join(current)})
    if request.method == "POST" and form.is_valid():
        texts = [t.strip() for t in form.cleaned_data["text"].replace("\r", "").split("\n\n")]
        workflow.set_recommendations(found, [t for t in texts if t], user)
        messages.success(request, _("Recommendations saved."))
        return redirect("monev:period", pk=found.pk)
    return render(request, "monev/recommendations.html", {"period": found, "form": form})
