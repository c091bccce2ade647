"""Live updates for open console pages (Channels groups). Called only after commit."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

log = logging.getLogger(__name__)


def case_group(case_id: int) -> str:
    return f"case.{case_id}"


def team_group(team_id: int) -> str:
    return f"team.{team_id}"


def broadcast_case_change(case_id: int, team_id: int, kind: str) -> None:
    """Tell subscribers of the case page and of its team queue that something changed.

    A failed broadcast must never undo or fail the committed change: it is logged, and pages
    catch up on their next refresh.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    payload = {"type": "case.changed", "case_id": case_id, "kind": str(kind)}
    try:
        async_to_sync(layer.group_send)(case_group(case_id), payload)
        async_to_sync(layer.group_send)(team_group(team_id), payload)
    except Exception:  # a broker outage must not surface as a failed write
        log.warning("live update for case %s not delivered", case_id, exc_info=True)
