"""The real WSGI and ASGI entry points route bearer-token API requests through the short chain,
and the answers are the same as through the full chain (status, body, security headers)."""

from __future__ import annotations

import io
import json
import sys

import pytest
from asgiref.testing import ApplicationCommunicator
from django.test import Client

from casework.accounts import services as account_services
from casework.accounts.enums import TokenScope
from casework.core import handlers

pytestmark = pytest.mark.django_db(transaction=True)


def _wsgi(app, method: str, path: str, *, body: bytes = b"", headers: dict | None = None):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "testserver",
               "SERVER_PORT": "80", "HTTP_HOST": "testserver", "SERVER_PROTOCOL": "HTTP/1.1",
               "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
               "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body))}
    for k, v in (headers or {}).items():
        environ["HTTP_" + k.upper().replace("-", "_")] = v
    out = {}

    def start_response(status, response_headers, exc_info=None):
        out["status"] = int(status.split()[0])
        out["headers"] = {k.lower(): v for k, v in response_headers}

    out["body"] = b"".join(app(environ, start_response))
    return out


@pytest.fixture
def token(personas):
    return account_services.issue_token(user=personas["senior_associate"], name="t", scopes=list(TokenScope.values))


@pytest.fixture
def routed(monkeypatch):
    """The production WSGI app, counting which chain answered."""
    seen = []
    real = handlers.is_token_api

    def spy(path, auth):
        seen.append(real(path, auth))
        return seen[-1]

    monkeypatch.setattr(handlers, "is_token_api", spy)
    return handlers.wsgi_application(), seen


MESSAGE = json.dumps({"channel": "email", "sender": {"kind": "email", "value": "ana@example.com", "name": "Ana"},
                      "subject": "Refund", "text": "Where is my refund?"}).encode()


def test_token_request_takes_the_short_chain_and_gets_the_same_answer(routed, token, intake):
    app, seen = routed
    got = _wsgi(app, "POST", "/api/v1/messages", body=MESSAGE,
                headers={"Authorization": f"Bearer {token}", "Prefer": "respond-async"})
    assert seen == [True]
    assert got["status"] == 202, got["body"]
    assert got["headers"]["x-content-type-options"] == "nosniff"
    assert "x-frame-options" in got["headers"]
    assert "set-cookie" not in got["headers"]  # no session, no CSRF cookie for a machine client
    full = Client().get("/api/v1/teams", headers={"Authorization": f"Bearer {token}"})
    short = _wsgi(app, "GET", "/api/v1/teams", headers={"Authorization": f"Bearer {token}"})
    assert short["status"] == full.status_code == 200
    assert json.loads(short["body"]) == full.json()


def test_bad_token_is_refused_with_the_api_error_body_and_in_the_callers_language(routed, intake):
    app, seen = routed
    got = _wsgi(app, "GET", "/api/v1/cases", headers={"Authorization": "Bearer cw_nope_nope", "Accept-Language": "fr"})
    assert seen == [True] and got["status"] == 401
    body = json.loads(got["body"])
    assert body["error"]["code"]


def test_console_and_session_requests_take_the_full_chain(routed, personas):
    app, seen = routed
    got = _wsgi(app, "GET", "/login/")
    assert got["status"] == 200 and "csrftoken" in got["headers"].get("set-cookie", "")
    anonymous_api = _wsgi(app, "GET", "/api/v1/cases")
    assert anonymous_api["status"] == 401
    assert seen == [False, False]


@pytest.mark.asyncio
async def test_asgi_entry_point_routes_token_requests_too(token, intake):
    from casework.core.asgi import application

    scope = {"type": "http", "method": "GET", "path": "/api/v1/teams", "raw_path": b"/api/v1/teams",
             "query_string": b"", "headers": [(b"host", b"testserver"), (b"authorization", f"Bearer {token}".encode())],
             "scheme": "http", "server": ("testserver", 80), "client": ("127.0.0.1", 1), "http_version": "1.1",
             "asgi": {"version": "3.0"}}
    comm = ApplicationCommunicator(application, scope)
    await comm.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await comm.receive_output(10)
    body = await comm.receive_output(10)
    assert start["status"] == 200, body
    assert isinstance(json.loads(body["body"]), list)
