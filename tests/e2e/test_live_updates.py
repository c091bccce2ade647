"""Open pages update live (WebSocket via Channels), without a reload and without losing a draft."""

from __future__ import annotations

import pytest
from e2e_helpers import LIVE_TIMEOUT_MS, login, mark_page, page_was_not_reloaded, require_browser
from playwright.sync_api import expect

require_browser()

pytestmark = pytest.mark.e2e


def _open_live_case(page, world) -> int:
    case_id = world.cases["live"]
    login(page, world, "senior")
    page.goto(f"/cases/{case_id}/")
    # console.js sets data-live="on" once the socket is open: only then can a notice arrive.
    expect(page.locator("body")).to_have_attribute("data-live", "on", timeout=LIVE_TIMEOUT_MS)
    mark_page(page)
    return case_id


def test_new_inbound_message_appears_without_reload(page, world, api, page_events):
    case_id = _open_live_case(page, world)
    draft = "Draft reply the agent is still typing"
    page.fill("#composer-body", draft)

    r = api.post("/messages", json={
        "channel": "email", "sender": {"kind": "email", "value": "lena.live@example.com", "name": "Lena Live"},
        "case_id": case_id, "text": "zxqlive1 The host now threatens to cancel unless I pay today.",
        "provider_message_id": "live-1",
    })
    assert r.status_code == 201, r.text
    assert r.json()["case_id"] == case_id and not r.json()["case_created"]

    expect(page.locator("#timeline article.msg-inbound", has_text="zxqlive1")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    assert page_was_not_reloaded(page), "the page reloaded instead of updating live"
    expect(page.locator("#composer-body")).to_have_value(draft)  # the draft survives the live swap
    assert not page_events.page_errors, page_events.page_errors


def test_status_change_by_someone_else_appears_live(page, world, api):
    case_id = _open_live_case(page, world)
    status = page.locator(".case-head [data-status]")
    current = status.get_attribute("data-status")
    target = "pending_internal" if current != "pending_internal" else "open"
    r = api.post(f"/cases/{case_id}/status", json={"status": target})
    assert r.status_code == 200, r.text
    expect(status).to_have_attribute("data-status", target, timeout=LIVE_TIMEOUT_MS)
    assert page_was_not_reloaded(page)


def test_new_case_appears_in_open_team_queue(page, world, api):
    login(page, world, "senior")
    page.goto("/cases/?team=intake")
    expect(page.locator("table.queue tr.row").first).to_be_visible()
    mark_page(page)
    r = api.post("/messages", json={
        "channel": "chat", "sender": {"kind": "email", "value": "quinn.queue@example.com", "name": "Quinn Queue"},
        "subject": "zxqqueue Locked out of the apartment at night", "text": "The key box code does not work.",
        "provider_message_id": "live-queue-1",
    })
    assert r.status_code == 201, r.text
    expect(page.locator("table.queue tr.row", has_text="zxqqueue")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    assert page_was_not_reloaded(page)


def test_first_case_appears_in_an_empty_team_queue(page, world, api):
    login(page, world, "admin")
    page.goto("/cases/?team=intake&channel=sms")
    expect(page.locator("section.empty")).to_be_visible()
    expect(page.locator("body")).to_have_attribute("data-live", "on", timeout=LIVE_TIMEOUT_MS)
    mark_page(page)
    r = api.post("/messages", json={
        "channel": "sms", "sender": {"kind": "phone", "value": "+33612345678", "name": "Sacha Sms"},
        "text": "zxqempty The door code you sent does not open the building.", "provider_message_id": "live-empty-1",
    })
    assert r.status_code == 201, r.text
    expect(page.locator("table.queue tr.row", has_text="Sacha Sms")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    assert page_was_not_reloaded(page)
