"""Periodic jobs (core.periodic) and the worker that runs them."""

import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from motcua.core import periodic
from motcua.core.models import PeriodicJob
from motcua.core.worker import Worker


@pytest.fixture(autouse=True)
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, periodic.Job]]:
    """An empty registry per test: the project's own jobs (the alarm scan) stay out of the way."""
    jobs: dict[str, periodic.Job] = {}
    monkeypatch.setattr(periodic, "_jobs", jobs)
    yield jobs


def row(name: str) -> PeriodicJob:
    return PeriodicJob.objects.get(name=name)


@pytest.mark.django_db
def test_a_new_job_runs_at_once_then_once_per_interval() -> None:
    runs: list[str] = []
    periodic.job("tally", every=300)(lambda: runs.append("tally"))
    now = timezone.now()

    first = periodic.run_due(worker_id="alice", now=now)
    again = periodic.run_due(worker_id="alice", now=now + timedelta(seconds=299))
    later = periodic.run_due(worker_id="alice", now=now + timedelta(seconds=300))

    assert (first.ran, again.ran, later.ran) == (1, 0, 1)
    assert runs == ["tally", "tally"]
    job = row("tally")
    assert job.next_run_at == now + timedelta(seconds=600)
    assert job.last_started_at == job.last_finished_at == now + timedelta(seconds=300)
    assert (job.leased_by, job.lease_until, job.last_error) == ("", None, "")


@pytest.mark.django_db
def test_a_job_running_on_one_worker_is_not_started_by_another() -> None:
    now = timezone.now()
    seen_by_bob: list[periodic.PeriodicReport] = []

    def slow_job() -> None:
        # While Alice holds the lease, Bob's pass comes round and finds the job taken.
        seen_by_bob.append(periodic.run_due(worker_id="bob", now=now + timedelta(seconds=1)))

    periodic.job("scan", every=60)(slow_job)

    report = periodic.run_due(worker_id="alice", now=now)

    assert report.ran == 1
    assert [r.attempted for r in seen_by_bob] == [0]
    assert PeriodicJob.objects.count() == 1


@pytest.mark.django_db
def test_a_lease_left_by_a_dead_worker_expires_and_another_worker_runs_the_job() -> None:
    runs: list[str] = []
    periodic.job("scan", every=60, lease_seconds=120)(lambda: runs.append("ran"))
    now = timezone.now()
    PeriodicJob.objects.create(
        name="scan", next_run_at=now, leased_by="dead", lease_until=now + timedelta(seconds=120)
    )

    assert periodic.run_due(worker_id="bob", now=now + timedelta(seconds=60)).ran == 0
    assert periodic.run_due(worker_id="bob", now=now + timedelta(seconds=120)).ran == 1
    assert runs == ["ran"]


@pytest.mark.django_db
def test_a_failing_job_is_logged_kept_for_the_admin_and_retried_at_its_next_interval(
    caplog: pytest.LogCaptureFixture,
) -> None:
    runs: list[str] = []

    def broken() -> None:
        raise ConnectionError("mail server unreachable")

    periodic.job("broken", every=120)(broken)
    periodic.job("healthy", every=120)(lambda: runs.append("healthy"))
    now = timezone.now()

    with caplog.at_level(logging.ERROR, logger="motcua.periodic"):
        report = periodic.run_due(worker_id="alice", now=now)

    assert (report.ran, report.failed) == (1, 1)
    assert runs == ["healthy"]
    job = row("broken")
    assert job.last_error == "ConnectionError: mail server unreachable"
    assert job.next_run_at == now + timedelta(seconds=120)
    assert (job.leased_by, job.lease_until) == ("", None)
    assert "Periodic job broken failed" in caplog.text
    assert periodic.run_due(worker_id="alice", now=now + timedelta(seconds=60)).attempted == 0
    assert periodic.run_due(worker_id="alice", now=now + timedelta(seconds=120)).failed == 1


# The worker closes its connections between passes, as in production: a transaction test.
@pytest.mark.django_db(transaction=True)
def test_a_failing_job_does_not_stop_the_worker() -> None:
    runs: list[str] = []

    def broken() -> None:
        raise RuntimeError("bug in a job")

    periodic.job("broken", every=3600)(broken)
    periodic.job("healthy", every=3600)(lambda: runs.append("healthy"))

    # run(once=True) re-raises whatever escapes a pass: returning proves nothing escaped.
    Worker(worker_id="alice", interval=0).run(once=True)

    assert runs == ["healthy"]
    assert row("broken").last_error == "RuntimeError: bug in a job"


@pytest.mark.django_db
def test_the_interval_may_come_from_settings(settings) -> None:
    settings.ALARM_SCAN_SECONDS = 42
    periodic.job("scan", every=lambda: settings.ALARM_SCAN_SECONDS)(lambda: None)
    now = timezone.now()

    periodic.run_due(worker_id="alice", now=now)

    assert row("scan").next_run_at == now + timedelta(seconds=42)


def test_one_name_one_job() -> None:
    def first() -> None: ...

    def second() -> None: ...

    periodic.job("scan", every=60)(first)
    periodic.job("scan", every=60)(first)  # the same function again (a reload) is fine

    with pytest.raises(ImproperlyConfigured, match="already"):
        periodic.job("scan", every=60)(second)


def test_the_alarm_scan_is_registered_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real registry, filled by CoreConfig.ready()

    assert "dossiers.alarm_scan" in periodic.registered_jobs()
