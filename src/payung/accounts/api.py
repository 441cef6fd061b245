"""The guard every read-only JSON endpoint stands behind (ninja routes only GET and HEAD to it,
see `get`): a logged-in
session with a role the permission table allows, or, where the endpoint says so, an API token
of its scope (`Authorization: Bearer …`); a bad parameter is 400, a thing not found 404.
Each app's API (coverage, monev, employers) declares its views with it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Router, Schema

from payung.accounts.permissions import may
from payung.accounts.services import token_for

View = Callable[..., Any]


class Detail(Schema):
    """Every refusal's body: {"detail": what went wrong}."""

    detail: str


def get(router: Router, path: str, **options: Any) -> Callable[[View], View]:
    """`router.get`, answering HEAD too (as Django's views do: "Allow: GET, HEAD" on a 405);
    the document lists the GET."""

    def register(view: View) -> View:
        registered = router.get(path, **options)(view)  # first: "Allow: GET, HEAD"
        router.api_operation(["HEAD"], path, include_in_schema=False)(view)
        return registered

    return register


class NotFound(Exception):
    """What was asked for does not exist, or not for this user: 404, not 400."""


BEARER = "Bearer "


def _token_refusal(request: HttpRequest, scope: str | None) -> JsonResponse | None:
    """None when the request's API token may call the endpoint (then request.api_client is
    the token), else the refusal: an unknown or revoked token is 401, one scoped to another
    use 403, a token on an endpoint that takes sessions only 401."""
    presented = request.headers["Authorization"][len(BEARER) :]
    if scope is None:
        return JsonResponse({"detail": "this endpoint takes a logged-in session"}, status=401)
    token = token_for(presented)
    if token is None or token.revoked_at is not None:
        return JsonResponse({"detail": "unknown or revoked token"}, status=401)
    if not token.allows(scope):
        return JsonResponse({"detail": "this token is not scoped for this"}, status=403)
    request.api_client = token  # type: ignore[attr-defined]
    return None


def read_only(
    permission: str, refused: str, *, token_scope: str | None = None
) -> Callable[[View], View]:
    """`refused`: what a role without `permission` is told (403). With `token_scope`, a
    machine client may call it with an API token of that scope instead of a session."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            request.api_client = None  # type: ignore[attr-defined]
            if request.headers.get("Authorization", "").startswith(BEARER):
                refusal = _token_refusal(request, token_scope)
                if refusal is not None:
                    return refusal
            elif not request.user.is_authenticated:
                return JsonResponse({"detail": "log in first"}, status=401)
            elif not may(request.user, permission):
                return JsonResponse({"detail": refused}, status=403)
            try:
                return view(request, *args, **kwargs)
            except NotFound as exc:
                return JsonResponse({"detail": str(exc)}, status=404)
            except ValueError as exc:
                return JsonResponse({"detail": str(exc)}, status=400)

        return wrapped

    return decorate
