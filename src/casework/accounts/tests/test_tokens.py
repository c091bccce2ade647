"""Bearer tokens: verified ones are remembered briefly per process; revocation and expiry still bite."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.accounts import services
from casework.accounts.models import ApiToken
from casework.core.errors import Unauthenticated


@pytest.fixture
def token(personas):
    return services.issue_token(user=personas["associate"], name="t", scopes=["cases:read"])


def test_a_remembered_token_gives_the_same_user_without_a_query(token, django_assert_num_queries):
    user, scopes = services.authenticate_token(token)
    with django_assert_num_queries(0):
        again, again_scopes = services.authenticate_token(token)
    assert again.pk == user.pk and again is not user and again_scopes == scopes == frozenset({"cases:read"})
    assert again.agent.role == user.agent.role


def test_a_wrong_secret_with_a_known_prefix_is_refused(token):
    services.authenticate_token(token)
    with pytest.raises(Unauthenticated):
        services.authenticate_token(token[:-2] + ("aa" if not token.endswith("aa") else "bb"))


def test_revocation_takes_effect_at_once_in_this_process(token, personas, django_capture_on_commit_callbacks):
    services.authenticate_token(token)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_token(ApiToken.objects.get(), actor=personas["admin"])
    with pytest.raises(Unauthenticated):
        services.authenticate_token(token)


def test_expiry_is_checked_even_for_a_remembered_token(token, monkeypatch):
    expires = timezone.now() + timedelta(minutes=5)
    ApiToken.objects.update(expires_at=expires)
    services.forget_cached_tokens()
    services.authenticate_token(token)  # remembered with its expiry
    monkeypatch.setattr(services.timezone, "now", lambda: expires + timedelta(seconds=1))
    with pytest.raises(Unauthenticated):
        services.authenticate_token(token)


def test_a_deactivated_user_is_refused_once_the_memory_lapses(token, personas, monkeypatch):
    services.authenticate_token(token)
    personas["associate"].is_active = False
    personas["associate"].save(update_fields=["is_active"])
    monkeypatch.setattr(services, "TOKEN_CACHE_SECONDS", 0.0)
    services.forget_cached_tokens()
    with pytest.raises(Unauthenticated):
        services.authenticate_token(token)
