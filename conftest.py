"""Shared fixtures: personas over two teams, and an API client with bearer tokens."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from casework.accounts import services as account_services
from casework.accounts.enums import AgentRole, TokenScope
from casework.core.testing import RoutingClientHandler, make_agent, make_team


@pytest.fixture
def intake(db):
    return make_team(slug="intake", name="Intake")


@pytest.fixture
def safety_team(db):
    return make_team(slug="safety", name="Trust & Safety")


@pytest.fixture
def personas(intake, safety_team):
    """One agent per role; all in the intake team except ``outsider`` (an associate elsewhere)."""
    people = {role.value: make_agent(role=role.value, teams=[intake], username=role.value) for role in AgentRole}
    people["outsider"] = make_agent(role=AgentRole.ASSOCIATE, teams=[safety_team], username="outsider")
    return people


class ApiClient:
    """Talks to /api/v1 with a bearer token, as an integration would."""

    def __init__(self, token: str):
        self.client = Client()
        self.client.handler = RoutingClientHandler()  # token requests take production's API chain
        self.headers = {"Authorization": f"Bearer {token}"}

    def _call(self, method: str, path: str, body=None, headers=None, raw: bytes | None = None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        return getattr(self.client, method)(f"/api/v1{path}", data=data, content_type="application/json",
                                            headers={**self.headers, **(headers or {})})

    def get(self, path, **kw):
        return self.client.get(f"/api/v1{path}", kw, headers=self.headers)

    def post(self, path, body=None, **kw):
        return self._call("post", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self._call("put", path, body, **kw)


@pytest.fixture
def api_for(personas):
    def make(who: str, scopes=None) -> ApiClient:
        user = personas[who]
        token = account_services.issue_token(user=user, name="test", scopes=list(scopes or TokenScope.values))
        return ApiClient(token)

    return make


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is right for production and far too slow for hundreds of test users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Every test starts as a fresh process would: its database is new and its ids repeat, so
    nothing an earlier test left in a cache (rail counts, dialog options, tokens) may leak in."""
    from django.core.cache import cache

    from casework.accounts import services as account_services
    from casework.console import views

    cache.clear()
    views._DIALOG_OPTIONS.clear()
    views._CASE_TYPE_OPTIONS.clear()
    account_services.forget_cached_tokens()
    yield
