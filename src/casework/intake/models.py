"""Raw inbound payloads, stored before anything parses them."""

from __future__ import annotations

from django.db import models


class RawPayloadStatus(models.TextChoices):
    RECEIVED = "received"
    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    FAILED = "failed"


class RawPayload(models.Model):
    """Exactly what a channel sent, committed before parsing so nothing a customer sends is lost.

    A payload that fails to parse stays here with ``status=failed`` and the error, for replay.
    """

    channel = models.CharField(max_length=16)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField()
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=RawPayloadStatus.choices, default=RawPayloadStatus.RECEIVED)
    error = models.TextField(blank=True)
    submitted_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        indexes = [models.Index(fields=["status", "received_at"])]
