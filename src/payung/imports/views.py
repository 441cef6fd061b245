from __future__ import annotations

from tempfile import TemporaryFile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.core.pdp import mask_nik
from payung.imports import jobs
from payung.imports.forms import UploadForm
from payung.imports.messages import describe
from payung.imports.models import ImportBatch
from payung.imports.permissions import kinds_for
from payung.imports.rejects import write_issue_workbook

ISSUES_SHOWN = 500


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _visible_batches(user: User):  # type: ignore[no-untyped-def]
    kinds = kinds_for(user.role)
    if not kinds:
        raise PermissionDenied
    return ImportBatch.objects.filter(kind__in=kinds)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    kinds = kinds_for(user.role)
    if not kinds:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST":
        if form.is_valid():
            job = jobs.start_import(
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                user=user,
                overrides=form.cleaned_data["column_map"],
            )
            url = reverse("imports:job", args=[job])
            if request.headers.get("X-Requested-With") == "fetch":
                return JsonResponse({"job": job, "url": url})
            return redirect(url)
        if request.headers.get("X-Requested-With") == "fetch":
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    batches = _visible_batches(user).select_related("imported_by")[:20]
    return render(request, "imports/upload.html", {"form": form, "batches": batches})


@login_required
def job(request: HttpRequest, job: str) -> HttpResponse:
    state = jobs.read_state(job)
    if state is None or state.get("user") != request.user.pk:
        raise Http404
    if request.GET.get("format") == "json":
        if state.get("batch"):
            state["url"] = reverse("imports:batch", args=[state["batch"]])
        return JsonResponse(state)
    if state["status"] == "done":
        return redirect("imports:batch", state["batch"])
    return render(request, "imports/job.html", {"job": job, "state": state})


@login_required
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = get_object_or_404(_visible_batches(user), pk=pk)
    issues = list(found.issues.values("source_row", "severity", "code", "value")[:ISSUES_SHOWN])
    for issue in issues:
        shown = issue["value"]
        if issue["code"].startswith("nik_") and not user.sees_full_nik:
            shown = mask_nik(shown)
        issue["message"] = describe(issue["code"], shown)
    return render(
        request,
        "imports/batch.html",
        {"batch": found, "issues": issues, "more": found.issues.count() > ISSUES_SHOWN},
    )


@login_required
def issues_workbook(request: HttpRequest, pk: int) -> FileResponse:
    user = _user(request)
    found = get_object_or_404(_visible_batches(user), pk=pk)
    handle = TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    rows = write_issue_workbook(found.pk, handle, full_nik=user.sees_full_nik)
    handle.seek(0)
    record_audit(
        action="import.issues_download",
        user=user,
        target=f"batch:{found.pk}",
        details={"rows": rows, "full_nik": user.sees_full_nik},
    )
    stem = found.file_name.rsplit(".", 1)[0]
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"perbaikan-{stem}-batch{found.pk}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
