"""The permit check as an API for DPMPTSP's licensing system: given an NIB, is the business an
active, compliant BPJS TK employer, and if not, why. People call it with their session;
the licensing system with its own API token of scope `permit.read`. Every call is audited."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import path

from payung.accounts.api import read_only
from payung.accounts.models import TokenScope
from payung.accounts.services import record_audit
from payung.employers import selectors

NIB_PATTERN = r"^\d{13}$"


@read_only("employers.view", "this role may not read employers", token_scope=TokenScope.PERMIT_READ)
def permit(request: HttpRequest) -> JsonResponse:
    nib = request.GET.get("nib", "").strip()
    if not nib.isdigit() or len(nib) != 13:
        raise ValueError("nib must be 13 digits")
    answer = selectors.permit_check(nib)
    client = getattr(request, "api_client", None)
    user = request.user if request.user.is_authenticated and client is None else None
    record_audit(
        action="employers.permit_check",
        user=user,
        username=f"api:{client.client}" if client else "",
        target=f"nib:{nib}",
        details={"compliant": answer.compliant, "known": answer.known, "via": "api"},
    )
    return JsonResponse(asdict(answer))


urlpatterns = [path("permit", permit, name="api-permit")]

_REASON = {
    "type": "object",
    "required": ["code", "label", "evidence", "regulation", "verified"],
    "properties": {
        "code": {
            "type": "string",
            "enum": ["pds_tk", "pds_upah", "pds_program", "pwbd", "arrears"],
        },
        "label": {"type": "string"},
        "evidence": {"type": "object"},
        "regulation": {"type": "string"},
        "verified": {"type": "boolean", "description": "false: rests on a figure to verify"},
    },
}


def openapi_parts() -> tuple[dict[str, Any], dict[str, Any]]:
    answer = {
        "type": "object",
        "required": ["nib", "known", "classified", "compliant", "reasons"],
        "properties": {
            "nib": {"type": "string"},
            "known": {"type": "boolean", "description": "on the licensing office's list"},
            "classified": {"type": "boolean"},
            "compliant": {"type": "boolean"},
            "name": {"type": "string"},
            "npp": {"type": "string", "description": "BPJS TK employer number, when matched"},
            "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/PermitReason"}},
            "classified_at": {"type": ["string", "null"]},
        },
    }
    paths = {
        "/api/employers/permit": {
            "get": {
                "summary": "Permit check: is the business with this NIB a compliant employer",
                "security": [{"session": []}, {"token": []}],
                "parameters": [
                    {
                        "name": "nib",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "pattern": NIB_PATTERN},
                    },
                ],  # fmt: skip
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": answer}},
                    },
                    "400": {"description": "no 13-digit NIB"},
                    "401": {"description": "no session, or an unknown or revoked token"},
                    "403": {"description": "a role or a token not allowed this"},
                },
            }
        }
    }
    return paths, {"PermitReason": _REASON}
