"""Inbound messages over the API: the raw body is stored first, then parsed.

``POST /messages`` answers synchronously by default (201/200 with the case). With the header
``Prefer: respond-async`` (RFC 7240) it validates, stores and answers ``202 Accepted`` at once;
the intake worker attaches the message to its case in a batch, and
``GET /messages/accepted/{id}`` tells the outcome. Both paths share the same rules.
"""

from __future__ import annotations

from django.http import JsonResponse
from ninja import Router, Schema

from casework.cases.schemas import InboundMessageIn, InboundResultOut
from casework.core.api import idempotent, require_scope
from casework.core.errors import CaseworkError
from casework.intake import services

router = Router(tags=["messages"])


class AcceptedOut(Schema):
    accepted_id: int
    status: str
    status_url: str
    error: str = ""
    message_id: int | None = None
    case_id: int | None = None
    case_number: str | None = None
    case_created: bool | None = None
    duplicate: bool | None = None


def _accepted(raw) -> dict:
    return {"accepted_id": raw.pk, "status": raw.status, "status_url": f"/api/v1/messages/accepted/{raw.pk}",
            "error": raw.error, "message_id": None, "case_id": None, "case_number": None, "case_created": None,
            "duplicate": None, **(raw.result or {})}


def _wants_async(request) -> bool:
    prefer = request.headers.get("Prefer", "")
    return any(p.strip().lower() == "respond-async" for p in prefer.replace(";", ",").split(","))


@router.post("/messages", response={201: InboundResultOut, 200: InboundResultOut, 202: AcceptedOut},
             summary="Post an inbound customer message (attaches to its case or opens one)",
             description=("Synchronous by default. Send `Prefer: respond-async` to get `202 Accepted` as soon as "
                          "the message is validated and stored; the outcome is then at `status_url`."),
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": InboundMessageIn.model_json_schema()}},
                                            "required": True}})
def post_message(request):
    require_scope(request, "messages:write")
    if _wants_async(request):
        accepted = services.accept_message(
            body=request.body, content_type=request.content_type or "", user=request.user,
            headers={"user_agent": request.headers.get("User-Agent", "")[:200]},
            idempotency_key=request.headers.get("Idempotency-Key", ""))
        # plain JSON (the shape is AcceptedOut's, as documented): ninja's response validation
        # cost more than the insert on this, the API's hottest path
        return JsonResponse(_accepted(accepted.raw), status=202)
    raw = services.store_raw_payload(channel="api", body=request.body, content_type=request.content_type or "",
                                     headers={"user_agent": request.headers.get("User-Agent", "")[:200]},
                                     user=request.user)
    try:
        msg = services.parse_api_message(request.body)
    except CaseworkError as exc:
        services.mark_raw_failed(raw, exc.message)
        raise

    def create():
        result = services.receive_message(raw, msg, actor=request.user, via=getattr(request, "casework_via", "api"))
        return {"message_id": result.message.pk, "case_id": result.case.pk, "case_number": result.case.number,
                "case_created": result.case_created, "duplicate": result.duplicate}

    try:
        status, body = idempotent(request, "messages.create", create)
    except CaseworkError as exc:
        services.mark_raw_failed(raw, exc.message)
        raise
    if body.get("duplicate"):
        status = 200
    return status, body


@router.get("/messages/accepted/{accepted_id}", response=AcceptedOut,
            summary="The outcome of a message accepted with 202 (queued, processed, duplicate or failed)")
def accepted_message(request, accepted_id: int):
    require_scope(request, "messages:write")
    return _accepted(services.raw_status(accepted_id, user=request.user))
