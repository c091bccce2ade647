"""The intake worker's side of ``202 Accepted``: queued payloads processed in batches.

:func:`process_queued_payloads` takes up to ``limit`` payloads with ``status=queued`` (oldest
first; ``SKIP LOCKED`` on PostgreSQL so several workers share the queue) and, in **one**
transaction, gives each the outcome the synchronous endpoint would have given:

- the common case, a message that opens a new case (no case id, reservation, attachment, known
  thread or provider id), is written with bulk inserts: parties and identities, cases, case
  parties, messages, timeline events, search documents and audit rows, then one triage task
  and one live update per team for the whole batch;
- every other message goes through :func:`casework.intake.services.receive_message`, one by
  one, in its own savepoint, exactly as the synchronous path does (threads, reservations,
  reopen, follow-ups of closed cases, duplicates, attachments).

Payloads are handled in arrival order: before a message that needs the one-by-one path, the
bulk messages before it are written, so a thread opened earlier in the batch is found. A
payload that fails is marked ``failed`` with its error; the rest of the batch goes on. If the
bulk write itself fails, its messages are retried one by one, so one bad row never blocks the
batch. Case times (SLA clock, message time) are the time the payload was *received*, not the
time the worker got to it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from casework.accounts.permissions import Action, role_allows
from casework.cases import services as case_services
from casework.cases.enums import (
    ActorType,
    Audience,
    CaseStatus,
    EventKind,
    MessageDirection,
    MessageVisibility,
    Priority,
    Segment,
    Severity,
)
from casework.cases.models import Case, CaseParty, Message, Party, PartyIdentity, SearchDoc, TimelineEvent
from casework.core.errors import CaseworkError, Forbidden
from casework.core.models import AuditLog
from casework.core.text import clean_text
from casework.intake import services as intake
from casework.intake.models import RawPayload, RawPayloadStatus

log = logging.getLogger(__name__)

TRIAGE_CHUNK = 20


@dataclass
class _Item:
    raw: RawPayload
    msg: intake.InboundMessage | None = None
    identity: str = ""
    subject: str = ""
    plain: str = ""
    safe_html: str = ""


@dataclass
class BatchOutcome:
    taken: int = 0
    processed: int = 0
    duplicates: int = 0
    failed: int = 0
    cases_created: int = 0
    bulk: int = 0
    one_by_one: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {"taken": self.taken, "processed": self.processed, "duplicates": self.duplicates,
                "failed": self.failed, "cases_created": self.cases_created, "bulk": self.bulk,
                "one_by_one": self.one_by_one}


def process_queued_payloads(*, limit: int = 200) -> BatchOutcome:
    """Process up to ``limit`` queued payloads in one transaction (see the module docstring)."""
    with transaction.atomic():
        queued = RawPayload.objects.filter(status=RawPayloadStatus.QUEUED).select_related("submitted_by__agent")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True, of=("self",))
        raws = list(queued.order_by("id")[:limit])
        run = _Batch(raws)
        run.process()
        _save_outcomes(raws)
        run.after_commit()
    return run.outcome


class _Batch:
    def __init__(self, raws: list[RawPayload]):
        self.raws = raws
        self.outcome = BatchOutcome(taken=len(raws))
        self.pending: list[_Item] = []
        self.seen_threads: set[tuple[str, str]] = set()
        self.seen_provider_ids: set[tuple[str, str]] = set()
        self.allowed: dict[int | None, bool] = {}
        self.triage_ids: list[int] = []
        self.teams: set[int] = set()
        self._team = None

    # -- driving ------------------------------------------------------------------------------

    def process(self) -> None:
        items = [self._parse(raw) for raw in self.raws]
        items = [it for it in items if it is not None]
        known_threads, known_ids = self._known([it.msg for it in items])
        for it in items:
            if self._bulk_eligible(it, known_threads, known_ids):
                self.pending.append(it)
            else:
                self._flush()
                self._one_by_one(it)
            if it.msg.thread_key:
                self.seen_threads.add((it.msg.channel, it.msg.thread_key))
            if it.msg.provider_message_id:
                self.seen_provider_ids.add((it.msg.channel, it.msg.provider_message_id))
        self._flush()

    def after_commit(self) -> None:
        triage_ids, teams = list(self.triage_ids), sorted(self.teams)
        if triage_ids:
            _enqueue_triage(triage_ids)
        if teams:
            from casework.console.live import broadcast_team_change

            transaction.on_commit(lambda: [broadcast_team_change(t, EventKind.CREATED) for t in teams])

    # -- per payload --------------------------------------------------------------------------

    def _parse(self, raw: RawPayload) -> _Item | None:
        item = _Item(raw=raw)
        try:
            if not self._may_create(raw.submitted_by):
                raise Forbidden()
            item.msg = intake.parse_api_message(bytes(raw.body))
            item.identity = intake.normalise_identity(item.msg.sender_kind, item.msg.sender_value)
            item.subject = clean_text(intake._subject(item.msg))[:300]
            if not item.msg.attachments:
                item.plain, item.safe_html = case_services._prepare_body(text=item.msg.text, html=item.msg.html)
        except CaseworkError as exc:
            self._fail(raw, exc.message)
            return None
        return item

    def _may_create(self, user) -> bool:
        key = user.pk if user is not None else None
        if key not in self.allowed:
            self.allowed[key] = user is None or role_allows(user, Action.CREATE_CASE)
        return self.allowed[key]

    def _known(self, msgs: list[intake.InboundMessage]) -> tuple[set, set]:
        """Threads and provider ids of this batch that already exist (one query each)."""
        threads = {m.thread_key for m in msgs if m.thread_key}
        pids = {m.provider_message_id for m in msgs if m.provider_message_id}
        known_threads = set(Message.objects.filter(thread_key__in=threads).values_list("channel", "thread_key")
                            .distinct()) if threads else set()
        known_ids = set(Message.objects.filter(provider_message_id__in=pids)
                        .values_list("channel", "provider_message_id")) if pids else set()
        return known_threads, known_ids

    def _bulk_eligible(self, it: _Item, known_threads: set, known_ids: set) -> bool:
        m = it.msg
        if m.case_id is not None or m.attachments or m.reservation_code.strip() or not it.subject:
            return False
        if m.provider_message_id:
            key = (m.channel, m.provider_message_id)
            if key in known_ids or key in self.seen_provider_ids:
                return False
        if m.thread_key:
            key = (m.channel, m.thread_key)
            if key in known_threads or key in self.seen_threads:
                return False
        return True

    def _one_by_one(self, it: _Item) -> None:
        raw = it.raw
        try:
            with transaction.atomic():
                result = intake.receive_message(raw, it.msg, actor=raw.submitted_by, via="api",
                                                now=raw.received_at)
        except CaseworkError as exc:
            self._fail(raw, exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - one payload must not stop the batch; kept for replay
            log.exception("queued payload %s could not be processed", raw.pk)
            self._fail(raw, f"{type(exc).__name__}: {exc}")
            return
        self.outcome.one_by_one += 1
        self._done(raw, message_id=result.message.pk, case=result.case, created=result.case_created,
                   duplicate=result.duplicate)

    def _flush(self) -> None:
        items, self.pending = self.pending, []
        if not items:
            return
        try:
            with transaction.atomic():
                self._bulk_open_cases(items)
        except Exception:  # noqa: BLE001 - e.g. an identity created concurrently: fall back, lose nothing
            log.warning("bulk intake of %s payloads failed; processing them one by one", len(items), exc_info=True)
            for it in items:
                self._one_by_one(it)
            return
        self.outcome.bulk += len(items)

    # -- the bulk write -----------------------------------------------------------------------

    def _intake_team(self):
        if self._team is None:
            self._team = intake._intake_team()
        return self._team

    def _parties(self, items: list[_Item]) -> dict[tuple[str, str], tuple[Party, str]]:
        """Party and its search text per (kind, value), creating the missing ones in bulk."""
        keys = {(it.msg.sender_kind, it.identity) for it in items}
        found = {}
        for ident in (PartyIdentity.objects.filter(value__in={v for _, v in keys}).select_related("party")):
            if (ident.kind, ident.value) in keys:
                found[(ident.kind, ident.value)] = ident.party
        values: dict[int, list[str]] = {}
        for party_id, value in PartyIdentity.objects.filter(
                party_id__in={p.pk for p in found.values()}).values_list("party_id", "value"):
            values.setdefault(party_id, []).append(value)
        new_keys, new_parties = [], []
        for it in items:
            key = (it.msg.sender_kind, it.identity)
            if key not in found and key not in new_keys:
                new_keys.append(key)
                new_parties.append(Party(display_name=clean_text(it.msg.sender_name)[:200] or it.identity))
        Party.objects.bulk_create(new_parties)
        PartyIdentity.objects.bulk_create([PartyIdentity(party=p, kind=k, value=v)
                                           for (k, v), p in zip(new_keys, new_parties, strict=True)])
        out = {}
        for key, party in found.items():
            text = " ".join(v for v in [party.display_name, party.external_id, *values.get(party.pk, [])] if v)
            out[key] = (party, text)
        for (kind, value), party in zip(new_keys, new_parties, strict=True):
            out[(kind, value)] = (party, f"{party.display_name} {value}")
        return out

    def _bulk_open_cases(self, items: list[_Item]) -> None:
        team = self._intake_team()
        parties = self._parties(items)
        cases = []
        for it in items:
            now = it.raw.received_at
            cases.append(Case(subject=it.subject, team=team, channel=it.msg.channel, severity=Severity.S3,
                              priority=Priority.P3, language="und", segment=Segment.STANDARD,
                              created_at=now, updated_at=now, last_activity_at=now,
                              sla_due_at=case_services._sla_due(now, Severity.S3)))
        Case.objects.bulk_create(cases)
        messages, docs, links, audits, created_events = [], [], [], [], []
        for it, case in zip(items, cases, strict=True):
            m, now = it.msg, it.raw.received_at
            party, party_text = parties[(m.sender_kind, it.identity)]
            created_events.append(TimelineEvent(
                case=case, kind=EventKind.CREATED, actor_type=ActorType.SYSTEM, created_at=now,
                after={"status": CaseStatus.NEW.value, "team": team.slug, "owner": None, "severity": Severity.S3.value,
                       "case_type": None, "channel": m.channel}, before={}))
            docs.append(SearchDoc(case=case, kind="subject", body=it.subject[:20_000]))
            links.append(CaseParty(case=case, party=party, role=m.role))
            if party_text:
                docs.append(SearchDoc(case=case, kind="party", body=party_text[:20_000]))
            audits.append(AuditLog(actor=None, action="case.created", object_type="case", object_id=str(case.pk),
                                   via="intake", details={}))
            messages.append(Message(
                case=case, channel=m.channel, direction=MessageDirection.INBOUND,
                visibility=MessageVisibility.PUBLIC, body_text=it.plain, body_html=it.safe_html,
                author_party=party, provider_message_id=m.provider_message_id or None,
                thread_key=m.thread_key or "", raw_payload=it.raw, created_at=now, language=""))
            docs.append(SearchDoc(case=case, kind="message", body=it.plain[:20_000]))
        TimelineEvent.objects.bulk_create(created_events)
        CaseParty.objects.bulk_create(links)
        Message.objects.bulk_create(messages)
        TimelineEvent.objects.bulk_create([
            TimelineEvent(case=msg.case, kind=EventKind.MESSAGE_RECEIVED, actor_type=ActorType.PARTY,
                          actor_label=msg.author_party.display_name, created_at=msg.created_at, message=msg,
                          audience=Audience.ALL, before={}, after={})
            for msg in messages])
        SearchDoc.objects.bulk_create(docs)
        AuditLog.objects.bulk_create(audits)
        for it, case, msg in zip(items, cases, messages, strict=True):
            self.triage_ids.append(msg.pk)
            self._done(it.raw, message_id=msg.pk, case=case, created=True, duplicate=False)
        self.teams.add(team.pk)

    # -- outcomes -----------------------------------------------------------------------------

    def _done(self, raw: RawPayload, *, message_id: int, case: Case, created: bool, duplicate: bool) -> None:
        raw.status = RawPayloadStatus.DUPLICATE if duplicate else RawPayloadStatus.PROCESSED
        raw.result = {"message_id": message_id, "case_id": case.pk, "case_number": case.number,
                      "case_created": created, "duplicate": duplicate}
        raw.error = ""
        raw.processed_at = timezone.now()
        self.outcome.processed += 1
        self.outcome.duplicates += int(duplicate)
        self.outcome.cases_created += int(created)

    def _fail(self, raw: RawPayload, error: str) -> None:
        raw.status = RawPayloadStatus.FAILED
        raw.error = str(error)[:2000]
        raw.result = {}
        raw.processed_at = timezone.now()
        self.outcome.failed += 1
        self.outcome.errors.append(raw.error)


def _save_outcomes(raws: list[RawPayload]) -> None:
    """Write each payload's status and result: one prepared UPDATE run for every row.

    (``QuerySet.bulk_update`` builds a CASE expression per field and row; for a batch of 200 it
    cost more than the whole bulk write of the cases.)"""
    if not raws:
        return
    meta = RawPayload._meta
    fields = [meta.get_field(name) for name in ("status", "result", "error", "processed_at")]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        connection.ops.quote_name(meta.db_table),
        ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields),
        connection.ops.quote_name(meta.pk.column))
    rows = [[f.get_db_prep_save(getattr(raw, f.attname), connection) for f in fields] + [raw.pk] for raw in raws]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _enqueue_triage(message_ids: list[int]) -> None:
    """One triage task for the batch's bulk-written messages; never fails the batch."""
    try:
        from casework.triage.tasks import triage_messages
    except ImportError:
        return
    try:
        with transaction.atomic():
            for start in range(0, len(message_ids), TRIAGE_CHUNK):  # short tasks: intake batches interleave
                triage_messages.enqueue(message_ids[start:start + TRIAGE_CHUNK])
    except Exception:  # noqa: BLE001 - intake must not fail because triage cannot be queued
        log.exception("could not queue triage for %s messages", len(message_ids))


__all__ = ["BatchOutcome", "process_queued_payloads"]
