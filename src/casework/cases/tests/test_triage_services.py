"""apply_triage (language from the first inbound message, closed cases untouched) and
set_risk_flag (agents set or remove a flag, with a timeline event)."""

import pytest
from django.utils import timezone

from casework.accounts.enums import AgentRole
from casework.cases import services
from casework.cases.enums import CaseStatus, Channel, EventKind, MessageDirection
from casework.cases.models import Message
from casework.core.errors import Conflict, Forbidden, ValidationFailed
from casework.core.models import AuditLog
from casework.core.testing import make_agent, make_case

pytestmark = pytest.mark.django_db


def _inbound(case, text="hello"):
    return Message.objects.create(case=case, channel=Channel.EMAIL, direction=MessageDirection.INBOUND,
                                  body_text=text, created_at=timezone.now())


def _close(case, actor):
    services.change_status(case, status=CaseStatus.RESOLVED, actor=actor, via="test")
    return services.change_status(case, status=CaseStatus.CLOSED, actor=actor, via="test")


@pytest.fixture
def agent(intake):
    return make_agent(role=AgentRole.SENIOR_ASSOCIATE, teams=[intake], username="sam")


class TestTriageLanguage:
    def test_first_inbound_message_sets_the_case_language_and_its_own(self, intake):
        case = make_case(team=intake)
        first = _inbound(case)
        case = services.apply_triage(case, model_version="m@1", language="fr", message=first)
        first.refresh_from_db()
        assert case.language == "fr" and first.language == "fr"

    def test_later_message_in_another_language_does_not_flip_the_case(self, intake):
        case = make_case(team=intake)
        first, later = _inbound(case, "bonjour"), _inbound(case, "hello again")
        services.apply_triage(case, model_version="m@1", language="fr", message=first)
        case = services.apply_triage(case, model_version="m@1", language="en", message=later)
        later.refresh_from_db()
        assert case.language == "fr" and later.language == "en"
        last = case.events.filter(kind=EventKind.TRIAGED).order_by("-id").first()
        assert "language" not in last.after

    def test_later_message_fills_a_language_still_unknown(self, intake):
        case = make_case(team=intake)
        first, later = _inbound(case, "👍"), _inbound(case, "la llave no funciona")
        services.apply_triage(case, model_version="m@1", language="und", message=first)
        case = services.apply_triage(case, model_version="m@1", language="es", message=later)
        assert case.language == "es"


class TestTriageOnClosedCase:
    def test_closed_case_is_not_changed_by_triage(self, intake, agent):
        case = _close(make_case(team=intake), agent)
        events = case.events.count()
        message = _inbound(case, "URGENT fire")
        case = services.apply_triage(case, model_version="m@1", language="en", severity="S1",
                                     risks=["emergency"], frustration=0.9, message=message)
        case.refresh_from_db()
        assert (case.severity, case.risks, case.frustration, case.language) == ("S3", [], None, "und")
        assert case.events.count() == events
        message.refresh_from_db()
        assert message.language == "en"


class TestSetRiskFlag:
    def test_agent_sets_and_removes_a_flag_with_events_and_audit(self, intake, agent):
        case = make_case(team=intake)
        services.set_risk_flag(case, risk="fraud_scam", present=True, actor=agent, via="test")
        case = services.set_risk_flag(case, risk="fraud_scam", present=False, actor=agent, via="test", reason="not fraud")
        assert case.risks == []
        added, removed = case.events.filter(kind=EventKind.RISK_FLAG_CHANGED).order_by("id")
        assert added.after["risks"] == ["fraud_scam"] and removed.before["risks"] == ["fraud_scam"]
        assert removed.actor == agent and removed.note == "not fraud"
        assert AuditLog.objects.filter(action="case.risk_flag_removed", actor=agent, object_id=str(case.pk)).exists()

    def test_flag_already_in_that_state_changes_nothing(self, intake, agent):
        case = make_case(team=intake)
        services.set_risk_flag(case, risk="privacy", present=False, actor=agent, via="test")
        assert not case.events.filter(kind=EventKind.RISK_FLAG_CHANGED).exists()

    def test_unknown_flag_is_refused(self, intake, agent):
        with pytest.raises(ValidationFailed):
            services.set_risk_flag(make_case(team=intake), risk="bad_vibes", present=True, actor=agent, via="test")

    def test_outsider_and_closed_case_are_refused(self, intake, safety_team, agent):
        case = make_case(team=intake)
        outsider = make_agent(role=AgentRole.ASSOCIATE, teams=[safety_team], username="out")
        with pytest.raises(Forbidden):
            services.set_risk_flag(case, risk="privacy", present=True, actor=outsider, via="test")
        _close(case, agent)
        with pytest.raises(Conflict):
            services.set_risk_flag(case, risk="privacy", present=True, actor=agent, via="test")
