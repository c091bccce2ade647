"""Seed and remove the demo data set.

Lifecycle: *absent* → :func:`seed_demo` → *present* → :func:`reset_demo` → *absent*.
Seeding refuses to run on a database that already has cases or demo accounts (a demo must never
be mixed into real data by accident); ``reset_demo`` wipes case data and the demo accounts.

Seeding goes through the same services as the console, the API and the channel adapters: the
world (teams, agents, parties, reservations) in one transaction, then one transaction per case
story (see :mod:`casework.demo.stories`), played on a clock set in the past so SLA states vary.
"""

from __future__ import annotations

import logging
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from casework.accounts.models import Team
from casework.cases.enums import ACTIVE_STATUSES, Severity
from casework.cases.models import Case, CaseLink, Message, Party, Reservation, Tag, TimelineEvent
from casework.core.errors import Conflict
from casework.core.models import AuditLog
from casework.demo import stories
from casework.demo.clock import DemoClock
from casework.demo.content import LANGUAGES
from casework.demo.content import world as W
from casework.demo.world import DEMO_TEAM_SLUGS, DEMO_USERNAMES, Person, World, build_world
from casework.intake.models import RawPayload

log = logging.getLogger(__name__)

DEFAULT_PASSWORD = "casework-demo"
HISTORY_DAYS = 10
DUPLICATE_RATE = 0.05


@dataclass
class DemoSummary:
    cases: int = 0
    parties: int = 0
    reservations: int = 0
    messages: int = 0
    events: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    by_status: dict = field(default_factory=dict)
    by_channel: dict = field(default_factory=dict)
    by_language: dict = field(default_factory=dict)
    by_team: dict = field(default_factory=dict)
    by_severity: dict = field(default_factory=dict)
    by_confidentiality: dict = field(default_factory=dict)
    sla: dict = field(default_factory=dict)
    admin_reused: bool = False


def demo_exists() -> bool:
    """True when the database already holds cases or demo accounts (``admin`` alone does not count:
    ``casework createadmin`` may have made it, and the demo reuses it)."""
    others = [u for u in DEMO_USERNAMES if u != "admin"]
    return Case.objects.exists() or User.objects.filter(username__in=others).exists()


@transaction.atomic
def reset_demo() -> None:
    """Delete every case (with its messages, timeline and search rows), party, reservation, raw
    payload, tag and audit row, then the demo accounts and teams. Irreversible: for demo databases."""
    Case.objects.all().delete()
    Reservation.objects.all().delete()
    Party.objects.all().delete()
    RawPayload.objects.all().delete()
    Tag.objects.all().delete()
    AuditLog.objects.all().delete()
    User.objects.filter(username__in=DEMO_USERNAMES).delete()
    Team.objects.filter(slug__in=DEMO_TEAM_SLUGS).delete()


def seed_demo(*, cases: int = 400, password: str = DEFAULT_PASSWORD, seed: int = 7,
              progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Create the demo world and ``cases`` case stories spread over the last ten days."""
    if demo_exists():
        raise Conflict(gettext("This database already has cases or demo accounts. Use `casework demo --reset`."))
    started = time.monotonic()
    rng = random.Random(seed)
    now = timezone.now()
    clock = DemoClock(now - timedelta(days=HISTORY_DAYS + 1))
    with clock.installed():
        with transaction.atomic():
            world = build_world(rng=rng, password=password, today=now.date())
        duplicates = _play_stories(world, clock, now=now, count=cases, progress=progress)
    summary = summarise(now=now)
    summary.duplicates = duplicates
    summary.admin_reused = getattr(world.agents.get("admin"), "demo_reused", False)
    summary.seconds = time.monotonic() - started
    return summary


def _play_stories(world: World, clock: DemoClock, *, now, count: int, progress) -> int:
    active_pairs: set[tuple[int, int]] = set()
    made = duplicates = 0
    while made < count:
        story, age = _play_one(world, clock, now=now, active_pairs=active_pairs)
        made += 1
        if progress:
            progress(made, count)
        if made < count and _wants_duplicate(world, story):
            dup = stories.plan_duplicate(world, story, _other_channel(world, story))
            dup_age = max(age - world.rng.uniform(10, 240), 3)
            try:
                stories.play(dup, clock, now=now, age_minutes=dup_age)
            except stories.StoryAborted:
                continue
            made += 1
            duplicates += 1
            if progress:
                progress(made, count)
    return duplicates


def _play_one(world: World, clock: DemoClock, *, now, active_pairs: set) -> tuple[stories.Story, float]:
    for _ in range(20):
        story = _plan(world, active_pairs)
        age = _age_minutes(world.rng, story)
        try:
            stories.play(story, clock, now=now, age_minutes=age)
        except stories.StoryAborted:
            continue
        if story.final in stories.ACTIVE_FINALS and story.reservation is not None:
            active_pairs.add((story.reporter.party.pk, story.reservation.pk))
            if story.other is not None:
                active_pairs.add((story.other.party.pk, story.reservation.pk))
        return story, age
    raise RuntimeError("could not place a demo case story after 20 attempts")


def _wants_duplicate(world: World, story: stories.Story) -> bool:
    return (story.case is not None and story.parent not in ("safety",) and story.final != "new"
            and world.rng.random() < DUPLICATE_RATE)


def _other_channel(world: World, story: stories.Story) -> str:
    options = [c for c in ("email", "chat", "whatsapp", "sms", "messaging") if c != story.channel]
    return world.rng.choice(options)


def _weighted(rng: random.Random, table: dict) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def _plan(world: World, active_pairs: set) -> stories.Story:
    rng = world.rng
    slug = _weighted(rng, W.TYPE_WEIGHTS)
    template = rng.randrange(3)
    roles = W.REPORTERS.get(slug, [])
    role = roles[template] if template < len(roles) else "guest"
    reporter, other, reservation, free = _cast(world, slug, role, active_pairs)
    openings = LANGUAGES[reporter.language].OPENINGS[slug]
    if len(openings) > 3 and rng.random() < 0.25 and (roles[3] if len(roles) > 3 else "guest") == role:
        template = 3
    parent = slug.split(".")[0]
    channel = _weighted(rng, W.CHANNEL_WEIGHTS.get(parent, W.CHANNEL_WEIGHTS["default"]))
    finals = dict(W.STATUS_WEIGHTS)
    if world.case_types[slug].default_severity == Severity.S1:
        finals["new"] = 1  # critical reports are picked up within minutes
    return stories.plan_story(world, slug=slug, template=template, reporter=reporter, other=other,
                              reservation=reservation, channel=channel, final=_weighted(rng, finals),
                              mention_code=free)


def _cast(world: World, slug: str, role: str, active_pairs: set) -> tuple[Person, Person | None,
                                                                          Reservation | None, bool]:
    """Who reports, who is on the other side, which stay it is about, and whether the reporter has
    no open case about that stay yet (so a message quoting its code opens a new case)."""
    rng = world.rng
    if slug in W.WITHOUT_RESERVATION:
        return rng.choice(world.hosts if role == "host" else world.guests), None, None, True
    pool = world.reservations
    if slug.startswith("premium."):
        pool = [r for r in pool if r.segment != "standard"] or pool
    for _ in range(30):
        r = rng.choice(pool)
        reporter_id, other_id = (r.host_id, r.guest_id) if role == "host" else (r.guest_id, r.host_id)
        free = (reporter_id, r.pk) not in active_pairs
        if free:
            break
    return world.person(reporter_id), world.person(other_id), r, free


def _age_minutes(rng: random.Random, story: stories.Story) -> float:
    """How long ago the first message arrived: recent for new cases, a mix for active ones (so
    some SLAs are fine, some due soon, some breached), older for resolved and closed ones."""
    day = 24 * 60
    longest = HISTORY_DAYS * day
    if story.final == "new":
        return rng.uniform(3, 8 * 60) if rng.random() < 0.7 else rng.uniform(8 * 60, 2 * day)
    if story.final in ("resolved", "closed"):
        low = min(max(stories.story_minutes(story), day), longest - 60)
        return rng.uniform(low, longest)
    bucket = rng.random()
    if bucket < 0.5:
        return rng.uniform(10, 7.5 * 60)
    if bucket < 0.7:
        return rng.uniform(8 * 60, 2 * day)
    return rng.uniform(2 * day, longest)


def summarise(*, now) -> DemoSummary:
    def counts(field_name):
        rows = Case.objects.values(field_name).annotate(n=Count("id")).order_by("-n")
        return {row[field_name]: row["n"] for row in rows}

    active = Case.objects.filter(status__in=[s.value for s in ACTIVE_STATUSES])
    sla = Counter()
    for due in active.values_list("sla_due_at", flat=True):
        sla["breached" if due < now else "due soon" if due < now + timedelta(hours=1) else "ok"] += 1
    return DemoSummary(
        cases=Case.objects.count(), parties=Party.objects.count(), reservations=Reservation.objects.count(),
        messages=Message.objects.count(), events=TimelineEvent.objects.count(),
        by_status=counts("status"), by_channel=counts("channel"), by_language=counts("language"),
        by_team=counts("team__slug"), by_severity=counts("severity"),
        by_confidentiality=counts("confidentiality"), sla=dict(sla),
        duplicates=CaseLink.objects.filter(kind="duplicate_of").count(),
    )
