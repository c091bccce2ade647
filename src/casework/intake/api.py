"""Inbound messages over the API: the raw body is stored first, then parsed."""

from __future__ import annotations

import json

from ninja import Router
from pydantic import ValidationError

from casework.cases.schemas import InboundMessageIn, InboundResultOut
from casework.core.api import idempotent, require_scope
from casework.core.errors import CaseworkError, ValidationFailed
from casework.intake import services
from casework.intake.services import InboundMessage, decode_attachment

router = Router(tags=["messages"])


def _parse(body: bytes) -> InboundMessage:
    try:
        data = InboundMessageIn.model_validate(json.loads(body))
    except json.JSONDecodeError as exc:
        raise ValidationFailed("The body is not valid JSON.", details=[{"loc": ["body"], "msg": str(exc)}]) from exc
    except ValidationError as exc:
        raise ValidationFailed("The message is not valid.", details=[
            {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()
        ]) from exc
    if not (data.text or data.html) and not data.attachments:
        raise ValidationFailed("A message needs text, HTML or an attachment.",
                               details=[{"loc": ["text"], "msg": "required"}])
    return InboundMessage(
        channel=data.channel, sender_kind=data.sender.kind, sender_value=data.sender.value,
        sender_name=data.sender.name, text=data.text or ("" if data.html else "(attachment)"), html=data.html,
        subject=data.subject, provider_message_id=data.provider_message_id, thread_key=data.thread_key,
        case_id=data.case_id, reservation_code=data.reservation_code, role=data.role,
        attachments=[decode_attachment(a.filename, a.content_type, a.content_base64, a.sensitive) for a in data.attachments],
    )


@router.post("/messages", response={201: InboundResultOut, 200: InboundResultOut},
             summary="Post an inbound customer message (attaches to its case or opens one)",
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": InboundMessageIn.model_json_schema()}},
                                            "required": True}})
def post_message(request):
    require_scope(request, "messages:write")
    raw = services.store_raw_payload(channel="api", body=request.body, content_type=request.content_type or "",
                                     headers={"user_agent": request.headers.get("User-Agent", "")[:200]},
                                     user=request.user)
    try:
        msg = _parse(request.body)
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
