"""Channels → raw payloads → messages on cases.

Intake never loses what a customer sent: :func:`store_raw_payload` commits the exact bytes in
their own transaction before anything parses them. :func:`receive_message` then, in one
transaction, finds (or creates) the party from the sender's identity, finds the case the message
belongs to, and appends the message:

1. a provider message id already seen on this channel → the same message (idempotent retry);
2. an explicit case id → that case;
3. the same provider thread / conversation on this channel → that thread's case;
4. the same reservation → the party's active case about that reservation;
5. otherwise → a new case.
A closed case is never reopened: the message opens a follow-up case linked to it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import mimetypes
import time
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from casework.accounts.models import Team
from casework.accounts.permissions import Action, role_allows
from casework.cases import services as case_services
from casework.cases.enums import CaseStatus, Channel, IdentityKind, LinkKind, PartyRole
from casework.cases.models import (
    Attachment,
    Case,
    CaseLink,
    CaseParty,
    Message,
    Party,
    PartyIdentity,
    Reservation,
)
from casework.cases.permissions import check_case_action
from casework.core.errors import (
    CaseworkError,
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    ValidationFailed,
)
from casework.core.text import clean_text
from casework.intake.models import RawPayload, RawPayloadStatus

log = logging.getLogger(__name__)

ALLOWED_ATTACHMENT_TYPES = {
    "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "application/pdf", "text/plain",
    "text/csv", "audio/mpeg", "audio/ogg", "audio/wav", "video/mp4", "video/quicktime",
}
DEFAULT_INTAKE_TEAM = "intake"


@dataclass
class InboundAttachment:
    filename: str
    content_type: str
    content: bytes
    sensitive: bool = False


@dataclass
class InboundMessage:
    """A message as a channel adapter understood it, before it touches a case."""

    channel: str
    sender_kind: str
    sender_value: str
    sender_name: str = ""
    text: str | None = None
    html: str | None = None
    subject: str = ""
    provider_message_id: str | None = None
    thread_key: str = ""
    case_id: int | None = None
    reservation_code: str = ""
    role: str = PartyRole.GUEST
    attachments: list[InboundAttachment] = field(default_factory=list)


@dataclass
class IntakeResult:
    message: Message
    case: Case
    case_created: bool
    duplicate: bool


def store_raw_payload(*, channel: str, body: bytes, content_type: str = "", headers: dict | None = None,
                      user=None, status: str = RawPayloadStatus.RECEIVED, error: str = "") -> RawPayload:
    """Commit the raw payload on its own, before parsing (durable even if parsing fails)."""
    with transaction.atomic():
        return RawPayload.objects.create(channel=channel, body=body, content_type=content_type[:100],
                                         headers=headers or {}, submitted_by=user, status=status,
                                         error=error[:2000])


def mark_raw_failed(raw: RawPayload, error: str) -> None:
    RawPayload.objects.filter(pk=raw.pk).update(status=RawPayloadStatus.FAILED, error=error[:2000])


_CHANNELS = frozenset(Channel.values)  # the enum's .values rebuilds its (lazy) choices on each use


def parse_api_message(body: bytes) -> InboundMessage:
    """Parse and validate the JSON body of ``POST /api/v1/messages`` (422 with field errors)."""
    from casework.cases.schemas import InboundMessageIn

    try:
        data = InboundMessageIn.model_validate(json.loads(body))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationFailed(_("The body is not valid JSON."), details=[{"loc": ["body"], "msg": str(exc)}]) from exc
    except ValidationError as exc:
        raise ValidationFailed(_("The message is not valid."), details=[
            {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()
        ]) from exc
    if not (data.text or data.html) and not data.attachments:
        raise ValidationFailed(_("A message needs text, HTML or an attachment."),
                               details=[{"loc": ["text"], "msg": "required"}])
    if data.channel not in _CHANNELS:
        raise ValidationFailed(_("Unknown channel."), details=[{"loc": ["channel"], "msg": "unknown"}])
    return InboundMessage(
        channel=data.channel, sender_kind=data.sender.kind, sender_value=data.sender.value,
        sender_name=data.sender.name, text=data.text or ("" if data.html else "(attachment)"), html=data.html,
        subject=data.subject, provider_message_id=data.provider_message_id, thread_key=data.thread_key,
        case_id=data.case_id, reservation_code=data.reservation_code, role=data.role,
        attachments=[decode_attachment(a.filename, a.content_type, a.content_base64, a.sensitive)
                     for a in data.attachments],
    )


@dataclass
class Accepted:
    raw: RawPayload
    replay: bool  # the same Idempotency-Key was seen before: this is the first request's payload


def accept_message(*, body: bytes, content_type: str, headers: dict, user, idempotency_key: str = "") -> Accepted:
    """The asynchronous intake path (``Prefer: respond-async``): validate, store, queue; no case work.

    Everything that can be refused is checked here, synchronously (the caller's right, JSON
    shape, sender identity, attachment size and type), so a 202 means "stored and valid". The
    payload is committed with ``status=queued`` and the intake worker
    (:func:`casework.intake.batch.process_queued_payloads`) attaches it to its case in a batch.
    A repeated ``Idempotency-Key`` answers the first payload (same body) or 409 (another body).
    """
    if user is not None and not role_allows(user, Action.CREATE_CASE):
        raise Forbidden()
    key = (idempotency_key or "").strip()
    if len(key) > 128:
        raise ValidationFailed(_("Idempotency-Key may have at most 128 characters."))
    digest = hashlib.sha256(body).hexdigest() if key else ""
    if key:
        first = RawPayload.objects.filter(submitted_by=user, idempotency_key=key).first()
        if first is not None:
            return Accepted(raw=_same_request(first, digest), replay=True)
    try:
        msg = parse_api_message(body)
        normalise_identity(msg.sender_kind, msg.sender_value)
    except CaseworkError as exc:  # refused, but what was sent is kept (status failed), as on the sync path
        store_raw_payload(channel="api", body=body, content_type=content_type, headers=headers, user=user,
                          status=RawPayloadStatus.FAILED, error=exc.message)
        raise
    try:
        with transaction.atomic():
            raw = RawPayload(channel="api", body=body, content_type=content_type[:100], headers=headers,
                             submitted_by=user, status=RawPayloadStatus.QUEUED, idempotency_key=key,
                             request_hash=digest)
            _insert(raw)
            _kick_intake_worker()
    except IntegrityError:  # the same key, concurrently
        first = RawPayload.objects.filter(submitted_by=user, idempotency_key=key).first() if key else None
        if first is None:
            raise
        return Accepted(raw=_same_request(first, digest), replay=True)
    return Accepted(raw=raw, replay=False)


_INSERT_SQL: dict[str, tuple[str, list]] = {}


def _insert(raw: RawPayload) -> None:
    """``INSERT … RETURNING id`` for one payload, with the statement built once from the model.

    The accept path runs hundreds of times a second; ``Model.save()`` compiles the same INSERT
    each time (about 0.9 of its 1.6 ms here). Values go through each field's own ``pre_save`` and
    ``get_db_prep_save``, as ``save()`` would, so defaults, ``auto_now_add`` and JSON encoding match.
    """
    from django.db import connection

    if connection.vendor not in _INSERT_SQL:
        meta = RawPayload._meta
        fields = [f for f in meta.concrete_fields if not f.primary_key]
        sql = "INSERT INTO {} ({}) VALUES ({}) RETURNING {}".format(
            connection.ops.quote_name(meta.db_table), ", ".join(connection.ops.quote_name(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)), connection.ops.quote_name(meta.pk.column))
        _INSERT_SQL[connection.vendor] = (sql, fields)
    sql, fields = _INSERT_SQL[connection.vendor]
    params = [f.get_db_prep_save(f.pre_save(raw, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw.pk = cursor.fetchone()[0]
    raw._state.adding = False
    raw._state.db = connection.alias


def _same_request(first: RawPayload, digest: str) -> RawPayload:
    if first.request_hash != digest:
        raise Conflict(_("This Idempotency-Key was already used with a different request."))
    return first


_KICK_EVERY_S = 0.15
_last_kick = 0.0


def _kick_intake_worker() -> None:
    """Make sure a batch run is queued to pick up what this process just stored.

    At most one task row per process every ``_KICK_EVERY_S``; the run is scheduled a little
    later than that window, so it sees every payload this process stored before it. The batch
    task re-queues itself while there is work (intake/tasks.py).
    """
    global _last_kick
    now = time.monotonic()
    if now - _last_kick < _KICK_EVERY_S:
        return
    from casework.intake.tasks import schedule_batch

    schedule_batch(delay_s=_KICK_EVERY_S + 0.05)
    _last_kick = now


def raw_status(raw_id: int, *, user) -> RawPayload:
    """An asynchronously accepted payload, for the client who sent it (or an admin)."""
    raw = RawPayload.objects.filter(pk=raw_id).first()
    if raw is None or (raw.submitted_by_id != user.pk and not user.is_superuser):
        raise NotFound(_("No such accepted message."))
    return raw


def normalise_identity(kind: str, value: str) -> str:
    value = (value or "").strip()
    if kind == IdentityKind.EMAIL:
        value = value.lower()
        if "@" not in value or len(value) > 254:
            raise ValidationFailed(_("The sender's email address is not valid."),
                                   details=[{"loc": ["sender", "value"], "msg": "invalid email"}])
    elif kind in (IdentityKind.PHONE, IdentityKind.WHATSAPP):
        try:
            number = phonenumbers.parse(value, None if value.startswith("+") else "US")
        except phonenumbers.NumberParseException as exc:
            raise ValidationFailed(_("The sender's phone number is not valid."),
                                   details=[{"loc": ["sender", "value"], "msg": "invalid phone"}]) from exc
        if not phonenumbers.is_possible_number(number):
            raise ValidationFailed(_("The sender's phone number is not valid."),
                                   details=[{"loc": ["sender", "value"], "msg": "invalid phone"}])
        value = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not value:
        raise ValidationFailed(_("The sender's identity is empty."), details=[{"loc": ["sender", "value"], "msg": "empty"}])
    return value[:254]


def find_or_create_party(*, kind: str, value: str, name: str = "") -> Party:
    """The party who owns identity ``kind:value``, created on first contact."""
    value = normalise_identity(kind, value)
    identity = PartyIdentity.objects.select_related("party").filter(kind=kind, value=value).first()
    if identity:
        return identity.party
    party = Party.objects.create(display_name=clean_text(name)[:200] or value)
    try:
        with transaction.atomic():
            PartyIdentity.objects.create(party=party, kind=kind, value=value)
    except IntegrityError:  # created concurrently: use theirs
        party.delete()
        return PartyIdentity.objects.select_related("party").get(kind=kind, value=value).party
    return party


def store_blob(content: bytes) -> str:
    """Write ``content`` once under MEDIA_ROOT/blobs by SHA-256; return the hash."""
    digest = hashlib.sha256(content).hexdigest()
    path = Path(settings.MEDIA_ROOT) / "blobs" / digest[:2] / digest
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
    return digest


def blob_path(digest: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "blobs" / digest[:2] / digest


def decode_attachment(filename: str, content_type: str, content_base64: str, sensitive: bool = False) -> InboundAttachment:
    """Validate an attachment sent as base64: size (413) and type (422) are checked."""
    limit = settings.CASEWORK_MAX_ATTACHMENT_BYTES
    if len(content_base64) > limit * 4 // 3 + 8:
        raise PayloadTooLarge(_("Attachment %(name)s is larger than %(mb)d MB.") % {"name": filename, "mb": limit // (1024 * 1024)})
    try:
        content = base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationFailed(_("Attachment %(name)s is not valid base64.") % {"name": filename},
                               details=[{"loc": ["attachments"], "msg": "invalid base64"}]) from exc
    if len(content) > limit:
        raise PayloadTooLarge(_("Attachment %(name)s is larger than %(mb)d MB.") % {"name": filename, "mb": limit // (1024 * 1024)})
    content_type = (content_type or mimetypes.guess_type(filename)[0] or "").lower()
    if content_type not in ALLOWED_ATTACHMENT_TYPES:
        raise ValidationFailed(_("Attachments of type %(type)s are not accepted.") % {"type": content_type or "unknown"},
                               details=[{"loc": ["attachments"], "msg": "type not allowed"}])
    return InboundAttachment(filename=Path(filename).name[:255] or "attachment", content_type=content_type,
                             content=content, sensitive=sensitive)


def _intake_team() -> Team:
    team = Team.objects.filter(slug=DEFAULT_INTAKE_TEAM, is_active=True).first() or \
        Team.objects.filter(is_active=True).order_by("pk").first()
    if team is None:
        raise ValidationFailed(_("No team exists to receive new cases. Create one first (casework createadmin)."))
    return team


def _thread_case(msg: InboundMessage) -> Case | None:
    if not msg.thread_key:
        return None
    hit = (Message.objects.filter(channel=msg.channel, thread_key=msg.thread_key)
           .order_by("-id").select_related("case").first())
    return hit.case if hit else None


def _reservation_case(party: Party, code: str) -> tuple[Case | None, Reservation | None]:
    if not code:
        return None, None
    reservation = Reservation.objects.filter(code=code.strip().upper()).first()
    if reservation is None:
        return None, None
    case = (Case.objects.filter(reservations=reservation, case_parties__party=party, is_active=True)
            .order_by("-last_activity_at").first())
    return case, reservation


def _subject(msg: InboundMessage) -> str:
    if msg.subject.strip():
        return msg.subject
    text = clean_text(msg.text or "") or "(no text)"
    first = text.splitlines()[0]
    return first[:120] + ("…" if len(first) > 120 else "")


def _role_for(party: Party, reservation: Reservation | None, default: str) -> str:
    if reservation is not None:
        if reservation.host_id == party.pk:
            return PartyRole.HOST
        if reservation.guest_id == party.pk:
            return PartyRole.GUEST
    return default


@transaction.atomic
def receive_message(raw: RawPayload | None, msg: InboundMessage, *, actor=None, via: str = "api",
                    now=None) -> IntakeResult:
    """Attach ``msg`` to the case it belongs to (see the module docstring), creating one if needed.

    ``actor`` is the API user posting on a customer's behalf (checked for rights), or None for
    a channel adapter acting as the system. ``now`` is when the message arrived (the intake
    worker passes the time the payload was received; default: now).
    """
    if actor is not None and not role_allows(actor, Action.CREATE_CASE):
        raise Forbidden()
    if msg.channel not in _CHANNELS:
        raise ValidationFailed(_("Unknown channel."), details=[{"loc": ["channel"], "msg": "unknown"}])
    if msg.provider_message_id:
        existing = (Message.objects.filter(channel=msg.channel, provider_message_id=msg.provider_message_id)
                    .select_related("case").first())
        if existing:
            if raw is not None:
                RawPayload.objects.filter(pk=raw.pk).update(status=RawPayloadStatus.DUPLICATE)
            return IntakeResult(message=existing, case=existing.case, case_created=False, duplicate=True)
    now = now or timezone.now()
    party = find_or_create_party(kind=msg.sender_kind, value=msg.sender_value, name=msg.sender_name)
    case: Case | None = None
    if msg.case_id is not None:
        case = Case.objects.filter(pk=msg.case_id).first()
        if case is None:
            raise NotFound(_("No case with this number."))
        if actor is not None:
            check_case_action(actor, case, Action.VIEW)
    reservation = None
    if case is None:
        case = _thread_case(msg)
    if case is None:
        case, reservation = _reservation_case(party, msg.reservation_code)
    elif msg.reservation_code:
        reservation = Reservation.objects.filter(code=msg.reservation_code.strip().upper()).first()
    created = False
    if case is not None:
        case = case_services._lock(case)
    if case is not None and case.status == CaseStatus.CLOSED:
        previous = case
        case = _open_case(msg, party, reservation or previous.reservations.first(), previous.team, now)
        CaseLink.objects.create(from_case=case, to_case=previous, kind=LinkKind.FOLLOW_UP_OF)
        created = True
    elif case is None:
        case = _open_case(msg, party, reservation, _intake_team(), now)
        created = True
    elif not CaseParty.objects.filter(case=case, party=party).exists():
        CaseParty.objects.create(case=case, party=party, role=_role_for(party, reservation, msg.role))
        case_services.index_case_text(case, "party", party.display_name + " " + msg.sender_value)
    message = case_services.record_inbound_message(
        case, party=party, channel=msg.channel, text=msg.text, html=msg.html,
        provider_message_id=msg.provider_message_id, thread_key=msg.thread_key, raw_payload=raw, now=now,
    )
    for att in msg.attachments:
        digest = store_blob(att.content)
        Attachment.objects.create(message=message, filename=att.filename, content_type=att.content_type,
                                  size=len(att.content), sha256=digest, sensitive=att.sensitive)
    if raw is not None:
        RawPayload.objects.filter(pk=raw.pk).update(status=RawPayloadStatus.PROCESSED)
    _enqueue_triage(message)
    return IntakeResult(message=message, case=case, case_created=created, duplicate=False)


def _open_case(msg: InboundMessage, party: Party, reservation: Reservation | None, team: Team, now) -> Case:
    return case_services.create_case(
        subject=_subject(msg), team=team, actor=None, via="intake", channel=msg.channel,
        parties=[(party, _role_for(party, reservation, msg.role))], reservation=reservation, now=now,
    )


def _enqueue_triage(message: Message) -> None:
    """Queue triage for after commit-time visibility (the task row is part of this transaction).

    Triage must never block intake: a failure to enqueue is logged and the message stays.
    """
    try:
        from casework.triage.tasks import triage_message
    except ImportError:
        return
    try:
        with transaction.atomic():  # a savepoint: a failed enqueue leaves the outer transaction usable
            triage_message.enqueue(message.pk)
    except Exception:  # noqa: BLE001 - intake must not fail because triage cannot be queued
        log.exception("could not queue triage for message %s", message.pk)
