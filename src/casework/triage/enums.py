"""Enumerations of the triage app (values are stable identifiers)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    ACTIVE = "active", _("Active")
    SHADOW = "shadow", _("Shadow")
    RETIRED = "retired", _("Retired")


class RuleSetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class TriageRole(models.TextChoices):
    ACTIVE = "active", _("Active model")
    SHADOW = "shadow", _("Shadow model")
    RULES = "rules", _("Rules only")


class TriageStatus(models.TextChoices):
    OK = "ok", _("OK")
    RULES_ONLY = "rules_only", _("Rules only (model missing or broken)")
    FAILED = "failed", _("Failed")


class LabelField(models.TextChoices):
    CASE_TYPE = "case_type", _("Case type")
    SEVERITY = "severity", _("Severity")
    RISK = "risk", _("Risk flag")


class LabelSource(models.TextChoices):
    CORRECTION = "correction", _("Agent correction")
    CONFIRMATION = "confirmation", _("Agent confirmation")
    IMPORT = "import", _("Imported")
