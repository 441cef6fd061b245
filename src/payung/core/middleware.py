"""Middleware: the language, the session's time limits, and no caching of personal data.

Indonesian unless the user chose otherwise: Django's LocaleMiddleware follows the browser's
Accept-Language, and many office PCs run an English Windows, whose users would get English
without asking. Payung speaks Indonesian by default; the language switch (a cookie) is the
only way to English.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class NoStoreMiddleware:
    """Nothing Django answers is kept by a browser or a proxy: pages and downloads carry NIKs,
    names and incomes (UU 27/2022), and an office PC is shared. Static files never reach this
    middleware (WhiteNoise answers them first) and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class SessionTimeoutMiddleware:
    """Log a user out after PAYUNG_SESSION_IDLE_MINUTES without a request, and after
    PAYUNG_SESSION_HOURS in all. The session cookie's own age covers the second only while
    the browser keeps it; this covers both on the server side."""

    STARTED = "payung_started"
    SEEN = "payung_seen"
    # Writing the session on every request would add a write per page; a minute is enough.
    REFRESH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(self.STARTED, now)
            seen = request.session.get(self.SEEN, now)
            idle = settings.PAYUNG_SESSION_IDLE_MINUTES * 60
            if now - seen > idle or now - started > settings.PAYUNG_SESSION_HOURS * 3600:
                logout(request)
                messages.info(request, _("Your session ended. Please log in again."))
                return redirect_to_login(request.get_full_path())
            if now - seen > self.REFRESH_SECONDS or self.SEEN not in request.session:
                request.session[self.SEEN] = now
        return self.get_response(request)
