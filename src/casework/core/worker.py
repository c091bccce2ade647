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


def start_embedded_worker(*, interval: float = 0.5) -> tuple[threading.Thread, ThreadWorker]:
    worker = ThreadWorker(queue_names=["*"], interval=interval, batch=False, backend_name="default",
                          startup_delay=False, max_tasks=None, worker_id="embedded", excluded_queue_names=[])
    thread = threading.Thread(target=worker.run, name="casework-worker", daemon=True)
    thread.start()
    log.info("embedded task worker started")
    return thread, worker
