from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from payung.accounts.permissions import may
from payung.accounts.roles import Role
from payung.core.modules import BY_SLUG
from payung.regions import selectors as regions


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "role", None) == Role.PIMPINAN:
        return redirect("reports:executive")  # the Regent's office starts from the summary
    regency = regions.configured_regency()
    tree = list(regions.region_tree(settings.PAYUNG_REGENCY)) if regency else []
    return render(
        request,
        "core/home.html",
        {
            "regency": regency,
            "province": regency.parent if regency else None,
            "tree": tree,
            "desa_count": regions.desa_of_regency(settings.PAYUNG_REGENCY).count(),
        },
    )


@login_required
def module(request: HttpRequest, slug: str) -> HttpResponse:
    found = BY_SLUG.get(slug)
    if found is None:
        raise Http404
    if not may(request.user, found.action):
        raise PermissionDenied
    return render(request, "core/module.html", {"module": found})
