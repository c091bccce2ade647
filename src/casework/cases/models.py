"""The case aggregate: parties, reservations, case types, cases, messages, timeline.

Stored state on :class:`Case` (status, owner, team, severity, type) always equals what replaying
its :class:`TimelineEvent` rows gives; only services in :mod:`casework.cases.services` write it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, Q

from casework.cases.enums import (
    ACTIVE_STATUSES,
    ActorType,
    Audience,
    CaseStatus,
    Channel,
    Confidentiality,
    EventKind,
    IdentityKind,
    LinkKind,
    MessageDirection,
    MessageVisibility,
    PartyRole,
    Priority,
    Segment,
    Severity,
)

CASE_NUMBER_PREFIX = "CW-"


class CaseType(models.Model):
    """A node of the managed case-type taxonomy (``safety`` → ``safety.self_harm``)."""

    slug = models.SlugField(max_length=64, unique=True, allow_unicode=False)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    names = models.JSONField(default=dict)  # {"en": ..., "fr": ..., "es": ...}
    default_severity = models.CharField(max_length=2, choices=Severity.choices, default=Severity.S3)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names.get("en") or self.slug


class Party(models.Model):
    """A person on the marketplace. Identities let a message from any channel find them."""

    display_name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, blank=True)
    timezone = models.CharField(max_length=64, blank=True)
    external_id = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.display_name


class PartyIdentity(models.Model):
    """One address a party can be reached at, normalised (lower-case email, E.164 phone)."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(max_length=16, choices=IdentityKind.choices)
    value = models.CharField(max_length=254)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="identity_unique_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class Reservation(models.Model):
    """The stay a case is about. Money is a Decimal with its ISO 4217 currency."""

    code = models.CharField(max_length=32, unique=True)
    listing_title = models.CharField(max_length=200)
    listing_city = models.CharField(max_length=100, blank=True)
    listing_country = models.CharField(max_length=2, blank=True)
    listing_timezone = models.CharField(max_length=64, default="UTC")
    check_in = models.DateField()
    check_out = models.DateField()
    guests_count = models.PositiveSmallIntegerField(default=1)
    total_value = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    segment = models.CharField(max_length=16, choices=Segment.choices, default=Segment.STANDARD)
    host = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="hosted_reservations")
    guest = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="guest_reservations")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(check_out__gte=models.F("check_in")), name="reservation_dates_ordered"),
            models.CheckConstraint(condition=Q(total_value__gte=0), name="reservation_value_not_negative"),
        ]

    def __str__(self) -> str:
        return self.code


class Tag(models.Model):
    name = models.SlugField(max_length=48, unique=True)

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """One problem of one or more parties, whatever the channels it arrives on.

    Its number is derived from its id (``CW-000123``). ``is_active`` is computed by the database
    from ``status`` so queues can use one index for "everything not resolved or closed".
    """

    subject = models.CharField(max_length=300)
    case_type = models.ForeignKey(CaseType, null=True, blank=True, on_delete=models.PROTECT)
    severity = models.CharField(max_length=2, choices=Severity.choices, default=Severity.S3)
    priority = models.CharField(max_length=2, choices=Priority.choices, default=Priority.P3)
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW)
    is_active = models.GeneratedField(
        expression=ExpressionWrapper(Q(status__in=[s.value for s in ACTIVE_STATUSES]), output_field=models.BooleanField()),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    language = models.CharField(max_length=8, default="und")
    segment = models.CharField(max_length=16, choices=Segment.choices, default=Segment.STANDARD)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.API)
    confidentiality = models.CharField(max_length=20, choices=Confidentiality.choices, default=Confidentiality.NORMAL)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="cases")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="owned_cases")
    reservations = models.ManyToManyField(Reservation, blank=True, related_name="cases")
    tags = models.ManyToManyField(Tag, blank=True, related_name="cases")
    needs_triage = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    last_activity_at = models.DateTimeField()
    sla_due_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    # Filled by triage; stored per case for queues and cards.
    risks = models.JSONField(default=list, blank=True)
    frustration = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [
            # confidentiality and owner trail the key so the rail's per-team counts (which apply
            # visible_cases_q) are answered from the index alone, without a row lookup per case.
            # severity, language, channel and segment: the usual queue filters are checked on the
            # index entry, and only matching cases are read from the table (migration 0007).
            models.Index(fields=["team", "is_active", "sla_due_at", "id", "confidentiality", "owner",
                                 "severity", "language", "channel", "segment"],
                         name="case_team_queue_cov2"),
            models.Index(fields=["owner", "is_active", "sla_due_at", "id"], name="case_owner_queue"),
            models.Index(fields=["is_active", "sla_due_at", "id"], name="case_all_queue"),
            models.Index(fields=["team", "status", "sla_due_at", "id"], name="case_team_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(severity__in=[s.value for s in Severity]), name="case_severity_valid"),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in CaseStatus]), name="case_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def number(self) -> str:
        return f"{CASE_NUMBER_PREFIX}{self.pk:06d}"

    @staticmethod
    def id_from_number(number: str) -> int | None:
        text = number.strip().upper()
        if text.startswith(CASE_NUMBER_PREFIX):
            text = text[len(CASE_NUMBER_PREFIX):]
        return int(text) if text.isdigit() else None


class CaseParty(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_parties")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="case_links")
    role = models.CharField(max_length=24, choices=PartyRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "party", "role"], name="case_party_role_unique")]
        indexes = [models.Index(fields=["party", "case"])]


class CaseLink(models.Model):
    """A directed link: ``from_case`` is ``kind`` ``to_case`` (e.g. duplicate of)."""

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case", "kind"], name="case_link_unique"),
            models.CheckConstraint(condition=~Q(from_case=models.F("to_case")), name="case_link_not_self"),
        ]


class Message(models.Model):
    """An interaction on a case: an inbound message, an outbound reply, or an internal note.

    ``body_html`` is sanitised before it is stored; ``body_text`` is the plain text used for
    search and triage. ``(channel, provider_message_id)`` is unique so a provider's retry never
    creates a second message.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    direction = models.CharField(max_length=16, choices=MessageDirection.choices)
    visibility = models.CharField(max_length=16, choices=MessageVisibility.choices, default=MessageVisibility.PUBLIC)
    author_party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT)
    author_agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    language = models.CharField(max_length=8, blank=True)
    provider_message_id = models.CharField(max_length=255, null=True, blank=True)
    # A provider's conversation / thread id (chat session, email thread root): later messages
    # with the same key on the same channel join the same active case.
    thread_key = models.CharField(max_length=255, blank=True, default="")
    raw_payload = models.ForeignKey("intake.RawPayload", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "provider_message_id"],
                condition=Q(provider_message_id__isnull=False),
                name="message_provider_id_unique",
            )
        ]
        indexes = [
            models.Index(fields=["case", "created_at"]),
            models.Index(fields=["channel", "thread_key"], condition=~Q(thread_key=""), name="message_thread"),
        ]


class Attachment(models.Model):
    """A file on a message, stored once by SHA-256 under MEDIA_ROOT/blobs.

    ``sensitive`` media is shown as a placeholder until an agent deliberately reveals it
    (a logged action).
    """

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    sensitive = models.BooleanField(default=False)


class TimelineEvent(models.Model):
    """An append-only record of a state change or interaction on a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    actor_type = models.CharField(max_length=16, choices=ActorType.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    actor_label = models.CharField(max_length=120, blank=True)  # party name or model version
    created_at = models.DateTimeField()
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.INTERNAL)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE)
    note = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["case", "created_at", "id"])]
        ordering = ["created_at", "id"]


class SearchDoc(models.Model):
    """Text that makes a case findable: its subject, a message, or a party identity.

    The full-text index over ``body`` is the database's own: an FTS5 external-content table
    kept in sync by triggers on SQLite, a generated ``tsvector`` column with a GIN index on
    PostgreSQL (see migration ``0002_search``). Rows are written in the same transaction as the
    change that produced them.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)  # subject / message / party / reservation
    body = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["case"])]


__all__ = [
    "CaseType", "Party", "PartyIdentity", "Reservation", "Tag", "Case", "CaseParty", "CaseLink",
    "Message", "Attachment", "TimelineEvent", "SearchDoc", "LinkKind", "MessageDirection",
    "MessageVisibility", "Channel", "Confidentiality", "IdentityKind", "PartyRole", "Audience",
]
