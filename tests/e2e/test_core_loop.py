"""The core loop in a real browser: login → queue → case → reply → note → triage → transfer → resolve.

After each step the state is checked through the REST API too, so a page that *looks* right
but did not write (or wrote something else) fails.
"""

from __future__ import annotations

import re

import pytest
from e2e_helpers import LIVE_TIMEOUT_MS, login, mark_page, page_was_not_reloaded, require_browser, screenshot
from playwright.sync_api import expect

require_browser()

pytestmark = pytest.mark.e2e


def _case(api, case_id: int) -> dict:
    r = api.get(f"/cases/{case_id}")
    assert r.status_code == 200, r.text
    return r.json()


def _messages(api, case_id: int) -> list[dict]:
    r = api.get(f"/cases/{case_id}/messages")
    assert r.status_code == 200, r.text
    return r.json()


def _timeline(api, case_id: int) -> list[dict]:
    r = api.get(f"/cases/{case_id}/timeline")
    assert r.status_code == 200, r.text
    return r.json()


def _kinds(api, case_id: int) -> list[str]:
    return [e["kind"] for e in _timeline(api, case_id)]


def test_wrong_password_shows_an_error(page, world):
    login(page, world, "senior", password="not-the-password-at-all")
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    # The username is kept so the agent only retypes the password.
    expect(page.locator("#id_username")).to_have_value(world.users["senior"])
    expect(page.locator("#id_password")).to_have_value("")
    screenshot(page, "09-login-error")


def test_logged_out_agent_is_sent_to_login(page, world):
    page.goto(f"/cases/{world.cases['core']}/")
    expect(page).to_have_url(re.compile(r"/login/\?next="))


def test_core_loop(page, world, api, page_events):
    case_id = world.cases["core"]
    start = _case(api, case_id)
    assert (start["team"], start["status"], start["owner"]) == ("intake", "new", None)

    # --- login lands on "My cases"; the team queue shows the new case --------------------------
    login(page, world, "senior", fresh=True)
    expect(page).to_have_url(re.compile(r"/cases/\?mine=1"))
    expect(page.locator("main h1")).to_have_text("My cases")
    expect(page.locator("section.empty")).to_contain_text("Nothing assigned to you")
    screenshot(page, "00-my-cases-empty")
    page.get_by_role("navigation", name="Queues").get_by_role("link", name=re.compile("^Intake")).click()
    expect(page).to_have_url(re.compile(r"team=intake"))
    row = page.locator("table.queue tr.row", has_text="Heating broken in the loft")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Grace Guest")
    screenshot(page, "01-queue")

    # --- open the case: header, the customer's message, the context column ----------------------
    row.get_by_role("link", name=re.compile("Heating broken")).click()
    expect(page).to_have_url(re.compile(rf"/cases/{case_id}/$"))
    expect(page.locator(".case-head h1")).to_have_text(re.compile("Heating broken in the loft"))
    timeline = page.locator("#timeline")
    expect(timeline.locator("article.msg-inbound")).to_contain_text("the heating does not work at all")
    expect(page.locator("aside.context")).to_contain_text("HMQ4KX7P")  # the linked reservation
    screenshot(page, "02-case")

    # --- take it: the owner changes in place ------------------------------------------------------
    mark_page(page)
    page.get_by_role("button", name="Take it").click()
    expect(page.locator(".case-head [data-owner]")).to_have_text("Sam Senior", timeout=LIVE_TIMEOUT_MS)
    assert _case(api, case_id)["owner"] == world.users["senior"]

    # --- reply through the composer: it appears without a reload ----------------------------------
    reply = "Hi Grace, I am sorry about the heating. A technician is on the way within the hour."
    page.locator("#composer input[name=mode][value=reply]").check()
    page.fill("#composer-body", reply)
    page.click("#composer button[data-action=send]")
    expect(timeline.locator("article.msg-outbound", has_text="technician is on the way")).to_be_visible(
        timeout=LIVE_TIMEOUT_MS)
    assert page_was_not_reloaded(page), "sending a reply reloaded the page instead of swapping the timeline"
    expect(page.locator("#composer-body")).to_have_value("")  # composer cleared after success
    screenshot(page, "03-after-reply")
    sent = [m for m in _messages(api, case_id) if m["direction"] == "outbound"]
    assert [m["body_text"] for m in sent] == [reply]
    assert sent[0]["visibility"] == "public"
    assert _case(api, case_id)["status"] == "pending_customer"  # the composer's default "then set status"

    # --- internal note (keyboard `n` picks the note tab): tinted and labelled ---------------------
    page.locator("main h1").click()  # focus out of the composer so the shortcut is not typed
    page.keyboard.press("n")
    expect(page.locator("#composer input[name=mode][value=note]")).to_be_checked()
    expect(page.locator("#composer-body")).to_be_focused()
    note = "Called the host: boiler reset remotely, check again tomorrow morning."
    page.keyboard.type(note)
    page.click("#composer button[data-action=send]")
    note_el = timeline.locator("article.msg-note", has_text="boiler reset remotely")
    expect(note_el).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(note_el.locator(".chip.note")).to_have_text("Internal note")
    inbound_bg = timeline.locator("article.msg-inbound").first.evaluate("e => getComputedStyle(e).backgroundColor")
    note_bg = note_el.evaluate("e => getComputedStyle(e).backgroundColor")
    assert note_bg != inbound_bg, "internal notes must be tinted differently from customer messages"
    screenshot(page, "04-after-note")
    notes = [m for m in _messages(api, case_id) if m["visibility"] == "internal"]
    assert [m["body_text"] for m in notes] == [note]
    assert page_was_not_reloaded(page)

    # --- severity through the "Type & severity" dialog ---------------------------------------------
    page.get_by_role("button", name="Type & severity").click()
    dlg = page.locator("#dlg-classify")
    expect(dlg).to_be_visible()
    dlg.locator("select[name=severity]").select_option("S2")
    dlg.get_by_role("button", name="Save").click()
    expect(dlg).to_be_hidden()
    expect(page.locator(".case-head .chip.sev")).to_have_class(re.compile(r"sev-S2"))
    assert _case(api, case_id)["severity"] == "S2"

    # --- status through the status dialog (keyboard `s`) ------------------------------------------
    page.locator("main h1").click()
    page.keyboard.press("s")
    dlg = page.locator("#dlg-status")
    expect(dlg).to_be_visible()
    dlg.locator("select[name=status]").select_option("pending_internal")
    dlg.get_by_role("button", name="Save").click()
    expect(dlg).to_be_hidden()
    expect(page.locator(".case-head [data-status]")).to_have_attribute("data-status", "pending_internal")
    assert _case(api, case_id)["status"] == "pending_internal"

    # --- transfer to Trust & Safety with a hand-off note ------------------------------------------
    page.get_by_role("button", name="Transfer / escalate").click()
    dlg = page.locator("#dlg-transfer")
    expect(dlg).to_be_visible()
    dlg.locator("select[name=team]").select_option(label="Trust & Safety")
    screenshot(page, "05-transfer-dialog")
    handoff = "Guest reports the host asked for extra cash for heating; please review for off-platform payment."
    dlg.locator("textarea[name=note]").fill(handoff)
    dlg.get_by_role("button", name="Transfer").click()
    # The senior associate is not in Trust & Safety: the console takes them back to their cases.
    expect(page).to_have_url(re.compile(r"/cases/\?mine=1"), timeout=LIVE_TIMEOUT_MS)
    after = _case(api, case_id)
    assert after["team"] == "safety"
    assert after["owner"] is None
    assert "case.transferred" in _kinds(api, case_id)
    handoffs = [m for m in _messages(api, case_id) if m["body_text"] == handoff]
    assert len(handoffs) == 1 and handoffs[0]["visibility"] == "internal"

    # --- the safety specialist sees it in their queue, with the hand-off note, and resolves -------
    page.context.clear_cookies()
    login(page, world, "specialist")
    page.goto("/cases/?team=safety")
    page.locator("table.queue tr.row", has_text="Heating broken in the loft").get_by_role(
        "link", name=re.compile("Heating broken")).click()
    expect(page).to_have_url(re.compile(rf"/cases/{case_id}/$"))
    handoff_el = page.locator("#timeline article.msg-note", has_text="off-platform payment")
    expect(handoff_el.locator(".chip.note")).to_have_text("Hand-off note")
    expect(page.locator(".case-head [data-team-name]")).to_have_text("Trust & Safety")
    mark_page(page)
    page.locator("button[data-action=resolve]").click()
    expect(page.locator(".case-head [data-status]")).to_have_attribute("data-status", "resolved",
                                                                      timeout=LIVE_TIMEOUT_MS)
    assert page_was_not_reloaded(page)
    expect(page.locator("button[data-action=resolve]")).to_have_count(0)
    final = _case(api, case_id)
    assert final["status"] == "resolved"
    kinds = _kinds(api, case_id)
    assert kinds[:2] == ["case.created", "message.received"], kinds
    for kind in ("case.assigned", "message.replied", "message.noted", "case.severity_changed", "case.transferred"):
        assert kind in kinds, (kind, kinds)
    # open (taking a new case), pending customer (reply), pending internal (dialog), resolved
    assert kinds.count("case.status_changed") == 4, kinds
    screenshot(page, "08-resolved-by-safety")
    assert not page_events.page_errors, page_events.page_errors
    assert not page_events.csp_violations(), page_events.csp_violations()


def test_transfer_without_note_is_refused_with_a_clear_error(page, world, api):
    case_id = world.cases["badtransfer"]
    before = _case(api, case_id)
    events_before = len(_timeline(api, case_id))

    login(page, world, "senior")
    page.goto(f"/cases/{case_id}/")
    expect(page.locator("#triage-card[data-loaded]")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    page.locator("main h1").click()
    page.keyboard.press("e")
    dlg = page.locator("#dlg-transfer")
    expect(dlg).to_be_visible()
    dlg.locator("select[name=team]").select_option(label="Trust & Safety")
    # Whitespace passes the browser's `required` check; the server must still refuse it.
    dlg.locator("textarea[name=note]").fill("   \n  ")
    dlg.get_by_role("button", name="Transfer").click()
    # The error must be readable where the agent is looking: inside the open dialog, not
    # behind the modal in #flash.
    flash = dlg.locator("[data-dialog-error] .flash.error")
    expect(flash).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(flash).to_contain_text("hand-off note is required")
    expect(flash).to_have_attribute("data-status", "422")
    assert dlg.evaluate("d => d.open")
    expect(page.locator("#flash .flash")).to_have_count(0)
    screenshot(page, "06-transfer-refused")
    expect(page.locator(".case-head [data-team-name]")).to_have_text("Intake")

    after = _case(api, case_id)
    assert after["team"] == before["team"] == "intake"
    assert after["owner"] == before["owner"]
    assert after["status"] == before["status"]
    assert len(_timeline(api, case_id)) == events_before

    # The error can be dismissed; a dialog closed and opened again starts without it.
    flash.locator("[data-dismiss]").click()
    expect(dlg.locator(".flash")).to_have_count(0)
    dlg.locator("textarea[name=note]").fill("   ")
    dlg.get_by_role("button", name="Transfer").click()
    expect(flash).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    dlg.get_by_role("button", name="Cancel").click()
    page.keyboard.press("e")
    expect(dlg).to_be_visible()
    expect(dlg.locator(".flash")).to_have_count(0)


def test_keyboard_j_enter_opens_a_case_and_question_mark_opens_help(page, world):
    login(page, world, "senior")
    page.goto("/cases/?team=intake")
    rows = page.locator("table.queue tr.row")
    expect(rows.first).to_be_visible()
    page.keyboard.press("?")
    help_dialog = page.locator("dialog#help")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_contain_text("Keyboard shortcuts")
    screenshot(page, "07-help")
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()

    page.keyboard.press("j")
    expect(rows.first).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("j")
    expect(rows.nth(1)).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("k")
    expect(rows.first).to_have_class(re.compile(r"\bselected\b"))
    href = rows.first.get_attribute("data-href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.locator(".case-head h1")).to_be_visible()

    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
