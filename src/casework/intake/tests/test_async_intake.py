"""``Prefer: respond-async``: 202 at once, then the intake worker's batch gives every message the
outcome the synchronous path gives (same routing rules), writing the common case in bulk."""

from __future__ import annotations

import base64

from django_tasks_db.models import DBTaskResult

from casework.cases import selectors
from casework.cases.enums import CaseStatus, EventKind
from casework.cases.models import Case, CaseParty, Message, PartyIdentity, SearchDoc, TimelineEvent
from casework.cases.tests.test_api import message_body
from casework.cases.tests.test_services import replay, stored
from casework.core.models import AuditLog
from casework.core.testing import make_party, make_reservation
from casework.intake import batch
from casework.intake.models import RawPayload, RawPayloadStatus

ASYNC = {"Prefer": "respond-async"}


def post_async(api, body, **headers):
    return api.post("/messages", body, headers={**ASYNC, **headers})


def outcome(api, accepted):
    r = api.get(f"/messages/accepted/{accepted.json()['accepted_id']}")
    assert r.status_code == 200, r.content
    return r.json()


class TestAccept:
    def test_202_stores_and_queues_then_the_batch_opens_the_case(self, api_for, intake):
        api = api_for("associate")
        r = post_async(api, message_body(thread_key="", subject="Locked out of the flat"))
        assert r.status_code == 202, r.content
        body = r.json()
        assert body["status"] == "queued" and body["status_url"].endswith(f"/{body['accepted_id']}")
        from casework.intake.api import AcceptedOut  # the documented shape, field for field

        assert AcceptedOut.model_validate(body).model_dump() == body
        assert Case.objects.count() == 0
        assert DBTaskResult.objects.filter(task_path="casework.intake.tasks.process_queued_payloads").exists()

        result = batch.process_queued_payloads()
        assert (result.taken, result.processed, result.bulk, result.failed) == (1, 1, 1, 0)
        done = outcome(api, r)
        assert done["status"] == "processed" and done["case_created"] and not done["duplicate"]
        case = Case.objects.get(pk=done["case_id"])
        assert done["case_number"] == case.number and case.subject == "Locked out of the flat"
        assert case.status == CaseStatus.NEW and case.team.slug == "intake"
        assert case.created_at == RawPayload.objects.get().received_at  # the SLA clock starts at receipt
        kinds = list(TimelineEvent.objects.filter(case=case).order_by("id").values_list("kind", flat=True))
        assert kinds == [EventKind.CREATED, EventKind.MESSAGE_RECEIVED]
        assert replay(case) == stored(case)
        assert AuditLog.objects.filter(action="case.created", object_id=str(case.pk)).exists()
        party = CaseParty.objects.get(case=case).party
        assert party.display_name == "Gabriela Ruiz"
        assert PartyIdentity.objects.get(party=party).value == "guest@example.com"
        assert set(SearchDoc.objects.filter(case=case).values_list("kind", flat=True)) == {"subject", "party", "message"}
        triage = DBTaskResult.objects.get(task_path="casework.triage.tasks.triage_messages")
        assert triage.args_kwargs["args"] == [[done["message_id"]]]

    def test_found_by_search_after_processing(self, api_for, personas, intake):
        api = api_for("associate")
        post_async(api, message_body(thread_key="", text="The balcony railing wobbles dangerously"))
        batch.process_queued_payloads()
        page = selectors.search_cases(personas["associate"], "railing")
        assert len(page) == 1

    def test_invalid_body_is_422_and_the_payload_is_kept(self, api_for, intake):
        api = api_for("associate")
        r = post_async(api, {"channel": "pigeon", "sender": {"kind": "email"}})
        assert r.status_code == 422
        raw = RawPayload.objects.get()
        assert raw.status == RawPayloadStatus.FAILED and b"pigeon" in bytes(raw.body)
        assert batch.process_queued_payloads().taken == 0

    def test_bad_sender_is_refused_synchronously(self, api_for, intake):
        r = post_async(api_for("associate"), message_body(sender={"kind": "email", "value": "not-an-address"}))
        assert r.status_code == 422 and "email" in r.json()["error"]["message"]

    def test_idempotency_key_replays_the_first_payload(self, api_for, intake):
        api = api_for("associate")
        a = post_async(api, message_body(), **{"Idempotency-Key": "k-1"})
        b = post_async(api, message_body(), **{"Idempotency-Key": "k-1"})
        assert (a.status_code, b.status_code) == (202, 202)
        assert a.json()["accepted_id"] == b.json()["accepted_id"] and RawPayload.objects.count() == 1
        c = post_async(api, message_body(text="another text"), **{"Idempotency-Key": "k-1"})
        assert c.status_code == 409

    def test_someone_elses_payload_is_404(self, api_for, intake):
        r = post_async(api_for("associate"), message_body())
        other = api_for("senior_associate")
        assert other.get(f"/messages/accepted/{r.json()['accepted_id']}").status_code == 404

    def test_without_the_right_nothing_is_stored(self, api_for, intake):
        r = post_async(api_for("stakeholder"), message_body())
        assert r.status_code == 403 and RawPayload.objects.count() == 0


class TestSameRulesAsTheSynchronousPath:
    def test_a_mixed_batch(self, api_for, intake):
        api = api_for("associate")
        guest = make_party(email="res@example.com")
        reservation = make_reservation(guest=guest)
        earlier = api.post("/messages", message_body(thread_key="old-thread", provider_message_id="p-old")).json()
        closed = Case.objects.create(subject="Old", team=intake, status=CaseStatus.CLOSED, created_at=_now(),
                                     updated_at=_now(), last_activity_at=_now(), sla_due_at=_now())
        CaseParty.objects.create(case=closed, party=guest, role="guest")
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 64).decode()
        sent = {
            "new_a": post_async(api, message_body(thread_key="t-a", text="first in thread a")),
            "joins_a": post_async(api, message_body(thread_key="t-a", text="second in thread a")),
            "joins_old": post_async(api, message_body(thread_key="old-thread", text="back again")),
            "dup_old": post_async(api, message_body(provider_message_id="p-old", thread_key="zz")),
            "new_b": post_async(api, message_body(thread_key="", provider_message_id="p-b",
                                                  sender={"kind": "phone", "value": "+33612345678"})),
            "dup_b": post_async(api, message_body(thread_key="", provider_message_id="p-b",
                                                  sender={"kind": "phone", "value": "+33612345678"})),
            "reservation": post_async(api, message_body(thread_key="", reservation_code=reservation.code,
                                                        sender={"kind": "email", "value": "res@example.com"})),
            "reservation_again": post_async(api, message_body(thread_key="", reservation_code=reservation.code,
                                                              sender={"kind": "email", "value": "res@example.com"},
                                                              text="still waiting")),
            "follow_up": post_async(api, message_body(thread_key="", case_id=closed.pk)),
            "no_such_case": post_async(api, message_body(thread_key="", case_id=999_999)),
            "attachment": post_async(api, message_body(thread_key="", attachments=[
                {"filename": "door.png", "content_type": "image/png", "content_base64": png}])),
        }
        assert {r.status_code for r in sent.values()} == {202}
        result = batch.process_queued_payloads()
        assert result.taken == len(sent) and result.failed == 1
        out = {name: outcome(api, r) for name, r in sent.items()}
        assert out["new_a"]["case_created"] and out["joins_a"]["case_id"] == out["new_a"]["case_id"]
        assert not out["joins_a"]["case_created"]
        assert out["joins_old"]["case_id"] == earlier["case_id"]
        assert out["dup_old"]["duplicate"] and out["dup_old"]["message_id"] == earlier["message_id"]
        assert out["dup_old"]["status"] == "duplicate"
        assert out["new_b"]["case_created"] and out["dup_b"]["duplicate"]
        assert out["dup_b"]["message_id"] == out["new_b"]["message_id"]
        assert out["reservation_again"]["case_id"] == out["reservation"]["case_id"]
        assert out["follow_up"]["case_created"] and out["follow_up"]["case_id"] != closed.pk
        assert Case.objects.get(pk=out["follow_up"]["case_id"]).links_out.get().to_case_id == closed.pk
        assert out["no_such_case"]["status"] == "failed" and "No case" in out["no_such_case"]["error"]
        assert Message.objects.get(pk=out["attachment"]["message_id"]).attachments.count() == 1
        assert Message.objects.filter(provider_message_id="p-b").count() == 1
        for name, o in out.items():
            if o["status"] == "processed":
                assert replay(Case.objects.get(pk=o["case_id"])) == stored(Case.objects.get(pk=o["case_id"])), name

    def test_a_failing_bulk_write_falls_back_one_by_one(self, api_for, intake, monkeypatch):
        api = api_for("associate")
        for i in range(3):
            post_async(api, message_body(thread_key="", text=f"message {i}"))

        def broken(self, *args, **kwargs):
            raise RuntimeError("bulk write failed")

        monkeypatch.setattr(batch._Batch, "_bulk_open_cases", broken)
        result = batch.process_queued_payloads()
        assert (result.processed, result.bulk, result.one_by_one) == (3, 0, 3)
        assert Case.objects.count() == 3

    def test_existing_party_is_reused(self, api_for, intake):
        party = make_party(email="guest@example.com")
        api = api_for("associate")
        post_async(api, message_body(thread_key=""))
        batch.process_queued_payloads()
        assert CaseParty.objects.get().party_id == party.pk


class TestTheTaskChain:
    def test_a_full_batch_queues_the_next_run(self, api_for, intake):
        from casework.intake.tasks import process_queued_payloads

        api = api_for("associate")
        for i in range(3):
            post_async(api, message_body(thread_key="", text=f"message {i}"))
        DBTaskResult.objects.all().delete()
        summary = process_queued_payloads.call(limit=2)
        assert summary["processed"] == 2
        assert DBTaskResult.objects.filter(task_path="casework.intake.tasks.process_queued_payloads").count() == 1
        DBTaskResult.objects.all().delete()
        assert process_queued_payloads.call(limit=2)["processed"] == 1
        assert DBTaskResult.objects.filter(task_path="casework.intake.tasks.process_queued_payloads").count() == 1
        DBTaskResult.objects.all().delete()
        assert process_queued_payloads.call(limit=2)["taken"] == 0
        assert not DBTaskResult.objects.filter(task_path="casework.intake.tasks.process_queued_payloads").exists()


class TestLiveUpdates:
    def test_one_intake_write_is_one_round_of_sends(self, api_for, intake, monkeypatch,
                                                    django_capture_on_commit_callbacks):
        from casework.console import live

        sent = []
        monkeypatch.setattr(live, "_send", lambda sends: sent.append(sends))
        api = api_for("associate")
        with django_capture_on_commit_callbacks(execute=True):
            r = api.post("/messages", message_body())
        assert r.status_code == 201
        case_id = r.json()["case_id"]
        assert sent == [[(f"case.{case_id}", {"type": "case.changed", "case_id": case_id,
                                              "kind": EventKind.MESSAGE_RECEIVED}),
                         (f"team.{intake.pk}", {"type": "case.changed", "case_id": case_id,
                                                "kind": EventKind.MESSAGE_RECEIVED})]]

    def test_a_batch_tells_each_team_once(self, api_for, intake, monkeypatch, django_capture_on_commit_callbacks):
        from casework.console import live

        sent = []
        monkeypatch.setattr(live, "_send", lambda sends: sent.append(sends))
        api = api_for("associate")
        for i in range(3):
            post_async(api, message_body(thread_key="", text=f"message {i}"))
        with django_capture_on_commit_callbacks(execute=True):
            batch.process_queued_payloads()
        assert sent == [[(f"team.{intake.pk}", {"type": "case.changed", "case_id": None,
                                                "kind": str(EventKind.CREATED)})]]


def _now():
    from django.utils import timezone

    return timezone.now()


class TestWithTheRealWorker:
    def test_casework_worker_opens_the_cases_and_triages_them(self, api_for, intake, monkeypatch):
        from django.core.management import call_command
        from django_tasks_db.management.commands import db_worker

        # the worker recycles connections between tasks; here everything runs in the test's transaction
        monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

        from casework.triage.models import MessageTriage

        api = api_for("associate")
        sent = [post_async(api, message_body(thread_key="", text=f"Smoke in the kitchen, message {i}"))
                for i in range(3)]
        DBTaskResult.objects.all().delete()  # the kicks are gone: the worker's start-up check must find them
        call_command("worker", batch=True, interval=0.01, verbosity=0)
        outcomes = [outcome(api, r) for r in sent]
        assert {o["status"] for o in outcomes} == {"processed"}
        assert MessageTriage.objects.filter(message_id__in=[o["message_id"] for o in outcomes]).count() >= 3
