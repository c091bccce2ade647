"""Triage: the model registry, rule sets, results per message and per case, and labels.

Only :mod:`casework.triage.services` writes these rows. A model file lives under
``CASEWORK_DATA_DIR/triage/models/``; its row records the payload hash the file must still have
when it is loaded, the hash of the data it was trained on, its parameters and its metrics.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from casework.triage.enums import (
    LabelField,
    LabelSource,
    ModelStatus,
    RuleSetStatus,
    TriageRole,
    TriageStatus,
)


class TriageModel(models.Model):
    """One trained, stored model version. At most one is active and at most one is in shadow."""

    name = models.SlugField(max_length=64)
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=ModelStatus.choices, default=ModelStatus.CANDIDATE)
    file_path = models.CharField(max_length=300)  # relative to the data directory
    sha256 = models.CharField(max_length=64)  # of the file's payload (see engine.modelfile)
    training_data_sha256 = models.CharField(max_length=64)
    training_rows = models.PositiveIntegerField(default=0)
    labels = models.JSONField(default=list, blank=True)
    params = models.JSONField(default=dict, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    activated_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="triage_model_version_unique"),
            models.UniqueConstraint(fields=["status"], condition=Q(status="active"), name="triage_one_active_model"),
            models.UniqueConstraint(fields=["status"], condition=Q(status="shadow"), name="triage_one_shadow_model"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"


class RiskRuleSet(models.Model):
    """A version of the risk rules (JSON, see engine/data/risk_rules.json). One is active; none
    means the rules shipped with Casework."""

    version = models.CharField(max_length=40, unique=True)
    document = models.JSONField()
    status = models.CharField(max_length=16, choices=RuleSetStatus.choices, default=RuleSetStatus.DRAFT)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["status"], condition=Q(status="active"), name="triage_one_active_ruleset"),
        ]

    def __str__(self) -> str:
        return f"rules {self.version} ({self.status})"


class MessageTriage(models.Model):
    """The result of triaging one message with one model (``role``: the active model, a shadow
    candidate scored beside it, or rules only when no model could run)."""

    message = models.ForeignKey("cases.Message", on_delete=models.CASCADE, related_name="triage_results")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="message_triage")
    role = models.CharField(max_length=16, choices=TriageRole.choices)
    status = models.CharField(max_length=16, choices=TriageStatus.choices, default=TriageStatus.OK)
    model_version = models.CharField(max_length=120, blank=True)
    rules_version = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=8, default="und")
    case_type = models.CharField(max_length=64, blank=True)
    confidence = models.FloatField(default=0.0)
    needs_human_triage = models.BooleanField(default=True)
    risks = models.JSONField(default=list, blank=True)
    frustration = models.FloatField(null=True, blank=True)
    severity = models.CharField(max_length=2, blank=True)
    priority = models.CharField(max_length=2, blank=True)
    pii = models.JSONField(default=list, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.FloatField(default=0.0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["message", "role"]), models.Index(fields=["case", "created_at"]),
                   models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"message {self.message_id} {self.role} {self.status} {self.model_version}"


class CaseTriage(models.Model):
    """The case-level result after a message was triaged: what was applied to the case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="triage_history")
    message = models.ForeignKey("cases.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    model_version = models.CharField(max_length=120, blank=True)
    case_type = models.CharField(max_length=64, blank=True)
    confidence = models.FloatField(default=0.0)
    severity = models.CharField(max_length=2, blank=True)
    priority = models.CharField(max_length=2, blank=True)
    risks = models.JSONField(default=list, blank=True)
    frustration = models.FloatField(null=True, blank=True)
    frustration_trend = models.JSONField(default=dict, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self) -> str:
        return f"case {self.case_id} triaged by {self.model_version}"


class TriageLabel(models.Model):
    """A label for training: an agent's correction (or confirmation) of a triage field."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="triage_labels")
    message = models.ForeignKey("cases.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    field = models.CharField(max_length=16, choices=LabelField.choices)
    value = models.CharField(max_length=64)
    previous = models.CharField(max_length=64, blank=True)
    source = models.CharField(max_length=16, choices=LabelSource.choices, default=LabelSource.CORRECTION)
    model_version = models.CharField(max_length=120, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="triage_labels")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["field", "created_at"])]

    def __str__(self) -> str:
        return f"case {self.case_id} {self.field}={self.value}"
