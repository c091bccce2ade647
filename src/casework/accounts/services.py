"""Agents, teams and API tokens.

Tokens look like ``cw_<prefix>_<secret>``. Only the prefix (for lookup) and a SHA-256 of the
whole token are stored; the token itself is shown once, when it is issued.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import datetime

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext

from casework.accounts.enums import AgentRole, TokenScope
from casework.accounts.models import AgentProfile, ApiToken, Team
from casework.core.errors import Throttled, Unauthenticated, ValidationFailed
from casework.core.models import AuditLog


@transaction.atomic
def create_team(*, slug: str, name: str, scope: dict | None = None, description: str = "", actor=None) -> Team:
    team = Team.objects.create(slug=slug, name=name, scope=scope or {}, description=description)
    AuditLog.objects.create(actor=actor, action="team.created", object_type="team", object_id=str(team.pk), via="cli")
    return team


@transaction.atomic
def create_agent(*, username: str, password: str | None, display_name: str, role: str, teams: list[Team] = (),
                 languages: list[str] = (), skills: list[str] = (), capacity: int = 12, timezone_name: str = "UTC",
                 email: str = "", is_superuser: bool = False, actor=None) -> User:
    """Create a login with an agent profile. ``password=None`` makes an account that cannot log in."""
    if role not in AgentRole.values:
        raise ValidationFailed(gettext("Unknown role %(role)s.") % {"role": role})
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(gettext("The username %(username)s is taken.") % {"username": username})
    user = User(username=username, email=email, is_staff=is_superuser, is_superuser=is_superuser)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    profile = AgentProfile.objects.create(user=user, display_name=display_name, role=role,
                                          languages=list(languages), skills=list(skills), capacity=capacity,
                                          timezone=timezone_name)
    profile.teams.set(teams)
    AuditLog.objects.create(actor=actor, action="agent.created", object_type="user", object_id=str(user.pk),
                            via="cli", details={"role": role})
    return user


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_token(*, user: User, name: str, scopes: list[str], expires_at: datetime | None = None, actor=None) -> str:
    """Create an API token for ``user`` and return it (the only time it is visible)."""
    unknown = set(scopes) - set(TokenScope.values)
    if unknown:
        raise ValidationFailed(gettext("Unknown scopes: %(scopes)s.") % {"scopes": ", ".join(sorted(unknown))})
    prefix = secrets.token_hex(4)
    token = f"cw_{prefix}_{secrets.token_urlsafe(32)}"
    ApiToken.objects.create(user=user, name=name, prefix=prefix, key_hash=_hash(token), scopes=sorted(scopes),
                            expires_at=expires_at)
    AuditLog.objects.create(actor=actor or user, action="token.issued", object_type="user", object_id=str(user.pk),
                            via="cli", details={"name": name, "scopes": sorted(scopes)})
    return token


# Verified tokens are remembered per process for a few seconds: an integration posting hundreds
# of messages a second would otherwise pay a token + user + agent read on every request. The
# price: a revoked token, a deactivated user or a changed role takes effect in other processes
# within TOKEN_CACHE_SECONDS (at once in the process that revoked it); expiry is always checked.
TOKEN_CACHE_SECONDS = 10.0
_token_cache: dict[str, tuple[float, User, frozenset[str], datetime | None]] = {}


def authenticate_token(raw: str) -> tuple[User, frozenset[str]]:
    """The user and scopes of a bearer token; raises :class:`Unauthenticated` otherwise."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != "cw":
        raise Unauthenticated(gettext("Invalid API token."))
    digest = _hash(raw)
    hit = _token_cache.get(digest)
    if hit is not None and hit[0] > time.monotonic() and (hit[3] is None or hit[3] > timezone.now()):
        return _clone(hit[1]), hit[2]  # a copy: requests never share a mutable user object
    token = ApiToken.objects.select_related("user", "user__agent").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        raise Unauthenticated(gettext("Invalid API token."))
    now = timezone.now()
    if token.revoked_at or (token.expires_at and token.expires_at <= now) or not token.user.is_active:
        raise Unauthenticated(gettext("This API token is expired or revoked."))
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # coarse, to keep writes rare
    scopes = frozenset(token.scopes)
    if len(_token_cache) >= 1000:
        _token_cache.clear()
    _token_cache[digest] = (time.monotonic() + TOKEN_CACHE_SECONDS, _clone(token.user), scopes,
                            token.expires_at)
    return token.user, scopes


def _copy_row(obj):
    """A shallow copy of a model instance: its field values, a fresh ``_state``, no cached
    relations. (``copy.copy`` goes through pickling's ``__reduce_ex__``: ten times slower.)"""
    new = obj.__class__.__new__(obj.__class__)
    new.__dict__ = {k: v for k, v in obj.__dict__.items() if k != "_state"}
    new._state = ModelState()
    new._state.db, new._state.adding = obj._state.db, obj._state.adding
    new._state.fields_cache = {}
    return new


def _clone(user: User) -> User:
    """A fresh copy of ``user`` and its agent profile (field values only; nothing shared that mutates)."""
    clone = _copy_row(user)
    cache = user._state.fields_cache
    if "agent" in cache:
        agent = cache["agent"]
        if agent is not None:
            agent_copy = _copy_row(agent)
            agent_copy._state.fields_cache["user"] = clone
            agent = agent_copy
        clone._state.fields_cache["agent"] = agent
    return clone


def forget_cached_tokens() -> None:
    """Drop this process's remembered tokens (after a revocation, a role or account change)."""
    _token_cache.clear()


@transaction.atomic
def revoke_token(token: ApiToken, *, actor) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    transaction.on_commit(forget_cached_tokens)
    AuditLog.objects.create(actor=actor, action="token.revoked", object_type="token", object_id=str(token.pk))


def _parse_rate(rate: str) -> tuple[int, int]:
    count, _, window = rate.partition("/")
    unit = {"s": 1, "m": 60, "h": 3600}[window[-1]]
    return int(count), int(window[:-1] or 1) * unit


def check_login_allowed(username: str, ip: str, rate: str) -> None:
    """Throttle password guessing per username and per address (cache-backed, fixed window)."""
    limit, window = _parse_rate(rate)
    for key in (f"login:u:{username.lower()}", f"login:ip:{ip}"):
        if cache.get(key, 0) >= limit:
            raise Throttled(gettext("Too many failed sign-in attempts. Wait a few minutes and try again."))


def record_login_failure(username: str, ip: str, rate: str) -> None:
    _, window = _parse_rate(rate)
    for key in (f"login:u:{username.lower()}", f"login:ip:{ip}"):
        if cache.add(key, 1, window) is False:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)
