"""Commands on the case aggregate.

Lifecycle of a case::

    new ──► open ──► pending customer | pending internal | on hold ──► resolved ──► closed
     └──────────────────────────────────────────────────────────────►┘   ▲  │
                                       inbound message reopens resolved ─┘  └─ closed is final:
                                       an inbound message opens a follow-up case linked to it

Every command here is one transaction: it locks the case row, checks the actor's right and the
state invariant, writes the change, appends a :class:`TimelineEvent` and an :class:`AuditLog`
row, keeps the search index current, and schedules the live-update broadcast for after commit.
``actor=None`` means the system (intake, triage, timers) acting on its own authority.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.accounts.models import Team
from casework.accounts.permissions import Action, role_allows, role_of
from casework.cases.enums import (
    ACTIVE_STATUSES,
    ActorType,
    Audience,
    CaseStatus,
    Channel,
    Confidentiality,
    EventKind,
    LinkKind,
    MessageDirection,
    MessageVisibility,
    PartyRole,
    Priority,
    Segment,
    Severity,
)
from casework.cases.models import (
    Case,
    CaseLink,
    CaseParty,
    CaseType,
    Message,
    Party,
    Reservation,
    SearchDoc,
    Tag,
    TimelineEvent,
)
from casework.cases.permissions import can_view_case, check_case_action
from casework.core.errors import Conflict, Forbidden, ValidationFailed
from casework.core.models import AuditLog
from casework.core.text import clean_text, sanitize_html, text_to_html

log = logging.getLogger(__name__)

# First-response targets per severity (domain.md). Business-hour calendars refine these later;
# until then S3/S4 targets are counted in calendar hours.
SLA_TARGETS = {
    Severity.S1: timedelta(minutes=15),
    Severity.S2: timedelta(hours=1),
    Severity.S3: timedelta(hours=8),
    Severity.S4: timedelta(hours=24),
}

TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.NEW: frozenset({CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER, CaseStatus.PENDING_INTERNAL,
                               CaseStatus.ON_HOLD, CaseStatus.RESOLVED}),
    CaseStatus.OPEN: frozenset({CaseStatus.PENDING_CUSTOMER, CaseStatus.PENDING_INTERNAL, CaseStatus.ON_HOLD,
                                CaseStatus.RESOLVED}),
    CaseStatus.PENDING_CUSTOMER: frozenset({CaseStatus.OPEN, CaseStatus.PENDING_INTERNAL, CaseStatus.ON_HOLD,
                                            CaseStatus.RESOLVED}),
    CaseStatus.PENDING_INTERNAL: frozenset({CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD,
                                            CaseStatus.RESOLVED}),
    CaseStatus.ON_HOLD: frozenset({CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER, CaseStatus.PENDING_INTERNAL,
                                   CaseStatus.RESOLVED}),
    CaseStatus.RESOLVED: frozenset({CaseStatus.OPEN, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}

SEVERITY_ORDER = [Severity.S4, Severity.S3, Severity.S2, Severity.S1]
MAX_BODY_CHARS = 100_000


# ---------------------------------------------------------------------------------------------
# building blocks (private: callers hold the transaction and the lock)


def _actor_type(actor) -> str:
    return ActorType.AGENT if actor is not None else ActorType.SYSTEM


def _event(case: Case, kind: str, *, actor, now: datetime, before=None, after=None, message=None,
           note: str = "", audience: str = Audience.INTERNAL, actor_label: str = "",
           actor_type: str | None = None) -> TimelineEvent:
    return TimelineEvent.objects.create(
        case=case, kind=kind, actor_type=actor_type or _actor_type(actor), actor=actor,
        actor_label=actor_label, created_at=now, before=before or {}, after=after or {},
        message=message, note=note, audience=audience,
    )


def _audit(actor, action: str, case: Case, *, via: str, **details) -> None:
    AuditLog.objects.create(actor=actor, action=action, object_type="case", object_id=str(case.pk),
                            via=via, details=details)


def _broadcast(case: Case, kind: str) -> None:
    """Tell open console pages about a change, once the transaction has committed."""
    from casework.console.live import schedule_case_change

    schedule_case_change(case.pk, case.team_id, kind)


def _lock(case: Case) -> Case:
    """Re-read ``case`` with a row lock. Everything after this sees committed, current state."""
    return (Case.objects.select_for_update(of=("self",)).select_related("team", "owner", "case_type")
            .get(pk=case.pk))


def _require(actor, case: Case, action: Action) -> None:
    if actor is not None:
        check_case_action(actor, case, action)


# Whole sentences, not a participle spliced into one: translators need the sentence.
_CLOSED_REFUSALS = {
    "replied to": gettext_lazy("This case is closed; it cannot be replied to."),
    "reassigned": gettext_lazy("This case is closed; it cannot be reassigned."),
    "transferred": gettext_lazy("This case is closed; it cannot be transferred."),
    "reclassified": gettext_lazy("This case is closed; it cannot be reclassified."),
    "reprioritised": gettext_lazy("This case is closed; it cannot be reprioritised."),
}


def _require_active(case: Case, what: str) -> None:
    if case.status == CaseStatus.CLOSED:
        raise Conflict(str(_CLOSED_REFUSALS.get(what) or _("This case is closed; it cannot be changed.")))


def _save(case: Case, now: datetime, *fields: str) -> None:
    case.updated_at = now
    case.save(update_fields=[*fields, "updated_at"])


def _sla_due(created_at: datetime, severity: str) -> datetime:
    return created_at + SLA_TARGETS[Severity(severity)]


def _prepare_body(*, text: str | None, html: str | None) -> tuple[str, str]:
    if html:
        safe_html = sanitize_html(html)
        from casework.core.text import html_to_text

        plain = clean_text(text) if text else html_to_text(safe_html)
    else:
        plain = clean_text(text or "")
        safe_html = text_to_html(plain)
    if not plain:
        raise ValidationFailed(_("A message needs some text."), details=[{"loc": ["body"], "msg": "empty"}])
    if len(plain) > MAX_BODY_CHARS:
        raise ValidationFailed(_("A message may have at most %(max)d characters.") % {"max": MAX_BODY_CHARS},
                               details=[{"loc": ["body"], "msg": "too long"}])
    return plain, safe_html


def index_case_text(case: Case, kind: str, body: str) -> None:
    """Make ``body`` findable for ``case`` (same transaction as the write that produced it)."""
    if body:
        SearchDoc.objects.create(case=case, kind=kind, body=body[:20_000])


def _party_search_text(party: Party) -> str:
    values = [party.display_name, party.external_id, *(i.value for i in party.identities.all())]
    return " ".join(v for v in values if v)


# ---------------------------------------------------------------------------------------------
# create


@transaction.atomic
def create_case(*, subject: str, team: Team, actor, via: str, channel: str = Channel.CONSOLE,
                case_type: CaseType | None = None, severity: str | None = None, priority: str = Priority.P3,
                language: str = "und", segment: str | None = None,
                confidentiality: str = Confidentiality.NORMAL,
                parties: list[tuple[Party, str]] = (), reservation: Reservation | None = None,
                now: datetime | None = None) -> Case:
    """Open a new case owned by ``team``.

    Severity defaults to the case type's default (S3 without a type), never lower than the
    reservation's segment warrants. Parties and the reservation become searchable.
    """
    if actor is not None:
        # An agent opens cases in their own teams' queues (admins anywhere); intake routes the rest.
        if not role_allows(actor, Action.CREATE_CASE):
            raise Forbidden()
        if role_of(actor) != "admin" and not actor.agent.teams.filter(pk=team.pk).exists():
            raise Forbidden()
    subject = clean_text(subject)[:300]
    if not subject:
        raise ValidationFailed(_("A case needs a subject."), details=[{"loc": ["subject"], "msg": "empty"}])
    now = now or timezone.now()
    severity = severity or (case_type.default_severity if case_type else Severity.S3)
    segment = segment or (reservation.segment if reservation else Segment.STANDARD)
    case = Case.objects.create(
        subject=subject, team=team, channel=channel, case_type=case_type, severity=severity,
        priority=priority, language=language or "und", segment=segment, confidentiality=confidentiality,
        created_at=now, updated_at=now, last_activity_at=now, sla_due_at=_sla_due(now, severity),
    )
    _event(case, EventKind.CREATED, actor=actor, now=now,
           after={"status": case.status, "team": team.slug, "owner": None, "severity": severity,
                  "case_type": case_type.slug if case_type else None, "channel": channel})
    index_case_text(case, "subject", subject)
    for party, role in parties:
        CaseParty.objects.create(case=case, party=party, role=role)
        index_case_text(case, "party", _party_search_text(party))
    if reservation is not None:
        case.reservations.add(reservation)
        index_case_text(case, "reservation", f"{reservation.code} {reservation.listing_title}")
    _audit(actor, "case.created", case, via=via)
    _broadcast(case, EventKind.CREATED)
    return case


# ---------------------------------------------------------------------------------------------
# messages


def _new_message(case: Case, *, now: datetime, channel: str, direction: str, visibility: str,
                 text: str | None, html: str | None, author_party=None, author_agent=None,
                 provider_message_id: str | None = None, thread_key: str = "", raw_payload=None,
                 language: str = "") -> Message:
    plain, safe_html = _prepare_body(text=text, html=html)
    message = Message.objects.create(
        case=case, channel=channel, direction=direction, visibility=visibility, body_text=plain,
        body_html=safe_html, author_party=author_party, author_agent=author_agent,
        provider_message_id=provider_message_id or None, thread_key=thread_key or "",
        raw_payload=raw_payload, created_at=now, language=language,
    )
    index_case_text(case, "message", plain)
    case.last_activity_at = now
    return message


@transaction.atomic
def post_reply(case: Case, *, body: str, actor, via: str, channel: str | None = None,
               html: str | None = None, status_after: str = CaseStatus.PENDING_CUSTOMER,
               audience: str = Audience.ALL) -> Message:
    """Send a public reply on ``case`` (on the case's channel unless another is named).

    The reply is stored now; delivery to the provider is a separate, retried effect.
    """
    case = _lock(case)
    _require(actor, case, Action.REPLY)
    _require_active(case, "replied to")
    now = timezone.now()
    message = _new_message(case, now=now, channel=channel or case.channel, direction=MessageDirection.OUTBOUND,
                           visibility=MessageVisibility.PUBLIC, text=body if not html else None, html=html,
                           author_agent=actor)
    _event(case, EventKind.REPLY_SENT, actor=actor, now=now, message=message, audience=audience)
    fields = ["last_activity_at"]
    if case.owner_id is None and actor is not None:
        before = case.owner_id
        case.owner = actor
        fields.append("owner")
        _event(case, EventKind.ASSIGNED, actor=actor, now=now, before={"owner": before},
               after={"owner": actor.pk}, note="Took ownership by replying")
    if status_after and status_after != case.status:
        _transition(case, status_after, actor=actor, now=now, reason="")
        fields += ["status", "resolved_at"]
    _save(case, now, *fields)
    _audit(actor, "message.replied", case, via=via, message_id=message.pk)
    _broadcast(case, EventKind.REPLY_SENT)
    return message


@transaction.atomic
def add_internal_note(case: Case, *, body: str, actor, via: str) -> Message:
    """Add a note only agents see. Allowed on any case, closed ones included."""
    case = _lock(case)
    _require(actor, case, Action.NOTE)
    now = timezone.now()
    message = _new_message(case, now=now, channel=Channel.CONSOLE, direction=MessageDirection.INTERNAL,
                           visibility=MessageVisibility.INTERNAL, text=body, html=None, author_agent=actor)
    _event(case, EventKind.NOTE_ADDED, actor=actor, now=now, message=message)
    _save(case, now, "last_activity_at")
    _audit(actor, "message.noted", case, via=via, message_id=message.pk)
    _broadcast(case, EventKind.NOTE_ADDED)
    return message


def record_inbound_message(case: Case, *, party: Party, channel: str, text: str | None, html: str | None,
                           provider_message_id: str | None, thread_key: str, raw_payload,
                           now: datetime) -> Message:
    """Attach a customer's message to ``case`` (caller holds the transaction and the lock).

    A resolved case reopens; a case waiting on the customer goes back to open.
    """
    message = _new_message(case, now=now, channel=channel, direction=MessageDirection.INBOUND,
                           visibility=MessageVisibility.PUBLIC, text=text, html=html, author_party=party,
                           provider_message_id=provider_message_id, thread_key=thread_key,
                           raw_payload=raw_payload)
    _event(case, EventKind.MESSAGE_RECEIVED, actor=None, actor_type=ActorType.PARTY,
           actor_label=party.display_name, now=now, message=message, audience=Audience.ALL)
    fields = ["last_activity_at"]
    if case.status in (CaseStatus.RESOLVED, CaseStatus.PENDING_CUSTOMER):
        reopening = case.status == CaseStatus.RESOLVED
        _transition(case, CaseStatus.OPEN, actor=None, now=now,
                    reason="New message from the customer", kind=EventKind.REOPENED if reopening else None)
        fields += ["status", "resolved_at"]
    _save(case, now, *fields)
    _broadcast(case, EventKind.MESSAGE_RECEIVED)
    return message


# ---------------------------------------------------------------------------------------------
# ownership


@transaction.atomic
def assign_case(case: Case, *, assignee, actor, via: str) -> Case:
    """Make ``assignee`` (an agent of the owning team) the owner; ``None`` unassigns."""
    case = _lock(case)
    _require(actor, case, Action.ASSIGN)
    _require_active(case, "reassigned")
    if assignee is not None:
        if getattr(assignee, "agent", None) is None or not assignee.is_active:
            raise ValidationFailed(_("Only an active agent can own a case."))
        if not role_allows(assignee, Action.REPLY) or not can_view_case(assignee, case):
            raise ValidationFailed(_("The assignee may not open this case (team or confidentiality)."))
    if case.owner_id == (assignee.pk if assignee else None):
        return case
    now = timezone.now()
    before = case.owner_id
    case.owner = assignee
    fields = ["owner"]
    _event(case, EventKind.ASSIGNED, actor=actor, now=now, before={"owner": before},
           after={"owner": assignee.pk if assignee else None})
    if case.status == CaseStatus.NEW and assignee is not None:
        _transition(case, CaseStatus.OPEN, actor=actor, now=now, reason="")
        fields += ["status", "resolved_at"]
    _save(case, now, *fields)
    _audit(actor, "case.assigned", case, via=via, owner=assignee.pk if assignee else None)
    _broadcast(case, EventKind.ASSIGNED)
    return case


@transaction.atomic
def transfer_case(case: Case, *, team: Team, actor, via: str, note: str, escalate: bool = False) -> Case:
    """Hand ``case`` to ``team`` with a written hand-off note; the owner is cleared.

    An escalation is a transfer flagged as such (and the note says why).
    """
    case = _lock(case)
    _require(actor, case, Action.TRANSFER)
    _require_active(case, "transferred")
    note = clean_text(note or "")
    if not note:
        raise ValidationFailed(_("A hand-off note is required."), details=[{"loc": ["note"], "msg": "empty"}])
    if not team.is_active:
        raise ValidationFailed(_("This team is not active."))
    if team.pk == case.team_id:
        raise Conflict(_("The case already belongs to this team."))
    now = timezone.now()
    before = {"team": case.team.slug, "owner": case.owner_id}
    kind = EventKind.ESCALATED if escalate else EventKind.TRANSFERRED
    _broadcast(case, kind)  # the queue the case leaves (the one it joins is told below)
    case.team, case.owner = team, None
    message = _new_message(case, now=now, channel=Channel.CONSOLE, direction=MessageDirection.INTERNAL,
                           visibility=MessageVisibility.INTERNAL, text=note, html=None, author_agent=actor)
    _event(case, kind, actor=actor, now=now, before=before, after={"team": team.slug, "owner": None},
           message=message, note=note)
    _save(case, now, "team", "owner", "last_activity_at")
    _audit(actor, kind.value, case, via=via, team=team.slug)
    _broadcast(case, kind)
    return case


# ---------------------------------------------------------------------------------------------
# status and classification


def _transition(case: Case, status: str, *, actor, now: datetime, reason: str, kind: str | None = None) -> None:
    if status not in TRANSITIONS[case.status]:
        raise Conflict(_("A case in status “%(old)s” cannot move to “%(new)s”.") % {
            "old": CaseStatus(case.status).label, "new": CaseStatus(status).label})
    before = case.status
    case.status = status
    if status == CaseStatus.RESOLVED:
        case.resolved_at = now
    elif status != CaseStatus.CLOSED:
        case.resolved_at = None
    _event(case, kind or EventKind.STATUS_CHANGED, actor=actor, now=now, before={"status": before},
           after={"status": status}, note=reason)


@transaction.atomic
def change_status(case: Case, *, status: str, actor, via: str, reason: str = "") -> Case:
    """Move ``case`` along its lifecycle (see the module docstring for the allowed moves)."""
    case = _lock(case)
    _require(actor, case, Action.CHANGE_STATUS)
    if status not in CaseStatus.values:
        raise ValidationFailed(_("Unknown status."), details=[{"loc": ["status"], "msg": "unknown"}])
    if status == case.status:
        return case
    if status == CaseStatus.ON_HOLD and not clean_text(reason):
        raise ValidationFailed(_("Putting a case on hold needs a reason."),
                               details=[{"loc": ["reason"], "msg": "required"}])
    now = timezone.now()
    _transition(case, status, actor=actor, now=now, reason=clean_text(reason))
    _save(case, now, "status", "resolved_at")
    _audit(actor, "case.status_changed", case, via=via, status=status)
    _broadcast(case, EventKind.STATUS_CHANGED)
    return case


@transaction.atomic
def change_case_type(case: Case, *, case_type: CaseType, actor, via: str, reason: str = "") -> Case:
    """Set the case type. Severity is raised to the type's default if that is higher."""
    case = _lock(case)
    _require(actor, case, Action.CHANGE_TRIAGE)
    _require_active(case, "reclassified")
    if case.case_type_id == case_type.pk:
        return case
    now = timezone.now()
    before = case.case_type.slug if case.case_type else None
    case.case_type = case_type
    case.needs_triage = False
    _event(case, EventKind.TYPE_CHANGED, actor=actor, now=now, before={"case_type": before},
           after={"case_type": case_type.slug}, note=clean_text(reason))
    fields = ["case_type", "needs_triage"]
    if SEVERITY_ORDER.index(case_type.default_severity) > SEVERITY_ORDER.index(case.severity):
        _set_severity(case, case_type.default_severity, actor=actor, now=now)
        fields += ["severity", "sla_due_at"]
    _save(case, now, *fields)
    _audit(actor, "case.type_changed", case, via=via, case_type=case_type.slug)
    _broadcast(case, EventKind.TYPE_CHANGED)
    return case


def _set_severity(case: Case, severity: str, *, actor, now: datetime, note: str = "") -> None:
    before = case.severity
    case.severity = severity
    case.sla_due_at = _sla_due(case.created_at, severity)
    _event(case, EventKind.SEVERITY_CHANGED, actor=actor, now=now, before={"severity": before},
           after={"severity": severity}, note=note)


@transaction.atomic
def change_severity(case: Case, *, severity: str, actor, via: str, reason: str = "") -> Case:
    """Set the severity; the first-response due time follows it."""
    case = _lock(case)
    _require(actor, case, Action.CHANGE_TRIAGE)
    _require_active(case, "reclassified")
    if severity not in Severity.values:
        raise ValidationFailed(_("Unknown severity."), details=[{"loc": ["severity"], "msg": "unknown"}])
    if severity == case.severity:
        return case
    now = timezone.now()
    _set_severity(case, severity, actor=actor, now=now, note=clean_text(reason))
    _save(case, now, "severity", "sla_due_at")
    _audit(actor, "case.severity_changed", case, via=via, severity=severity)
    _broadcast(case, EventKind.SEVERITY_CHANGED)
    return case


@transaction.atomic
def change_priority(case: Case, *, priority: str, actor, via: str) -> Case:
    case = _lock(case)
    _require(actor, case, Action.CHANGE_TRIAGE)
    _require_active(case, "reprioritised")
    if priority not in Priority.values:
        raise ValidationFailed(_("Unknown priority."), details=[{"loc": ["priority"], "msg": "unknown"}])
    if priority == case.priority:
        return case
    now = timezone.now()
    before = case.priority
    case.priority = priority
    _event(case, EventKind.PRIORITY_CHANGED, actor=actor, now=now, before={"priority": before},
           after={"priority": priority})
    _save(case, now, "priority")
    _audit(actor, "case.priority_changed", case, via=via, priority=priority)
    _broadcast(case, EventKind.PRIORITY_CHANGED)
    return case


@transaction.atomic
def change_confidentiality(case: Case, *, level: str, actor, via: str, reason: str) -> Case:
    """Restrict or open up a case. A written reason is required either way."""
    case = _lock(case)
    _require(actor, case, Action.CHANGE_CONFIDENTIALITY)
    if level not in Confidentiality.values:
        raise ValidationFailed(_("Unknown confidentiality level."))
    if not clean_text(reason):
        raise ValidationFailed(_("Changing confidentiality needs a reason."),
                               details=[{"loc": ["reason"], "msg": "required"}])
    if level == case.confidentiality:
        return case
    now = timezone.now()
    before = case.confidentiality
    case.confidentiality = level
    _event(case, EventKind.CONFIDENTIALITY_CHANGED, actor=actor, now=now, before={"confidentiality": before},
           after={"confidentiality": level}, note=clean_text(reason))
    _save(case, now, "confidentiality")
    _audit(actor, "case.confidentiality_changed", case, via=via, level=level)
    _broadcast(case, EventKind.CONFIDENTIALITY_CHANGED)
    return case


@transaction.atomic
def link_cases(case: Case, *, other: Case, kind: str, actor, via: str) -> CaseLink:
    """Record that ``case`` is ``kind`` ``other``; the actor must be able to see both."""
    case = _lock(case)
    _require(actor, case, Action.LINK)
    _require(actor, other, Action.VIEW)
    if kind not in LinkKind.values:
        raise ValidationFailed(_("Unknown link kind."))
    if other.pk == case.pk:
        raise ValidationFailed(_("A case cannot be linked to itself."))
    link, created = CaseLink.objects.get_or_create(from_case=case, to_case=other, kind=kind)
    if created:
        now = timezone.now()
        _event(case, EventKind.LINKED, actor=actor, now=now, after={"kind": kind, "case": other.pk})
        _save(case, now)
        _audit(actor, "case.linked", case, via=via, kind=kind, other=other.pk)
        _broadcast(case, EventKind.LINKED)
    return link


@transaction.atomic
def set_tags(case: Case, *, names: list[str], actor, via: str) -> Case:
    case = _lock(case)
    _require(actor, case, Action.CHANGE_TRIAGE)
    clean = sorted({n.strip().lower().replace(" ", "-")[:48] for n in names if n.strip()})
    before = sorted(case.tags.values_list("name", flat=True))
    if clean == before:
        return case
    tags = [Tag.objects.get_or_create(name=n)[0] for n in clean]
    case.tags.set(tags)
    now = timezone.now()
    _event(case, EventKind.TAGGED, actor=actor, now=now, before={"tags": before}, after={"tags": clean})
    _save(case, now)
    _audit(actor, "case.tagged", case, via=via, tags=clean)
    _broadcast(case, EventKind.TAGGED)
    return case


@transaction.atomic
def add_party(case: Case, *, party: Party, role: str, actor, via: str) -> CaseParty:
    case = _lock(case)
    _require(actor, case, Action.CHANGE_TRIAGE)
    if role not in PartyRole.values:
        raise ValidationFailed(_("Unknown party role."))
    link, created = CaseParty.objects.get_or_create(case=case, party=party, role=role)
    if created:
        now = timezone.now()
        _event(case, EventKind.PARTY_ADDED, actor=actor, now=now, after={"party": party.pk, "role": role})
        index_case_text(case, "party", _party_search_text(party))
        _save(case, now)
        _audit(actor, "case.party_added", case, via=via, party=party.pk, role=role)
    return link


@transaction.atomic
def link_reservation(case: Case, *, reservation: Reservation, actor, via: str) -> Case:
    """Link a reservation; the case's segment is raised to the reservation's if higher."""
    case = _lock(case)
    _require(actor, case, Action.CHANGE_TRIAGE)
    if case.reservations.filter(pk=reservation.pk).exists():
        return case
    case.reservations.add(reservation)
    now = timezone.now()
    _event(case, EventKind.RESERVATION_LINKED, actor=actor, now=now, after={"reservation": reservation.code})
    index_case_text(case, "reservation", f"{reservation.code} {reservation.listing_title}")
    order = [Segment.STANDARD, Segment.PREMIUM, Segment.LUXURY]
    fields = []
    if order.index(reservation.segment) > order.index(case.segment):
        case.segment = reservation.segment
        fields.append("segment")
    _save(case, now, *fields)
    _audit(actor, "case.reservation_linked", case, via=via, reservation=reservation.code)
    return case


def _sets_case_language(case: Case, message: Message | None) -> bool:
    """Whether ``message``'s language may become the case's (see :func:`apply_triage`)."""
    if message is None or case.language in ("", "und"):
        return True
    first = (case.messages.filter(direction=MessageDirection.INBOUND).order_by("created_at", "id")
             .values_list("pk", flat=True).first())
    return first == message.pk


@transaction.atomic
def apply_triage(case: Case, *, model_version: str, language: str | None = None,
                 case_type: CaseType | None = None, severity: str | None = None, risks: list[str] | None = None,
                 frustration: float | None = None, needs_triage: bool | None = None,
                 explanation: dict | None = None, message: Message | None = None) -> Case:
    """Record a triage result on ``case`` as the model ``model_version``.

    Triage only fills what no agent has set: it never overrides a type an agent chose, and it
    only ever raises severity (domain.md: severity is raised, never lowered, by signals).

    ``message`` is the message the result is about: its detected ``language`` is recorded on it,
    and the *case* language comes from the first inbound message only (a reply in another
    language must not flip the case), or from a later one while the case's is still unknown.
    Without ``message`` the caller's language is taken as the case's. A closed case is final:
    nothing about it changes (the message still gets its language).
    """
    case = _lock(case)
    if message is not None and language and message.language != language:
        message.language = language
        Message.objects.filter(pk=message.pk).update(language=language)
    if case.status == CaseStatus.CLOSED:
        log.info("triage result for closed case %s not applied (%s)", case.pk, model_version)
        return case
    now = timezone.now()
    before, after, fields = {}, {}, []
    agent_typed = case.events.filter(kind=EventKind.TYPE_CHANGED, actor_type=ActorType.AGENT).exists()
    if language and language != case.language and _sets_case_language(case, message):
        before["language"], after["language"] = case.language, language
        case.language = language
        fields.append("language")
    if case_type is not None and not agent_typed and case.case_type_id != case_type.pk:
        before["case_type"] = case.case_type.slug if case.case_type else None
        after["case_type"] = case_type.slug
        case.case_type = case_type
        fields.append("case_type")
    if needs_triage is not None and not agent_typed and needs_triage != case.needs_triage:
        before["needs_triage"], after["needs_triage"] = case.needs_triage, needs_triage
        case.needs_triage = needs_triage
        fields.append("needs_triage")
    if risks is not None and sorted(set(risks) | set(case.risks)) != sorted(case.risks):
        merged = sorted(set(risks) | set(case.risks))
        before["risks"], after["risks"] = case.risks, merged
        case.risks = merged
        fields.append("risks")
    if frustration is not None:
        case.frustration = frustration
        fields.append("frustration")
    if severity and SEVERITY_ORDER.index(severity) > SEVERITY_ORDER.index(case.severity):
        before["severity"], after["severity"] = case.severity, severity
        case.severity = severity
        case.sla_due_at = _sla_due(case.created_at, severity)
        fields += ["severity", "sla_due_at"]
    _event(case, EventKind.TRIAGED, actor=None, actor_type=ActorType.MODEL, actor_label=model_version,
           now=now, before=before, after={**after, "explanation": explanation or {}})
    _save(case, now, *fields)
    _broadcast(case, EventKind.TRIAGED)
    return case


@transaction.atomic
def set_risk_flag(case: Case, *, risk: str, present: bool, actor, via: str, reason: str = "") -> Case:
    """Set (``present=True``) or remove a risk flag on ``case``, as an agent or the system.

    Triage only ever adds flags (apply_triage merges); removing a wrong one is a human decision,
    recorded as a ``case.risk_flag_changed`` event with the before/after lists. Severity is left
    as it is: a lower severity is a separate, explicit change. Nothing happens when the flag is
    already in the wanted state.
    """
    from casework.triage.engine import RISK_IDS

    case = _lock(case)
    _require(actor, case, Action.CHANGE_TRIAGE)
    _require_active(case, "reclassified")
    if risk not in RISK_IDS:
        raise ValidationFailed(_("Unknown risk flag %(risk)s.") % {"risk": risk},
                               details=[{"loc": ["risk"], "msg": "unknown"}])
    if (risk in case.risks) == present:
        return case
    now = timezone.now()
    before = list(case.risks)
    case.risks = sorted(set(before) | {risk}) if present else [r for r in before if r != risk]
    _event(case, EventKind.RISK_FLAG_CHANGED, actor=actor, now=now, before={"risks": before},
           after={"risks": case.risks, "risk": risk, "present": present}, note=clean_text(reason))
    _save(case, now, "risks")
    _audit(actor, "case.risk_flag_set" if present else "case.risk_flag_removed", case, via=via, risk=risk)
    _broadcast(case, EventKind.RISK_FLAG_CHANGED)
    return case


def record_case_view(case: Case, *, actor, via: str) -> None:
    """Audit a view of a restricted or safety-restricted case (normal cases are not logged)."""
    if case.confidentiality != Confidentiality.NORMAL:
        AuditLog.objects.create(actor=actor, action="case.viewed", object_type="case", object_id=str(case.pk),
                                via=via, details={"confidentiality": case.confidentiality})


def record_pii_reveal(case: Case, *, actor, via: str) -> None:
    """Audit that ``actor`` unmasked personal data on ``case``."""
    AuditLog.objects.create(actor=actor, action="case.pii_revealed", object_type="case", object_id=str(case.pk),
                            via=via)


def is_active_status(status: str) -> bool:
    return status in ACTIVE_STATUSES


# ---------------------------------------------------------------------------------------------
# directory: parties and reservations


@transaction.atomic
def create_party(*, display_name: str, identities: list[tuple[str, str]] = (), language: str = "",
                 external_id: str = "", actor, via: str) -> Party:
    """Create a party with its identities; an identity already owned by someone is a conflict."""
    from casework.cases.models import PartyIdentity
    from casework.intake.services import normalise_identity

    if actor is not None and not role_allows(actor, Action.DIRECTORY_WRITE):
        raise Forbidden()
    party = Party.objects.create(display_name=clean_text(display_name)[:200], language=language,
                                 external_id=external_id)
    for kind, value in identities:
        value = normalise_identity(kind, value)
        if PartyIdentity.objects.filter(kind=kind, value=value).exists():
            raise Conflict(_("The %(kind)s identity %(value)s already belongs to another party.") % {"kind": kind, "value": value})
        PartyIdentity.objects.create(party=party, kind=kind, value=value)
    AuditLog.objects.create(actor=actor, action="party.created", object_type="party", object_id=str(party.pk), via=via)
    return party


@transaction.atomic
def create_reservation(*, actor, via: str, host: Party, guest: Party, **fields) -> Reservation:
    if actor is not None and not role_allows(actor, Action.DIRECTORY_WRITE):
        raise Forbidden()
    fields["code"] = fields["code"].upper()
    if Reservation.objects.filter(code=fields["code"]).exists():
        raise Conflict(_("A reservation with this code already exists."))
    if fields["check_out"] < fields["check_in"]:
        raise ValidationFailed(_("Check-out is before check-in."), details=[{"loc": ["check_out"], "msg": "before check_in"}])
    reservation = Reservation.objects.create(host=host, guest=guest, **fields)
    AuditLog.objects.create(actor=actor, action="reservation.created", object_type="reservation",
                            object_id=str(reservation.pk), via=via)
    return reservation


# ---------------------------------------------------------------------------------------------
# care: sensitive media

REVEAL_WINDOW = timedelta(minutes=15)


@transaction.atomic
def reveal_sensitive_attachment(attachment, *, actor, via: str) -> None:
    """Record that ``actor`` deliberately looked at sensitive media (exposure is tracked).

    The reveal is valid for :data:`REVEAL_WINDOW`; after that the placeholder returns.
    """
    case = _lock(attachment.message.case)
    _require(actor, case, Action.REVEAL_SENSITIVE)
    AuditLog.objects.create(actor=actor, action="attachment.revealed", object_type="attachment",
                            object_id=str(attachment.pk), via=via, details={"case": case.pk})


def may_see_attachment(attachment, *, actor) -> bool:
    """Non-sensitive media: anyone who may open the case. Sensitive: only after a recent reveal."""
    if not attachment.sensitive:
        return True
    since = timezone.now() - REVEAL_WINDOW
    return AuditLog.objects.filter(actor=actor, action="attachment.revealed", object_type="attachment",
                                   object_id=str(attachment.pk), created_at__gte=since).exists()
