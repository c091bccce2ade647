"""Seed the small world the browser tests run against; prints one JSON object on stdout.

Run with the venv's python and ``DJANGO_SETTINGS_MODULE=casework.core.settings`` after
``casework migrate`` (see conftest.py). Everything goes through the services, never the ORM
directly, so the seeded data looks exactly like production data.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.core.settings")

import django  # noqa: E402

django.setup()

from casework.accounts import services as accounts  # noqa: E402
from casework.cases import services as cases  # noqa: E402
from casework.cases.enums import IdentityKind  # noqa: E402
from casework.intake.services import InboundMessage, receive_message, store_raw_payload  # noqa: E402

PASSWORD = "e2e-Correct-Horse-42"


def inbound(*, email: str, name: str, subject: str, text: str, pid: str, reservation_code: str = "") -> int:
    msg = InboundMessage(channel="email", sender_kind=IdentityKind.EMAIL, sender_value=email, sender_name=name,
                         subject=subject, text=text, provider_message_id=pid, reservation_code=reservation_code)
    raw = store_raw_payload(channel="email", body=json.dumps({"subject": subject, "text": text}).encode())
    result = receive_message(raw, msg, actor=None, via="intake")
    return result.case.pk


def main() -> None:
    intake = accounts.create_team(slug="intake", name="Intake", description="First line")
    safety = accounts.create_team(slug="safety", name="Trust & Safety", description="Safety escalations")
    senior = accounts.create_agent(username="sam.senior", password=PASSWORD, display_name="Sam Senior",
                                   role="senior_associate", teams=[intake], languages=["en", "fr"])
    admin = accounts.create_agent(username="ada.admin", password=PASSWORD, display_name="Ada Admin",
                                  role="admin", is_superuser=True)
    specialist = accounts.create_agent(username="sofia.safety", password=PASSWORD, display_name="Sofia Safety",
                                       role="safety_specialist", teams=[safety], languages=["en", "es"])
    token = accounts.issue_token(user=admin, name="e2e", scopes=["messages:write", "cases:read", "cases:write"])

    guest = cases.create_party(display_name="Grace Guest", identities=[("email", "grace.guest@example.com")],
                               language="en", actor=None, via="seed")
    host = cases.create_party(display_name="Hugo Host", identities=[("email", "hugo.host@example.com")],
                              language="en", actor=None, via="seed")
    cases.create_reservation(actor=None, via="seed", host=host, guest=guest, code="HMQ4KX7P",
                             listing_title="Sunny loft by the canal", listing_city="Amsterdam",
                             listing_country="NL", check_in=date(2025, 12, 1), check_out=date(2025, 12, 5),
                             guests_count=2, total_value=Decimal("842.50"), currency="EUR")

    world = {
        "password": PASSWORD,
        "token": token,
        "users": {"senior": senior.username, "admin": admin.username, "specialist": specialist.username},
        "teams": {"intake": intake.pk, "safety": safety.pk},
        "cases": {
            "core": inbound(email="grace.guest@example.com", name="Grace Guest",
                            subject="Heating broken in the loft, listing said fully heated",
                            text="Hello, we arrived last night and the heating does not work at all. "
                                 "It is 12 degrees inside. The listing said fully heated. Please help.",
                            pid="seed-core-1", reservation_code="HMQ4KX7P"),
            "keyboard": inbound(email="kai.keys@example.com", name="Kai Keys",
                                subject="Refund for a cancelled stay has not arrived",
                                text="My host cancelled two weeks ago and I still have no refund.",
                                pid="seed-kbd-1"),
            "badtransfer": inbound(email="bo.bad@example.com", name="Bo Transfer",
                                   subject="Cannot log in to my account after password reset",
                                   text="The reset link says it expired every time I click it.",
                                   pid="seed-bad-1"),
            "live": inbound(email="lena.live@example.com", name="Lena Live",
                            subject="Host asks me to pay outside the platform",
                            text="The host wrote that I should send the money by bank transfer instead.",
                            pid="seed-live-1"),
        },
    }
    sys.stdout.write(json.dumps(world) + "\n")


if __name__ == "__main__":
    main()
