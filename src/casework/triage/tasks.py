"""Background tasks of the triage app (django.tasks, database-backed).

``triage_message`` (``casework.triage.tasks.triage_message``, the ``triage.triage_message`` task)
takes a message id, reloads everything, and is idempotent enough to run twice: it appends a new
result row and re-applies the same (never-lowering) triage to the case. When the active model is
missing or broken the rules still run (result ``rules_only``, the error stored and logged) and a
retry is queued, up to ``MAX_ATTEMPTS``, so the case is re-triaged once an admin fixes the model.
An unexpected error is stored as a ``failed`` row (visible to admins) and retried the same way.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)]


def _retry(message_id: int, attempt: int) -> None:
    if attempt >= MAX_ATTEMPTS:
        log.error("triage of message %s gave up after %s attempts", message_id, attempt)
        return
    delay = RETRY_DELAYS[min(attempt - 1, len(RETRY_DELAYS) - 1)]
    try:
        triage_message.using(run_after=timezone.now() + delay).enqueue(message_id, attempt + 1)
    except Exception:  # noqa: BLE001 - a backend without run_after support: retry now
        triage_message.enqueue(message_id, attempt + 1)


@task()
def triage_message(message_id: int, attempt: int = 1) -> dict:
    """Triage message ``message_id``; returns a small summary (stored by the task backend)."""
    from casework.cases.models import Message
    from casework.triage import services
    from casework.triage.enums import TriageRole, TriageStatus
    from casework.triage.models import MessageTriage

    try:
        row = services.triage_message(message_id)
    except services.NotFound:
        log.info("message %s vanished before triage", message_id)
        return {"message": message_id, "status": "missing"}
    except Exception as exc:  # noqa: BLE001 - stored, logged, retried: never lost silently
        log.exception("triage of message %s failed (attempt %s)", message_id, attempt)
        message = Message.objects.filter(pk=message_id).first()
        if message is not None:
            with transaction.atomic():
                MessageTriage.objects.create(message=message, case_id=message.case_id, role=TriageRole.RULES,
                                             status=TriageStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
                                             created_at=timezone.now())
        _retry(message_id, attempt)
        return {"message": message_id, "status": "failed", "attempt": attempt}
    if row.status == TriageStatus.RULES_ONLY:
        _retry(message_id, attempt)
    return {"message": message_id, "status": row.status, "model": row.model_version, "attempt": attempt}


@task()
def triage_messages(message_ids: list[int]) -> dict:
    """Triage several messages (the intake worker queues one such task per batch).

    Each message is handled exactly as :func:`triage_message` handles it, failures and retries
    included; one message failing does not stop the others."""
    statuses: dict[str, int] = {}
    for message_id in message_ids:
        try:
            status = triage_message.call(message_id)["status"]
        except Exception:  # noqa: BLE001 - logged; the others go on
            log.exception("triage of message %s failed in a batch", message_id)
            status = "error"
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {"messages": len(message_ids), "statuses": statuses}


@task()
def retrain_triage_model(name: str) -> dict:
    """Optional scheduled retraining from corrections (``triage.retrain_triage_model``).

    The new version is registered as a candidate; activating it stays a human decision."""
    from casework.triage import services

    row = services.retrain_model(name)
    return {"model": row.label, "rows": row.training_rows}
