from __future__ import annotations

from tempfile import TemporaryFile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.imports.forms import UploadForm
from payung.imports.messages import describe, shown_value
from payung.imports.models import ImportBatch, Severity
from payung.imports.selectors import batches_for, kinds_for, uploadable_for
from payung.imports.services import save_issue_workbook
from payung.imports.tasks import start_import
from payung.jobs import selectors as jobs

ISSUES_PER_PAGE = 100


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _visible_batches(user: User) -> QuerySet[ImportBatch]:
    if not kinds_for(user):
        raise PermissionDenied
    return batches_for(user)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    kinds = uploadable_for(user)
    if not kinds:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST":
        if form.is_valid():
            started = start_import(
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                user=user,
                overrides=form.cleaned_data["column_map"],
                sheet=form.cleaned_data["sheet"],
            )
            url = reverse("imports:job", args=[started.pk])
            if request.headers.get("X-Requested-With") == "fetch":
                return JsonResponse({"job": str(started.pk), "url": url})
            return redirect(url)
        if request.headers.get("X-Requested-With") == "fetch":
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    batches = _visible_batches(user).select_related("imported_by")[:20]
    return render(request, "imports/upload.html", {"form": form, "batches": batches})


@login_required
def job(request: HttpRequest, job: str) -> HttpResponse:
    found = jobs.job_for(job, request.user)
    if found is None or found.kind != "import":
        raise Http404
    batch = found.result.get("batch")
    # A workbook imported sheet by sheet: its batches are listed here, each with its counts.
    several = len(found.result.get("batches", [])) > 1
    if request.GET.get("format") == "json":
        state = {"status": found.status, "phase": found.phase, "fraction": found.fraction}
        if found.error:
            state["error"] = found.error
        if batch:
            url = request.path if several else reverse("imports:batch", args=[batch])
            state |= {"batch": batch, "url": url}
        return JsonResponse(state)
    if several:
        batches = _visible_batches(_user(request)).filter(pk__in=found.result["batches"])
        return render(
            request,
            "imports/sheets.html",
            {"batches": batches.order_by("pk"), "skipped": found.result.get("skipped", [])},
        )
    if batch:
        return redirect("imports:batch", batch)
    return render(request, "imports/job.html", {"job": found})


@login_required
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = get_object_or_404(_visible_batches(user), pk=pk)
    wanted = request.GET.get("status", "")
    problems = found.issues.order_by("source_row", "id")
    if wanted in Severity.values:
        problems = problems.filter(severity=wanted)
    page = Paginator(
        problems.values("source_row", "severity", "code", "field", "value"), ISSUES_PER_PAGE
    ).get_page(request.GET.get("halaman"))
    listed = list(page)
    # Who each row is: the name as the file wrote it (its row is kept once, ImportRow).
    name_column = found.column_map.get("name", "")
    raw = dict(
        found.problem_rows.filter(source_row__in={i["source_row"] for i in listed}).values_list(
            "source_row", "raw"
        )
    )
    issues = []
    for issue in listed:
        value = shown_value(issue["field"], issue["value"], user.sees_full_nik)
        message = describe(issue["code"], value, severity=issue["severity"], field=issue["field"])
        name = str(raw.get(issue["source_row"], {}).get(name_column) or "")
        issues.append(issue | {"value": value, "message": message, "name": name})
    return render(
        request,
        "imports/batch.html",
        {
            "batch": found,
            "issues": issues,
            "page": page,
            "status": wanted if wanted in Severity.values else "",
            # How many records were new or updated would tell an agency whether a NIK exists
            # in another agency's data: only the roles that see every agency get the split.
            "sees_records": may(user, "import.all_agencies"),
            "failed_reactions": jobs.failed_reactions(batch=found.pk),
            "can_retry": may(user, "jobs.retry"),
        },
    )


@login_required
def issues_workbook(request: HttpRequest, pk: int) -> FileResponse:
    user = _user(request)
    found = get_object_or_404(_visible_batches(user), pk=pk)
    handle = TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    save_issue_workbook(found.pk, handle, user=user, full_nik=user.sees_full_nik)
    handle.seek(0)
    stem = found.file_name.rsplit(".", 1)[0]
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"perbaikan-{stem}-batch{found.pk}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
