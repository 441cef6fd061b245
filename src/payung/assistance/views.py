"""The assistance pages: thin, the work is in services, billing, reconciliation and simulator."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payung.accounts.masking import shown_birth_date, shown_nik, shown_sex
from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.assistance import (
    billing,
    eligibility,
    enrolment,
    money,
    priority,
    reconciliation,
    selectors,
    services,
    simulator,
    standing,
    steps,
)
from payung.assistance.forms import (
    AddFileForm,
    AddWorkerForm,
    BillForm,
    EnrolForm,
    PaymentForm,
    ProgrammeForm,
    ScenarioForm,
)
from payung.assistance.models import Beneficiary, Bill, Programme, Status
from payung.assistance.services import AssistanceError
from payung.contributions.calculator import ContributionError, rp
from payung.lib.spreadsheet import xlsx_download
from payung.linkage.selectors import canonical_workers
from payung.regions.models import Region


def _user(request: HttpRequest, action: str = "assistance.view") -> User:
    user = request.user
    assert isinstance(user, User)
    if not may(user, action):
        raise PermissionDenied
    return user


def _attempt(request: HttpRequest, action: Callable[[], str]) -> None:
    """Run a write; its refusal becomes the page's error message, never a crash."""
    try:
        messages.success(request, action())
    except (AssistanceError, ContributionError) as exc:
        messages.error(request, str(exc))


RANKING_SHOWN = 200
HELD_SHOWN = 100  # workers held by a pending review pair, listed on the programme page


def _errors(form: Any) -> str:
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    programmes = selectors.programmes()
    try:
        realised, by_source = selectors.realisations(programmes)
        rows = [{"p": p, "holding": selectors.holding_count(p), "money": r} for p, r in realised]
    except ContributionError as exc:
        rows = [{"p": p, "holding": selectors.holding_count(p)} for p in programmes]
        by_source = []
        messages.error(request, str(exc))
    return render(
        request,
        "assistance/index.html",
        {
            "rows": rows,
            "by_source": by_source,
            "can_manage": may(user, "assistance.manage"),
        },
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user = _user(request, "assistance.manage")
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = services.create_programme(user=user, **form.values())
        messages.success(request, _("Programme created."))
        return redirect("assistance:detail", pk=programme.pk)
    return render(request, "assistance/form.html", {"form": form})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request, "assistance.manage")
    programme = get_object_or_404(Programme, pk=pk)
    form = ProgrammeForm(request.POST or None, instance=Programme.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_programme(programme, user=user, **form.values())
        except AssistanceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Programme saved."))
        return redirect("assistance:detail", pk=pk)
    return render(request, "assistance/form.html", {"form": form, "programme": programme})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    programme = get_object_or_404(Programme, pk=pk)
    try:
        prices = money.prices(programme)  # priced once, for both figures
        per_worker: int | None = sum(prices.values())
        realised: billing.Realisation | None = billing.realisation(programme, prices)
    except ContributionError as exc:
        # No rates in force for the programme's months: say so, show the rest.
        per_worker = realised = None
        messages.error(request, str(exc))
    payments = list(programme.payments.select_related("bill"))
    held_query = eligibility.held_workers(programme)
    held = list(held_query.select_related("desa").order_by("desa_id", "name")[:HELD_SHOWN])
    for worker in held:
        worker.shown_nik = shown_nik(worker.nik, user)  # type: ignore[attr-defined]
    programme_steps = steps.steps(programme, realised)
    holding = selectors.holding_count(programme)
    return render(
        request,
        "assistance/detail.html",
        {
            "programme": programme,
            "rules": eligibility.rules(programme),
            "standing": standing.of(programme),
            "weights": priority.Weights.of(programme),
            "counts": selectors.status_counts(programme),
            "holding": holding,
            "can_select": services.selection_refusal(programme) is None,
            "desa": selectors.by_desa(programme),
            "per_worker": per_worker,
            "quota_budget": per_worker * programme.quota if per_worker is not None else None,
            "to_enrol": enrolment.to_enrol(programme).count(),
            "bills": programme.bills.all(),
            "payments": payments,
            "money": realised,
            "steps": programme_steps,
            "next_action": steps.next_action(programme, programme_steps, user),
            "reconciliation": selectors.last_reconciliation(programme),
            "attention": selectors.attention(programme),
            "held": held,
            "held_count": held_query.count() if held else 0,
            "can_manage": may(user, "assistance.manage"),
            "can_enrol": may(user, "assistance.enrol"),
            "forms": {
                "add": AddWorkerForm(),
                "file": AddFileForm(),
                "enrol": EnrolForm(),
                "bill": BillForm(),
                "pay": PaymentForm(),
            },
        },
    )


def _post(
    request: HttpRequest, pk: int, action: str = "assistance.manage"
) -> tuple[User, Programme]:
    return _user(request, action), get_object_or_404(Programme, pk=pk)


@login_required
@require_POST
def select(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk)

    def run() -> str:
        result = services.select(programme, user=user)
        if result.all_eligible_taken:
            return _(
                "Only %(n)s workers are eligible, fewer than the quota of %(quota)s: "
                "all of them are selected."
            ) % {"n": result.eligible, "quota": result.quota}
        text = _("%(n)s of %(eligible)s eligible workers selected, across %(desa)s desa.") % {
            "n": result.selected, "eligible": result.eligible, "desa": len(result.seats),
        }  # fmt: skip
        if result.short:
            text += " " + _("Too few eligible workers for the fixed quota of: %(codes)s.") % {
                "codes": ", ".join(result.short)
            }
        return text

    _attempt(request, run)
    return redirect("assistance:detail", pk=pk)


@login_required
@require_POST
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk)
    _attempt(
        request,
        lambda: (
            _("Selection removed: %(n)s workers.")
            % {"n": services.reset_selection(programme, user=user)}
        ),
    )
    return redirect("assistance:detail", pk=pk)


@login_required
@require_POST
def add(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk)
    form = AddWorkerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("assistance:detail", pk=pk)
    worker = selectors.worker_by_nik(form.cleaned_data["nik"])
    if worker is None:
        messages.error(request, _("No worker with this NIK in the registry."))
        return redirect("assistance:detail", pk=pk)

    def run() -> str:
        services.add_worker(programme, worker, user=user, reason=form.cleaned_data["reason"])
        return _("%(name)s added.") % {"name": worker.name}

    _attempt(request, run)
    return redirect("assistance:detail", pk=pk)


@login_required
@require_POST
def add_file(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk)
    form = AddFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("assistance:detail", pk=pk)
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            result = services.add_from_file(
                programme, path, user=user, reason=form.cleaned_data["reason"]
            )
        except AssistanceError as exc:
            messages.error(request, str(exc))
            return redirect("assistance:detail", pk=pk)
    return render(
        request,
        "assistance/file_result.html",
        {"programme": programme, "result": result, "full_nik": user.sees_full_nik,
         "refused": [(r, shown_nik(n, user), why)
                     for r, n, why in result.refused]},
    )  # fmt: skip


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """The priority list of who is eligible and not yet in, page by page: each part of the
    score shown. Read from the stored list (assistance.standing), which says when it was
    worked out."""
    user = _user(request)
    programme = get_object_or_404(Programme, pk=pk)
    stored = standing.of(programme)
    if request.GET.get("format") == "xlsx":
        return _ranking_workbook(programme, user)
    # get_page: a page number past the end, or no number at all, gives the last or the first.
    shown = Paginator(standing.listed(programme), RANKING_SHOWN).get_page(
        request.GET.get("halaman")
    )
    rows = _ranked_rows(programme, list(shown), user)
    return render(
        request,
        "assistance/ranking.html",
        {
            "programme": programme,
            "rows": rows,
            "standing": stored,
            "eligible": stored.eligible,
            "page": shown,
            "weights": priority.Weights.of(programme),
        },
    )


def _ranked_rows(programme: Programme, listed: list[Any], user: User) -> list[dict[str, Any]]:
    """Stored candidates with their worker, the NIK as `user` may see it and each part of
    the score, from the same formula the stored list was ranked by."""
    ids = [c.worker_id for c in listed]
    workers = canonical_workers().select_related("desa").in_bulk(ids)
    parts = {
        row["id"]: row
        for row in priority.priority_list(programme, canonical_workers().filter(pk__in=ids))
        .drop("rank", "score")
        .iter_rows(named=True)
    }
    return [
        parts[c.worker_id]
        | {
            "rank": c.rank,
            "score": c.score,
            "worker": workers[c.worker_id],
            "nik": shown_nik(workers[c.worker_id].nik, user),
        }
        for c in listed
        if c.worker_id in workers and c.worker_id in parts
    ]


def _ranking_workbook(programme: Programme, user: User) -> HttpResponse:
    """The whole priority list as .xlsx, each part of the score beside the points (audited:
    it names every eligible worker)."""
    lines: list[list[Any]] = [[
        _("Rank"), _("NIK"), _("Name"), _("Desa"), _("Occupation"), _("Decile"),
        _("Decile part"), _("Occupation part"), _("Dependants part"), _("Age part"), _("Points"),
    ]]  # fmt: skip
    for r in _ranked_rows(programme, list(standing.listed(programme)), user):
        w = r["worker"]
        lines.append([
            r["rank"], r["nik"], w.name, w.desa.name, w.occupation, w.decile,
            round(r["part_decile"], 2), round(r["part_occupation"], 2),
            round(r["part_dependants"], 2), round(r["part_age"], 2), round(r["score"], 1),
        ])  # fmt: skip
    services.record_ranking_export(programme, user, len(lines) - 1)
    return xlsx_download(lines, _("priority list"), f"prioritas-{programme.pk}.xlsx")


@login_required
def desa(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The list a desa checks and signs: printable; rejections and confirmation recorded here."""
    user = _user(request)
    programme = get_object_or_404(Programme, pk=pk)
    region = get_object_or_404(Region.objects.select_related("parent"), code=code)
    listed = list(selectors.desa_list(programme, code))
    # Beside a masked NIK only the birth year and no sex: with them the NIK could be rebuilt.
    rows = [
        {
            "b": b,
            "nik": shown_nik(b.worker.nik, user),
            "sex": shown_sex(b.worker.sex, user),
            "born": shown_birth_date(
                b.worker.birth_date and b.worker.birth_date.strftime("%d-%m-%Y"), user
            ),
        }
        for b in listed
    ]
    return render(
        request,
        "assistance/desa.html",
        {
            "programme": programme,
            "region": region,
            "rows": rows,
            "waiting": sum(1 for b in listed if b.status == Status.SELECTED),
            "can_manage": may(user, "assistance.manage"),
        },
    )


@login_required
@require_POST
def verify(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    user, programme = _post(request, pk)
    _attempt(
        request,
        lambda: (
            _("%(n)s workers verified by the desa.")
            % {"n": services.verify_desa(programme, code, user=user)}
        ),
    )
    return redirect("assistance:desa", pk=pk, code=code)


def _take_out(
    request: HttpRequest,
    pk: int,
    beneficiary: int,
    service: Callable[..., Beneficiary | None],
    alone: str,
    replaced: str,
) -> HttpResponse:
    """Reject or let go one worker with a reason; say who replaces them, if anyone."""
    user, programme = _post(request, pk)
    found = get_object_or_404(Beneficiary, pk=beneficiary, programme=programme)

    def run() -> str:
        new = service(found, user=user, reason=request.POST.get("reason", ""))
        if new is None:
            return alone
        return replaced % {"name": new.worker.name, "desa": new.desa.name}

    _attempt(request, run)
    return redirect("assistance:desa", pk=pk, code=found.desa_id)


@login_required
@require_POST
def reject(request: HttpRequest, pk: int, beneficiary: int) -> HttpResponse:
    """The desa says no: out, and the next in line in."""
    return _take_out(
        request, pk, beneficiary, services.reject,
        _("Rejected; nobody eligible is left to replace them."),
        _("Rejected; replaced by %(name)s (%(desa)s)."),
    )  # fmt: skip


@login_required
@require_POST
def leave(request: HttpRequest, pk: int, beneficiary: int) -> HttpResponse:
    """An enrolled worker leaves (died, moved away, employed): out, and the next in line in."""
    return _take_out(
        request, pk, beneficiary, services.leave,
        _("Left the programme; nobody eligible is left to replace them."),
        _("Left the programme; %(name)s (%(desa)s) proposed in their place."),
    )  # fmt: skip


@login_required
def enrolment_file(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request, "assistance.enrol")
    programme = get_object_or_404(Programme, pk=pk)
    try:
        content, _rows = enrolment.export(
            programme, user=user, ip_address=request.META.get("REMOTE_ADDR")
        )
    except AssistanceError as exc:
        messages.error(request, str(exc))
        return redirect("assistance:detail", pk=pk)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="pendaftaran-bpu-program-{programme.pk}.xlsx"'
    )
    return response


@login_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk, "assistance.enrol")
    form = EnrolForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            lambda: (
                _("%(n)s workers enrolled.")
                % {"n": services.mark_enrolled(programme, user=user, on=form.cleaned_data["on"])}
            ),
        )
    else:
        messages.error(request, _("Give the date BPJS TK registered them."))
    return redirect("assistance:detail", pk=pk)


@login_required
@require_POST
def bill(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk)
    form = BillForm(request.POST)
    if form.is_valid():

        def run() -> str:
            made = billing.issue_bill(programme, form.cleaned_data["month"], user=user)
            return _("Bill for %(month)s: %(n)s workers, %(amount)s.") % {
                "month": made.month.strftime("%m-%Y"), "n": made.workers,
                "amount": rp(made.amount),
            }  # fmt: skip

        _attempt(request, run)
    else:
        messages.error(request, _("Choose the month to bill."))
    return redirect("assistance:detail", pk=pk)


@login_required
@require_POST
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("assistance:detail", pk=pk)
    data = form.cleaned_data
    found: Bill | None = None
    if data["bill_month"]:
        found = selectors.bill_for(programme, data["bill_month"])
        if found is None:
            messages.error(request, _("There is no bill for that month."))
            return redirect("assistance:detail", pk=pk)

    def run() -> str:
        billing.record_payment(
            programme, amount=data["amount"], paid_on=data["paid_on"],
            reference=data["reference"], note=data["note"], bill=found, user=user,
        )  # fmt: skip
        return _("Payment of %(amount)s recorded.") % {"amount": rp(data["amount"])}

    _attempt(request, run)
    return redirect("assistance:detail", pk=pk)


@login_required
@require_POST
def reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk)

    def run() -> str:
        done = reconciliation.reconcile(programme, user=user)
        return _("Reconciled with the BPJS TK data of %(month)s.") % {
            "month": done.month.strftime("%m-%Y")
        }

    _attempt(request, run)
    return redirect("assistance:detail", pk=pk)


@login_required
@require_POST
def settle(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _post(request, pk)

    def run() -> str:
        outcome = reconciliation.settle_covered_elsewhere(programme, user=user)
        return (
            _(
                "%(left)s workers covered elsewhere left the programme; %(replaced)s replacements "
                "wait for their desa's verification."
            )
            % outcome
        )

    _attempt(request, run)
    return redirect("assistance:detail", pk=pk)


@login_required
def simulate(request: HttpRequest) -> HttpResponse:
    """Two scenarios side by side: each a programme's rules with a budget or a quota."""
    _user(request)
    sides: list[dict[str, Any]] = []
    for prefix in ("a", "b"):
        # A side left empty is not a scenario: no errors for it.
        asked = any(k.startswith(f"{prefix}-") and v for k, v in request.GET.items())
        form = ScenarioForm(request.GET if asked else None, prefix=prefix)
        result = None
        if asked and form.is_valid():
            try:
                result = simulator.simulate(
                    form.cleaned_data["programme"],
                    budget=form.cleaned_data["budget"],
                    quota=form.cleaned_data["quota"],
                )
            except ContributionError as exc:
                form.add_error(None, str(exc))
        sides.append({"prefix": prefix, "form": form, "result": result})
    names = sorted({k.code for side in sides if side["result"] for k in side["result"].kecamatan})
    table = [
        {
            "code": code,
            "cells": [
                next((k for k in s["result"].kecamatan if k.code == code), None)
                if s["result"] else None
                for s in sides
            ],
        }
        for code in names
    ]  # fmt: skip
    return render(
        request,
        "assistance/simulate.html",
        {"sides": sides, "table": table},
    )
