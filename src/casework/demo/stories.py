"""Case stories: one customer problem played through intake and the case services.

A story is planned first (who writes, on which channel, what happens, in what order, how long
each step waits) and then played on a :class:`~casework.demo.clock.DemoClock`: the first message
arrives at ``now - age`` and every later step moves the clock forward, so each case's stored
state, timeline, SLA due time and audit rows are exactly what agents working at those moments
would have produced. Each story runs in one transaction.
"""

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from unittest import mock

from django.db import transaction

from casework.accounts.enums import AgentRole
from casework.cases import services as cs
from casework.cases.enums import (
    CaseStatus,
    Channel,
    Confidentiality,
    IdentityKind,
    LinkKind,
    Priority,
    Severity,
)
from casework.cases.models import Case, Reservation
from casework.cases.permissions import can_view_case
from casework.demo.clock import DemoClock
from casework.demo.content import LANGUAGES
from casework.demo.content import world as W
from casework.demo.world import Person, World
from casework.intake.services import InboundMessage, receive_message, store_raw_payload

ACTIVE_FINALS = {"new", "open", "pending_customer", "pending_internal", "on_hold"}
SAFETY_RESTRICTED = {"safety.sexual_misconduct", "safety.self_harm", "safety.minor_safety"}
SOMETIMES_SAFETY_RESTRICTED = {"safety.violence_threat": 0.5, "safety.hidden_devices": 0.3}
RESTRICTED = {"trust.account_takeover": 0.6, "premium.vip_complaint": 0.4}
# Safety reports that intake sometimes files under an everyday type first (then a specialist fixes it).
MISFILED_AS = {"safety.hidden_devices": "reservation.not_as_described",
               "safety.discrimination": "reservation.host_cancellation",
               "safety.unauthorised_party": "damage.extra_cleaning"}
VOICE_PREFIX = {"en": "Call summary: ", "fr": "Résumé d'appel : ", "es": "Resumen de llamada: "}
SEVERITY_UP = {Severity.S4: Severity.S3, Severity.S3: Severity.S2}


class StoryAborted(Exception):
    """The first message joined an existing case; the story is rolled back and re-planned."""


@dataclass
class Step:
    minutes: float
    run: object  # callable(story) -> None


@dataclass
class Story:
    world: World
    slug: str
    template: int
    reporter: Person
    other: Person | None
    reservation: Reservation | None
    language: str
    channel: str
    final: str
    steps: list[Step] = field(default_factory=list)
    case: Case | None = None
    thread_key: str = ""
    original: Case | None = None  # for duplicates
    # False when the reporter already has an open case about this stay: they write without the
    # code (so intake opens a new case) and the agent links the reservation by hand.
    mention_code: bool = True

    @property
    def parent(self) -> str:
        return self.slug.split(".")[0]


# ---------------------------------------------------------------------------------------------
# text


def _context(story: Story, writer: Person, counterpart: Person | None, agent=None) -> dict:
    lang = LANGUAGES[story.language if writer is None else writer.language]
    r = story.reservation or (story.reporter.reservations[0] if story.reporter.reservations else None)
    ctx = {"name": writer.first_name if writer else "", "other": counterpart.first_name if counterpart else "",
           "agent": agent.agent.display_name.split()[0] if agent else ""}
    if r is not None:
        ctx.update(listing=r.listing_title, city=r.listing_city, code=r.code, guests=r.guests_count,
                   check_in=lang.format_date(r.check_in), check_out=lang.format_date(r.check_out),
                   amount=lang.format_amount(r.total_value, r.currency))
    else:
        ctx.update(listing="", city="Paris", code="", guests=2, check_in="", check_out="", amount="")
    if not ctx["other"]:
        ctx["other"] = "the host" if story.language == "en" else ("l'hôte" if story.language == "fr" else "el anfitrión")
    return ctx


def _agent_text(story: Story, table: str, agent) -> str:
    lang = LANGUAGES[story.language]
    texts = getattr(lang, table)
    options = texts.get(story.slug) or texts.get(story.parent) or texts["reservation"]
    return story.world.rng.choice(options).format(**_context(story, story.reporter, story.other, agent))


def _internal(story: Story, options: list[str], **extra) -> str:
    ctx = _context(story, story.reporter, story.other)
    ctx.update(type_name=story.world.case_types[story.slug].name("en").lower(), segment=(
        story.reservation.segment.title() if story.reservation else "Premium"),
        lang_name=W.LANGUAGE_NAMES[story.language], **extra)
    return story.world.rng.choice(options).format(**ctx)


# ---------------------------------------------------------------------------------------------
# inbound messages


def _sender(person: Person, channel: str) -> tuple[str, str, str]:
    """(channel actually used, identity kind, identity value) for ``person`` writing on ``channel``."""
    if channel == Channel.EMAIL:
        return channel, IdentityKind.EMAIL, person.email
    if channel in (Channel.SMS, Channel.VOICE):
        return channel, IdentityKind.PHONE, person.phone
    if channel == Channel.WHATSAPP:
        return (channel, IdentityKind.WHATSAPP, person.whatsapp) if person.whatsapp else \
            (Channel.SMS, IdentityKind.PHONE, person.phone)
    if channel in (Channel.MESSENGER, Channel.SOCIAL):
        return (channel, IdentityKind.SOCIAL, person.social) if person.social else \
            (Channel.CHAT, IdentityKind.EXTERNAL, person.external_id)
    return channel, IdentityKind.EXTERNAL, person.external_id


def _inbound(story: Story, writer: Person, text: str, *, subject: str = "", case_id: int | None = None,
             channel: str | None = None, thread_key: str | None = None, with_reservation: bool = True,
             sender: tuple[str, str] | None = None):
    channel = channel or story.channel
    channel, kind, value = _sender(writer, channel)
    if sender is not None:
        kind, value = sender
    if channel == Channel.VOICE:
        text = VOICE_PREFIX[writer.language] + text
    msg = InboundMessage(
        channel=channel, sender_kind=kind, sender_value=value, sender_name=writer.party.display_name,
        text=text, subject=subject if channel in (Channel.EMAIL, Channel.VOICE) else "",
        provider_message_id=f"demo-{uuid.UUID(int=story.world.rng.getrandbits(128)).hex}",
        thread_key=story.thread_key if thread_key is None else thread_key, case_id=case_id,
        reservation_code=story.reservation.code if (story.reservation and with_reservation) else "",
    )
    raw = store_raw_payload(channel=channel, content_type="application/json", body=json.dumps({
        "from": value, "name": writer.party.display_name, "text": text, "subject": msg.subject,
        "id": msg.provider_message_id, "thread": msg.thread_key, "reservation": msg.reservation_code,
    }, ensure_ascii=False).encode())
    return receive_message(raw, msg, via="intake")


def _open(story: Story) -> None:
    lang = LANGUAGES[story.language]
    subject, body = lang.OPENINGS[story.slug][story.template]
    ctx = _context(story, story.reporter, story.other)
    sender = None
    if story.slug == "account.login" and story.template == 0 and story.world.rng.random() < 0.6:
        # "I changed my number": an identity we don't know yet creates a second party for this person.
        sender = (IdentityKind.PHONE, _fresh_phone(story))
    result = _inbound(story, story.reporter, body.format(**ctx), subject=subject.format(**ctx), sender=sender,
                      with_reservation=story.mention_code)
    if not result.case_created:
        raise StoryAborted
    story.case = result.case
    _record_language(story)


def _record_language(story: Story) -> None:
    """Set the case language, as triage's language identification does for live traffic.

    The story knows the language it wrote in, so it records that (as ``demo-seed``) rather than
    loading the detector; the queued triage task adds the model's own view once a model is active.
    """
    story.case = cs.apply_triage(story.case, model_version="demo-seed", language=story.language)


def _fresh_phone(story: Story) -> str:
    rng = story.world.rng
    return f"+3465{rng.randint(1000000, 9999999)}" if story.language == "es" else \
        f"+3366{rng.randint(1000000, 9999999)}" if story.language == "fr" else f"+1202555{rng.randint(100, 199):04d}"


def _follow_up(story: Story) -> None:
    options = LANGUAGES[story.reporter.language].FOLLOW_UPS.get(story.parent, [])
    if options:
        text = story.world.rng.choice(options).format(**_context(story, story.reporter, story.other))
        story.case = _inbound(story, story.reporter, text, case_id=story.case.pk).case


def _other_side(story: Story) -> None:
    options = LANGUAGES[story.other.language].OTHER_SIDE.get(story.parent, [])
    if options:
        text = story.world.rng.choice(options).format(**_context(story, story.other, story.reporter))
        story.case = _inbound(story, story.other, text, case_id=story.case.pk,
                              thread_key=f"{story.thread_key}-other").case


# ---------------------------------------------------------------------------------------------
# agents


def _pick(story: Story, people: list):
    return story.world.rng.choice(people) if people else story.world.agents.get("admin") or \
        story.world.agents["manager"]


def _classify(story: Story, slug: str, agent) -> None:
    case = story.case = cs.change_case_type(story.case, case_type=story.world.case_types[slug], actor=agent,
                                            via="console")
    r = story.reservation
    new_severity, reason = None, ""
    if r is not None and r.segment != "standard" and case.severity in SEVERITY_UP:
        new_severity, reason = SEVERITY_UP[case.severity], W.SEVERITY_REASONS["segment"]
    elif r is not None and story.parent == "reservation" and case.severity == Severity.S3 and \
            abs((r.check_in - case.created_at.date()).days) <= 1 and story.world.rng.random() < 0.6:
        new_severity, reason = Severity.S2, W.SEVERITY_REASONS["check_in"]
    if new_severity is None and story.world.case_types[slug].default_severity == Severity.S4 and \
            case.severity == Severity.S3:
        new_severity, reason = Severity.S4, W.SEVERITY_REASONS["low"]  # intake opens at S3; an agent lowers it
    if new_severity:
        case = story.case = cs.change_severity(case, severity=new_severity, actor=agent, via="console", reason=reason)
    priority = {Severity.S1: Priority.P1, Severity.S2: Priority.P2}.get(case.severity)
    if priority:
        story.case = cs.change_priority(case, priority=priority, actor=agent, via="console")


def _route(slug: str, language: str, reservation: Reservation | None) -> str:
    parent = slug.split(".")[0]
    if parent in ("safety", "trust"):
        return parent
    if parent == "premium" or (reservation is not None and reservation.segment != "standard"
                               and parent in ("reservation", "payments")):
        return "premium"
    if language in ("fr", "es"):
        return "fr-es"
    return {"reservation": "reservations", "payments": "payments", "damage": "payments"}.get(parent, "intake")


def _transfer(story: Story, team_slug: str, agent, *, note: str | None = None) -> None:
    if story.case.team.slug == team_slug:
        return
    options = W.HANDOFFS.get(team_slug, W.HANDOFFS["intake"])
    story.case = cs.transfer_case(story.case, team=story.world.teams[team_slug], actor=agent, via="console",
                                  note=note or _internal(story, options), escalate=team_slug == "safety")


def _assign(story: Story):
    owner = _pick(story, story.world.owners(story.case.team.slug, story.language))
    lead = story.world.rng.random() < 0.25 and story.world.leads(story.case.team.slug)
    actor = _pick(story, lead) if lead else owner
    if not can_view_case(actor, story.case):
        actor = owner
    story.case = cs.assign_case(story.case, assignee=owner, actor=actor, via="console")
    return owner


def _restrict(story: Story, owner) -> None:
    rng = story.world.rng
    if story.slug in SAFETY_RESTRICTED or rng.random() < SOMETIMES_SAFETY_RESTRICTED.get(story.slug, 0):
        level, reason = Confidentiality.SAFETY_RESTRICTED, "Sensitive safety report: limited to safety specialists."
    elif rng.random() < RESTRICTED.get(story.slug, 0):
        level, reason = Confidentiality.RESTRICTED, "Contains account-security / VIP details; team only."
    else:
        return
    actor = owner if owner.agent.role != AgentRole.ASSOCIATE else _pick(story, story.world.leads(story.case.team.slug))
    story.case = cs.change_confidentiality(story.case, level=level, actor=actor, via="console", reason=reason)


def _reply(story: Story, owner, table: str = "FIRST_REPLIES", status_after: str = CaseStatus.PENDING_CUSTOMER):
    message = cs.post_reply(story.case, body=_agent_text(story, table, owner), actor=owner, via="console",
                            status_after=status_after)
    story.case = message.case


def _note(story: Story, agent, text: str | None = None) -> None:
    cs.add_internal_note(story.case, body=text or _internal(story, W.NOTES.get(story.parent, W.NOTES["reservation"])),
                         actor=agent, via="console")


def _status(story: Story, status: str, agent, reason: str = "") -> None:
    story.case = cs.change_status(story.case, status=status, actor=agent, via="console" if agent else "system",
                                  reason=reason)


# ---------------------------------------------------------------------------------------------
# planning


def plan_story(world: World, *, slug: str, template: int, reporter: Person, other: Person | None,
               reservation: Reservation | None, channel: str, final: str, mention_code: bool = True) -> Story:
    story = Story(world=world, slug=slug, template=template, reporter=reporter, other=other,
                  reservation=reservation, language=reporter.language, channel=channel, final=final,
                  mention_code=mention_code)
    story.thread_key = f"{channel}-{uuid.UUID(int=world.rng.getrandbits(128)).hex[:16]}"
    rng = world.rng
    s1 = world.case_types[slug].default_severity == Severity.S1
    fast = (lambda a, b: rng.uniform(1, 6)) if s1 else rng.uniform
    add = story.steps.append
    add(Step(0, _open))
    if final == "new":
        _plan_new(story, add, fast)
        return story
    state = {}
    intake_agent = _pick(story, world.owners("intake", story.language))
    misfiled = MISFILED_AS.get(slug) if rng.random() < 0.3 else None
    first_slug = misfiled or (_sibling(world, slug) if rng.random() < 0.08 else slug)
    first_team = _route(first_slug, story.language, reservation)
    add(Step(fast(3, 60), lambda s: _classify(s, first_slug, intake_agent)))
    if not story.mention_code and reservation is not None:
        add(Step(fast(1, 5), lambda s: _link_reservation(s, intake_agent)))
    add(Step(fast(1, 5), lambda s: _transfer(s, first_team, intake_agent)))
    add(Step(fast(5, 180), lambda s: state.update(owner=_assign(s))))
    if first_slug != slug:
        add(Step(rng.uniform(5, 90), lambda s: _correct(s, state)))
    add(Step(fast(1, 10), lambda s: _restrict(s, state["owner"])))
    if final == "open" and rng.random() < 0.35:
        if rng.random() < 0.5:
            add(Step(rng.uniform(5, 60), lambda s: _note(s, state["owner"])))
        return story
    add(Step(fast(2, 45), lambda s: _reply(s, state["owner"])))
    if rng.random() < 0.5:
        add(Step(rng.uniform(5, 120), lambda s: _note(s, state["owner"])))
    if rng.random() < 0.65 or final == "open":
        add(Step(rng.uniform(20, 600), _follow_up))
    if other is not None and rng.random() < 0.3 and story.parent in ("reservation", "payments", "damage", "safety"):
        add(Step(rng.uniform(60, 900), _other_side))
    _plan_ending(story, add, state)
    return story


def _link_reservation(story: Story, agent) -> None:
    story.case = cs.link_reservation(story.case, reservation=story.reservation, actor=agent, via="console")


def _plan_new(story: Story, add, fast) -> None:
    """A case nobody owns yet: untouched in intake, or typed and routed to a queue."""
    rng = story.world.rng
    if rng.random() < 0.6:
        agent = _pick(story, story.world.owners("intake", story.language))
        add(Step(fast(3, 60), lambda s: _classify(s, s.slug, agent)))
        target = _route(story.slug, story.language, story.reservation)
        add(Step(fast(1, 5), lambda s: _transfer(s, target, agent)))
    if rng.random() < 0.3:
        add(Step(rng.uniform(30, 300), _follow_up))


def _sibling(world: World, slug: str) -> str:
    parent = slug.split(".")[0]
    options = [s for s in world.case_types if s.startswith(parent + ".") and s != slug]
    return world.rng.choice(options) if options else slug


def _correct(story: Story, state: dict) -> None:
    """The owner sees the case was filed under the wrong type: fix it and hand it to the right team."""
    owner = state["owner"]
    case = story.case = cs.change_case_type(story.case, case_type=story.world.case_types[story.slug], actor=owner,
                                            via="console")
    target = _route(story.slug, story.language, story.reservation)
    if target != case.team.slug:
        about = f" on {story.reservation.code}" if story.reservation else ""
        note = f"Re-filed as {story.world.case_types[story.slug].name('en').lower()}; this belongs with " \
               f"{story.world.teams[target].name}. Reported by {story.reporter.party.display_name}{about}."
        _transfer(story, target, owner, note=note)
        state["owner"] = _assign(story)


def _plan_ending(story: Story, add, state: dict) -> None:
    rng = story.world.rng
    final = story.final
    owner = lambda: state["owner"]  # noqa: E731 - the owner may change while the story plays
    if final == "pending_customer":
        if rng.random() < 0.4:
            add(Step(rng.uniform(20, 240), lambda s: _reply(s, owner())))
        else:
            add(Step(rng.uniform(20, 240), lambda s: _ensure_pending_customer(s, owner())))
    elif final == "pending_internal":
        if story.parent == "reservation" and rng.random() < 0.5 and \
                _route(story.slug, story.language, story.reservation) != "premium":
            add(Step(rng.uniform(20, 240), lambda s: _handoff_to_payments(s, state)))
        add(Step(rng.uniform(5, 60), lambda s: _status(s, CaseStatus.PENDING_INTERNAL, owner(),
                                                       rng.choice(W.PENDING_INTERNAL_REASONS))))
    elif final == "on_hold":
        reasons = W.HOLD_REASONS.get(story.parent, W.HOLD_REASONS["default"])
        add(Step(rng.uniform(20, 240), lambda s: _status(s, CaseStatus.ON_HOLD, owner(), rng.choice(reasons))))
    elif final == "open":
        add(Step(0.5, lambda s: _ensure_open(s, owner())))
    elif final in ("resolved", "closed"):
        _plan_resolution(story, add, owner)


def _ensure_pending_customer(story: Story, owner) -> None:
    if story.case.status != CaseStatus.PENDING_CUSTOMER:
        _reply(story, owner)


def _ensure_open(story: Story, owner) -> None:
    if story.case.status != CaseStatus.OPEN:
        _status(story, CaseStatus.OPEN, owner, "Working on it")


def _handoff_to_payments(story: Story, state: dict) -> None:
    target = "fr-es" if story.language in ("fr", "es") else "payments"
    if story.case.team.slug == target:
        return
    _transfer(story, target, state["owner"], note=_internal(story, W.HANDOFFS["payments"]))
    state["owner"] = _assign(story)


def _plan_resolution(story: Story, add, owner) -> None:
    rng = story.world.rng
    tags = W.TAGS.get(story.parent, [])
    if tags and rng.random() < 0.35:
        picked = rng.sample(tags, k=min(len(tags), rng.randint(1, 2)))
        add(Step(rng.uniform(10, 120), lambda s: cs.set_tags(s.case, names=picked, actor=owner(), via="console")))
    add(Step(rng.uniform(60, 2400), lambda s: _reply(s, owner(), "RESOLUTIONS", CaseStatus.RESOLVED)))
    if rng.random() < 0.12:  # the customer writes again: the case reopens, then is resolved again
        add(Step(rng.uniform(60, 1440), _follow_up))
        add(Step(rng.uniform(20, 240), lambda s: _reply(s, owner(), "RESOLUTIONS", CaseStatus.RESOLVED)))
    if story.final == "closed":
        add(Step(72 * 60, lambda s: _status(s, CaseStatus.CLOSED, None, "Closed after 72 hours without reply.")))
    if rng.random() < 0.3:
        add(Step(rng.uniform(60, 1440), _qa_review))


def _qa_review(story: Story) -> None:
    qa = story.world.agents["qa"]
    if can_view_case(qa, story.case):
        _note(story, qa, story.world.rng.choice(W.QA_NOTES))


# ---------------------------------------------------------------------------------------------
# duplicates


def plan_duplicate(world: World, original: Story, channel: str) -> Story:
    """The same reporter writes again about the same problem on another channel, without the
    reservation code: intake opens a second case, which an agent links to the first and resolves."""
    story = Story(world=world, slug=original.slug, template=original.template, reporter=original.reporter,
                  other=original.other, reservation=original.reservation, language=original.language,
                  channel=channel, final="resolved", original=original.case)
    story.thread_key = f"{channel}-{uuid.UUID(int=world.rng.getrandbits(128)).hex[:16]}"
    story.steps = [Step(0, _open_duplicate), Step(world.rng.uniform(10, 120), _resolve_duplicate)]
    return story


def _open_duplicate(story: Story) -> None:
    subject, body = LANGUAGES[story.language].OPENINGS[story.slug][story.template]
    ctx = _context(story, story.reporter, story.other)
    result = _inbound(story, story.reporter, body.format(**ctx), subject=subject.format(**ctx),
                      with_reservation=False)
    if not result.case_created:
        raise StoryAborted
    story.case = result.case
    _record_language(story)


def _resolve_duplicate(story: Story) -> None:
    world, original = story.world, story.original
    candidates = [world.agents[u] for u in ("senior", "manager", "admin") if u in world.agents]
    agent = next(a for a in candidates if can_view_case(a, story.case) and can_view_case(a, original))
    cs.link_cases(story.case, other=original, kind=LinkKind.DUPLICATE_OF, actor=agent, via="console")
    _note(story, agent, f"Duplicate of {original.number} (same customer, second channel). Handled there.")
    text = {"en": "Hi {name}, we're already working on your request under case {number}; I've merged this "
                  "conversation into it so you don't have to repeat yourself.",
            "fr": "Bonjour {name}, votre demande est déjà traitée dans le dossier {number} ; j'ai regroupé cette "
                  "conversation pour que vous n'ayez pas à tout répéter.",
            "es": "Hola {name}, ya estamos trabajando en tu solicitud en el caso {number}; uní esta conversación "
                  "para que no tengas que repetir nada."}[story.language]
    cs.post_reply(story.case, body=text.format(name=story.reporter.first_name, number=original.number),
                  actor=agent, via="console", status_after=CaseStatus.RESOLVED)


# ---------------------------------------------------------------------------------------------
# playing


@contextmanager
def _quiet_if_nobody_listens():
    """Skip live-update broadcasts when the channel layer lives in this process (the in-memory
    layer): no console page can be subscribed to a CLI process, and each broadcast costs a thread
    hop. With Redis, open consoles do get the updates."""
    from channels.layers import InMemoryChannelLayer, get_channel_layer

    if isinstance(get_channel_layer(), InMemoryChannelLayer):
        with mock.patch("casework.console.live._send", lambda *args, **kwargs: None):
            yield
    else:
        yield


def play(story: Story, clock: DemoClock, *, now: datetime, age_minutes: float) -> Case:
    """Play ``story`` with its first message ``age_minutes`` before ``now``, in one transaction.

    Step delays are compressed when the whole story would not fit before ``now``.
    """
    total = sum(step.minutes for step in story.steps)
    budget = max(age_minutes - 1, 0.0)
    scale = min(1.0, budget / total) if total else 1.0
    clock.now = now - timedelta(minutes=age_minutes)
    with transaction.atomic(), _quiet_if_nobody_listens():
        for step in story.steps:
            clock.advance(timedelta(minutes=step.minutes * scale, seconds=1))
            step.run(story)
    return story.case


def story_minutes(story: Story) -> float:
    return sum(step.minutes for step in story.steps)
