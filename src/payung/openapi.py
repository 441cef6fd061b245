"""The one OpenAPI 3.1 document of Payung's API, at /api/openapi.json: coverage's (which
states the API's common parts) with monev's paths and schemas added. Each app writes its own
part; this module, above them all like the URL table, joins them."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from payung.coverage.api import openapi_document
from payung.monev.api import openapi_parts


def build() -> dict[str, object]:
    doc = openapi_document()
    paths, schemas = openapi_parts()
    doc["paths"] |= paths
    doc["components"]["schemas"] |= schemas
    return doc


def document(request: HttpRequest) -> JsonResponse:
    return JsonResponse(build())
