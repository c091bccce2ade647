"""The in-process task worker used by ``casework serve`` on the embedded default."""

from __future__ import annotations

import logging
import threading

from django_tasks_db.management.commands.db_worker import Worker

log = logging.getLogger(__name__)


class ThreadWorker(Worker):
    """django-tasks-db's worker, minus signal handling (signals belong to the main thread)."""

    def configure_signals(self) -> None:
        pass

    def reset_signals(self) -> None:
        pass


def resume_intake() -> None:
    """Queue one intake batch run at start-up, so payloads accepted (202) before a crash or a
    restart are processed even if the run that was to pick them up was lost."""
    from casework.intake.models import RawPayload, RawPayloadStatus
    from casework.intake.tasks import schedule_batch

    try:
        if RawPayload.objects.filter(status=RawPayloadStatus.QUEUED).exists():
            schedule_batch()
    except Exception:  # noqa: BLE001 - e.g. migrations not applied yet: the next accept queues one
        log.warning("could not check for queued intake payloads", exc_info=True)


EMBEDDED_WORKER_ID = "embedded"


def requeue_interrupted() -> int:
    """On the embedded default (one process, a SQLite file), a task left ``RUNNING`` by this
    worker was interrupted by a crash or a restart: nothing else can be running it. Put it back
    in the queue so it runs again (tasks are written to be safe to run twice). With PostgreSQL,
    other processes may be running their tasks, so nothing is touched."""
    from django.db import connection
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if connection.vendor != "sqlite":
        return 0
    stale = [t.pk for t in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("pk", "worker_ids")
             if t.worker_ids and t.worker_ids[-1] == EMBEDDED_WORKER_ID]
    if stale:
        DBTaskResult.objects.filter(pk__in=stale).update(status=TaskResultStatus.READY, started_at=None)
        log.warning("re-queued %s task(s) interrupted by the last shutdown", len(stale))
    return len(stale)


def start_embedded_worker(*, interval: float = 0.5) -> tuple[threading.Thread, ThreadWorker]:
    try:
        requeue_interrupted()
    except Exception:  # noqa: BLE001 - e.g. migrations not applied yet
        log.warning("could not check for interrupted tasks", exc_info=True)
    resume_intake()
    worker = ThreadWorker(queue_names=["*"], interval=interval, batch=False, backend_name="default",
                          startup_delay=False, max_tasks=None, worker_id=EMBEDDED_WORKER_ID, excluded_queue_names=[])
    thread = threading.Thread(target=worker.run, name="casework-worker", daemon=True)
    thread.start()
    log.info("embedded task worker started")
    return thread, worker
