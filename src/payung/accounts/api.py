"""The guard every read-only JSON endpoint stands behind: GET or HEAD only, a logged-in
session, a role the permission table allows; a bad parameter is 400, a thing not found 404.
Each app's API (coverage, monev) declares its views with it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, JsonResponse

from payung.accounts.permissions import may

View = Callable[..., JsonResponse]


class NotFound(Exception):
    """What was asked for does not exist, or not for this user: 404, not 400."""


def read_only(permission: str, refused: str) -> Callable[[View], View]:
    """`refused`: what a role without `permission` is told (403)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            if request.method not in ("GET", "HEAD"):
                answer = JsonResponse({"detail": "method not allowed"}, status=405)
                answer["Allow"] = "GET, HEAD"
                return answer
            if not request.user.is_authenticated:
                return JsonResponse({"detail": "log in first"}, status=401)
            if not may(request.user, permission):
                return JsonResponse({"detail": refused}, status=403)
            try:
                return view(request, *args, **kwargs)
            except NotFound as exc:
                return JsonResponse({"detail": str(exc)}, status=404)
            except ValueError as exc:
                return JsonResponse({"detail": str(exc)}, status=400)

        return wrapped

    return decorate
