"""The log-in page: Django's, with the lockout shown as what it is."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import render


class LoginView(auth_views.LoginView):
    def form_invalid(self, form: Any) -> HttpResponse:
        until = getattr(self.request, "payung_locked_until", None)
        if until is None:
            return super().form_invalid(form)
        return render(self.request, "registration/locked_out.html", {"until": until}, status=429)
