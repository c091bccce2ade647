"""One case per problem, whatever the channel; nothing is lost; retries are idempotent."""

from __future__ import annotations

import pytest

from casework.cases.models import Case, Message
from casework.core.errors import ValidationFailed
from casework.core.testing import inbound, make_party, make_reservation
from casework.intake.models import RawPayload, RawPayloadStatus
from casework.intake.services import InboundMessage, receive_message, store_raw_payload


class TestThreading:
    def test_same_thread_joins_the_same_case(self, intake):
        first = inbound(email="a@example.com", thread_key="chat-42", channel="chat")
        second = inbound(email="a@example.com", thread_key="chat-42", channel="chat", text="Are you there?")
        assert first.case.pk == second.case.pk and not second.case_created

    def test_other_problem_of_same_party_opens_a_new_case(self, intake):
        first = inbound(email="b@example.com", thread_key="t1")
        second = inbound(email="b@example.com", thread_key="t2", text="Different question about my payout")
        assert second.case_created and second.case.pk != first.case.pk

    def test_same_reservation_joins_the_active_case_across_channels(self, intake):
        guest = make_party(email="c@example.com")
        reservation = make_reservation(guest=guest)
        first = inbound(email="c@example.com", reservation_code=reservation.code)
        second = inbound(email="c@example.com", reservation_code=reservation.code, channel="sms",
                         text="Texting too, the door code does not work")
        assert first.case.pk == second.case.pk
        assert set(first.case.messages.values_list("channel", flat=True)) == {"email", "sms"}

    def test_party_found_by_identity_case_insensitively(self, intake):
        first = inbound(email="Dee@Example.com")
        second = inbound(email="dee@example.COM", thread_key="x")
        assert first.message.author_party_id == second.message.author_party_id


class TestIdempotency:
    def test_provider_retry_gives_the_same_message(self, intake):
        first = inbound(email="d@example.com", provider_message_id="prov-1")
        again = inbound(email="d@example.com", provider_message_id="prov-1")
        assert again.duplicate and again.message.pk == first.message.pk
        assert Message.objects.filter(provider_message_id="prov-1").count() == 1


class TestNothingIsLost:
    def test_raw_payload_survives_a_rejected_message(self, intake):
        raw = store_raw_payload(channel="api", body=b'{"text": ""}')
        with pytest.raises(ValidationFailed):
            receive_message(raw, InboundMessage(channel="email", sender_kind="email", sender_value="e@example.com",
                                                text=""))
        assert RawPayload.objects.filter(pk=raw.pk).exists()
        assert Case.objects.count() == 0

    def test_processed_payload_is_marked(self, intake):
        result = inbound(email="f@example.com")
        assert RawPayload.objects.get(pk=result.message.raw_payload_id).status == RawPayloadStatus.PROCESSED
