"""Reads of the case aggregate. Every read is scoped by :func:`visible_cases_q`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import phonenumbers
from django.db import connection
from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from casework.cases.enums import ACTIVE_STATUSES, CaseStatus
from casework.cases.models import Case, CaseLink, CaseParty, CaseType, Message, TimelineEvent
from casework.cases.permissions import visible_cases_q
from casework.core.errors import ValidationFailed
from casework.core.pagination import Page, decode_cursor, encode_cursor

SORTS = {
    # name: (fields, descending, cursor kinds)
    "due": (("sla_due_at", "id"), False, (datetime, int)),
    "newest": (("id",), True, (int,)),
}


@dataclass
class QueueFilter:
    """What a queue shows. Built from URL parameters (console) or query parameters (API)."""

    team_id: int | None = None
    owner_id: int | None = None
    unassigned: bool = False
    status: str = "active"  # a CaseStatus value, "active" or "all"
    severity: list[str] = field(default_factory=list)
    case_type: str = ""  # slug; a parent slug includes its children
    channel: str = ""
    language: str = ""
    segment: str = ""
    sla: str = ""  # breached / due_soon / ok
    sort: str = "due"


def _filtered(user, f: QueueFilter) -> QuerySet[Case]:
    qs = Case.objects.filter(visible_cases_q(user))
    if f.team_id:
        qs = qs.filter(team_id=f.team_id)
    if f.owner_id:
        qs = qs.filter(owner_id=f.owner_id)
    if f.unassigned:
        qs = qs.filter(owner__isnull=True)
    if f.status == "active":
        qs = qs.filter(is_active=True)
    elif f.status != "all":
        if f.status not in CaseStatus.values:
            raise ValidationFailed("Unknown status filter.", details=[{"loc": ["status"], "msg": "unknown"}])
        qs = qs.filter(status=f.status)
    if f.severity:
        qs = qs.filter(severity__in=f.severity)
    if f.case_type:
        qs = qs.filter(Q(case_type__slug=f.case_type) | Q(case_type__slug__startswith=f.case_type + "."))
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.language:
        qs = qs.filter(language=f.language)
    if f.segment:
        qs = qs.filter(segment=f.segment)
    if f.sla:
        now = timezone.now()
        active = Q(status__in=ACTIVE_STATUSES)
        if f.sla == "breached":
            qs = qs.filter(active, sla_due_at__lt=now)
        elif f.sla == "due_soon":
            qs = qs.filter(active, sla_due_at__gte=now, sla_due_at__lt=now + timedelta(hours=1))
        elif f.sla == "ok":
            qs = qs.filter(sla_due_at__gte=now + timedelta(hours=1))
    return qs


def _with_row_relations(qs: QuerySet[Case]) -> QuerySet[Case]:
    """What a queue row shows: team, owner, type and the parties (a fixed number of queries)."""
    return qs.select_related("team", "owner", "owner__agent", "case_type").prefetch_related(
        Prefetch("case_parties", queryset=CaseParty.objects.select_related("party"))
    )


# What a console row shows, read as plain values in one query (no model instances, no prefetch):
# the first party's name comes from a correlated subquery on the case_party unique index.
ROW_FIELDS = ("id", "subject", "severity", "status", "language", "segment", "channel", "confidentiality",
              "risks", "sla_due_at", "last_activity_at")


def _row_values(qs: QuerySet[Case]) -> QuerySet:
    first_party = CaseParty.objects.filter(case_id=OuterRef("pk")).order_by("id").values("party__display_name")[:1]
    return qs.values(*ROW_FIELDS, type_names=F("case_type__names"), type_slug=F("case_type__slug"),
                     owner_name=F("owner__agent__display_name"), party_name=Subquery(first_party))


def list_queue(user, f: QueueFilter, *, cursor: str | None = None, limit: int = 50, as_rows: bool = False) -> Page:
    """One page of a queue, in keyset order. The number of queries does not depend on the page.

    ``as_rows`` gives plain dicts (:data:`ROW_FIELDS` plus ``type_names``, ``type_slug``,
    ``owner_name``, ``party_name``) in a single query: what the console renders.
    """
    if f.sort not in SORTS:
        raise ValidationFailed("Unknown sort.", details=[{"loc": ["sort"], "msg": "unknown"}])
    limit = max(1, min(limit, 200))
    fields, desc, kinds = SORTS[f.sort]
    qs = _filtered(user, f)
    if cursor:
        values = decode_cursor(cursor, kinds)
        if len(fields) == 2:
            a, b = fields
            op = "lt" if desc else "gt"
            qs = qs.filter(Q(**{f"{a}__{op}": values[0]}) | Q(**{a: values[0], f"{b}__{op}": values[1]}))
        else:
            qs = qs.filter(**{f"{fields[0]}__{'lt' if desc else 'gt'}": values[0]})
    order = [f"-{x}" for x in fields] if desc else list(fields)
    qs = qs.order_by(*order)
    rows = list((_row_values(qs) if as_rows else _with_row_relations(qs))[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor([last[x] if as_rows else getattr(last, x) for x in fields])
    return Page(items=rows, next_cursor=next_cursor)


def queue_counts(user, team_ids: list[int]) -> dict:
    """Active and SLA-breached counts per team queue, and for the user's own cases."""
    from django.db.models import Count

    now = timezone.now()
    base = Case.objects.filter(visible_cases_q(user), is_active=True)
    per_team = {
        row["team_id"]: row
        for row in base.filter(team_id__in=team_ids)
        .values("team_id")
        .annotate(total=Count("id"), breached=Count("id", filter=Q(sla_due_at__lt=now)))
    }
    mine = base.filter(owner_id=user.pk).aggregate(total=Count("id"), breached=Count("id", filter=Q(sla_due_at__lt=now)))
    return {"teams": per_team, "mine": mine}


@dataclass
class CaseDetail:
    case: Case
    parties: list[CaseParty]
    reservations: list
    events: list[TimelineEvent]
    links: list[CaseLink]
    prior_cases: list[Case]


def get_case_detail(user, case: Case) -> CaseDetail:
    """Everything the case page shows, in a fixed number of queries."""
    parties = list(
        CaseParty.objects.filter(case=case).select_related("party").prefetch_related("party__identities")
    )
    events = list(
        TimelineEvent.objects.filter(case=case)
        .select_related("actor", "actor__agent", "message", "message__author_party", "message__author_agent")
        .prefetch_related("message__attachments")
        .order_by("created_at", "id")
    )
    # A case has few links: read them, then check both ends against visible_cases_q by primary
    # key (an `IN (SELECT … visible cases)` subquery would materialise every visible case).
    links = list(CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case)).select_related("from_case", "to_case"))
    if links:
        ends = {i for link in links for i in (link.from_case_id, link.to_case_id)}
        visible = set(Case.objects.filter(visible_cases_q(user), pk__in=ends).values_list("id", flat=True))
        links = [link for link in links if link.from_case_id in visible and link.to_case_id in visible]
    party_ids = [p.party_id for p in parties]
    prior = list(
        Case.objects.filter(visible_cases_q(user), case_parties__party_id__in=party_ids)
        .exclude(pk=case.pk)
        .select_related("case_type")
        .distinct()
        .order_by("-created_at")[:10]
    )
    return CaseDetail(case=case, parties=parties, reservations=list(case.reservations.all()), events=events,
                      links=links, prior_cases=prior)


def list_messages(case: Case, *, include_internal: bool = True) -> QuerySet[Message]:
    qs = Message.objects.filter(case=case).select_related("author_party", "author_agent").order_by("created_at", "id")
    return qs if include_internal else qs.filter(visibility="public")


def list_case_types() -> list[CaseType]:
    return list(CaseType.objects.filter(is_active=True).select_related("parent").order_by("slug"))


# ---------------------------------------------------------------------------------------------
# search

_WORD_RE = re.compile(r"[\w@.+'-]+", re.UNICODE)


def _phone_variant(text: str) -> str | None:
    digits = re.sub(r"[^\d+]", "", text)
    if len(re.sub(r"\D", "", digits)) < 7:
        return None
    for region in (None, "US", "FR", "ES", "GB"):
        try:
            num = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164).lstrip("+")
    return None


def _terms(query: str) -> list[str]:
    phone = _phone_variant(query)
    if phone:
        return [phone]
    return [t.strip(".'-") for t in _WORD_RE.findall(query) if t.strip(".'-")][:12]


def _fts_ids_sqlite(terms: list[str], limit: int, before_id: int | None) -> list[tuple[int, int]]:
    # Each user term becomes a quoted FTS5 string (tokenised like the index, so an email address is
    # a phrase); the last term also matches as a prefix. Rows come newest first.
    parts = ['"' + t.replace('"', '""') + '"' for t in terms]
    if parts and len(terms[-1]) >= 3:
        parts[-1] += "*"
    match = " ".join(parts)
    sql = (
        "SELECT d.id, d.case_id FROM cases_searchdoc_fts f JOIN cases_searchdoc d ON d.id = f.rowid "
        "WHERE cases_searchdoc_fts MATCH %s" + (" AND f.rowid < %s" if before_id else "") +
        " ORDER BY f.rowid DESC LIMIT %s"
    )
    params = [match, *([before_id] if before_id else []), limit]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _fts_ids_postgres(terms: list[str], limit: int, before_id: int | None) -> list[tuple[int, int]]:
    # Each term goes through PostgreSQL's own parser (phraseto_tsquery), exactly as the indexed
    # text did: an e-mail address stays one lexeme. A last plain word also matches as a prefix.
    parts, params = [], []
    for i, t in enumerate(terms):
        if i == len(terms) - 1 and len(t) >= 3 and re.fullmatch(r"\w+", t):
            parts.append("to_tsquery('simple', %s)")
            params.append(t.lower() + ":*")
        else:
            parts.append("phraseto_tsquery('simple', %s)")
            params.append(t)
    sql = (
        "SELECT id, case_id FROM cases_searchdoc WHERE tsv @@ (" + " && ".join(parts) + ")" +
        (" AND id < %s" if before_id else "") + " ORDER BY id DESC LIMIT %s"
    )
    params += [*([before_id] if before_id else []), limit]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _visible_ids(base: QuerySet[Case], ids: list[int]) -> set[int]:
    """Which of ``ids`` pass ``base`` (the user's visibility and the filter). On SQLite a long
    list goes in as one JSON parameter: with thousands of ids in an IN list the planner walks the
    team index instead of looking the ids up (1,600 ids: 138 ms; as JSON, 5,000 ids: 8 ms, at 1M
    cases)."""
    if connection.vendor == "sqlite" and len(ids) > 100:
        return set(base.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)]))
                   .values_list("id", flat=True))
    return set(base.filter(pk__in=ids).values_list("id", flat=True))


SEARCH_SCAN_LIMIT = 20_000  # matches looked at per search, newest first
SEARCH_FIRST_BATCH = 200
VISIBILITY_CHUNK = 250


class SearchResults(list):
    """The cases found, newest match first. ``window_reached``: the search looked at its
    ``SEARCH_SCAN_LIMIT`` newest matches and stopped with fewer results than asked for, so older
    matching cases may exist: the caller should say so (add words, or filter)."""

    window_reached = False


def search_cases(user, query: str, *, f: QueueFilter | None = None, limit: int = 25,
                 as_rows: bool = False) -> SearchResults:
    """Cases matching ``query`` (subjects, messages, party names and identities, reservation codes),
    newest match first, restricted to what ``user`` may open and to the filter ``f``.

    A case number (``CW-000123``) finds that case directly.
    """
    query = (query or "").strip()[:200]
    if not query:
        return SearchResults()
    f = f or QueueFilter(status="all")
    base = _filtered(user, f)
    case_id = Case.id_from_number(query) if query.upper().startswith("CW-") else None
    load = _row_values if as_rows else _with_row_relations
    if case_id:
        return SearchResults(load(base.filter(pk=case_id)))
    terms = _terms(query)
    if not terms:
        return SearchResults()
    fetch = _fts_ids_postgres if connection.vendor == "postgresql" else _fts_ids_sqlite
    found: list[int] = []
    seen: set[int] = set()
    before_id = None
    # Newest matches first, in growing batches: most searches end after the first one; when many
    # recent matches are cases this user may not open (or that the filter drops), the window
    # widens ×4 a round, so reaching past thousands of them costs a few queries, not dozens.
    # Bounded: at most SEARCH_SCAN_LIMIT matches are looked at.
    batch, scanned = max(limit * 8, SEARCH_FIRST_BATCH), 0
    while scanned < SEARCH_SCAN_LIMIT:
        batch = min(batch, SEARCH_SCAN_LIMIT - scanned)
        rows = fetch(terms, batch, before_id)
        if not rows:
            break
        scanned += len(rows)
        candidates = list(dict.fromkeys(cid for _, cid in rows if cid not in seen))
        seen.update(candidates)
        # newest first, in chunks that grow (250, 1,000, 4,000 ids), stopping as soon as enough
        # are found
        i, size = 0, VISIBILITY_CHUNK
        while i < len(candidates) and len(found) < limit:
            chunk = candidates[i:i + size]
            allowed = _visible_ids(base, chunk)
            found.extend(cid for cid in chunk if cid in allowed)
            i, size = i + size, size * 4
        if len(found) >= limit or len(rows) < batch:
            break
        before_id = rows[-1][0]
        batch *= 4
    ids = found[:limit]
    if as_rows:
        by_id = {c["id"]: c for c in _row_values(Case.objects.filter(pk__in=ids))}
    else:
        by_id = {c.pk: c for c in _with_row_relations(Case.objects.filter(pk__in=ids))}
    out = SearchResults(by_id[i] for i in ids if i in by_id)
    out.window_reached = scanned >= SEARCH_SCAN_LIMIT and len(found) < limit
    return out
