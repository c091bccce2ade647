"""Raw inbound payloads, stored before anything parses them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class RawPayloadStatus(models.TextChoices):
    RECEIVED = "received"  # stored; the synchronous path is parsing it now
    QUEUED = "queued"  # accepted with 202; the intake worker will process it (see intake/batch.py)
    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    FAILED = "failed"


class RawPayload(models.Model):
    """Exactly what a channel sent, committed before parsing so nothing a customer sends is lost.

    A payload that fails to parse stays here with ``status=failed`` and the error, for replay.
    A payload accepted asynchronously (``queued``) gets its outcome in ``result`` once processed:
    the message, case and case number, as the synchronous endpoint would have answered.
    """

    channel = models.CharField(max_length=16)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField()
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=RawPayloadStatus.choices, default=RawPayloadStatus.RECEIVED)
    error = models.TextField(blank=True)
    submitted_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    idempotency_key = models.CharField(max_length=128, blank=True, default="")
    request_hash = models.CharField(max_length=64, blank=True, default="")
    result = models.JSONField(default=dict, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["status", "id"], name="intake_raw_status_id"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["submitted_by", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="intake_raw_idempotency_key"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} payload #{self.pk} ({self.status})"
