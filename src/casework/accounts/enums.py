from django.db import models
from django.utils.translation import gettext_lazy as _


class AgentRole(models.TextChoices):
    """Agent roles, from least to most privileged where that ordering makes sense (see domain.md)."""

    STAKEHOLDER = "stakeholder", _("Read-only stakeholder")
    ASSOCIATE = "associate", _("Associate")
    SENIOR_ASSOCIATE = "senior_associate", _("Senior associate")
    SAFETY_SPECIALIST = "safety_specialist", _("Safety specialist")
    QA_REVIEWER = "qa_reviewer", _("QA reviewer")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Admin")


class TokenScope(models.TextChoices):
    CASES_READ = "cases:read", _("Read cases")
    CASES_WRITE = "cases:write", _("Change cases")
    MESSAGES_WRITE = "messages:write", _("Post messages")
    PARTIES_READ = "parties:read", _("Read parties")
    PARTIES_WRITE = "parties:write", _("Create parties")
    RESERVATIONS_READ = "reservations:read", _("Read reservations")
    RESERVATIONS_WRITE = "reservations:write", _("Create reservations")
    TEAMS_READ = "teams:read", _("Read teams")
