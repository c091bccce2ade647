"""API shapes for cases, messages, parties, reservations and teams."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field, field_validator

from casework.cases.enums import Channel, Confidentiality, IdentityKind, LinkKind, PartyRole, Priority, Segment, Severity


class ErrorOut(Schema):
    error: dict


class TeamOut(Schema):
    id: int
    slug: str
    name: str
    scope: dict


class CaseTypeOut(Schema):
    slug: str
    parent: str | None
    names: dict
    default_severity: str


class IdentityIn(Schema):
    kind: IdentityKind
    value: str = Field(min_length=1, max_length=254)


class PartyIn(Schema):
    display_name: str = Field(min_length=1, max_length=200)
    language: str = Field("", max_length=8)
    external_id: str = Field("", max_length=64)
    identities: list[IdentityIn] = Field(default_factory=list, max_length=20)


class IdentityOut(Schema):
    kind: str
    value: str


class PartyOut(Schema):
    id: int
    display_name: str
    language: str
    external_id: str
    identities: list[IdentityOut]


class ReservationIn(Schema):
    code: str = Field(min_length=3, max_length=32, pattern=r"^[A-Za-z0-9-]+$")
    listing_title: str = Field(min_length=1, max_length=200)
    listing_city: str = Field("", max_length=100)
    listing_country: str = Field("", max_length=2)
    listing_timezone: str = Field("UTC", max_length=64)
    check_in: date
    check_out: date
    guests_count: int = Field(1, ge=1, le=50)
    total_value: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    currency: str = Field(min_length=3, max_length=3, pattern=r"^[A-Z]{3}$")
    segment: Segment = Segment.STANDARD
    host_id: int
    guest_id: int


class ReservationOut(Schema):
    id: int
    code: str
    listing_title: str
    listing_city: str
    listing_country: str
    check_in: date
    check_out: date
    guests_count: int
    total_value: Decimal
    currency: str
    segment: str
    host_id: int
    guest_id: int


class CasePartyIn(Schema):
    party_id: int
    role: PartyRole


class CaseIn(Schema):
    subject: str = Field(min_length=1, max_length=300)
    team: str = Field(description="Team slug")
    case_type: str | None = None
    severity: Severity | None = None
    priority: Priority = Priority.P3
    language: str = Field("und", max_length=8)
    channel: Channel = Channel.API
    confidentiality: Confidentiality = Confidentiality.NORMAL
    parties: list[CasePartyIn] = Field(default_factory=list, max_length=20)
    reservation_code: str | None = None


class CaseOut(Schema):
    id: int
    number: str
    subject: str
    status: str
    severity: str
    priority: str
    case_type: str | None
    language: str
    segment: str
    channel: str
    confidentiality: str
    team: str
    owner: str | None
    needs_triage: bool
    risks: list[str]
    created_at: datetime
    updated_at: datetime
    sla_due_at: datetime

    # Resolvers also accept the stored JSON of an idempotent replay (a dict already resolved).
    @staticmethod
    def resolve_case_type(obj) -> str | None:
        if isinstance(obj, dict):
            return obj.get("case_type")
        return obj.case_type.slug if obj.case_type_id else None

    @staticmethod
    def resolve_team(obj) -> str:
        return obj["team"] if isinstance(obj, dict) else obj.team.slug

    @staticmethod
    def resolve_owner(obj) -> str | None:
        if isinstance(obj, dict):
            return obj.get("owner")
        return obj.owner.username if obj.owner_id else None


class CasePage(Schema):
    items: list[CaseOut]
    next_cursor: str | None


class MessageOut(Schema):
    id: int
    case_id: int
    channel: str
    direction: str
    visibility: str
    body_text: str
    body_html: str
    author_party_id: int | None
    author_agent: str | None
    provider_message_id: str | None
    created_at: datetime

    @staticmethod
    def resolve_author_agent(obj) -> str | None:
        if isinstance(obj, dict):
            return obj.get("author_agent")
        return obj.author_agent.username if obj.author_agent_id else None


class EventOut(Schema):
    id: int
    kind: str
    actor_type: str
    actor: str | None
    actor_label: str
    created_at: datetime
    before: dict
    after: dict
    audience: str
    message_id: int | None
    note: str

    @staticmethod
    def resolve_actor(obj) -> str | None:
        if isinstance(obj, dict):
            return obj.get("actor")
        return obj.actor.username if obj.actor_id else None


class ReplyIn(Schema):
    body: str = Field(min_length=1, max_length=100_000)
    html: str | None = Field(None, max_length=200_000)
    channel: Channel | None = None
    status_after: str = "pending_customer"


class NoteIn(Schema):
    body: str = Field(min_length=1, max_length=100_000)


class StatusIn(Schema):
    status: str
    reason: str = Field("", max_length=2000)


class SeverityIn(Schema):
    severity: Severity
    reason: str = Field("", max_length=2000)


class PriorityIn(Schema):
    priority: Priority


class TypeIn(Schema):
    case_type: str


class AssignIn(Schema):
    assignee: str | None = Field(description="Username, or null to unassign")


class TransferIn(Schema):
    team: str
    note: str = Field(min_length=1, max_length=10_000)


class LinkIn(Schema):
    case_id: int
    kind: LinkKind


class TagsIn(Schema):
    tags: list[str] = Field(max_length=30)


class ConfidentialityIn(Schema):
    level: Confidentiality
    reason: str = Field(min_length=1, max_length=2000)


class SenderIn(Schema):
    kind: IdentityKind
    value: str = Field(min_length=1, max_length=254)
    name: str = Field("", max_length=200)


class AttachmentIn(Schema):
    filename: str = Field(min_length=1, max_length=255)
    content_type: str = Field("", max_length=100)
    content_base64: str
    sensitive: bool = False


class InboundMessageIn(Schema):
    channel: Channel
    sender: SenderIn
    text: str | None = Field(None, max_length=1_000_000)
    html: str | None = Field(None, max_length=2_000_000)
    subject: str = Field("", max_length=300)
    provider_message_id: str | None = Field(None, max_length=255)
    thread_key: str = Field("", max_length=255)
    case_id: int | None = None
    reservation_code: str = Field("", max_length=32)
    role: PartyRole = PartyRole.GUEST
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=10)

    @field_validator("text")
    @classmethod
    def _text_or_html(cls, v):
        return v


class InboundResultOut(Schema):
    message_id: int
    case_id: int
    case_number: str
    case_created: bool
    duplicate: bool
