"""Monev pages: the catalogue of what the Inpres asks and how each agency's part is measured."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from payung.accounts.permissions import may
from payung.monev import selectors


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    if not may(request.user, "monev.view"):
        raise PermissionDenied
    return render(request, "monev/catalogue.html", {"instructions": selectors.catalogue()})
