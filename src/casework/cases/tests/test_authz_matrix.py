"""Every API route × every role: the expected allow / deny, enforced by the same checks as the console."""

from __future__ import annotations

import pytest

from casework.core.testing import make_case, make_party, make_reservation

READ, NOTE, WORK, CONF, DIR_READ, DIR_WRITE, INTAKE = "read", "note", "work", "conf", "dir_read", "dir_write", "intake"

# Which kinds of route each persona may use on a normal case of the intake team.
ALLOWED = {
    "stakeholder": {READ},
    "qa_reviewer": {READ, NOTE},
    "associate": {READ, NOTE, WORK, DIR_READ, DIR_WRITE, INTAKE},
    "senior_associate": {READ, NOTE, WORK, CONF, DIR_READ, DIR_WRITE, INTAKE},
    "safety_specialist": {READ, NOTE, WORK, CONF, DIR_READ, DIR_WRITE, INTAKE},
    "manager": {READ, NOTE, WORK, CONF, DIR_READ, DIR_WRITE, INTAKE},
    "admin": {READ, NOTE, WORK, CONF, DIR_READ, DIR_WRITE, INTAKE},
    # An associate of another team: directory and intake yes, this team's case no.
    "outsider": {DIR_READ, DIR_WRITE, INTAKE, "list_only"},
}

# (name, kind, method, path, body); {case}, {other}, {party}, {code} are filled per test.
ROUTES = [
    ("list cases", "list", "get", "/cases", None),
    ("search", "list", "get", "/search?q=canal", None),
    ("teams", "list", "get", "/teams", None),
    ("case types", "list", "get", "/case-types", None),
    ("get case", READ, "get", "/cases/{case}", None),
    ("messages", READ, "get", "/cases/{case}/messages", None),
    ("timeline", READ, "get", "/cases/{case}/timeline", None),
    ("note", NOTE, "post", "/cases/{case}/notes", {"body": "checked"}),
    ("reply", WORK, "post", "/cases/{case}/replies", {"body": "hello"}),
    ("status", WORK, "post", "/cases/{case}/status", {"status": "pending_internal"}),
    ("severity", WORK, "post", "/cases/{case}/severity", {"severity": "S2"}),
    ("priority", WORK, "post", "/cases/{case}/priority", {"priority": "P2"}),
    ("type", WORK, "post", "/cases/{case}/type", {"case_type": "payments.refund"}),
    ("assign", WORK, "post", "/cases/{case}/assign", {"assignee": None}),
    ("transfer", WORK, "post", "/cases/{case}/transfer", {"team": "safety", "note": "handing over"}),
    ("escalate", WORK, "post", "/cases/{case}/escalate", {"team": "safety", "note": "escalating"}),
    ("link", WORK, "post", "/cases/{case}/links", {"case_id": "{other}", "kind": "related"}),
    ("tags", WORK, "put", "/cases/{case}/tags", {"tags": ["vip"]}),
    ("confidentiality", CONF, "post", "/cases/{case}/confidentiality", {"level": "restricted", "reason": "minor"}),
    ("create case", WORK, "post", "/cases", {"subject": "New", "team": "intake"}),
    ("post message", INTAKE, "post", "/messages", {"channel": "email", "sender": {"kind": "email", "value": "m@example.com"}, "text": "hi"}),
    ("get party", DIR_READ, "get", "/parties/{party}", None),
    ("create party", DIR_WRITE, "post", "/parties", {"display_name": "New Person"}),
    ("get reservation", DIR_READ, "get", "/reservations/{code}", None),
    ("create reservation", DIR_WRITE, "post", "/reservations", {"code": "NEWRES1", "listing_title": "x", "check_in": "2026-12-01", "check_out": "2026-12-02", "total_value": "10", "currency": "EUR", "host_id": "{party}", "guest_id": "{party}"}),
]


def _fill(value, ids):
    if isinstance(value, str):
        for key, v in ids.items():
            if value == "{" + key + "}":
                return v
            value = value.replace("{" + key + "}", str(v))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


def expected_allowed(who: str, kind: str) -> bool:
    if kind == "list":
        return True  # lists are allowed to every agent and filtered to what they may see
    return kind in ALLOWED[who]


@pytest.mark.parametrize("who", list(ALLOWED))
@pytest.mark.parametrize("name,kind,method,path,body", ROUTES, ids=[r[0] for r in ROUTES])
def test_route_role_matrix(api_for, intake, safety_team, who, name, kind, method, path, body):
    from casework.cases.models import CaseType

    CaseType.objects.get_or_create(slug="payments.refund", defaults={"names": {"en": "Refund"}})
    party = make_party()
    reservation = make_reservation(guest=party)
    case = make_case(team=intake, party=party, subject="Flooded flat by the canal")
    other = make_case(team=intake, subject="Related")
    ids = {"case": case.pk, "other": other.pk, "party": party.pk, "code": reservation.code}
    api = api_for(who)
    url = _fill(path, ids)
    if method == "get":
        r = api.client.get(f"/api/v1{url}", headers=api.headers)
    else:
        r = getattr(api, method)(url, _fill(body, ids))
    allowed = expected_allowed(who, kind)
    if allowed:
        assert 200 <= r.status_code < 300, f"{who} should be allowed {name}: {r.status_code} {r.content[:300]!r}"
    else:
        assert r.status_code == 403, f"{who} should be denied {name}: {r.status_code} {r.content[:300]!r}"
        assert r.json()["error"]["message"] == "You do not have permission to do this."


@pytest.mark.parametrize("who,visible", [("associate", False), ("senior_associate", False), ("manager", False),
                                         ("safety_specialist", True), ("admin", True), ("qa_reviewer", False),
                                         ("stakeholder", False)])
def test_safety_restricted_case_is_visible_to_safety_roles_only(api_for, intake, who, visible):
    case = make_case(team=intake, subject="Assault report", confidentiality="safety_restricted")
    api = api_for(who)
    assert api.get(f"/cases/{case.pk}").status_code == (200 if visible else 403)
    listed = [c["id"] for c in api.get("/cases", status="all").json()["items"]]
    assert (case.pk in listed) == visible
    found = [c["id"] for c in api.get("/search", q="assault").json()]
    assert (case.pk in found) == visible


@pytest.mark.parametrize("who,visible", [("associate", True), ("stakeholder", False), ("qa_reviewer", False),
                                         ("outsider", False)])
def test_restricted_case_is_visible_to_its_team_only(api_for, intake, who, visible):
    case = make_case(team=intake, subject="Restricted matter", confidentiality="restricted")
    assert (api_for(who).get(f"/cases/{case.pk}").status_code == 200) == visible
