"""Build the demo world: teams, agents, parties with their identities, reservations.

Everything goes through the account and case services, as an operator's tooling would. The
caller holds the transaction (one for the whole world: it is small).
"""

from __future__ import annotations

import random
import string
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from casework.accounts import services as account_services
from casework.accounts.enums import AgentRole
from casework.accounts.models import Team
from casework.cases import services as case_services
from casework.cases.enums import IdentityKind, Segment
from casework.cases.models import CaseType, Party, Reservation
from casework.demo.content import world as W

DEMO_USERNAMES = [a[0] for a in W.AGENTS]
DEMO_TEAM_SLUGS = [t[0] for t in W.TEAMS]
CASE_OWNER_ROLES = {AgentRole.ASSOCIATE, AgentRole.SENIOR_ASSOCIATE, AgentRole.SAFETY_SPECIALIST}
CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "O0I1")


@dataclass
class Person:
    """What the stories need to know about a party (kept in memory to avoid queries)."""

    party: Party
    language: str
    first_name: str
    email: str
    phone: str
    external_id: str
    whatsapp: str = ""
    social: str = ""
    reservations: list[Reservation] = field(default_factory=list)


@dataclass
class World:
    rng: random.Random
    teams: dict[str, Team]
    agents: dict[str, User]
    people: dict[int, Person]
    hosts: list[Person]
    guests: list[Person]
    reservations: list[Reservation]
    case_types: dict[str, CaseType]

    def person(self, party_id: int) -> Person:
        return self.people[party_id]

    def owners(self, team_slug: str, language: str) -> list[User]:
        """Agents of ``team_slug`` who may own cases, those speaking ``language`` first."""
        members = [u for u in self.agents.values()
                   if u.agent.role in CASE_OWNER_ROLES and team_slug in u.demo_teams]
        speaking = [u for u in members if language in u.agent.languages]
        return speaking or members

    def leads(self, team_slug: str) -> list[User]:
        """Agents of ``team_slug`` who may change confidentiality (senior associates, managers)."""
        return [u for u in self.agents.values()
                if u.agent.role in (AgentRole.SENIOR_ASSOCIATE, AgentRole.MANAGER) and team_slug in u.demo_teams]


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum() or c == ".")


def build_teams() -> dict[str, Team]:
    """The demo teams; one that already exists (``createadmin`` makes ``intake``) is reused."""
    existing = {t.slug: t for t in Team.objects.filter(slug__in=[row[0] for row in W.TEAMS])}
    return {slug: existing.get(slug) or account_services.create_team(slug=slug, name=name, scope=scope,
                                                                      description=description)
            for slug, name, description, scope in W.TEAMS}


def build_agents(teams: dict[str, Team], password: str) -> dict[str, User]:
    """One agent per row of ``W.AGENTS``. An ``admin`` that already exists (``casework createadmin``)
    is reused as it is, password included.

    Every demo login shares one password, so it is hashed once (Argon2 costs ~0.4 s a hash) and
    the stored hash is given to each account right after ``create_agent`` made it.
    """
    hashed = make_password(password)
    agents = {}
    for username, name, role, team_slugs, languages, skills, capacity, tz in W.AGENTS:
        existing = User.objects.filter(username=username, agent__isnull=False).select_related("agent").first()
        if existing is not None and username == "admin":
            existing.demo_teams = set(existing.agent.teams.values_list("slug", flat=True))
            existing.demo_reused = True
            agents[username] = existing
            continue
        user = account_services.create_agent(
            username=username, password=None, display_name=name, role=role,
            teams=[teams[s] for s in team_slugs], languages=languages, skills=skills, capacity=capacity,
            timezone_name=tz, email=f"{username}@casework.example.com", is_superuser=role == AgentRole.ADMIN,
        )
        user.password = hashed
        user.save(update_fields=["password"])
        user.demo_teams = set(team_slugs)  # in-memory only: saves a query per routing decision
        agents[username] = user
    return agents


class _Directory:
    """Hands out unique e-mail addresses, phone numbers, handles and reservation codes."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def unique(self, make) -> str:
        for _ in range(200):
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value
        raise RuntimeError("demo directory exhausted")

    def phone(self, country: str) -> str:
        def make():
            pattern = self.rng.choice(W.PHONE_FORMATS[country])
            return "".join(str(self.rng.randint(0, 9)) if c == "#" else c for c in pattern).replace(" ", "")
        return self.unique(make)

    def code(self) -> str:
        return self.unique(lambda: "HM" + "".join(self.rng.choice(CODE_ALPHABET) for _ in range(8)))


def build_person(rng: random.Random, directory: _Directory, language: str) -> Person:
    first = rng.choice(W.FIRST_NAMES[language])
    last = rng.choice(W.LAST_NAMES[language])
    country = rng.choice(W.LANGUAGE_COUNTRIES[language])
    email = directory.unique(lambda: f"{_ascii(first)}.{_ascii(last)}{rng.randint(1, 999)}@{rng.choice(W.EMAIL_DOMAINS)}")
    phone = directory.phone(country)
    external = directory.unique(lambda: f"U{rng.randint(10**8, 10**9 - 1)}")
    identities = [(IdentityKind.EMAIL, email), (IdentityKind.PHONE, phone), (IdentityKind.EXTERNAL, external)]
    whatsapp = phone if rng.random() < 0.5 else ""
    if whatsapp:
        identities.append((IdentityKind.WHATSAPP, whatsapp))
    social = ""
    if rng.random() < 0.35:
        social = directory.unique(lambda: f"@{_ascii(first)}{_ascii(last)[:6]}{rng.randint(1, 99)}")
        identities.append((IdentityKind.SOCIAL, social))
    if rng.random() < 0.15:  # a second, work address: several identities for one person
        identities.append((IdentityKind.EMAIL, directory.unique(
            lambda: f"{_ascii(first)[0]}{_ascii(last)}@work.{rng.choice(W.EMAIL_DOMAINS)}")))
    party = case_services.create_party(display_name=f"{first} {last}", identities=identities, language=language,
                                       external_id=external, actor=None, via="cli")
    return Person(party=party, language=language, first_name=first, email=email, phone=phone,
                  external_id=external, whatsapp=whatsapp, social=social)


def _language(rng: random.Random) -> str:
    return rng.choices(["en", "fr", "es"], weights=[50, 27, 23])[0]


def build_people(rng: random.Random, directory: _Directory, count: int) -> tuple[list[Person], list[Person],
                                                                                      list[tuple]]:
    """Hosts (each with listings in one city) and guests. Returns hosts, guests and listings."""
    listings = []  # (host person, city row, segment, title)
    hosts = []
    for city in W.CITIES:
        for segment, titles in city[6].items():
            for title in titles:
                reuse = hosts and hosts[-1][1] is city and rng.random() < 0.3  # some hosts own two listings
                if reuse:
                    host = hosts[-1][0]
                else:
                    language = city[5] if rng.random() < 0.8 else _language(rng)
                    host = build_person(rng, directory, language)
                    hosts.append((host, city))
                listings.append((host, city, segment, title))
    host_people = [h for h, _ in hosts]
    guests = [build_person(rng, directory, _language(rng)) for _ in range(max(count - len(host_people), 10))]
    return host_people, guests, listings


def build_reservations(rng: random.Random, directory: _Directory, listings: list[tuple], guests: list[Person],
                       count: int, today: date) -> list[Reservation]:
    weights = [{"standard": 3, "premium": 1.5, "luxury": 1}[seg] for _, _, seg, _ in listings]
    reservations = []
    for _ in range(count):
        host, city, segment, title = rng.choices(listings, weights=weights)[0]
        guest = rng.choice(guests)
        nights = rng.randint(4, 10) if segment == Segment.LUXURY else rng.randint(2, 9)
        check_in = today + timedelta(days=rng.randint(-30, 30))
        low, high = city[4]
        nightly = Decimal(rng.randint(low, high)) * Decimal(str(W.SEGMENT_MULTIPLIER[segment]))
        cleaning = Decimal(rng.randint(low // 3, low)).quantize(Decimal("1"))
        total = (nightly * nights + cleaning).quantize(Decimal("0.01"))
        reservation = case_services.create_reservation(
            actor=None, via="cli", host=host.party, guest=guest.party, code=directory.code(),
            listing_title=f"{title}, {city[0]}", listing_city=city[0], listing_country=city[1],
            listing_timezone=city[2], check_in=check_in, check_out=check_in + timedelta(days=nights),
            guests_count=rng.randint(1, 6), total_value=total, currency=city[3], segment=segment,
        )
        host.reservations.append(reservation)
        guest.reservations.append(reservation)
        reservations.append(reservation)
    return reservations


def build_world(*, rng: random.Random, password: str, parties: int = 150, reservations: int = 120,
                today: date) -> World:
    teams = build_teams()
    agents = build_agents(teams, password)
    directory = _Directory(rng)
    hosts, guests, listings = build_people(rng, directory, parties)
    booked = build_reservations(rng, directory, listings, guests, reservations, today)
    people = {p.party.pk: p for p in hosts + guests}
    types = {ct.slug: ct for ct in CaseType.objects.all()}
    return World(rng=rng, teams=teams, agents=agents, people=people, hosts=hosts, guests=guests,
                 reservations=booked, case_types=types)


__all__ = ["World", "Person", "build_world", "DEMO_USERNAMES", "DEMO_TEAM_SLUGS"]
