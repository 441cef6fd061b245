"""The coverage dashboard, its drill-down, exports, and the page for BPS figures and targets."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.coverage import charts, export, selectors, services
from payung.coverage.forms import FigureImportForm, GraceForm, PopulationForm, TargetForm
from payung.coverage.models import Target, WorkingPopulation
from payung.lib.months import parse_month
from payung.regions import selectors as regions
from payung.regions.models import Level


def _month(request: HttpRequest) -> dt.date:
    try:
        return parse_month(request.GET.get("month", ""))
    except ValueError:
        return selectors.default_month()


def _reader(request: HttpRequest) -> None:
    if not may(request.user, "coverage.view"):
        raise PermissionDenied


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _reader(request)
    month = _month(request)
    code = request.GET.get("region") or selectors.regency_code()
    try:
        view = selectors.overview(month, code)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    scale = charts.Scale.fitted([r.coverage for r in view.children])
    tiles: list[dict[str, Any]] = [
        {"row": r, "shade": scale.shade(r.coverage)} for r in view.children
    ]
    drawn = _map(view, tiles)
    if drawn is not None:  # the outlined children on the map, the others still as tiles
        outlined = {shape["row"].key for shape in drawn["shapes"]}
        tiles = [t for t in tiles if t["row"].key not in outlined]
    segment_bars = charts.bars([(r.key, r.coverage, r.active) for r in view.segments])
    months = selectors.snapshot_months()
    if month not in months:
        months = sorted([*months, month], reverse=True)
    context: dict[str, Any] = {
        "v": view,
        "tiles": tiles,
        "map": drawn,
        "segment_bars": segment_bars,
        "segment_chart_height": max(1, len(segment_bars)) * 28,
        "scale": scale,
        "trend": charts.trend_line(view.trend, target=view.region.target),
        "months": months,
        "month_value": month.strftime("%Y-%m"),
        "dimension_tables": [(d, _dimension_title(d), rows) for d, rows in view.dimensions.items()],
        "by_choices": [(b, _named(b)) for b in selectors.BY_CHOICES],
        "can_edit": may(request.user, "coverage.edit"),
        "grace": selectors.bpu_grace_months(),
    }
    return render(request, "coverage/dashboard.html", context)


def _map(view: selectors.Overview, tiles: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The children as a choropleth from the boundary file, if it outlines them."""
    if view.child_level is None:
        return None
    level = Level.KECAMATAN if view.child_level == "kecamatan" else Level.DESA
    found = regions.map_of([t["row"].key for t in tiles], level)
    if found is None:
        return None
    by_code = {t["row"].key: t for t in tiles}
    shapes = [
        {"row": by_code[s.code]["row"], "shade": by_code[s.code]["shade"], "path": s.path}
        for s in found.shapes
        if s.code in by_code
    ]
    return {"shapes": shapes, "view_box": found.view_box}


def _dimension_title(dimension: str) -> str:
    return {
        "sex": _("By sex"),
        "age_band": _("By age band"),
        "decile": _("By decile"),
        "occupation": _("By occupation"),
        "segment": _("By segment"),
        "kecamatan": _("By kecamatan"),
        "desa": _("By desa"),
        "kabupaten": _("Regency"),
    }.get(dimension, dimension)


# A breakdown's name as a page says it (`age_band` is no word for a reader).
DIMENSION_NAMES = {
    "kabupaten": gettext_lazy("regency"), "kecamatan": gettext_lazy("kecamatan"),
    "desa": gettext_lazy("desa"), "segment": gettext_lazy("segment"),
    "occupation": gettext_lazy("occupation"), "sex": gettext_lazy("sex"),
    "age_band": gettext_lazy("age band"), "decile": gettext_lazy("decile"),
}  # fmt: skip


def _named(by: str) -> str:
    return str(DIMENSION_NAMES.get(by, by))


@dataclass
class Pivot:
    """Two crossed breakdowns as a table: the first down the side, the second across."""

    columns: list[str]
    lines: list[tuple[str, list[selectors.Row | None]]]


def pivot(rows: list[selectors.Row]) -> Pivot:
    """`crossed` rows (key `outer\tinner`, name `outer · inner`) laid out rows × columns, in
    the order `crossed` gives (natural for deciles and bands)."""
    columns: dict[str, str] = {}
    lines: dict[str, tuple[str, dict[str, selectors.Row]]] = {}
    for row in rows:
        outer, _tab, inner = row.key.partition("\t")
        outer_name, _dot, inner_name = row.name.partition(" · ")
        columns.setdefault(inner, inner_name or inner)
        lines.setdefault(outer, (outer_name, {}))[1][inner] = row
    order = sorted(columns, key=lambda k: (k == "?", selectors.natural_key(k)))
    return Pivot(
        [columns[k] for k in order],
        [(name, [cells.get(k) for k in order]) for name, cells in lines.values()],
    )


def _table_rows(request: HttpRequest) -> tuple[str, list[selectors.Row]]:
    by = request.GET.get("by", "kecamatan")
    then = request.GET.get("then") or None
    month = _month(request)
    try:
        raw = request.GET.get("region")
        within = selectors.region_of_regency(raw) if raw else None
        if then:
            return f"{by}-{then}", selectors.crossed(by, then, month, within=within)
        return by, selectors.breakdown(by, month, within=within)
    except ValueError as exc:
        raise Http404(str(exc)) from exc


@login_required
def table(request: HttpRequest) -> HttpResponse:
    """Any breakdown, or two crossed, for the regency or one region, with its exports."""
    _reader(request)
    name, rows = _table_rows(request)
    return render(
        request,
        "coverage/table.html",
        {
            "rows": rows,
            "pivot": pivot(rows) if request.GET.get("then") else None,
            "name": name,
            "by": _named(request.GET.get("by", "kecamatan")),
            "then": _named(request.GET.get("then", "")),
            "region": request.GET.get("region", ""),
            "month_value": _month(request).strftime("%Y-%m"),
            "by_choices": selectors.BY_CHOICES,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def export_table(request: HttpRequest, fmt: str) -> HttpResponse:
    _reader(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    month = _month(request)
    by = request.GET.get("by", "kecamatan")
    try:
        code = selectors.region_of_regency(request.GET.get("region"))
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if by == "closing":
        name, lines = by, export.closing_table(selectors.overview(month, code).closing)
    elif by == "trend":
        name, lines = by, export.trend_table(selectors.trend(within=code))
    else:
        name, rows = _table_rows(request)
        lines = export.table(rows)
    filename = f"cakupan-{name}-{month:%Y-%m}"
    if request.GET.get("region"):
        filename += "-" + code.replace(".", "")  # a checked code: digits and dots only
    if fmt == "csv":
        response = HttpResponse(export.as_csv(lines), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            export.as_xlsx(lines, name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _region_choices() -> list[tuple[str, str]]:
    regency = selectors.regency_code()
    names = selectors.region_names()
    return [(regency, names.get(regency, regency))] + [
        (r.code, f"{r.code} {r.display_name}") for r in selectors.kecamatan_regions()
    ]


def _import_figures(cleaned: dict[str, Any], user: User) -> services.FigureImport:
    """The uploaded table, read as the command reads a file (.csv or .xlsx)."""
    upload = cleaned["file"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.read())
        return services.import_figures(cleaned["kind"], path, source=upload.name, user=user)


def _figures_page(request: HttpRequest, **bound: Any) -> HttpResponse:
    """The page of BPS working population, targets and the BPU grace months; `bound` holds a
    form that came back with errors, shown in place of its empty twin."""
    regions = _region_choices()
    forms: dict[str, Any] = {
        "population_form": PopulationForm(prefix="pop", regions=regions),
        "target_form": TargetForm(prefix="tgt", regions=regions),
        "grace_form": GraceForm(
            prefix="grace", initial={"bpu_grace_months": selectors.bpu_grace_months()}
        ),
        "import_form": FigureImportForm(prefix="imp"),
    }
    return render(
        request,
        "coverage/figures.html",
        forms
        | bound
        | {
            "editor": may(request.user, "coverage.edit"),
            "populations": WorkingPopulation.objects.select_related("region"),
            "targets": Target.objects.select_related("region"),
        },
    )


def _editor(request: HttpRequest) -> User:
    if not may(request.user, "coverage.edit"):
        raise PermissionDenied
    assert isinstance(request.user, User)
    return request.user


def _submitted(
    request: HttpRequest, form: Any, name: str, save: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    """Save a valid form and go back to the page with `save`'s message; a form with errors, or
    the service's refusal, shows the page again with that form (`name` in the template)."""
    if form.is_valid():
        try:
            messages.success(request, save(form.cleaned_data))
            return redirect("coverage:figures")
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    return _figures_page(request, **{name: form})


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """All roles read the figures; the four views below change them (analysts, admins)."""
    _reader(request)
    return _figures_page(request)


@login_required
@require_POST
def save_population(request: HttpRequest) -> HttpResponse:
    user = _editor(request)

    def save(d: dict[str, Any]) -> str:
        services.save_working_population(
            year=d["year"], region_code=d["region"], workers=d["workers"], source=d["source"],
            user=user,
        )  # fmt: skip
        return _("Working population saved.")

    form = PopulationForm(request.POST, prefix="pop", regions=_region_choices())
    return _submitted(request, form, "population_form", save)


@login_required
@require_POST
def save_target(request: HttpRequest) -> HttpResponse:
    user = _editor(request)

    def save(d: dict[str, Any]) -> str:
        services.save_target(
            year=d["year"], region_code=d["region"], rate=d["percent"] / 100,
            source=d["source"], user=user,
        )  # fmt: skip
        return _("Target saved.")

    form = TargetForm(request.POST, prefix="tgt", regions=_region_choices())
    return _submitted(request, form, "target_form", save)


@login_required
@require_POST
def save_grace(request: HttpRequest) -> HttpResponse:
    user = _editor(request)

    def save(d: dict[str, Any]) -> str:
        services.set_bpu_grace_months(months=d["bpu_grace_months"], user=user)
        return _("Grace months saved.")

    return _submitted(request, GraceForm(request.POST, prefix="grace"), "grace_form", save)


@login_required
@require_POST
def import_figures(request: HttpRequest) -> HttpResponse:
    user = _editor(request)
    form = FigureImportForm(request.POST, request.FILES, prefix="imp")
    if not form.is_valid():
        return _figures_page(request, import_form=form)
    result = _import_figures(form.cleaned_data, user)
    messages.success(request, _("%(n)d rows saved.") % {"n": result.saved})
    for error in result.errors:
        messages.error(request, error)
    return redirect("coverage:figures")


@login_required
@require_POST
def snapshot(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "coverage.edit"):
        raise PermissionDenied
    try:
        chosen = parse_month(request.POST.get("month", ""))
    except ValueError:
        chosen = None
    snap = services.take_snapshot(month=chosen, trigger=f"page:{request.user.get_username()}")
    messages.success(request, _("Snapshot of %(month)s taken.") % {"month": f"{snap.month:%Y-%m}"})
    return redirect(f"{reverse('coverage:dashboard')}?month={snap.month:%Y-%m}")
