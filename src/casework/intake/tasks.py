"""Background tasks of intake (django.tasks, database-backed).

``intake.process_queued_payloads`` processes payloads accepted with ``202`` in batches. It is
queued by the web process that accepted them (at most a few times a second per process) and
re-queues itself while work remains, so a burst drains without one task per message.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

log = logging.getLogger(__name__)

BATCH_SIZE = 200
TAIL_CHECK_S = 1.0
# Opening the case comes before anything else a worker has queued (triage, deliveries follow it):
# a customer's message must be on a case, visible and on the SLA clock, first.
PRIORITY = 50


def schedule_batch(*, delay_s: float = 0.0) -> None:
    """Queue one run of :func:`process_queued_payloads` (in the caller's transaction)."""
    runner = process_queued_payloads
    if delay_s > 0:
        runner = runner.using(run_after=timezone.now() + timedelta(seconds=delay_s))
    runner.enqueue()


@task(priority=PRIORITY)
def process_queued_payloads(limit: int = BATCH_SIZE) -> dict:
    """Process up to ``limit`` queued payloads in one transaction; re-queue while there is more.

    A full batch re-queues at once; a partial one re-queues a tail check a second later (it
    catches a payload committed while this batch ran); an empty run ends the chain.
    """
    from casework.intake.batch import process_queued_payloads as process

    outcome = process(limit=limit)
    if outcome.taken >= limit:
        schedule_batch()
    elif outcome.taken:
        schedule_batch(delay_s=TAIL_CHECK_S)
    return outcome.summary()
