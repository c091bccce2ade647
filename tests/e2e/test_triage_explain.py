"""'Why this triage?' in a real browser: an agent opens a case the active model triaged, reads the
explanation (the words that weighed most, the model version), corrects the type in one click,
and the correction is stored as a training label by that agent and shows on the timeline.

A small model is trained and activated in the test server's data directory first (through the
``casework triage`` CLI, as an admin would); the server's embedded worker triages the new message.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time

import pytest
from e2e_helpers import (
    ARTIFACTS,
    LIVE_TIMEOUT_MS,
    REPO_ROOT,
    login,
    mark_page,
    page_was_not_reloaded,
    require_browser,
    screenshot,
)
from playwright.sync_api import expect

require_browser()

pytestmark = pytest.mark.e2e

TRAINING = [
    ("I want my money back for the cancelled stay", "payments.refund"),
    ("Please refund me, the listing was awful", "payments.refund"),
    ("refund please, we left early", "payments.refund"),
    ("where is my refund for the booking", "payments.refund"),
    ("the host cancelled, I need my money back", "payments.refund"),
    ("still no refund after two weeks", "payments.refund"),
    ("I can't log in to my account", "account.login"),
    ("password reset link does not work, cannot sign in", "account.login"),
    ("login keeps failing with an error", "account.login"),
    ("locked out of my account after too many tries", "account.login"),
    ("the sign in code never arrives", "account.login"),
    ("my account login is blocked", "account.login"),
    ("the lockbox code does not work and we cannot get the keys", "reservation.check_in"),
    ("no keys at the door, host not answering, check-in impossible", "reservation.check_in"),
    ("the smart lock code is wrong, we are waiting outside", "reservation.check_in"),
    ("check-in instructions missing, where are the keys", "reservation.check_in"),
    ("we cannot get into the apartment, no key", "reservation.check_in"),
    ("the key box is empty at check-in", "reservation.check_in"),
]
TRIAGE_TIMEOUT_S = 120
TEXT = "Hello, I want my money back: the host cancelled the stay and I still have no refund."


def _env(world) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTEST_VERSION", "PYTEST_CURRENT_TEST", "DATABASE_URL", "REDIS_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "casework.core.settings", "CASEWORK_DATA_DIR": str(world.data_dir)})
    return env


def _casework(world, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "casework", *args], env=_env(world), cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, f"casework {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return proc.stdout


def _labels(world, case_id: int) -> list[dict]:
    """The case's TriageLabel rows, read from the server's database in a separate process."""
    code = (
        "import json, django; django.setup()\n"
        "from casework.triage.models import TriageLabel\n"
        f"rows = TriageLabel.objects.filter(case_id={case_id}).select_related('actor')\n"
        "print(json.dumps([{'field': r.field, 'value': r.value, 'previous': r.previous, 'source': r.source,"
        " 'model_version': r.model_version, 'actor': r.actor.username if r.actor else None} for r in rows]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], env=_env(world), cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def triaged_case(world, api, tmp_path_factory) -> int:
    """Train + activate a small model, send a refund request, wait until the worker triaged it."""
    data = tmp_path_factory.mktemp("triage-e2e") / "train.csv"
    with open(data, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        w.writerows(TRAINING)
    _casework(world, "triage", "train", "--data", str(data), "--name", "e2e", "--activate")
    r = api.post("/messages", json={
        "channel": "email", "sender": {"kind": "email", "value": "rita.refund@example.com", "name": "Rita Refund"},
        "subject": "zxqtriage Still waiting for my refund", "text": TEXT, "provider_message_id": "triage-e2e-1",
    })
    assert r.status_code in (201, 202), r.text
    case_id = r.json()["case_id"]
    # Generous: the first triage in a fresh server loads every model, on a shared, loaded machine.
    deadline = time.monotonic() + TRIAGE_TIMEOUT_S
    while time.monotonic() < deadline:
        kinds = [e for e in api.get(f"/cases/{case_id}/timeline").json() if e["kind"] == "case.triaged"]
        if kinds and kinds[-1].get("actor_label", "e2e@1").startswith("e2e@"):
            return case_id
        time.sleep(0.3)
    pytest.fail(f"case {case_id} was not triaged by the e2e model within {TRIAGE_TIMEOUT_S} s:\n{world.log_path.read_text()[-3000:]}")


def test_agent_reads_why_and_corrects_the_type_in_one_click(page, world, api, triaged_case, page_events):
    case_id = triaged_case
    login(page, world, "senior")
    page.goto(f"/cases/{case_id}/")
    card = page.locator("#triage-card[data-loaded]")
    expect(card).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(card.locator("[data-triage=type]")).to_contain_text("Refund")
    mark_page(page)

    # --- "Why this triage?": the words that weighed most and the model version -----------------
    card.get_by_text("Why this triage?").click()
    why = card.locator("#triage-why")
    expect(why).to_have_attribute("open", "")
    expect(why.locator("[data-model-version]")).to_have_text("e2e@1")
    features = why.locator(".why-features li")
    expect(features.first).to_be_visible()
    words = " ".join(features.all_inner_texts()).lower()
    assert "refund" in words or "money" in words, words
    screenshot(page, "20-triage-why")
    why.scroll_into_view_if_needed()
    card.screenshot(path=str(ARTIFACTS / "20-triage-why-card.png"))

    # --- one click: "Not Refund?" -> account login ----------------------------------------------
    fix = card.locator("form.triage-fix").first
    fix.locator("select[name=value]").select_option("account.login")
    fix.get_by_role("button", name="Change").click()
    expect(page.locator("#triage-card[data-loaded] [data-triage=type]")).to_contain_text(
        re.compile("log", re.I), timeout=LIVE_TIMEOUT_MS)
    event = page.locator("#timeline .event[data-kind='case.type_changed']").last
    expect(event).to_contain_text("account.login")
    expect(event).to_contain_text("triage correction")
    expect(event).to_contain_text("Sam Senior")
    expect(page.locator("#triage-card .triage-labels")).to_contain_text("account.login")
    # The explanation the agent was reading stays open across the card's reload.
    expect(page.locator("#triage-card[data-loaded] #triage-why")).to_have_attribute("open", "")
    assert page_was_not_reloaded(page)
    screenshot(page, "21-triage-corrected")

    # --- the correction is a label by this agent, for retraining ---------------------------------
    labels = _labels(world, case_id)
    assert [(lb["field"], lb["value"], lb["previous"], lb["source"], lb["actor"], lb["model_version"])
            for lb in labels] == [("case_type", "account.login", "payments.refund", "correction",
                                   world.users["senior"], "e2e@1")]
    assert api.get(f"/cases/{case_id}").json()["case_type"] == "account.login"
    assert not page_events.page_errors and not page_events.csp_violations()
