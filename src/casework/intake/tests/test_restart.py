"""After a crash or restart of the embedded default, nothing accepted or started is stranded."""

from __future__ import annotations

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from casework.core import worker
from casework.intake.models import RawPayload, RawPayloadStatus
from casework.intake.tasks import process_queued_payloads
from casework.triage.tasks import triage_messages


@pytest.mark.skipif(connection.vendor != "sqlite", reason="re-queueing interrupted tasks applies to the embedded "
                                                          "default (SQLite, one process) only")
def test_a_task_interrupted_in_the_embedded_worker_runs_again(db):
    triage_messages.enqueue([1])
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, worker_ids=[worker.EMBEDDED_WORKER_ID])
    other = process_queued_payloads.enqueue()
    DBTaskResult.objects.filter(pk=other.id).update(status=TaskResultStatus.RUNNING, worker_ids=["elsewhere"])
    assert worker.requeue_interrupted() == 1
    statuses = dict(DBTaskResult.objects.values_list("task_path", "status"))
    assert statuses["casework.triage.tasks.triage_messages"] == TaskResultStatus.READY
    assert statuses["casework.intake.tasks.process_queued_payloads"] == TaskResultStatus.RUNNING


def test_payloads_accepted_before_a_restart_get_a_batch_run(db):
    RawPayload.objects.create(channel="api", body=b"{}", status=RawPayloadStatus.QUEUED)
    worker.resume_intake()
    assert DBTaskResult.objects.filter(task_path="casework.intake.tasks.process_queued_payloads",
                                       status=TaskResultStatus.READY).count() == 1


def test_no_run_is_queued_when_nothing_waits(db):
    worker.resume_intake()
    assert not DBTaskResult.objects.exists()
