"""No script from a customer or an agent ever runs in the console.

Payloads go in through the API (customer text, customer HTML, subject, sender name, API reply
HTML) and through the console composer (reply and note), and are then opened in every screen
that shows them: queue, case page (first load and live update), search results (including a
reflected query). Each page must end with ``window.__xss`` undefined, no dialog, no CSP
violation (the sanitiser, not the CSP, must stop them: a CSP report means a payload reached the
DOM in executable form), and no dangerous element or attribute in the rendered DOM.
"""

from __future__ import annotations

import re

import pytest
from e2e_helpers import LIVE_TIMEOUT_MS, login, require_browser, screenshot
from playwright.sync_api import expect

require_browser()

pytestmark = pytest.mark.e2e

SET = "window.__xss=1"
SENDER_NAME = f'Mallory "><script>{SET};alert("name")</script>'
SUBJECT = f'zxqsubject "><script>{SET}</script><img src=x onerror="{SET};alert(1)"> refund'
TEXT = (f"zxqplain <script>{SET};alert('text')</script> <img src=x onerror=\"{SET};alert('img')\"> "
        f"<svg onload=\"{SET}\"></svg> <a href=\"javascript:{SET}\">zxqtextlink</a>")
HTML = (
    f"<p>zxqhtml hello <b>bold stays</b></p>"
    f"<script>{SET};alert('html')</script>"
    f"<img src=x onerror=\"{SET};alert(2)\">"
    f"<svg onload=\"{SET}\"><circle r=5 /></svg>"
    f"<a href=\"javascript:{SET};alert(3)\">zxqjslink</a> "
    f"<a href=\"JaVaScRiPt:{SET}\">zxqjslink2</a> "
    f"<a href=\"&#106;avascript:{SET}\">zxqjslink3</a> "
    f"<a href=\"data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;\">zxqdatalink</a> "
    f"<iframe src=\"javascript:{SET}\"></iframe>"
    f"<div onclick=\"{SET}\" style=\"background:url(javascript:alert(5))\">zxqclick</div>"
    f"<form action=\"javascript:{SET}\"><button>zxqformbtn</button></form>"
    f"<math><mtext><table><mglyph><style><img src=x onerror=\"{SET}\"></style></mglyph></table></mtext></math>"
    f"<noscript><p title=\"</noscript><img src=x onerror={SET}>\"></p></noscript>"
    f"<details open ontoggle=\"{SET}\">zxqdetails</details>"
)
AGENT_PAYLOAD = f"zxqagent <script>{SET};alert('agent')</script><img src=x onerror=\"{SET}\">"

# Anything in <main> that can run or load script. The console's own markup has none of these.
DANGEROUS = ", ".join([
    "main script", "main iframe", "main object", "main embed", "main svg", "main math", "main img", "main style",
    "main [onerror]", "main [onload]", "main [onclick]", "main [ontoggle]", "main [srcdoc]",
    # An empty style="" is left on form controls by htmx at runtime; any *non-empty* one is suspect.
    "main [style]:not([style=''])",
    "main a[href^='javascript' i]", "main a[href^='data:' i]", "main form[action^='javascript' i]",
])


def assert_clean(page, page_events, where: str) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined", f"a payload ran on {where}"
    assert not page_events.dialogs, f"a dialog fired on {where}: {page_events.dialogs}"
    bad = page.evaluate(f"Array.from(document.querySelectorAll({DANGEROUS!r})).map(e => e.outerHTML.slice(0, 200))")
    assert not bad, f"dangerous markup rendered on {where}: {bad}"
    assert not page_events.csp_violations(), f"CSP had to block something on {where}: {page_events.csp_violations()}"
    assert not page_events.page_errors, f"script errors on {where}: {page_events.page_errors}"


@pytest.fixture(scope="module")
def xss_case(world, api) -> int:
    r = api.post("/messages", json={
        "channel": "email", "sender": {"kind": "email", "value": "mallory@example.com", "name": SENDER_NAME},
        "subject": SUBJECT, "text": TEXT, "provider_message_id": "xss-1",
    })
    assert r.status_code == 201, r.text
    case_id = r.json()["case_id"]
    r = api.post("/messages", json={
        "channel": "email", "sender": {"kind": "email", "value": "mallory@example.com", "name": SENDER_NAME},
        "case_id": case_id, "html": HTML, "provider_message_id": "xss-2",
    })
    assert r.status_code == 201, r.text
    r = api.post(f"/cases/{case_id}/replies", json={
        "body": "zxqapireply fallback", "html": f"<p>zxqapireply</p><img src=x onerror=\"{SET}\"><script>{SET}</script>",
        "status_after": "open",
    })
    assert r.status_code == 201, r.text
    return case_id


def test_queue_shows_payloads_as_text(page, world, xss_case, page_events):
    login(page, world, "senior")
    response = page.goto("/cases/?team=intake")
    # Defence in depth: the CSP allows no inline script without the per-request nonce.
    csp = response.headers.get("content-security-policy", "")
    assert re.search(r"script-src 'self' 'nonce-[^']+'", csp), csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
    row = page.locator("table.queue tr.row", has_text="zxqsubject")
    expect(row).to_be_visible()
    # The subject and the sender's name are shown literally, as text.
    expect(row.locator("td.subject a")).to_contain_text('"><script>window.__xss=1</script>')
    expect(row).to_contain_text('Mallory "><script>')
    assert_clean(page, page_events, "the queue")


def test_case_page_sanitises_messages_and_escapes_agent_text(page, world, xss_case, page_events):
    login(page, world, "senior")
    page.goto(f"/cases/{xss_case}/")
    timeline = page.locator("#timeline")
    expect(page.locator(".case-head h1")).to_contain_text('zxqsubject "><script>')
    # Customer plain text: shown literally.
    expect(timeline).to_contain_text("zxqplain <script>window.__xss=1;alert('text')</script>")
    # Customer HTML: harmless formatting kept, everything executable dropped.
    html_msg = timeline.locator("article.msg-inbound", has_text="zxqhtml")
    expect(html_msg.locator("b", has_text="bold stays")).to_be_visible()
    expect(html_msg).to_contain_text("zxqjslink")
    expect(timeline).to_contain_text("zxqapireply")

    # Agent reply and note typed in the composer: literal text, not markup.
    page.locator("#composer input[name=mode][value=reply]").check()
    page.fill("#composer-body", AGENT_PAYLOAD + " reply")
    page.click("#composer button[data-action=send]")
    expect(timeline.locator("article.msg-outbound", has_text="zxqagent")).to_contain_text(
        "<script>window.__xss=1;alert('agent')</script>", timeout=LIVE_TIMEOUT_MS)
    page.locator("#composer input[name=mode][value=note]").check()
    page.fill("#composer-body", AGENT_PAYLOAD + " note")
    page.click("#composer button[data-action=send]")
    expect(timeline.locator("article.msg-note", has_text="zxqagent")).to_contain_text(
        '<img src=x onerror="window.__xss=1"> note', timeout=LIVE_TIMEOUT_MS)

    # Clicking the former javascript: links does nothing.
    for name in ("zxqjslink", "zxqjslink2", "zxqjslink3", "zxqtextlink", "zxqdatalink", "zxqclick"):
        target = timeline.get_by_text(name, exact=True)
        if target.count():
            target.first.click()
    page.wait_for_timeout(200)
    expect(page).to_have_url(re.compile(rf"/cases/{xss_case}/$"))
    screenshot(page, "10-xss-case")
    assert_clean(page, page_events, "the case page")

    # Reload: the stored agent reply/note render safely on a full page load too.
    page.reload()
    expect(timeline.locator("article.msg-note", has_text="zxqagent")).to_be_visible()
    assert_clean(page, page_events, "the case page after reload")


def test_live_update_path_is_sanitised_too(page, world, api, xss_case, page_events):
    login(page, world, "senior")
    page.goto(f"/cases/{xss_case}/")
    expect(page.locator("body")).to_have_attribute("data-live", "on", timeout=LIVE_TIMEOUT_MS)
    r = api.post("/messages", json={
        "channel": "email", "sender": {"kind": "email", "value": "mallory@example.com", "name": SENDER_NAME},
        "case_id": xss_case, "html": HTML.replace("zxqhtml", "zxqlive"), "provider_message_id": "xss-live",
    })
    assert r.status_code == 201, r.text
    expect(page.locator("#timeline article.msg-inbound", has_text="zxqlive")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    assert_clean(page, page_events, "the case page after a live update")


def test_search_results_and_reflected_query_are_safe(page, world, xss_case, page_events):
    login(page, world, "senior")
    page.fill("#q", "zxqplain")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=zxqplain"))
    row = page.locator("table.queue tr.row", has_text="zxqsubject")
    expect(row).to_be_visible()
    expect(row).to_contain_text('Mallory "><script>')
    screenshot(page, "11-search")
    assert_clean(page, page_events, "search results")

    # The query itself is echoed in the heading and the search box: escaped, not executed.
    query = f'"><script>{SET};alert("q")</script><img src=x onerror={SET}>'
    page.goto("/search/?q=" + re.sub(r"[^A-Za-z0-9]", lambda m: f"%{ord(m.group()):02X}", query))
    expect(page.locator("main h1")).to_contain_text('"><script>')
    expect(page.locator("#q")).to_have_value(query)
    assert_clean(page, page_events, "search with a hostile query")
