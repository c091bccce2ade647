"""Builders and personas for tests (explicit, keyword-only; no hidden fixtures magic)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from casework.accounts import services as account_services
from casework.accounts.models import Team
from casework.cases import services as case_services
from casework.cases.enums import Confidentiality, IdentityKind, PartyRole, Segment
from casework.cases.models import Case, CaseType, Party, Reservation
from casework.intake.services import InboundMessage, receive_message, store_raw_payload

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"


def make_team(*, slug: str | None = None, name: str | None = None) -> Team:
    n = next(_seq)
    slug = slug or f"team-{n}"
    team = Team.objects.filter(slug=slug).first()
    return team or account_services.create_team(slug=slug, name=name or slug.replace("-", " ").title())


def make_agent(*, role: str, teams: list[Team] = (), username: str | None = None, languages=("en",)):
    username = username or f"{role}-{next(_seq)}"
    return account_services.create_agent(username=username, password=PASSWORD, display_name=username.title(),
                                         role=role, teams=list(teams), languages=list(languages))


def make_party(*, name: str = "Jane Guest", email: str | None = None, phone: str | None = None) -> Party:
    n = next(_seq)
    identities = [(IdentityKind.EMAIL, email or f"party{n}@example.com")]
    if phone:
        identities.append((IdentityKind.PHONE, phone))
    return case_services.create_party(display_name=name, identities=identities, actor=None, via="test")


def make_reservation(*, host: Party | None = None, guest: Party | None = None, segment: str = Segment.STANDARD,
                     value: str = "840.00", code: str | None = None) -> Reservation:
    n = next(_seq)
    return case_services.create_reservation(
        actor=None, via="test", host=host or make_party(name="Hank Host"), guest=guest or make_party(),
        code=code or f"HM{n:06d}", listing_title="Sunny loft by the canal", listing_city="Paris",
        listing_country="FR", listing_timezone="Europe/Paris", check_in=date.today() + timedelta(days=3),
        check_out=date.today() + timedelta(days=7), guests_count=2, total_value=Decimal(value), currency="EUR",
        segment=segment,
    )


def make_case(*, team: Team, subject: str = "Host cancelled on arrival day", party: Party | None = None,
              confidentiality: str = Confidentiality.NORMAL, case_type: str | None = None,
              reservation: Reservation | None = None, severity: str | None = None) -> Case:
    party = party or make_party()
    ct = CaseType.objects.get_or_create(slug=case_type, defaults={"names": {"en": case_type}})[0] if case_type else None
    return case_services.create_case(subject=subject, team=team, actor=None, via="test", case_type=ct,
                                     parties=[(party, PartyRole.GUEST)], confidentiality=confidentiality,
                                     reservation=reservation, severity=severity)


def inbound(*, text: str = "Hello, my host cancelled and I have nowhere to sleep tonight.", email: str = "guest@example.com",
            channel: str = "email", **fields):
    raw = store_raw_payload(channel=channel, body=(text or fields.get("html") or "").encode())
    msg = InboundMessage(channel=channel, sender_kind=IdentityKind.EMAIL, sender_value=email,
                         sender_name=fields.pop("name", "Jane Guest"), text=text, **fields)
    return receive_message(raw, msg)


class RoutingClientHandler:
    """The test client's handler, routed as production routes (core/handlers.py): bearer-token
    API requests through ``settings.API_TOKEN_MIDDLEWARE``, everything else through the full chain."""

    def __init__(self, *args, **kwargs):
        from django.test.client import ClientHandler

        from casework.core.handlers import _TokenChain

        class TokenClientHandler(_TokenChain, ClientHandler):
            pass

        self.full = ClientHandler(*args, **kwargs)
        self.token = TokenClientHandler(*args, **kwargs)

    def __call__(self, environ):
        from casework.core.handlers import is_token_api

        if is_token_api(environ.get("PATH_INFO", ""), environ.get("HTTP_AUTHORIZATION", "")):
            return self.token(environ)
        return self.full(environ)
