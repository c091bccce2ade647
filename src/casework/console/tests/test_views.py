"""The console through Django's test client: pages, actions, errors, care features."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from casework.cases.enums import Confidentiality
from casework.core.models import AuditLog
from casework.core.testing import PASSWORD, inbound, make_case
from casework.intake.services import InboundAttachment


def login(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


class TestPages:
    def test_anonymous_is_sent_to_login(self, client):
        r = client.get("/cases/")
        assert r.status_code == 302 and "/login/" in r["Location"]

    def test_queue_lists_team_cases_with_a_fixed_number_of_queries(self, personas, intake, django_assert_max_num_queries):
        for i in range(5):
            make_case(team=intake, subject=f"Case number {i}")
        c = login(personas["associate"])
        with django_assert_max_num_queries(14):
            r = c.get("/cases/?team=intake")
        assert r.status_code == 200 and r.content.count(b'class="row sev-') == 5
        for i in range(10):
            make_case(team=intake, subject=f"More {i}")
        with django_assert_max_num_queries(14):
            assert c.get("/cases/?team=intake").status_code == 200

    def test_empty_queue_says_what_to_do(self, personas, intake):
        r = login(personas["associate"]).get("/cases/?mine=1")
        assert b"Nothing assigned to you" in r.content

    def test_case_page_shows_parties_and_timeline(self, personas, intake):
        case = inbound(email="maria@example.com", name="María López", text="La llave no funciona").case
        r = login(personas["associate"]).get(f"/cases/{case.pk}/")
        assert r.status_code == 200
        assert "María López".encode() in r.content and "La llave no funciona".encode() in r.content
        assert b"maria@example.com" in r.content

    def test_outsider_gets_a_403_page_that_reveals_nothing(self, personas, intake):
        case = make_case(team=intake, subject="Private matter")
        r = login(personas["outsider"]).get(f"/cases/{case.pk}/")
        assert r.status_code == 403 and b"Private matter" not in r.content

    def test_restricted_case_view_is_audited(self, personas, intake):
        case = make_case(team=intake, confidentiality=Confidentiality.RESTRICTED)
        login(personas["associate"]).get(f"/cases/{case.pk}/")
        assert AuditLog.objects.filter(action="case.viewed", object_id=str(case.pk),
                                       actor=personas["associate"]).exists()

    def test_search_finds_by_email_and_respects_permissions(self, personas, intake, safety_team):
        visible = inbound(email="zoe.martin@example.com", text="Refund please").case
        hidden = make_case(team=safety_team, subject="zoe.martin@example.com report")
        r = login(personas["associate"]).get("/search/?q=zoe.martin@example.com")
        assert visible.number.encode() in r.content and hidden.number.encode() not in r.content


class TestActions:
    def test_reply_then_resolve_through_htmx(self, personas, intake):
        case = inbound(email="a@example.com").case
        c = login(personas["associate"])
        r = c.post(f"/cases/{case.pk}/reply/", {"mode": "reply", "body": "Sorted, refund issued.",
                                                "status_after": "pending_customer"}, HTTP_HX_REQUEST="true")
        assert r.status_code == 200 and b"Sorted, refund issued." in r.content
        r = c.post(f"/cases/{case.pk}/status/", {"status": "resolved"}, HTTP_HX_REQUEST="true")
        case.refresh_from_db()
        assert r.status_code == 200 and case.status == "resolved"

    def test_empty_reply_is_a_clear_error_and_changes_nothing(self, personas, intake):
        case = inbound(email="b@example.com").case
        before = case.messages.count()
        r = login(personas["associate"]).post(f"/cases/{case.pk}/reply/", {"mode": "reply", "body": " "},
                                              HTTP_HX_REQUEST="true")
        assert r.status_code == 422 and b"Write something" in r.content
        assert case.messages.count() == before

    def test_get_never_writes(self, personas, intake):
        case = make_case(team=intake)
        r = login(personas["associate"]).get(f"/cases/{case.pk}/status/?status=resolved")
        assert r.status_code == 405

    def test_login_is_throttled_after_repeated_failures(self, personas, settings):
        settings.CASEWORK_LOGIN_RATE = "3/5m"
        c = Client()
        for _ in range(3):
            c.post("/login/", {"username": "associate", "password": "wrong"})
        r = c.post("/login/", {"username": "associate", "password": PASSWORD})
        assert r.status_code == 429


class TestSensitiveMedia:
    @pytest.fixture
    def sensitive(self, intake):
        png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")
        result = inbound(email="victim@example.com", text="Photo of the injury attached",
                         attachments=[InboundAttachment("injury.png", "image/png", png, sensitive=True)])
        return result.message.attachments.get()

    def test_hidden_until_revealed_and_reveal_is_logged(self, personas, sensitive):
        c = login(personas["senior_associate"])
        page = c.get(f"/cases/{sensitive.message.case_id}/")
        assert b"Sensitive media hidden" in page.content and b'class="thumb"' not in page.content
        assert c.get(f"/attachments/{sensitive.pk}/").status_code == 403
        assert c.post(f"/attachments/{sensitive.pk}/reveal/", HTTP_HX_REQUEST="true").status_code == 200
        assert c.get(f"/attachments/{sensitive.pk}/").status_code == 200
        assert AuditLog.objects.filter(action="attachment.revealed", actor=personas["senior_associate"]).count() == 1

    def test_read_only_stakeholder_cannot_reveal(self, personas, sensitive):
        r = login(personas["stakeholder"]).post(f"/attachments/{sensitive.pk}/reveal/", HTTP_HX_REQUEST="true")
        assert r.status_code == 403


class TestPersonalData:
    def test_masked_until_revealed_and_reveal_is_logged(self, personas, intake):
        case = inbound(email="p@example.com", text="Call me on +33 6 12 34 56 78 or write to jo.doe@example.org. Card 4111 1111 1111 1111").case
        c = login(personas["associate"])
        page = c.get(f"/cases/{case.pk}/").content.decode()
        body = page.split('class="msg-body"')[1].split("</div>")[0]
        assert "+33 6 12 34 56 78" not in body and "jo.doe@example.org" not in body and "4111 1111" not in body
        c.post(f"/cases/{case.pk}/reveal-pii/", HTTP_HX_REQUEST="true")
        body = c.get(f"/cases/{case.pk}/").content.decode().split('class="msg-body"')[1].split("</div>")[0]
        assert "jo.doe@example.org" in body and "4111 1111" not in body
        assert AuditLog.objects.filter(action="case.pii_revealed", object_id=str(case.pk)).count() == 1
