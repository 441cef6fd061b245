"""The permit check as an API for DPMPTSP's licensing system: given an NIB, is the business an
active, compliant BPJS TK employer, and if not, why. People call it with their session;
the licensing system with its own API token of scope `permit.read`. Every call is audited."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Field, Router, Schema
from ninja.params.functions import Query

from payung.accounts.api import Detail, get, read_only
from payung.accounts.models import TokenScope
from payung.accounts.services import record_audit
from payung.employers import selectors

NIB_PATTERN = r"^\d{13}$"
router = Router(tags=["employers"])


class Reason(Schema):
    code: str = Field(description="pds_tk, pds_upah, pds_program, pwbd or arrears")
    label: str
    evidence: dict[str, Any]
    regulation: str
    verified: bool = Field(description="false: rests on a figure still to verify")


class PermitAnswer(Schema):
    nib: str
    known: bool = Field(description="on the licensing office's list")
    classified: bool
    compliant: bool
    name: str
    npp: str = Field(description="BPJS TK employer number, when matched")
    reasons: list[Reason]
    classified_at: str | None


@get(
    router,
    "/permit",
    response={200: PermitAnswer, 400: Detail, 401: Detail, 403: Detail},
    summary="Permit check: is the business with this NIB a compliant employer",
    openapi_extra={"security": [{"session": []}, {"token": []}]},
)
@read_only("employers.view", "this role may not read employers", token_scope=TokenScope.PERMIT_READ)
def permit(request: HttpRequest, nib: str = Query(..., pattern=NIB_PATTERN)) -> JsonResponse:
    answer = selectors.permit_check(nib)
    client = getattr(request, "api_client", None)
    user = request.user if request.user.is_authenticated and client is None else None
    record_audit(
        action="employers.permit_check",
        user=user,
        username=f"api:{client.client}" if client else "",
        target=f"nib:{nib}",
        details={"compliant": answer.compliant, "known": answer.known, "via": "api"},
        wait_for_disk=client is None,  # a licensing system's calls: see record_audit
    )
    return JsonResponse(asdict(answer))
