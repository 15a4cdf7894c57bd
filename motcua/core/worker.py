"""The background worker: outbox delivery, periodic jobs and django-tasks tasks, pass after pass.

Each pass delivers the outbox events that are due (core.outbox.deliver_due), runs the periodic
jobs that are due (core.periodic.run_due), then runs the tasks that are ready in django-tasks-db's
table. The worker sleeps only after a pass that found nothing to do, so a backlog drains at full
speed. Several workers, on one machine or many, can run side by side: outbox rows and periodic
jobs are taken with a conditional UPDATE (a lease), tasks with django-tasks-db's own row lock
(SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite).

`stop()` may be called from a signal handler or another thread (`motcua serve` runs a worker in a
thread): the event or task in hand is finished, then `run()` returns.
"""

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field

from django.db import OperationalError, close_old_connections
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.management.commands.db_worker import Worker as TaskRunner
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from .outbox import DeliveryReport, deliver_due
from .periodic import PeriodicReport, run_due

logger = logging.getLogger("motcua.worker")

# Task results and outbox leases both record the worker id; django-tasks-db's own command
# refuses ids longer than this.
WORKER_ID_MAX = 64


def default_worker_id() -> str:
    suffix = f"-{os.getpid()}"
    return socket.gethostname()[: WORKER_ID_MAX - len(suffix)] + suffix


@dataclass
class PassReport:
    outbox: DeliveryReport
    tasks: int
    duration_ms: float
    periodic: PeriodicReport = field(default_factory=PeriodicReport)

    @property
    def did_work(self) -> bool:
        return self.outbox.attempted > 0 or self.tasks > 0 or self.periodic.attempted > 0


class Worker:
    def __init__(
        self,
        *,
        worker_id: str,
        interval: float = 1.0,
        outbox_batch: int = 100,
        tasks_per_pass: int = 100,
        tasks_backend: str = DEFAULT_TASK_BACKEND_ALIAS,
    ) -> None:
        self.worker_id = worker_id
        self.interval = interval
        self.outbox_batch = outbox_batch
        self.tasks_per_pass = tasks_per_pass
        self._stop = threading.Event()
        # With a Redis queue (django-tasks-rq) tasks have their own workers; this one then only
        # delivers the outbox.
        self.tasks_backend = (
            tasks_backend if isinstance(task_backends[tasks_backend], DatabaseBackend) else None
        )
        # Only its run_task() is used: it runs one claimed task and records the outcome and the
        # signals exactly as django-tasks-db's own worker does.
        self._task_runner = TaskRunner(
            queue_names=["*"],
            interval=interval,
            batch=True,
            backend_name=tasks_backend,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()

    def run(self, *, once: bool = False) -> None:
        """Pass after pass until stopped; with `once`, until a pass finds nothing to do."""
        logger.info(
            "Worker %s started",
            self.worker_id,
            extra={
                "worker_id": self.worker_id,
                "once": once,
                "tasks_backend": self.tasks_backend or "-",
            },
        )
        while not self.stopping:
            # Like Django does around each request: drop connections that broke or aged out
            # while this process slept, before and after each unit of work.
            close_old_connections()
            try:
                report = self.run_pass()
            except Exception:
                if once:
                    raise
                # A database restart or a network cut must not end the worker: log, wait, retry.
                logger.exception("Worker pass failed", extra={"worker_id": self.worker_id})
                report = None
            finally:
                close_old_connections()
            if report is not None and report.did_work:
                logger.info(
                    "Worker pass: %s events delivered, %s periodic jobs run, %s tasks run",
                    report.outbox.delivered,
                    report.periodic.attempted,
                    report.tasks,
                    extra={
                        "worker_id": self.worker_id,
                        **report.outbox.as_dict(),
                        "periodic_ran": report.periodic.ran,
                        "periodic_failed": report.periodic.failed,
                        "tasks": report.tasks,
                        "duration_ms": report.duration_ms,
                    },
                )
                continue
            if once:
                break
            self._stop.wait(self.interval)
        logger.info("Worker %s stopped", self.worker_id, extra={"worker_id": self.worker_id})

    def run_pass(self) -> PassReport:
        started = time.monotonic()
        outbox = deliver_due(
            worker_id=self.worker_id, limit=self.outbox_batch, should_stop=self._stop.is_set
        )
        # A periodic job that raises is caught inside run_due: it cannot end the pass.
        periodic = run_due(worker_id=self.worker_id, should_stop=self._stop.is_set)
        tasks = self._run_ready_tasks()
        return PassReport(
            outbox=outbox,
            tasks=tasks,
            periodic=periodic,
            duration_ms=round((time.monotonic() - started) * 1000, 1),
        )

    def _run_ready_tasks(self) -> int:
        ran = 0
        while self.tasks_backend and ran < self.tasks_per_pass and not self.stopping:
            task_result = self._claim_task(self.tasks_backend)
            if task_result is None:
                break
            self._task_runner.run_task(task_result)
            ran += 1
        return ran

    def _claim_task(self, backend_name: str) -> DBTaskResult | None:
        # The same claim as django-tasks-db's Worker.run, without its loop, sleeps and signals.
        ready = DBTaskResult.objects.ready().filter(backend_name=backend_name)
        try:
            with exclusive_transaction(ready.db):
                task_result = ready.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as exc:
            # SQLite stayed locked past its busy timeout: try again next pass.
            if is_locked_database_exception(exc):
                return None
            raise
        return task_result
