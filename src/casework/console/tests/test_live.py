"""Live updates and presence over WebSockets (Channels), delivered only after commit."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from casework.cases import services
from casework.core.testing import make_case


async def connect(user, path):
    from channels.routing import URLRouter

    from casework.console.routing import websocket_urlpatterns

    # Bypass session auth: put the user in the scope as AuthMiddleware would.
    comm = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    comm.scope["user"] = user
    connected, _ = await comm.connect()
    return comm, connected


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_case_page_hears_a_change_after_commit(personas, intake):
    case = await sync_to_async(make_case)(team=intake)
    comm, ok = await connect(personas["associate"], f"/ws/cases/{case.pk}/")
    assert ok

    def note_in_a_transaction_then_check_nothing_left_early():
        with transaction.atomic():
            services.add_internal_note(case, body="checking", actor=personas["associate"], via="test")

    await sync_to_async(note_in_a_transaction_then_check_nothing_left_early)()
    msg = await comm.receive_json_from(timeout=2)
    assert msg == {"case_id": case.pk, "kind": "message.noted"}
    await comm.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_rolled_back_change_is_never_announced(personas, intake):
    case = await sync_to_async(make_case)(team=intake)
    comm, ok = await connect(personas["associate"], f"/ws/cases/{case.pk}/")

    def failing():
        try:
            with transaction.atomic():
                services.add_internal_note(case, body="oops", actor=personas["associate"], via="test")
                raise RuntimeError("boom")
        except RuntimeError:
            pass

    await sync_to_async(failing)()
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_presence_shows_who_else_is_viewing_and_typing(personas, intake):
    case = await sync_to_async(make_case)(team=intake)
    first, _ = await connect(personas["associate"], f"/ws/cases/{case.pk}/")
    second, _ = await connect(personas["senior_associate"], f"/ws/cases/{case.pk}/")
    assert (await first.receive_json_from(timeout=2))["who"]["name"] == "Senior_Associate"
    assert (await second.receive_json_from(timeout=2))["presence"] == "here"
    await second.send_json_to({"typing": True})
    assert await first.receive_json_from(timeout=2) == {"presence": "typing", "who": {"id": personas["senior_associate"].pk, "name": "Senior_Associate"}}
    await first.disconnect()
    await second.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_outsider_socket_is_refused(personas, intake):
    case = await sync_to_async(make_case)(team=intake)
    _, ok = await connect(personas["outsider"], f"/ws/cases/{case.pk}/")
    assert not ok


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_transfer_tells_the_queue_it_leaves_and_the_one_it_joins(personas, intake, safety_team):
    case = await sync_to_async(make_case)(team=intake)
    old_queue, ok_old = await connect(personas["manager"], f"/ws/teams/{intake.pk}/")
    new_queue, ok_new = await connect(personas["admin"], f"/ws/teams/{safety_team.pk}/")
    assert ok_old and ok_new

    def transfer():
        with transaction.atomic():
            services.transfer_case(case, team=safety_team, actor=personas["senior_associate"], via="test",
                                   note="Safety: threat in the last message")

    await sync_to_async(transfer)()
    # one message per queue for the whole transaction, and no case id (the queue refetches its rows)
    assert await old_queue.receive_json_from(timeout=2) == {"changed": True, "kind": "case.transferred"}
    assert await new_queue.receive_json_from(timeout=2) == {"changed": True, "kind": "case.transferred"}
    assert await old_queue.receive_nothing(timeout=0.3) and await new_queue.receive_nothing(timeout=0.3)
    await old_queue.disconnect()
    await new_queue.disconnect()
