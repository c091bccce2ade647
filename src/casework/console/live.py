"""Live updates for open console pages (Channels groups). Called only after commit.

A broadcast is a hint ("this case changed, refetch"), never data: pages reload what they show
through the normal permission-checked views. :func:`schedule_case_change` collects the changes
of one transaction and sends one message per case and per team after it commits, so a write
that touches a case several times (open it, add the message) costs one round of sends.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def case_group(case_id: int) -> str:
    return f"case.{case_id}"


def team_group(team_id: int) -> str:
    return f"team.{team_id}"


def _send(sends: list[tuple[str, dict]]) -> None:
    """All group sends in one hop to the event loop. A failure is logged, never raised:
    a broker outage must not surface as a failed write (pages catch up on their next refresh)."""
    layer = get_channel_layer()
    if layer is None or not sends:
        return

    async def send_all():
        for group, payload in sends:
            await layer.group_send(group, payload)

    try:
        async_to_sync(send_all)()
    except Exception:  # noqa: BLE001
        log.warning("live update for %s not delivered", [g for g, _ in sends], exc_info=True)


def broadcast_case_change(case_id: int, team_id: int, kind: str) -> None:
    """Tell subscribers of the case page and of its team queue that something changed."""
    payload = {"type": "case.changed", "case_id": case_id, "kind": str(kind)}
    _send([(case_group(case_id), payload), (team_group(team_id), payload)])


def broadcast_team_change(team_id: int, kind: str) -> None:
    """Tell a team's queue pages that cases were added or changed (one message for a batch)."""
    _send([(team_group(team_id), {"type": "case.changed", "case_id": None, "kind": str(kind)})])


class _Pending:
    """The changes of one transaction, sent by one on-commit callback."""

    def __init__(self):
        self.changes: dict[int, tuple[set[int], str]] = {}

    def __call__(self) -> None:
        sends, teams = [], {}
        for case_id, (team_ids, kind) in self.changes.items():
            payload = {"type": "case.changed", "case_id": case_id, "kind": kind}
            sends.append((case_group(case_id), payload))
            for team_id in team_ids:  # a transfer tells the old queue and the new one
                teams[team_id] = payload  # one message per team: the queue refetches anyway
        sends += [(team_group(t), p) for t, p in teams.items()]
        _send(sends)


def schedule_case_change(case_id: int, team_id: int, kind: str) -> None:
    """Broadcast after the current transaction commits, merged with its other changes.

    Outside a transaction (autocommit) the change is sent at once. If the transaction rolls
    back, Django drops the callback and nothing is sent.
    """
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        broadcast_case_change(case_id, team_id, kind)
        return
    pending = getattr(conn, "_casework_live_pending", None)
    if pending is None or not any(entry[1] is pending for entry in conn.run_on_commit):
        pending = _Pending()
        conn._casework_live_pending = pending
        transaction.on_commit(pending)
    team_ids, _ = pending.changes.get(case_id, (set(), ""))
    team_ids.add(team_id)
    pending.changes[case_id] = (team_ids, str(kind))  # the last kind of change wins
