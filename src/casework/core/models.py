"""Cross-domain records: the audit log and API idempotency keys."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditLog(models.Model):
    """Who did or saw what. Append-only; written in the same transaction as the change it records.

    Every write through a service appends a row, and so does every view of a restricted or
    safety-restricted case (``action="case.viewed"``).
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    via = models.CharField(max_length=16, default="console")  # console / api / cli / system
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}:{self.object_id}"


class IdempotencyKey(models.Model):
    """The stored response to a create request sent with an ``Idempotency-Key`` header.

    A retry with the same key and the same body gets the stored response; the same key with a
    different body is a 409 conflict.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=128)
    route = models.CharField(max_length=128)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")]

    def __str__(self) -> str:
        return f"{self.route} {self.key} ({self.status})"
