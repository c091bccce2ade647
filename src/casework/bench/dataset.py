"""What a seeded helpdesk looks like: distributions, vocabulary, and the rows of one chunk of cases.

The shape follows a marketplace helpdesk a year into production: 13 team queues with skewed sizes,
most cases closed, the active ones recent (so SLA states are plausible), EN/FR/ES text taken from
the triage training set, repeat customers (prior cases on the case page), reservations on 40 % of
cases, restricted and safety-restricted cases (so permission filtering does real work).

Two keywords make search measurable and comparable with the django-helpdesk peer, which uses the
same words at the same rates: ``zanzibar`` in ~0.2 % of cases (rare) and ``printer`` in ~10 %
(common). Neither occurs in the training texts.

Rows are plain tuples in the column order of :data:`COLUMNS`; ids are assigned here (the seeder
inserts explicit ids) so foreign keys can be built without reading anything back.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from itertools import accumulate

RARE_KEYWORD = "zanzibar"
COMMON_KEYWORD = "printer"
RARE_RATE = 0.002
COMMON_RATE = 0.10

# name, weight: a skewed helpdesk, not a uniform one
TEAMS = [
    ("intake", "Intake", 2),
    ("guest-support-en", "Guest support (EN)", 22),
    ("guest-support-fr", "Guest support (FR)", 10),
    ("guest-support-es", "Guest support (ES)", 8),
    ("host-support", "Host support", 12),
    ("payments", "Payments", 14),
    ("claims", "Damage claims", 7),
    ("account-integrity", "Account integrity", 6),
    ("trust", "Trust", 4),
    ("safety", "Safety response", 4),
    ("premium-concierge", "Premium concierge", 5),
    ("luxury-concierge", "Luxury concierge", 3),
    ("escalations", "Escalations", 3),
]
BENCH_AGENT = "bench.agent"
BENCH_AGENT_TEAMS = ("guest-support-en", "host-support", "payments")
AGENTS_PER_TEAM = 10

# category (first part of the triage label) -> weight, team chooser
CATEGORY_WEIGHTS = {"reservation": 44, "payments": 20, "damage": 8, "account": 8, "trust": 4, "safety": 3,
                    "premium": 5, "oos": 8}
# Status depends on age: volume is constant over the year, the backlog is the last three weeks
# (about 4 % of all cases active, e.g. 40k active cases at 1M: queues and counts do real work,
# but no helpdesk carries a year of open cases).
STATUS_BY_AGE = [  # (max age in days, weights)
    (21, {"new": 8, "open": 25, "pending_customer": 15, "pending_internal": 6, "on_hold": 6, "resolved": 25,
          "closed": 15}),
    (60, {"pending_customer": 3, "on_hold": 2, "resolved": 35, "closed": 60}),
    (366, {"resolved": 8, "closed": 92}),
]
ACTIVE = {"new", "open", "pending_customer", "pending_internal", "on_hold"}
CHANNEL_WEIGHTS = {"email": 40, "chat": 25, "messaging": 15, "sms": 5, "voice": 5, "whatsapp": 5, "social": 3,
                   "api": 2}
LANGUAGE_WEIGHTS = {"en": 60, "fr": 22, "es": 18}
SLA = {"S1": timedelta(minutes=15), "S2": timedelta(hours=1), "S3": timedelta(hours=8), "S4": timedelta(hours=24)}

FIRST = {"en": ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Mia", "Lucas", "Grace", "Henry", "Chloe", "Jack"],
         "fr": ["Camille", "Louis", "Chloé", "Hugo", "Léa", "Jules", "Manon", "Arthur", "Inès", "Théo", "Zoé", "Paul"],
         "es": ["Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Pablo", "Valeria", "Diego", "Carmen", "Álvaro"]}
LAST = {"en": ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walker", "Wright", "Hughes"],
        "fr": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"],
        "es": ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez"]}
CITIES = [("Lisbon", "PT", "EUR"), ("Nice", "FR", "EUR"), ("Paris", "FR", "EUR"), ("Barcelona", "ES", "EUR"),
          ("Seville", "ES", "EUR"), ("London", "GB", "GBP"), ("Edinburgh", "GB", "GBP"), ("New York", "US", "USD"),
          ("Miami", "US", "USD"), ("Lyon", "FR", "EUR"), ("Madrid", "ES", "EUR"), ("Porto", "PT", "EUR")]
LISTINGS = ["Sea-view apartment", "Loft near the old town", "Family house with garden", "Studio by the station",
            "Penthouse with terrace", "Villa with pool", "Quiet flat", "Cottage", "Designer duplex"]
REPLIES = {
    "en": ["Thank you for reaching out. I have looked at your reservation and I am checking this with the host now.",
           "I am sorry about this. I have issued the adjustment and you will see it on your statement in 5-7 days.",
           "Could you send us photos of the issue so that we can review your claim?"],
    "fr": ["Merci de nous avoir contactés. J'ai consulté votre réservation et je vérifie avec l'hôte.",
           "Je suis désolé. J'ai effectué l'ajustement, vous le verrez sur votre relevé sous 5 à 7 jours.",
           "Pourriez-vous nous envoyer des photos du problème afin que nous examinions votre demande ?"],
    "es": ["Gracias por contactarnos. He revisado su reserva y lo estoy comprobando con el anfitrión.",
           "Lamento lo ocurrido. He realizado el ajuste y lo verá en su extracto en 5-7 días.",
           "¿Podría enviarnos fotos del problema para que revisemos su reclamación?"],
}
NOTES = ["Checked the payout history, nothing unusual.", "Host contacted by phone, waiting for callback.",
         "Policy exception approved by team lead.", "Possible duplicate of an earlier case, same guest."]
RARE_SENTENCE = {"en": "We are flying on to Zanzibar right after this stay.",
                 "fr": "Nous partons pour Zanzibar juste après ce séjour.",
                 "es": "Volamos a Zanzibar justo después de esta estancia."}
COMMON_SENTENCE = {"en": "Also the printer in the flat does not work.",
                   "fr": "Aussi, l'imprimante (printer HP) du logement ne marche pas.",
                   "es": "Además, la impresora (printer HP) del piso no funciona."}

COLUMNS = {
    "cases_party": ("id", "display_name", "language", "timezone", "external_id", "created_at"),
    "cases_partyidentity": ("id", "kind", "value", "party_id"),
    "cases_reservation": ("id", "code", "listing_title", "listing_city", "listing_country", "listing_timezone",
                          "check_in", "check_out", "guests_count", "total_value", "currency", "segment", "host_id",
                          "guest_id"),
    "cases_case": ("id", "subject", "severity", "priority", "status", "language", "segment", "channel",
                   "confidentiality", "needs_triage", "created_at", "updated_at", "last_activity_at", "sla_due_at",
                   "resolved_at", "risks", "frustration", "owner_id", "team_id", "case_type_id"),
    "cases_case_reservations": ("id", "case_id", "reservation_id"),
    "cases_caseparty": ("id", "role", "case_id", "party_id"),
    "cases_message": ("id", "channel", "direction", "visibility", "body_text", "body_html", "language",
                      "provider_message_id", "thread_key", "created_at", "author_agent_id", "case_id",
                      "raw_payload_id", "author_party_id"),
    "cases_timelineevent": ("id", "kind", "actor_type", "actor_label", "created_at", "before", "after", "audience",
                            "note", "actor_id", "case_id", "message_id"),
    "cases_searchdoc": ("id", "kind", "body", "case_id"),
}
# parents before children: the order tables are written in
TABLE_ORDER = list(COLUMNS)


def _cum(weights: dict) -> tuple[list, list]:
    return list(weights), list(accumulate(weights.values()))


@dataclass
class World:
    """What the chunks refer to: teams, agents, case types and texts (read from the DB once)."""

    team_ids: dict[str, int]
    agents_by_team: dict[int, list[int]]
    case_type_ids: dict[str, int]
    texts: dict[tuple[str, str], list[tuple[str, str]]]  # (category, lang) -> [(label, text)]
    # naive UTC: formatting a naive datetime is several times faster (see :func:`fmt_for`)
    now: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0, tzinfo=None))


def fmt_for(vendor: str):
    """How a (naive UTC) datetime is written: SQLite text as Django stores it, or timestamptz text."""
    if vendor == "postgresql":
        return lambda dt: dt.isoformat(" ") + "+00"
    return lambda dt: dt.isoformat(" ")


def load_texts() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """The triage training set, grouped by (category, language)."""
    path = resources.files("casework.triage") / "data" / "marketplace_train.csv"
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault((row["label"].split(".")[0], row["language"]), []).append((row["label"], row["text"]))
    return out


def load_taxonomy() -> list[dict]:
    """The default case-type taxonomy (one source: cases/fixtures/taxonomy.json), flat."""
    from casework.cases.taxonomy import default_taxonomy

    return default_taxonomy()


def _team_for(category: str, lang: str, segment: str, r: float) -> str:
    if r < 0.02:
        return "intake"
    if r < 0.05:
        return "escalations"
    if category in ("reservation", "oos"):
        if r < 0.25:
            return "host-support"
        return f"guest-support-{lang}"
    if category == "premium":
        return "luxury-concierge" if segment == "luxury" else "premium-concierge"
    return {"payments": "payments", "damage": "claims", "account": "account-integrity", "trust": "trust",
            "safety": "safety"}[category]


def _severity(category: str, r: float) -> str:
    if category == "safety":
        return "S1" if r < 0.35 else "S2" if r < 0.85 else "S3"
    return "S2" if r < 0.08 else "S3" if r < 0.68 else "S4"


def _confidentiality(category: str, r: float) -> str:
    if category == "safety":
        return "safety_restricted" if r < 0.4 else "restricted" if r < 0.6 else "normal"
    if category == "trust":
        return "restricted" if r < 0.2 else "normal"
    return "restricted" if r < 0.01 else "normal"


@dataclass
class Ids:
    """Next free id per table (the seeder reads ``max(id) + 1`` before the first chunk)."""

    next: dict[str, int]

    def take(self, table: str, n: int = 1) -> int:
        first = self.next[table]
        self.next[table] = first + n
        return first


def produce_chunks(world: World, next_ids: dict[str, int], sizes: list[int], rng_seed: int, vendor: str, queue) -> None:
    """Build the chunks of ``sizes`` one after the other and put them on ``queue`` (then ``None``).

    Runs in a child process so that building rows (CPU) overlaps with writing them (the parent).
    """
    ids, rng, fmt = Ids(next=dict(next_ids)), random.Random(rng_seed), fmt_for(vendor)
    for n in sizes:
        queue.put((n, build_chunk(world, ids, n, rng, fmt)))
    queue.put(None)


def build_chunk(world: World, ids: Ids, n_cases: int, rng: random.Random, fmt_ts) -> dict[str, list[tuple]]:
    """The rows of ``n_cases`` new cases and everything they need. ``fmt_ts`` formats a datetime
    for the target database (SQLite text or PostgreSQL timestamptz)."""
    rows: dict[str, list[tuple]] = {t: [] for t in TABLE_ORDER}
    cats, cat_cum = _cum(CATEGORY_WEIGHTS)
    by_age = [(days * 86400, *_cum(w)) for days, w in STATUS_BY_AGE]
    chs, ch_cum = _cum(CHANNEL_WEIGHTS)
    langs, lang_cum = _cum(LANGUAGE_WEIGHTS)
    categories = rng.choices(cats, cum_weights=cat_cum, k=n_cases)
    ages = [rng.randrange(365 * 86400) for _ in range(n_cases)]
    channels = rng.choices(chs, cum_weights=ch_cum, k=n_cases)
    languages = rng.choices(langs, cum_weights=lang_cum, k=n_cases)
    now = world.now
    max_party = ids.next["cases_party"] - 1

    # hosts of this chunk's reservations
    hosts = []
    for _ in range(max(3, n_cases // 20)):
        pid = ids.take("cases_party")
        lang = rng.choice(langs)
        name = f"{rng.choice(FIRST[lang])} {rng.choice(LAST[lang])}"
        rows["cases_party"].append((pid, name, lang, "", f"H{pid}", fmt_ts(now - timedelta(days=400))))
        rows["cases_partyidentity"].append((ids.take("cases_partyidentity"), "email",
                                            f"host{pid}@hosts.example.com", pid))
        hosts.append((pid, name))

    for i in range(n_cases):
        cat, channel, lang, age_s = categories[i], channels[i], languages[i], ages[i]
        r = rng.random
        sts, st_cum = next((names, cum) for limit, names, cum in by_age if age_s < limit)
        status = rng.choices(sts, cum_weights=st_cum)[0]
        segment = "luxury" if cat == "premium" and r() < 0.4 else "premium" if cat == "premium" else \
            ("premium" if r() < 0.12 else "luxury" if r() < 0.03 else "standard")
        team_id = world.team_ids[_team_for(cat, lang, segment, r())]
        severity = _severity(cat, r())
        created = now - timedelta(seconds=age_s)
        label, text = rng.choice(world.texts.get((cat, lang)) or world.texts[("reservation", "en")])
        body = text
        if r() < 0.5:
            body += " " + rng.choice(world.texts.get((cat, lang)) or world.texts[("reservation", "en")])[1]
        rare, common = r() < RARE_RATE or i == 0, r() < COMMON_RATE  # >= 1 rare case per chunk
        subject = text.split(". ")[0][:110]
        if rare:
            subject = f"{subject[:90]} (trip to Zanzibar)"
        if common:
            body += " " + COMMON_SENTENCE[lang]
        case_id = ids.take("cases_case")

        # the guest: new, or a repeat customer
        if max_party > 0 and r() < 0.25:
            guest_id = rng.randint(1, max_party)
            guest_name = "Repeat customer"
        else:
            guest_id = ids.take("cases_party")
            guest_name = f"{rng.choice(FIRST[lang])} {rng.choice(LAST[lang])}"
            email = f"{guest_name.split()[0].lower()}.{guest_id}@mail.example.com"
            rows["cases_party"].append((guest_id, guest_name, lang, "", f"G{guest_id}", fmt_ts(created)))
            rows["cases_partyidentity"].append((ids.take("cases_partyidentity"), "email", email, guest_id))
            ident_text = f"{guest_name} G{guest_id} {email}"
            if r() < 0.2:
                phone = f"+3361{guest_id % 10_000_000:07d}"
                rows["cases_partyidentity"].append((ids.take("cases_partyidentity"), "phone", phone, guest_id))
                ident_text += f" {phone[1:]}"
            rows["cases_searchdoc"].append((ids.take("cases_searchdoc"), "party", ident_text, case_id))
        rows["cases_caseparty"].append((ids.take("cases_caseparty"), "guest", case_id, guest_id))

        agents = world.agents_by_team.get(team_id) or []
        owner = rng.choice(agents) if agents and status != "new" and r() < 0.85 else None
        resolved_at = None
        last = created + timedelta(minutes=rng.randrange(5, 600))
        if status in ("resolved", "closed"):
            resolved_at = last + timedelta(hours=rng.randrange(1, 72))
            last = resolved_at
        ct_id = world.case_type_ids.get(label) if cat != "oos" else None
        conf = _confidentiality(cat, r())
        rows["cases_case"].append((
            case_id, subject, severity, "P2" if severity in ("S1", "S2") else "P3", status, lang, segment, channel,
            conf, status == "new" and r() < 0.1, fmt_ts(created), fmt_ts(last), fmt_ts(last),
            fmt_ts(created + SLA[severity]), fmt_ts(resolved_at) if resolved_at else None, "[]", None, owner,
            team_id, ct_id,
        ))
        rows["cases_searchdoc"].append((ids.take("cases_searchdoc"), "subject", subject, case_id))

        if r() < 0.4:  # a reservation, its host a party of the case
            res_id = ids.take("cases_reservation")
            city, country, currency = rng.choice(CITIES)
            host_id, _host_name = rng.choice(hosts)
            check_in = (created + timedelta(days=rng.randrange(-20, 30))).date()
            code = f"HM{res_id:08d}"
            title = f"{rng.choice(LISTINGS)} in {city}"
            rows["cases_reservation"].append((
                res_id, code, title, city, country, "UTC", check_in.isoformat(),
                (check_in + timedelta(days=rng.randrange(1, 14))).isoformat(), rng.randint(1, 6),
                f"{rng.randrange(80, 9000)}.00", currency, segment, host_id, guest_id))
            rows["cases_case_reservations"].append((ids.take("cases_case_reservations"), case_id, res_id))
            rows["cases_searchdoc"].append((ids.take("cases_searchdoc"), "reservation", f"{code} {title}", case_id))
            if r() < 0.5:
                rows["cases_caseparty"].append((ids.take("cases_caseparty"), "host", case_id, host_id))

        ev = rows["cases_timelineevent"]
        ev.append((ids.take("cases_timelineevent"), "case.created", "system", "", fmt_ts(created), "{}",
                   f'{{"status": "new", "severity": "{severity}", "channel": "{channel}"}}', "internal", "", None,
                   case_id, None))
        messages = [("inbound", "public", body + (" " + RARE_SENTENCE[lang] if rare else ""), None, guest_id,
                     created, "message.received", "party", guest_name)]
        if status != "new" and r() < 0.8:
            messages.append(("outbound", "public", rng.choice(REPLIES[lang]), owner, None,
                             created + timedelta(minutes=rng.randrange(5, 240)), "message.replied", "agent", ""))
            if r() < 0.35:
                follow = rng.choice(world.texts.get((cat, lang)) or world.texts[("reservation", "en")])[1]
                messages.append(("inbound", "public", follow, None, guest_id,
                                 created + timedelta(hours=rng.randrange(4, 48)), "message.received", "party",
                                 guest_name))
        if owner and r() < 0.25:
            messages.append(("internal", "internal", rng.choice(NOTES), owner, None,
                             created + timedelta(minutes=rng.randrange(10, 300)), "message.noted", "agent", ""))
        for direction, vis, text_, agent, party, at, kind, actor_type, actor_label in messages:
            mid = ids.take("cases_message")
            rows["cases_message"].append((
                mid, channel if direction != "internal" else "console", direction, vis, text_,
                "<p>" + text_.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>", lang,
                f"seed-{mid}" if direction == "inbound" else None, "", fmt_ts(at), agent, case_id, None, party))
            rows["cases_searchdoc"].append((ids.take("cases_searchdoc"), "message", text_, case_id))
            ev.append((ids.take("cases_timelineevent"), kind, actor_type, actor_label, fmt_ts(at), "{}", "{}",
                       "all" if vis == "public" else "internal", "", agent, case_id, mid))
        if owner:
            ev.append((ids.take("cases_timelineevent"), "case.assigned", "agent", "",
                       fmt_ts(created + timedelta(minutes=3)), '{"owner": null}', f'{{"owner": {owner}}}',
                       "internal", "", owner, case_id, None))
        if status != "new":
            ev.append((ids.take("cases_timelineevent"), "case.status_changed", "agent" if owner else "system", "",
                       fmt_ts(last), '{"status": "new"}', f'{{"status": "{status}"}}', "internal", "", owner,
                       case_id, None))
    return rows
