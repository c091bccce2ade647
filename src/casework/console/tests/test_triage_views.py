"""The triage card ("Why this triage?") and one-click corrections through the test client."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from casework.cases.enums import EventKind
from casework.cases.services import apply_triage
from casework.core.testing import PASSWORD, make_case
from casework.triage.models import CaseTriage, TriageLabel

pytestmark = pytest.mark.django_db

EXPLANATION = {
    "model_version": "demo@3", "rules_version": "2024.1",
    "language": {"language": "en", "confidence": 0.93, "scores": {}},
    "case_type": {"value": "payments.refund", "source": "model", "confidence": 0.81,
                  "alternatives": [["account.login", 0.07]], "notes": [],
                  "features": [{"kind": "word", "feature": "refund", "weight": 0.42},
                               {"kind": "word", "feature": "<b>money</b>", "weight": 0.2}]},
    "rules": [{"risk": "fraud_scam", "rule": "offplatform_payment", "matched": "bank transfer", "start": 0, "end": 1}],
    "frustration": {"score": 0.4, "model_negative": None, "cues": ["repeat_contact"]},
    "severity": {"severity": "S3", "priority": "P3", "reasons": ["type default S3"]},
}


def login(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


@pytest.fixture
def case(intake):
    case = make_case(team=intake, subject="Refund please", case_type="payments.refund")
    CaseTriage.objects.create(case=case, model_version="demo@3", case_type="payments.refund", confidence=0.81,
                              severity="S3", risks=["fraud_scam"], frustration=0.4,
                              frustration_trend={"direction": "rising", "slope": 0.1, "points": 2},
                              explanation=EXPLANATION, created_at=timezone.now())
    return apply_triage(case, model_version="demo@3", frustration=0.4)


class TestTriageCard:
    def test_case_page_loads_the_card_on_demand(self, personas, case):
        r = login(personas["associate"]).get(f"/cases/{case.pk}/")
        assert f'hx-get="/cases/{case.pk}/triage/"'.encode() in r.content

    def test_card_explains_the_result(self, personas, case):
        r = login(personas["associate"]).get(f"/cases/{case.pk}/triage/")
        body = r.content.decode()
        assert r.status_code == 200 and "Why this triage?" in body
        assert "demo@3" in body and "<code>refund</code>" in body and "offplatform_payment" in body
        assert "81 %" in body and "rising" in body and "type default S3" in body
        assert "<b>money</b>" not in body and "&lt;b&gt;money&lt;/b&gt;" in body  # words are escaped

    def test_an_unsure_learned_flag_is_marked_for_review(self, personas, case):
        triage = CaseTriage.objects.filter(case=case).latest("created_at")
        triage.explanation = {**EXPLANATION, "rules": [
            {"risk": "self_harm", "rule": "risk_model", "matched": "P=0.21", "unsure": True}]}
        triage.save(update_fields=["explanation"])
        body = login(personas["associate"]).get(f"/cases/{case.pk}/triage/").content.decode()
        assert "data-unsure" in body and "unsure: for review" in body
        client = login(personas["associate"])
        client.cookies["django_language"] = "fr"
        assert "incertain : à revoir" in client.get(f"/cases/{case.pk}/triage/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    def test_card_without_any_triage_says_so(self, personas, intake):
        other = make_case(team=intake)
        r = login(personas["associate"]).get(f"/cases/{other.pk}/triage/")
        assert b"has been triaged yet" in r.content

    def test_read_only_role_sees_no_correction_controls(self, personas, case):
        r = login(personas["stakeholder"]).get(f"/cases/{case.pk}/triage/")
        assert r.status_code == 200 and b"/triage/correct/" not in r.content

    def test_outsider_gets_403(self, personas, case):
        assert login(personas["outsider"]).get(f"/cases/{case.pk}/triage/").status_code == 403


class TestCorrections:
    def test_one_click_type_correction_returns_the_live_region_and_stores_a_label(self, personas, case):
        from casework.cases.models import CaseType

        CaseType.objects.get_or_create(slug="account.login", defaults={"names": {"en": "Login"}})
        agent = personas["associate"]
        r = login(agent).post(f"/cases/{case.pk}/triage/correct/", {"field": "case_type", "value": "account.login"},
                              headers={"HX-Request": "true"})
        assert r.status_code == 200 and b'id="timeline"' in r.content
        label = TriageLabel.objects.get()
        assert (label.actor, label.value, label.previous, label.model_version) == (
            agent, "account.login", "payments.refund", "demo@3")
        assert case.events.filter(kind=EventKind.TYPE_CHANGED, actor=agent).exists()

    def test_removing_a_risk_flag(self, personas, case):
        from casework.cases.services import set_risk_flag

        set_risk_flag(case, risk="fraud_scam", present=True, actor=None, via="test")
        r = login(personas["associate"]).post(f"/cases/{case.pk}/triage/correct/",
                                              {"field": "risk", "value": "-fraud_scam"}, headers={"HX-Request": "true"})
        case.refresh_from_db()
        assert r.status_code == 200 and case.risks == []

    def test_stakeholder_correction_is_refused_in_an_error_fragment(self, personas, case):
        r = login(personas["stakeholder"]).post(f"/cases/{case.pk}/triage/correct/",
                                                {"field": "severity", "value": "S1"}, headers={"HX-Request": "true"})
        assert r.status_code == 403 and b'class="flash error"' in r.content
        assert not TriageLabel.objects.exists()

    def test_bad_field_is_a_422(self, personas, case):
        r = login(personas["associate"]).post(f"/cases/{case.pk}/triage/correct/", {"field": "colour", "value": "x"},
                                              headers={"HX-Request": "true"})
        assert r.status_code == 422 and not TriageLabel.objects.exists()


class TestInFrench:
    """Errors raised by the services reach the agent in their language, Dismiss included."""

    def _fr(self, user) -> Client:
        c = login(user)
        c.cookies["django_language"] = "fr"
        return c

    def test_service_error_and_dismiss_label_are_translated(self, personas, intake, safety_team):
        case = make_case(team=intake)
        r = self._fr(personas["senior_associate"]).post(
            f"/cases/{case.pk}/transfer/", {"team": safety_team.pk, "note": "   "}, headers={"HX-Request": "true"})
        assert r.status_code == 422
        body = r.content.decode()
        assert "Une note de passation est requise" in body or "note de passation" in body
        assert 'aria-label="Fermer"' in body and "Dismiss" not in body

    def test_closed_case_refusal_is_a_whole_translated_sentence(self, personas, case):
        from casework.cases.enums import CaseStatus
        from casework.cases.services import change_status

        agent = personas["senior_associate"]
        change_status(case, status=CaseStatus.RESOLVED, actor=agent, via="test")
        change_status(case, status=CaseStatus.CLOSED, actor=agent, via="test")
        r = self._fr(agent).post(f"/cases/{case.pk}/triage/correct/", {"field": "severity", "value": "S1"},
                                 headers={"HX-Request": "true"})
        assert r.status_code == 409
        assert "Ce dossier est clos ; son tri ne peut pas être corrigé." in r.content.decode()

    def test_triage_card_in_spanish(self, personas, case):
        c = login(personas["associate"])
        c.cookies["django_language"] = "es"
        body = c.get(f"/cases/{case.pk}/triage/").content.decode()
        assert "¿Por qué esta clasificación?" in body and "Palabras que más pesaron" in body
