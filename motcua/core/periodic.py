"""Periodic jobs run by the worker: deadline alarms, daily aggregates, clean-ups.

A job is a plain function registered under a stable name with an interval, in a `periodic_jobs`
module of any installed app (found at start-up by CoreConfig.ready, like outbox handlers):

    @periodic.job("dossiers.alarm_scan", every=lambda: settings.ALARM_SCAN_SECONDS)
    def scan_alarms() -> None:
        ...

Each job has one PeriodicJob row. Every worker pass calls `run_due()`, which claims each due job
with a conditional UPDATE on its row (the lease, as for outbox events), runs it outside any
transaction and then schedules the next run one interval after this one started. So however many
workers run, a job runs on one of them at a time, about once per interval. A job that raises is
logged, its error kept on the row for the admin, and it runs again at its next interval: a broken
job never stops the worker or the other jobs. A worker that dies mid-run leaves a lease that
expires, and another worker runs the job then.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from .models.periodic import PeriodicJob

logger = logging.getLogger("motcua.periodic")

LAST_ERROR_MAX = 2000
# A job still running after this long is taken to have died with its worker. Longer than any
# job should take: a lease that expires under a live job lets a second worker start it too.
DEFAULT_LEASE_SECONDS = 600

Interval = float | Callable[[], float]


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], Any]
    every: Interval
    lease_seconds: int = DEFAULT_LEASE_SECONDS

    def interval(self) -> timedelta:
        # A callable is read at each run, so an interval taken from settings follows them.
        seconds = self.every() if callable(self.every) else self.every
        if seconds <= 0:
            raise ImproperlyConfigured(
                f"Periodic job {self.name!r} needs a positive interval, got {seconds!r}."
            )
        return timedelta(seconds=seconds)


_jobs: dict[str, Job] = {}


def job(
    name: str, *, every: Interval, lease_seconds: int = DEFAULT_LEASE_SECONDS
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register `func` to run every `every` seconds (a number, or a function giving one)."""
    if not name:
        raise ValueError("A periodic job needs a name.")

    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        existing = _jobs.get(name)
        # The same function imported twice (a module reloaded) is not a conflict.
        if existing is not None and _qualname(existing.func) != _qualname(func):
            raise ImproperlyConfigured(
                f"Periodic job {name!r} is already {_qualname(existing.func)}; "
                f"{_qualname(func)} cannot take the same name."
            )
        _jobs[name] = Job(name=name, func=func, every=every, lease_seconds=lease_seconds)
        return func

    return register


def registered_jobs() -> list[str]:
    return sorted(_jobs)


@dataclass
class PeriodicReport:
    ran: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.ran + self.failed


def run_due(
    *,
    worker_id: str,
    now: datetime | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> PeriodicReport:
    """Run every registered job that is due and not running elsewhere; say how many ran.

    Call it outside any transaction: each claim and outcome must commit on its own for other
    workers to see it, and a job may take a while.
    """
    report = PeriodicReport()
    if not _jobs:
        return report
    clock: Callable[[], datetime] = (lambda: now) if now is not None else timezone.now
    _ensure_rows(clock())
    due = PeriodicJob.objects.filter(name__in=list(_jobs), next_run_at__lte=clock())
    for name in due.order_by("next_run_at", "name").values_list("name", flat=True):
        if should_stop is not None and should_stop():
            break
        outcome = _run_one(_jobs[name], worker_id=worker_id, clock=clock)
        if outcome == "ran":
            report.ran += 1
        elif outcome == "failed":
            report.failed += 1
    return report


def _ensure_rows(now: datetime) -> None:
    missing = set(_jobs) - set(
        PeriodicJob.objects.filter(name__in=list(_jobs)).values_list("name", flat=True)
    )
    if missing:
        # Two workers starting together may both see a job missing: the unique name keeps one
        # row, the other insert is ignored. A new job runs at once.
        PeriodicJob.objects.bulk_create(
            [PeriodicJob(name=name, next_run_at=now) for name in sorted(missing)],
            ignore_conflicts=True,
        )


def _run_one(job: Job, *, worker_id: str, clock: Callable[[], datetime]) -> str:
    started_at = clock()
    lease_until = started_at + timedelta(seconds=job.lease_seconds)
    # The claim: due, and leased by nobody (or by a worker whose lease ran out). Only one
    # worker's UPDATE can match.
    taken = (
        PeriodicJob.objects.filter(name=job.name, next_run_at__lte=started_at)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lte=started_at))
        .update(leased_by=worker_id, lease_until=lease_until, last_started_at=started_at)
    )
    if taken != 1:
        return "lost"
    ours = PeriodicJob.objects.filter(name=job.name, leased_by=worker_id, lease_until=lease_until)
    log_fields = {"job": job.name, "worker_id": worker_id}
    began = time.monotonic()
    error = ""
    try:
        job.func()
    except Exception as exc:
        error = _describe(exc)
        logger.exception(
            "Periodic job %s failed; it runs again at its next interval",
            job.name,
            extra={**log_fields, "error": error},
        )
    finished_at = clock()
    try:
        next_run_at = started_at + job.interval()
    except ImproperlyConfigured as exc:
        # A bad interval must not make the job run in a tight loop: retry in a minute and say so.
        error = error or str(exc)
        logger.error("%s", exc, extra=log_fields)
        next_run_at = started_at + timedelta(seconds=60)
    if (
        ours.update(
            last_finished_at=finished_at,
            last_error=error,
            next_run_at=next_run_at,
            leased_by="",
            lease_until=None,
        )
        != 1
    ):
        logger.warning(
            "Periodic job %s: lease lost before the run was recorded", job.name, extra=log_fields
        )
    if not error:
        logger.info(
            "Periodic job %s ran",
            job.name,
            extra={**log_fields, "duration_ms": round((time.monotonic() - began) * 1000, 1)},
        )
    return "failed" if error else "ran"


def _describe(exc: Exception) -> str:
    text = f"{type(exc).__qualname__}: {exc}"
    return text if len(text) <= LAST_ERROR_MAX else text[: LAST_ERROR_MAX - 1] + "…"


def _qualname(func: Callable[..., Any]) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"
