"""Browser tests: a real `casework serve` on a seeded temp database, driven by Debian's chromium.

One server per session (migrate + seed + serve takes a few seconds); each test gets a fresh
browser context (no shared cookies). The server is always stopped, also when a test fails.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from e2e_helpers import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, World

SERVER_START_TIMEOUT = 30


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTEST_VERSION", "PYTEST_CURRENT_TEST", "DATABASE_URL", "REDIS_URL", "CASEWORK_DEBUG",
                        "CASEWORK_SECRET_KEY", "CASEWORK_LOGIN_RATE"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "casework.core.settings",
        "CASEWORK_DATA_DIR": str(data_dir),
        "CASEWORK_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def _run(cmd: list[str], env: dict[str, str], what: str) -> str:
    proc = subprocess.run(cmd, env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        pytest.fail(f"{what} failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc.stdout


def _log_tail(path: Path, n: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return "(no server log)"


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> World:
    """Migrate and seed a temp data dir, start `casework serve`, and stop it at the end."""
    import httpx

    data_dir = tmp_path_factory.mktemp("casework-e2e")
    env = _server_env(data_dir)
    casework = [sys.executable, "-m", "casework"]
    _run([*casework, "migrate", "--verbosity", "0"], env, "casework migrate")
    seeded = json.loads(_run([sys.executable, str(Path(__file__).with_name("seed_world.py"))], env,
                             "seeding").strip().splitlines()[-1])

    port = _free_port()
    log_path = data_dir / "server.log"
    log = log_path.open("w")
    proc = subprocess.Popen([*casework, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-migrate"],
                            env=env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"casework serve exited with {proc.returncode}:\n{_log_tail(log_path)}")
            try:
                if httpx.get(base_url + "/login/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"casework serve did not answer within {SERVER_START_TIMEOUT}s:\n{_log_tail(log_path)}")
            time.sleep(0.2)
        yield World(base_url=base_url, token=seeded["token"], password=seeded["password"], users=seeded["users"],
                    teams=seeded["teams"], cases=seeded["cases"], data_dir=data_dir, log_path=log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def api(world):
    with world.api() as client:
        yield client


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    for stale in ARTIFACTS.glob("FAILED-*.png"):  # failure shots of an earlier run would mislead
        stale.unlink()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


class PageEvents:
    """Everything a page did that a test may want to assert on."""

    def __init__(self):
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []

    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if "Content Security Policy" in m]


@pytest.fixture
def page_events() -> PageEvents:
    return PageEvents()


@pytest.fixture
def page(browser, world, page_events, request):
    context = browser.new_context(base_url=world.base_url, viewport={"width": 1440, "height": 900},
                                  locale="en-GB", timezone_id="Europe/Paris")
    context.set_default_timeout(10_000)
    pg = context.new_page()

    def on_dialog(dialog):
        page_events.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: page_events.page_errors.append(str(exc)))
    pg.on("console", lambda msg: page_events.console_errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            pg.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"), full_page=True)
        except Exception:  # noqa: BLE001 - a failed screenshot must not hide the real failure
            pass
    context.close()
