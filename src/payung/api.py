"""Payung's API on django-ninja, which writes the OpenAPI document (/api/openapi.json) from the
endpoints' signatures and schemas. Why ninja: it is Django's own request and ORM underneath
(no second stack beside the pages), types and pydantic schemas give the document for free,
and it is maintained; Django REST framework would bring serializers and viewsets this
read-only API does not need. Each app brings its router; this module, above them all like the
URL table, mounts them.

Behaviour kept from the hand-written API: a bad parameter is 400 (ninja would say 422), every
refusal is {"detail": …}, a logged-in session or (where an endpoint says so) an API token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from payung.coverage.api import router as coverage
from payung.employers.api import router as employers
from payung.lib.months import parse_month
from payung.monev.api import router as monev

DESCRIPTION = (
    "Registry coverage = registry workers with an active BPJS TK participation / registry "
    "workers. Official UCJ = active participants in the region / BPS working population. Log "
    "in with a session (the web log-in); the permit check also takes a client's API token."
)


class PayungAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The generated document, with the two ways in: the session and a client's token."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {})
        components["securitySchemes"] = {
            "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            "token": {
                "type": "http",
                "scheme": "bearer",
                "description": "A client's API token (payung token issue), where an endpoint says",
            },
        }
        schema["security"] = [{"session": []}]
        return schema


api = PayungAPI(
    title="Payung API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,  # no Swagger page: it would load its scripts from the internet
    openapi_url="/openapi.json",
)
api.add_router("/coverage/", coverage)
api.add_router("/monev/", monev)
api.add_router("/employers/", employers)


def _said(request: HttpRequest, error: dict[str, Any]) -> str:
    """A parameter's fault as the hand-written API said it (the pages say it so too)."""
    where = [str(p) for p in error.get("loc", ())[1:]]
    given = request.GET.get(where[0]) if len(where) == 1 else None
    if where == ["region"] and isinstance(given, str):
        return f"{given[:20]!r} is not a region of the regency (a Kemendagri code)"
    if where == ["month"] and isinstance(given, str):
        try:
            parse_month(given)
        except ValueError as exc:
            return str(exc)
    return f"{'.'.join(where) or 'request'}: {error.get('msg', 'bad parameter')}"


@api.exception_handler(ValidationError)
def bad_parameter(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    found = "; ".join(_said(request, e) for e in exc.errors)
    return api.create_response(request, {"detail": found or "bad parameter"}, status=400)
