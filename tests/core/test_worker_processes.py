"""`motcua worker` as it runs in production: real processes sharing the test database."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from motcua.core import outbox
from motcua.core.models import AuditEntry, OutboxEvent
from motcua.core.worker import Worker

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT_DIR = Path(settings.BASE_DIR).parent


@task()
def note_task_ran(key: str) -> None:
    AuditEntry.objects.create(
        action="test.task_ran", target_type="test.task", target_id=key, details={"pid": os.getpid()}
    )


def database_url() -> str:
    """The test database (pytest-django's test_<name> on PostgreSQL, a file on SQLite)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_process(*args: str, **popen: object) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "PYTHONPATH": str(PROJECT_DIR),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "motcua.cli", "worker", *args],
        cwd=PROJECT_DIR,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,  # type: ignore[call-overload]
    )


def test_two_workers_deliver_each_event_and_run_each_task_exactly_once() -> None:
    keys = [f"HS-{n:03}" for n in range(200)]
    for key in keys:
        outbox.emit("test.delivered_in_db", payload={"sleep": 0.01}, key=key)
    task_keys = [f"T-{n:02}" for n in range(20)]
    for key in task_keys:
        note_task_ran.enqueue(key=key)

    alice = worker_process("--once", "--worker-id", "alice")
    bob = worker_process("--once", "--worker-id", "bob")
    outputs = {
        name: proc.communicate(timeout=120) for name, proc in (("alice", alice), ("bob", bob))
    }

    for name, proc in (("alice", alice), ("bob", bob)):
        assert proc.returncode == 0, outputs[name][1]
    deliveries = Counter(
        AuditEntry.objects.filter(action="test.delivered").values_list("target_id", flat=True)
    )
    assert deliveries == Counter(keys)
    assert set(OutboxEvent.objects.values_list("status", flat=True)) == {"delivered"}
    runs = Counter(
        AuditEntry.objects.filter(action="test.task_ran").values_list("target_id", flat=True)
    )
    assert runs == Counter(task_keys)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    pids = Counter(
        entry.details["pid"] for entry in AuditEntry.objects.filter(action="test.delivered")
    )
    # PostgreSQL lets both workers write at once; SQLite serialises writers and one worker may
    # then take everything, which is still correct.
    if connection.vendor == "postgresql":
        assert len(pids) == 2, pids


def test_a_worker_told_to_stop_finishes_the_event_in_hand_and_exits_cleanly(
    tmp_path: Path,
) -> None:
    started = tmp_path / "started"
    for key in ("HS-1", "HS-2"):
        outbox.emit("test.slow", payload={"started_marker": str(started), "sleep": 1.5}, key=key)

    worker = worker_process("--interval", "0.2", "--worker-id", "alice")
    deadline = time.monotonic() + 30
    while not started.exists():
        assert worker.poll() is None, worker.communicate()[1]
        assert time.monotonic() < deadline, "the worker never started delivering"
        time.sleep(0.05)
    worker.send_signal(signal.SIGTERM)
    _, stderr = worker.communicate(timeout=30)

    assert worker.returncode == 0, stderr
    statuses = Counter(OutboxEvent.objects.values_list("status", flat=True))
    assert statuses == {"delivered": 1, "pending": 1}
    assert AuditEntry.objects.filter(action="test.slow_done").count() == 1
    untouched = OutboxEvent.objects.get(status="pending")
    assert (untouched.attempts, untouched.leased_by, untouched.lease_until) == (0, "", None)


def test_a_worker_run_once_delivers_due_events_runs_ready_tasks_then_returns() -> None:
    outbox.emit("test.delivered_in_db", payload={"sleep": 0}, key="HS-1")
    note_task_ran.enqueue(key="T-1")

    Worker(worker_id="alice", interval=0).run(once=True)

    assert OutboxEvent.objects.get().status == "delivered"
    assert AuditEntry.objects.filter(action="test.task_ran", target_id="T-1").exists()
    result = DBTaskResult.objects.get()
    assert (result.status, result.worker_ids) == ("SUCCESSFUL", ["alice"])


def test_a_worker_run_once_leaves_a_failed_event_to_its_backoff() -> None:
    outbox.emit("test.always_fails", payload={}, key="HS-1")

    Worker(worker_id="alice", interval=0).run(once=True)

    event = OutboxEvent.objects.get()
    assert (event.status, event.attempts) == ("pending", 1)
