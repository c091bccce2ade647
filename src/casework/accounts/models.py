"""Agents, teams and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casework.accounts.enums import AgentRole


class Team(models.Model):
    """A team owns a queue. Its scope says what it handles (case types, languages, segments)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    # {"case_types": ["safety", "payments.refund"], "languages": ["fr"], "segments": ["luxury"]}
    scope = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgentProfile(models.Model):
    """What an authenticated user may do as an agent. A user without a profile is no agent."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent")
    display_name = models.CharField(max_length=120)
    role = models.CharField(max_length=32, choices=AgentRole.choices, default=AgentRole.ASSOCIATE)
    teams = models.ManyToManyField(Team, related_name="members", blank=True)
    languages = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(default=12)
    timezone = models.CharField(max_length=64, default="UTC")

    def __str__(self) -> str:
        return self.display_name


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a SHA-256 of the secret is stored.

    The token's effective rights are the owner's role rights narrowed by ``scopes``.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=120)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
