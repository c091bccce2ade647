"""Agents' corrections of triage: the case changes through the case services (timeline, audit,
permission, closed cases refused) and a label with its author is stored for retraining."""

import pytest

from casework.accounts.enums import AgentRole
from casework.cases.enums import ActorType, CaseStatus, EventKind
from casework.cases.models import CaseType
from casework.cases.services import change_status
from casework.core.errors import Conflict, Forbidden, ValidationFailed
from casework.core.models import AuditLog
from casework.core.testing import make_agent, make_case, make_team
from casework.triage import services
from casework.triage.enums import LabelSource
from casework.triage.models import TriageLabel

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    return tmp_path


@pytest.fixture
def team(db):
    return make_team(slug="intake")


@pytest.fixture
def agent(team):
    return make_agent(role=AgentRole.SENIOR_ASSOCIATE, teams=[team], username="sam")


@pytest.fixture
def triaged(data_dir, small_csv, team):
    """A case whose first message the active 'small' model triaged as a refund."""
    from django.utils import timezone

    from casework.cases.enums import Channel, MessageDirection
    from casework.cases.models import Message

    services.train_from_csv(small_csv, name="small")
    services.activate_model("small", 1)
    case = make_case(team=team, subject="money back")
    message = Message.objects.create(case=case, channel=Channel.EMAIL, direction=MessageDirection.INBOUND,
                                     body_text="I want my money back for the cancelled stay",
                                     created_at=timezone.now())
    services.triage_message(message.pk)
    case.refresh_from_db()
    assert case.case_type.slug == "payments.refund"
    return case


def _events(case, kind):
    return list(case.events.filter(kind=kind).order_by("id"))


class TestCorrectType:
    def test_type_correction_changes_the_case_and_stores_a_label_by_its_author(self, triaged, agent):
        label = services.correct_triage(triaged, field="case_type", value="account.login", actor=agent)
        triaged.refresh_from_db()
        assert triaged.case_type.slug == "account.login"
        assert (label.actor, label.previous, label.value, label.source, label.model_version) == (
            agent, "payments.refund", "account.login", LabelSource.CORRECTION, "small@1")
        [event] = [e for e in _events(triaged, EventKind.TYPE_CHANGED) if e.actor_type == ActorType.AGENT]
        assert event.actor == agent and event.after == {"case_type": "account.login"}
        assert event.note == services.CORRECTION_NOTE
        assert AuditLog.objects.filter(action="case.type_changed", actor=agent, object_id=str(triaged.pk)).exists()

    def test_corrected_type_is_what_retraining_learns(self, triaged, agent):
        services.correct_triage(triaged, field="case_type", value="account.login", actor=agent)
        texts, labels = services.labels_from_history()
        assert texts == ["I want my money back for the cancelled stay"] and labels == ["account.login"]

    def test_choosing_the_current_type_is_a_confirmation_without_a_case_change(self, triaged, agent):
        before = triaged.events.count()
        label = services.correct_triage(triaged, field="case_type", value="payments.refund", actor=agent)
        assert label.source == LabelSource.CONFIRMATION and triaged.events.count() == before

    def test_unknown_type_is_refused_and_nothing_is_stored(self, triaged, agent):
        with pytest.raises(ValidationFailed):
            services.correct_triage(triaged, field="case_type", value="no.such.type", actor=agent)
        assert not TriageLabel.objects.exists()


class TestCorrectSeverityAndRisks:
    def test_severity_correction_lowers_it_with_a_timeline_event(self, triaged, agent):
        services.correct_triage(triaged, field="severity", value="S4", actor=agent)
        triaged.refresh_from_db()
        assert triaged.severity == "S4"
        assert _events(triaged, EventKind.SEVERITY_CHANGED)[-1].actor == agent
        assert TriageLabel.objects.get().value == "S4"

    def test_removing_a_wrong_risk_flag(self, triaged, agent):
        services.correct_triage(triaged, field="risk", value="+fraud_scam", actor=agent)
        label = services.correct_triage(triaged, field="risk", value="-fraud_scam", actor=agent)
        triaged.refresh_from_db()
        assert "fraud_scam" not in triaged.risks
        assert (label.previous, label.value, label.source) == ("fraud_scam", "-fraud_scam", LabelSource.CORRECTION)
        added, removed = _events(triaged, EventKind.RISK_FLAG_CHANGED)
        assert added.after["present"] is True and removed.after["present"] is False
        assert removed.before["risks"] == ["fraud_scam"] and removed.after["risks"] == [] and removed.actor == agent

    def test_unknown_risk_is_refused(self, triaged, agent):
        with pytest.raises(ValidationFailed):
            services.correct_triage(triaged, field="risk", value="-made_up", actor=agent)


class TestWhoAndWhen:
    def test_agent_outside_the_team_may_not_correct(self, triaged):
        outsider = make_agent(role=AgentRole.ASSOCIATE, teams=[make_team(slug="elsewhere")], username="out")
        with pytest.raises(Forbidden):
            services.correct_triage(triaged, field="case_type", value="account.login", actor=outsider)
        triaged.refresh_from_db()
        assert triaged.case_type.slug == "payments.refund" and not TriageLabel.objects.exists()

    def test_read_only_stakeholder_may_not_even_confirm(self, triaged, team):
        viewer = make_agent(role=AgentRole.STAKEHOLDER, teams=[team], username="viewer")
        with pytest.raises(Forbidden):
            services.correct_triage(triaged, field="severity", value=triaged.severity, actor=viewer)
        assert not TriageLabel.objects.exists()

    def test_closed_case_cannot_be_corrected(self, triaged, agent):
        change_status(triaged, status=CaseStatus.RESOLVED, actor=agent, via="test")
        change_status(triaged, status=CaseStatus.CLOSED, actor=agent, via="test")
        with pytest.raises(Conflict):
            services.correct_triage(triaged, field="case_type", value="account.login", actor=agent)
        assert not TriageLabel.objects.exists()
        assert CaseType.objects.filter(slug="account.login").exists()  # refused for the state, not the value


class TestTriageMessageLanguage:
    def test_reply_in_another_language_keeps_the_case_language(self, data_dir, team):
        from django.utils import timezone

        from casework.cases.enums import Channel, MessageDirection
        from casework.cases.models import Message

        case = make_case(team=team)
        texts = ["Bonjour, la clé ne fonctionne pas et nous attendons devant la porte depuis une heure.",
                 "Hello, any news? We are still waiting outside the apartment with our luggage."]
        messages = [Message.objects.create(case=case, channel=Channel.EMAIL, direction=MessageDirection.INBOUND,
                                           body_text=t, created_at=timezone.now()) for t in texts]
        for m in messages:
            services.triage_message(m.pk)
        case.refresh_from_db()
        assert case.language == "fr"
        assert [Message.objects.get(pk=m.pk).language for m in messages] == ["fr", "en"]
