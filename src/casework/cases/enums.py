"""Enumerations of the case aggregate (values are stable identifiers; labels are translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    PENDING_CUSTOMER = "pending_customer", _("Pending customer")
    PENDING_INTERNAL = "pending_internal", _("Pending internal")
    ON_HOLD = "on_hold", _("On hold")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


ACTIVE_STATUSES = (
    CaseStatus.NEW,
    CaseStatus.OPEN,
    CaseStatus.PENDING_CUSTOMER,
    CaseStatus.PENDING_INTERNAL,
    CaseStatus.ON_HOLD,
)


class Severity(models.TextChoices):
    S1 = "S1", _("S1 critical")
    S2 = "S2", _("S2 high")
    S3 = "S3", _("S3 normal")
    S4 = "S4", _("S4 low")


class Priority(models.TextChoices):
    P1 = "P1", _("P1 urgent")
    P2 = "P2", _("P2 high")
    P3 = "P3", _("P3 normal")
    P4 = "P4", _("P4 low")


class Segment(models.TextChoices):
    STANDARD = "standard", _("Standard")
    PREMIUM = "premium", _("Premium")
    LUXURY = "luxury", _("Luxury")


class Confidentiality(models.TextChoices):
    NORMAL = "normal", _("Normal")
    RESTRICTED = "restricted", _("Restricted")
    SAFETY_RESTRICTED = "safety_restricted", _("Safety-restricted")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Live chat")
    MESSAGING = "messaging", _("In-app messaging")
    SMS = "sms", _("SMS")
    VOICE = "voice", _("Voice call")
    WHATSAPP = "whatsapp", _("WhatsApp")
    MESSENGER = "messenger", _("Messenger")
    SOCIAL = "social", _("Social")
    API = "api", _("API")
    CONSOLE = "console", _("Console")


class IdentityKind(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    CHAT = "chat", _("Chat id")
    SOCIAL = "social", _("Social handle")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EXTERNAL = "external", _("Marketplace account id")


class PartyRole(models.TextChoices):
    GUEST = "guest", _("Guest")
    HOST = "host", _("Host")
    CO_HOST = "co_host", _("Co-host")
    THIRD_PARTY = "third_party", _("Third party")
    EMERGENCY_SERVICES = "emergency_services", _("Emergency services / law enforcement")
    INTERNAL = "internal", _("Internal stakeholder")


class MessageDirection(models.TextChoices):
    INBOUND = "inbound", _("Inbound")
    OUTBOUND = "outbound", _("Outbound")
    INTERNAL = "internal", _("Internal")


class MessageVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal note")


class LinkKind(models.TextChoices):
    DUPLICATE_OF = "duplicate_of", _("Duplicate of")
    RELATED = "related", _("Related to")
    PARENT_OF = "parent_of", _("Parent of")
    FOLLOW_UP_OF = "follow_up_of", _("Follow-up of")


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    GUEST = "guest", _("Guest")
    HOST = "host", _("Host")
    ALL = "all", _("Everyone in the case")


class ActorType(models.TextChoices):
    AGENT = "agent", _("Agent")
    PARTY = "party", _("Party")
    SYSTEM = "system", _("System")
    MODEL = "model", _("Model")


class EventKind(models.TextChoices):
    CREATED = "case.created", _("Case created")
    MESSAGE_RECEIVED = "message.received", _("Message received")
    REPLY_SENT = "message.replied", _("Reply sent")
    NOTE_ADDED = "message.noted", _("Internal note")
    ASSIGNED = "case.assigned", _("Assigned")
    TRANSFERRED = "case.transferred", _("Transferred")
    ESCALATED = "case.escalated", _("Escalated")
    STATUS_CHANGED = "case.status_changed", _("Status changed")
    TYPE_CHANGED = "case.type_changed", _("Type changed")
    SEVERITY_CHANGED = "case.severity_changed", _("Severity changed")
    PRIORITY_CHANGED = "case.priority_changed", _("Priority changed")
    CONFIDENTIALITY_CHANGED = "case.confidentiality_changed", _("Confidentiality changed")
    LINKED = "case.linked", _("Linked")
    TAGGED = "case.tagged", _("Tags changed")
    REOPENED = "case.reopened", _("Reopened")
    PARTY_ADDED = "case.party_added", _("Party added")
    RESERVATION_LINKED = "case.reservation_linked", _("Reservation linked")
    TRIAGED = "case.triaged", _("Triaged")
    RISK_FLAG_CHANGED = "case.risk_flag_changed", _("Risk flag changed")
