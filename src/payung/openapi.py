"""The one OpenAPI 3.1 document of Payung's API, at /api/openapi.json: coverage's (which
states the API's common parts) with monev's and employers' paths and schemas added. Each app
writes its own part; this module, above them all like the URL table, joins them."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from payung.coverage.api import openapi_document
from payung.employers import api as employers
from payung.monev import api as monev


def build() -> dict[str, object]:
    doc = openapi_document()
    for part in (monev, employers):
        paths, schemas = part.openapi_parts()
        doc["paths"] |= paths
        doc["components"]["schemas"] |= schemas
    doc["components"]["securitySchemes"]["token"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "A client's API token (payung token issue), for the endpoints that say so",
    }
    return doc


def document(request: HttpRequest) -> JsonResponse:
    return JsonResponse(build())
