"""The boundary file behind the coverage map: which one is loaded, and a new one uploaded by
an Administrator (checked against the Kemendagri regions; a wrong code refuses the file)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payung.accounts.models import User
from payung.accounts.permissions import may
from payung.regions import selectors as regions
from payung.regions.boundaries import BoundaryRefused
from payung.regions.services import load_boundaries


class BoundaryForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("GeoJSON file"),
        help_text=gettext_lazy(
            "Village (or kecamatan) boundaries, such as BIG's or BPS's export, each feature"
            " with its Kemendagri code (kode_desa, KDEPUM or iddesa)."
        ),
    )


@login_required
def boundaries(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "coverage.view"):
        raise PermissionDenied
    may_upload = may(request.user, "regions.boundaries")
    refused: list[str] = []
    form = BoundaryForm()
    if request.method == "POST":
        user = request.user
        if not may_upload or not isinstance(user, User):
            raise PermissionDenied
        form = BoundaryForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            with tempfile.TemporaryDirectory(prefix="payung-peta-") as folder:
                path = Path(folder) / "boundaries.geojson"
                with path.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                try:
                    loaded = load_boundaries(path, file_name=upload.name, user=user)
                except BoundaryRefused as exc:
                    messages.error(request, str(exc))
                    refused = exc.codes
                else:
                    messages.success(
                        request,
                        _("Boundaries loaded: %(kec)s kecamatan, %(desa)s desa.")
                        % {"kec": loaded.kecamatan, "desa": loaded.desa},
                    )
                    return redirect("coverage:boundaries")
    return render(
        request,
        "coverage/boundaries.html",
        {
            "loaded": regions.boundary_file(),
            "form": form,
            "may_upload": may_upload,
            "refused": refused,
        },
    )
