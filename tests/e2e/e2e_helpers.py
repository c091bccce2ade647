"""Shared helpers for the browser tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CASEWORK_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"

# How long a live update / HTMX swap may take before a test fails (milliseconds).
LIVE_TIMEOUT_MS = 5_000


def require_browser() -> None:
    """Skip the calling test module, loudly, when the browser stack is missing."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip("Debian chromium not installed: run the setup script "
                    f"(apt-get install chromium; looked for {CHROMIUM})", allow_module_level=True)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Python playwright not installed: pip install -e '.[test]'", allow_module_level=True)


@dataclass
class World:
    """What the seeding script created, plus where the server listens."""

    base_url: str
    token: str
    password: str
    users: dict[str, str]
    teams: dict[str, int]
    cases: dict[str, int]
    data_dir: Path
    log_path: Path
    extra: dict = field(default_factory=dict)

    def api(self):
        import httpx

        return httpx.Client(base_url=self.base_url + "/api/v1",
                            headers={"Authorization": f"Bearer {self.token}"}, timeout=10)


def login(page, world: World, who: str, *, password: str | None = None, fresh: bool = False) -> None:
    """Sign in through the real login form.

    The first successful login of each agent is kept (its session cookie) and reused by later
    tests, which saves an Argon2 round and a page load per test; ``fresh=True`` always types.
    """
    cached = world.extra.setdefault("sessions", {})
    if password is None and not fresh and who in cached:
        page.context.add_cookies(cached[who])
        page.goto("/")
        if "/login/" not in page.url:
            return
    page.goto("/login/")
    page.fill("#id_username", world.users[who])
    page.fill("#id_password", password if password is not None else world.password)
    page.click("button[type=submit]")
    if password is None:
        page.wait_for_url(lambda url: "/login/" not in url)
        cached[who] = page.context.cookies()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def mark_page(page) -> None:
    """Put a marker on ``window``: if it is gone later, the page was reloaded or navigated."""
    page.evaluate("window.__e2eMarker = 'still-here'")


def page_was_not_reloaded(page) -> bool:
    return page.evaluate("window.__e2eMarker") == "still-here"
