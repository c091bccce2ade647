"""Which cases an agent may see and act on. Used identically by console, API and CLI.

Scope rules (least privilege):
- admin: every case.
- QA reviewer: every case of normal confidentiality (reviews cross teams), read and note only.
- safety specialist: cases of their teams, plus every safety-restricted case.
- other roles: cases of their teams or owned by them; safety-restricted cases never;
  a read-only stakeholder sees normal-confidentiality cases only.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casework.accounts.enums import AgentRole
from casework.accounts.permissions import Action, role_allows, role_of
from casework.cases.enums import Confidentiality
from casework.cases.models import Case
from casework.core.errors import Forbidden, NotFound


def _team_ids(user) -> list[int]:
    cache = getattr(user, "_casework_team_ids", None)
    if cache is None:
        cache = list(user.agent.teams.values_list("id", flat=True))
        user._casework_team_ids = cache
    return cache


def visible_cases_q(user) -> Q:
    """A filter selecting exactly the cases ``user`` may open. Matches nothing for non-agents."""
    role = role_of(user)
    if role is None:
        return Q(pk__in=[])
    if role == AgentRole.ADMIN:
        return Q()
    if role == AgentRole.QA_REVIEWER:
        return Q(confidentiality=Confidentiality.NORMAL)
    levels = [Confidentiality.NORMAL]
    if role != AgentRole.STAKEHOLDER:
        levels.append(Confidentiality.RESTRICTED)
    scoped = (Q(team_id__in=_team_ids(user)) | Q(owner_id=user.pk)) & Q(confidentiality__in=levels)
    if role == AgentRole.SAFETY_SPECIALIST:
        return scoped | Q(confidentiality=Confidentiality.SAFETY_RESTRICTED)
    return scoped


def can_view_case(user, case: Case) -> bool:
    role = role_of(user)
    if role is None:
        return False
    if role == AgentRole.ADMIN:
        return True
    if role == AgentRole.QA_REVIEWER:
        return case.confidentiality == Confidentiality.NORMAL
    if case.confidentiality == Confidentiality.SAFETY_RESTRICTED:
        return role == AgentRole.SAFETY_SPECIALIST
    if case.confidentiality == Confidentiality.RESTRICTED and role == AgentRole.STAKEHOLDER:
        return False
    return case.team_id in _team_ids(user) or case.owner_id == user.pk


def check_case_action(user, case: Case, action: Action) -> None:
    """Raise :class:`Forbidden` unless ``user`` may do ``action`` on ``case``."""
    if not can_view_case(user, case) or not role_allows(user, action):
        raise Forbidden()


def visible_cases(user) -> QuerySet[Case]:
    return Case.objects.filter(visible_cases_q(user))


def access_case(user, case_id: int, *, action: Action = Action.VIEW, for_update: bool = False) -> Case:
    """Fetch a case for ``user`` and check ``action`` on it.

    Raises NotFound for an unknown id and Forbidden (which says nothing about the case) when the
    user may not act on it. With ``for_update`` the row is locked: call inside a transaction.
    """
    qs = Case.objects.select_related("team", "owner", "case_type")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    case = qs.filter(pk=case_id).first()
    if case is None:
        raise NotFound("No case with this number.")
    check_case_action(user, case, action)
    return case
