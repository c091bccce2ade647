"""The case lifecycle through its commands: transitions, invariants, timeline and audit."""

from __future__ import annotations

import pytest

from casework.cases import services
from casework.cases.enums import CaseStatus, Confidentiality, EventKind
from casework.cases.models import TimelineEvent
from casework.core.errors import Conflict, Forbidden, ValidationFailed
from casework.core.models import AuditLog
from casework.core.testing import inbound, make_case


def replay(case) -> dict:
    """Rebuild status / owner / team / severity from the timeline alone."""
    state = {}
    for ev in TimelineEvent.objects.filter(case=case).order_by("created_at", "id"):
        for key in ("status", "owner", "team", "severity"):
            if key in ev.after:
                state[key] = ev.after[key]
    return state


def stored(case) -> dict:
    case.refresh_from_db()
    return {"status": case.status, "owner": case.owner_id, "team": case.team.slug, "severity": case.severity}


class TestLifecycle:
    def test_reply_takes_ownership_and_waits_for_customer(self, personas, intake):
        case = make_case(team=intake)
        services.post_reply(case, body="We are looking into it.", actor=personas["senior_associate"], via="test")
        case.refresh_from_db()
        assert case.owner == personas["senior_associate"]
        assert case.status == CaseStatus.PENDING_CUSTOMER

    def test_inbound_message_reopens_resolved_case(self, personas, intake):
        first = inbound(email="g1@example.com")
        case = first.case
        services.change_status(case, status=CaseStatus.RESOLVED, actor=personas["associate"], via="test")
        again = inbound(email="g1@example.com", case_id=case.pk, text="It happened again!")
        case.refresh_from_db()
        assert again.case.pk == case.pk
        assert case.status == CaseStatus.OPEN
        assert case.events.filter(kind=EventKind.REOPENED).exists()

    def test_inbound_message_on_closed_case_opens_linked_follow_up(self, personas, intake):
        case = inbound(email="g2@example.com").case
        services.change_status(case, status=CaseStatus.RESOLVED, actor=personas["associate"], via="test")
        services.change_status(case, status=CaseStatus.CLOSED, actor=personas["associate"], via="test")
        follow = inbound(email="g2@example.com", case_id=case.pk, text="Still waiting for my refund")
        assert follow.case_created and follow.case.pk != case.pk
        assert follow.case.links_out.get().to_case_id == case.pk

    def test_closed_case_cannot_be_reassigned(self, personas, intake):
        case = make_case(team=intake)
        services.change_status(case, status=CaseStatus.RESOLVED, actor=personas["associate"], via="test")
        services.change_status(case, status=CaseStatus.CLOSED, actor=personas["associate"], via="test")
        with pytest.raises(Conflict):
            services.assign_case(case, assignee=personas["associate"], actor=personas["manager"], via="test")

    def test_closed_is_final(self, personas, intake):
        case = make_case(team=intake)
        services.change_status(case, status=CaseStatus.RESOLVED, actor=personas["associate"], via="test")
        services.change_status(case, status=CaseStatus.CLOSED, actor=personas["associate"], via="test")
        with pytest.raises(Conflict):
            services.change_status(case, status=CaseStatus.OPEN, actor=personas["associate"], via="test")

    def test_on_hold_needs_a_reason(self, personas, intake):
        case = make_case(team=intake)
        with pytest.raises(ValidationFailed):
            services.change_status(case, status=CaseStatus.ON_HOLD, actor=personas["associate"], via="test")
        case.refresh_from_db()
        assert case.status == CaseStatus.NEW

    def test_transfer_needs_a_hand_off_note_and_clears_owner(self, personas, intake, safety_team):
        case = make_case(team=intake)
        services.assign_case(case, assignee=personas["associate"], actor=personas["associate"], via="test")
        with pytest.raises(ValidationFailed):
            services.transfer_case(case, team=safety_team, note="  ", actor=personas["associate"], via="test")
        services.transfer_case(case, team=safety_team, note="Guest reports a threat; needs T&S.",
                               actor=personas["associate"], via="test", escalate=True)
        case.refresh_from_db()
        assert case.team == safety_team and case.owner is None
        event = case.events.get(kind=EventKind.ESCALATED)
        assert event.message.visibility == "internal" and "threat" in event.note

    def test_severity_change_moves_sla_due(self, personas, intake):
        case = make_case(team=intake, severity="S3")
        before = case.sla_due_at
        services.change_severity(case, severity="S1", actor=personas["associate"], via="test")
        case.refresh_from_db()
        assert case.sla_due_at < before

    def test_stored_state_equals_replayed_timeline(self, personas, intake, safety_team):
        case = inbound(email="g3@example.com").case
        services.assign_case(case, assignee=personas["associate"], actor=personas["associate"], via="test")
        services.post_reply(case, body="Hi", actor=personas["associate"], via="test")
        services.change_severity(case, severity="S2", actor=personas["associate"], via="test")
        inbound(email="g3@example.com", case_id=case.pk, text="Any news?")
        services.transfer_case(case, team=safety_team, note="Over to T&S", actor=personas["associate"], via="test")
        services.change_status(case, status=CaseStatus.RESOLVED, actor=personas["admin"], via="test")
        assert replay(case) == stored(case)

    def test_every_write_is_audited_in_the_same_transaction(self, personas, intake):
        case = make_case(team=intake)
        services.add_internal_note(case, body="Checked the payout log.", actor=personas["associate"], via="test")
        assert AuditLog.objects.filter(action="message.noted", object_id=str(case.pk),
                                       actor=personas["associate"]).exists()


class TestPermissionsInServices:
    def test_qa_reviewer_cannot_reply(self, personas, intake):
        case = make_case(team=intake)
        with pytest.raises(Forbidden):
            services.post_reply(case, body="hi", actor=personas["qa_reviewer"], via="test")
        assert not case.messages.exists()

    def test_associate_outside_team_cannot_assign(self, personas, intake):
        case = make_case(team=intake)
        with pytest.raises(Forbidden):
            services.assign_case(case, assignee=personas["outsider"], actor=personas["outsider"], via="test")

    def test_cannot_assign_to_agent_who_may_not_see_the_case(self, personas, intake):
        case = make_case(team=intake, confidentiality=Confidentiality.SAFETY_RESTRICTED)
        with pytest.raises(ValidationFailed):
            services.assign_case(case, assignee=personas["associate"], actor=personas["admin"], via="test")

    def test_restricted_view_is_logged(self, personas, intake):
        case = make_case(team=intake, confidentiality=Confidentiality.RESTRICTED)
        services.record_case_view(case, actor=personas["senior_associate"], via="test")
        assert AuditLog.objects.filter(action="case.viewed", object_id=str(case.pk)).count() == 1


class TestSanitising:
    def test_html_is_sanitised_before_storage(self, intake):
        result = inbound(text=None, html='<p onclick="x()">Hi <script>alert(1)</script><img src=x onerror=alert(1)>'
                                           '<a href="javascript:alert(1)">link</a></p>')
        msg = result.message
        assert "<script" not in msg.body_html and "onerror" not in msg.body_html
        assert "onclick" not in msg.body_html and "javascript:" not in msg.body_html
        assert "Hi" in msg.body_text
