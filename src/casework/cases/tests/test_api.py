"""The REST API as an integration uses it: bodies, errors, pagination, idempotency."""

from __future__ import annotations

import base64

import pytest
from django.test import override_settings

from casework.cases.models import Case, Message
from casework.core.testing import make_case, make_party
from casework.intake.models import RawPayload, RawPayloadStatus


def message_body(**over):
    body = {"channel": "chat", "sender": {"kind": "email", "value": "guest@example.com", "name": "Gabriela Ruiz"},
            "text": "El anfitrión canceló y llego esta noche.", "thread_key": "chat-1"}
    body.update(over)
    return body


class TestMessages:
    def test_new_message_opens_a_case_then_attaches(self, api_for, intake):
        api = api_for("associate")
        first = api.post("/messages", message_body())
        assert first.status_code == 201, first.content
        second = api.post("/messages", message_body(text="¿Hay alguien?"))
        assert second.status_code == 201
        assert first.json()["case_created"] and not second.json()["case_created"]
        assert first.json()["case_id"] == second.json()["case_id"]
        assert first.json()["case_number"].startswith("CW-")

    def test_provider_retry_is_answered_200_with_the_same_ids(self, api_for, intake):
        api = api_for("associate")
        a = api.post("/messages", message_body(provider_message_id="wa-1"))
        b = api.post("/messages", message_body(provider_message_id="wa-1"))
        assert (a.status_code, b.status_code) == (201, 200)
        assert a.json()["message_id"] == b.json()["message_id"] and b.json()["duplicate"]

    def test_invalid_body_is_422_with_field_errors_and_raw_payload_kept(self, api_for, intake):
        api = api_for("associate")
        r = api.post("/messages", {"channel": "pigeon", "sender": {"kind": "email"}})
        assert r.status_code == 422
        locs = [tuple(d["loc"]) for d in r.json()["error"]["details"]]
        assert ("channel",) in locs and ("sender", "value") in locs
        raw = RawPayload.objects.get()
        assert raw.status == RawPayloadStatus.FAILED and b"pigeon" in bytes(raw.body)
        assert Case.objects.count() == 0

    def test_malformed_json_is_422(self, api_for, intake):
        r = api_for("associate").post("/messages", raw=b"{not json")
        assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2000)
    def test_oversized_body_is_413(self, api_for, intake):
        r = api_for("associate").post("/messages", message_body(text="x" * 5000))
        assert r.status_code == 413 and Case.objects.count() == 0

    @override_settings(CASEWORK_MAX_ATTACHMENT_BYTES=100)
    def test_oversized_attachment_is_413(self, api_for, intake):
        att = {"filename": "photo.png", "content_type": "image/png", "content_base64": base64.b64encode(b"x" * 500).decode()}
        r = api_for("associate").post("/messages", message_body(attachments=[att]))
        assert r.status_code == 413 and Message.objects.count() == 0

    def test_executable_attachment_is_refused(self, api_for, intake):
        att = {"filename": "invoice.exe", "content_type": "application/x-msdownload",
               "content_base64": base64.b64encode(b"MZ...").decode()}
        r = api_for("associate").post("/messages", message_body(attachments=[att]))
        assert r.status_code == 422 and "not accepted" in r.json()["error"]["message"]

    def test_attachment_stored_by_hash(self, api_for, intake):
        att = {"filename": "door.jpg", "content_type": "image/jpeg", "content_base64": base64.b64encode(b"jpegdata").decode()}
        r = api_for("associate").post("/messages", message_body(attachments=[att]))
        assert r.status_code == 201
        stored = Message.objects.get(pk=r.json()["message_id"]).attachments.get()
        assert stored.size == 8 and len(stored.sha256) == 64


class TestCases:
    def test_unknown_case_is_404(self, api_for, intake):
        r = api_for("associate").get("/cases/999999")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"

    def test_forbidden_reveals_nothing(self, api_for, intake):
        case = make_case(team=intake, subject="Very secret subject")
        r = api_for("outsider").get(f"/cases/{case.pk}")
        assert r.status_code == 403
        assert b"secret" not in r.content and r.json()["error"]["code"] == "forbidden"

    def test_no_token_is_401(self, client, intake):
        assert client.get("/api/v1/cases").status_code == 401

    def test_create_with_idempotency_key(self, api_for, intake):
        api = api_for("associate")
        body = {"subject": "Hidden camera in the smoke detector", "team": "intake", "severity": "S2"}
        a = api.post("/cases", body, headers={"Idempotency-Key": "k-1"})
        b = api.post("/cases", body, headers={"Idempotency-Key": "k-1"})
        assert a.status_code == b.status_code == 201 and a.json()["id"] == b.json()["id"]
        assert Case.objects.count() == 1
        c = api.post("/cases", {**body, "subject": "Other"}, headers={"Idempotency-Key": "k-1"})
        assert c.status_code == 409

    def test_core_loop_over_the_api(self, api_for, intake, safety_team, personas):
        api = api_for("associate")
        case_id = api.post("/messages", message_body()).json()["case_id"]
        assert api.post(f"/cases/{case_id}/assign", {"assignee": "associate"}).json()["owner"] == "associate"
        assert api.post(f"/cases/{case_id}/replies", {"body": "Lo sentimos, buscamos otro alojamiento."}).status_code == 201
        assert api.post(f"/cases/{case_id}/notes", {"body": "Relocation budget approved"}).status_code == 201
        assert api.post(f"/cases/{case_id}/severity", {"severity": "S2"}).json()["severity"] == "S2"
        moved = api.post(f"/cases/{case_id}/transfer", {"team": "safety", "note": "Guest mentions threats"})
        assert moved.status_code == 200 and moved.json()["team"] == "safety"
        admin = api_for("admin")
        assert admin.post(f"/cases/{case_id}/status", {"status": "resolved"}).json()["status"] == "resolved"
        kinds = [e["kind"] for e in admin.get(f"/cases/{case_id}/timeline").json()]
        assert kinds[:2] == ["case.created", "message.received"] and kinds[-1] == "case.status_changed"
        assert "case.transferred" in kinds

    def test_bad_transition_is_409_and_changes_nothing(self, api_for, intake):
        api = api_for("associate")
        case = make_case(team=intake)
        api.post(f"/cases/{case.pk}/status", {"status": "resolved"})
        api.post(f"/cases/{case.pk}/status", {"status": "closed"})
        r = api.post(f"/cases/{case.pk}/status", {"status": "open"})
        assert r.status_code == 409
        case.refresh_from_db()
        assert case.status == "closed"

    def test_cursor_pagination_walks_every_case_once(self, api_for, intake):
        for i in range(7):
            make_case(team=intake, subject=f"case {i}", party=make_party())
        api = api_for("associate")
        seen, cursor = [], None
        while True:
            page = api.get("/cases", team="intake", limit=3, **({"cursor": cursor} if cursor else {})).json()
            seen += [c["id"] for c in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert len(seen) == 7 and len(set(seen)) == 7

    def test_bad_cursor_is_422(self, api_for, intake):
        assert api_for("associate").get("/cases", cursor="garbage!!").status_code == 422

    def test_token_scopes_narrow_rights(self, api_for, intake):
        api = api_for("associate", scopes=["cases:read"])
        assert api.get("/cases").status_code == 200
        assert api.post("/messages", message_body()).status_code == 403

    def test_openapi_document_is_served(self, client):
        r = client.get("/api/v1/openapi.json")
        assert r.status_code == 200 and "/api/v1/messages" in r.json()["paths"]


class TestDirectory:
    def test_party_and_reservation_round_trip(self, api_for, intake):
        api = api_for("associate")
        host = api.post("/parties", {"display_name": "Henri Hôte", "identities": [{"kind": "phone", "value": "+33 6 12 34 56 78"}]})
        guest = api.post("/parties", {"display_name": "Gina Guest", "identities": [{"kind": "email", "value": "Gina@Example.com"}]})
        assert host.status_code == 201 and host.json()["identities"][0]["value"] == "+33612345678"
        r = api.post("/reservations", {"code": "hmx123", "listing_title": "Villa", "check_in": "2026-12-01",
                                       "check_out": "2026-12-05", "total_value": "12500.00", "currency": "EUR",
                                       "segment": "luxury", "host_id": host.json()["id"], "guest_id": guest.json()["id"]})
        assert r.status_code == 201 and r.json()["code"] == "HMX123"
        assert api.get("/reservations/HMX123").json()["total_value"] == "12500.00"

    def test_reservation_with_bad_currency_and_dates_is_422(self, api_for, intake):
        api = api_for("associate")
        p = api.post("/parties", {"display_name": "P"}).json()["id"]
        r = api.post("/reservations", {"code": "BAD1", "listing_title": "x", "check_in": "2026-12-05",
                                       "check_out": "2026-12-01", "total_value": "-1", "currency": "euro",
                                       "host_id": p, "guest_id": p})
        assert r.status_code == 422

    @pytest.mark.parametrize("who", ["stakeholder", "qa_reviewer"])
    def test_read_only_roles_cannot_read_the_directory(self, api_for, intake, who):
        api = api_for("associate")
        pid = api.post("/parties", {"display_name": "P"}).json()["id"]
        assert api_for(who).get(f"/parties/{pid}").status_code == 403
