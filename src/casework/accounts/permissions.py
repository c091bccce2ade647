"""What each role may do. Deny by default: an action not listed for a role is refused.

Which *cases* an agent may see is decided in :mod:`casework.cases.permissions`; this module
only says which *actions* a role has at all.
"""

from __future__ import annotations

from enum import StrEnum

from casework.accounts.enums import AgentRole


class Action(StrEnum):
    VIEW = "view"
    REPLY = "reply"
    NOTE = "note"
    ASSIGN = "assign"
    TRANSFER = "transfer"
    CHANGE_STATUS = "change_status"
    CHANGE_TRIAGE = "change_triage"  # type, severity, priority, tags
    LINK = "link"
    CHANGE_CONFIDENTIALITY = "change_confidentiality"
    CREATE_CASE = "create_case"
    DIRECTORY_READ = "directory_read"  # parties and reservations outside a case
    DIRECTORY_WRITE = "directory_write"
    REVEAL_SENSITIVE = "reveal_sensitive"


_WORKER = {
    Action.VIEW, Action.REPLY, Action.NOTE, Action.ASSIGN, Action.TRANSFER, Action.CHANGE_STATUS,
    Action.CHANGE_TRIAGE, Action.LINK, Action.CREATE_CASE, Action.DIRECTORY_READ, Action.DIRECTORY_WRITE,
    Action.REVEAL_SENSITIVE,
}

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    AgentRole.STAKEHOLDER: frozenset({Action.VIEW}),
    AgentRole.QA_REVIEWER: frozenset({Action.VIEW, Action.NOTE}),
    AgentRole.ASSOCIATE: frozenset(_WORKER),
    AgentRole.SENIOR_ASSOCIATE: frozenset(_WORKER | {Action.CHANGE_CONFIDENTIALITY}),
    AgentRole.SAFETY_SPECIALIST: frozenset(_WORKER | {Action.CHANGE_CONFIDENTIALITY}),
    AgentRole.MANAGER: frozenset(_WORKER | {Action.CHANGE_CONFIDENTIALITY}),
    AgentRole.ADMIN: frozenset(Action),
}


def role_of(user) -> str | None:
    """The agent role of ``user``, or None for anyone who is not an active agent."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "agent", None)
    return profile.role if profile else None


def role_allows(user, action: Action) -> bool:
    role = role_of(user)
    return role is not None and action in ROLE_ACTIONS.get(role, frozenset())
