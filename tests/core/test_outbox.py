import dataclasses
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from types import MappingProxyType

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from motcua.core import outbox
from motcua.core.models import AuditEntry, OutboxEvent
from tests.support import outbox_handlers as handlers

LEASE = timedelta(seconds=60)


class WorkerCrashed(BaseException):
    """Stands for a worker process killed mid-delivery: nothing after it runs."""


@pytest.fixture(autouse=True)
def clean_support_handlers() -> Iterator[None]:
    handlers.received.clear()
    handlers.failures_left.clear()
    yield
    handlers.received.clear()
    handlers.failures_left.clear()


Registry = dict[str, dict[str, outbox.Handler]]


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    """A copy of the handler registry that tests may add to without leaking into others."""
    copy = {topic: dict(subscribers) for topic, subscribers in outbox._handlers.items()}
    monkeypatch.setattr(outbox, "_handlers", copy)
    return copy


def only(
    func: outbox.Handler, *, named_as: outbox.Handler | None = None
) -> dict[str, outbox.Handler]:
    """One subscriber; `named_as` keeps an earlier handler's name (the same code, fixed)."""
    return {outbox._name(named_as or func): func}


def emitted_then(topic: str, key: str = "k-1") -> tuple[OutboxEvent, datetime]:
    event = outbox.emit(topic, payload={"code": key}, key=key)
    return event, timezone.now()


def reload(event: OutboxEvent) -> OutboxEvent:
    return OutboxEvent.objects.get(pk=event.pk)


@pytest.mark.django_db(transaction=True)
def test_an_event_emitted_in_a_rolled_back_transaction_is_never_delivered() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.emit("test.recorded", payload={"code": "HS-1"}, key="HS-1")
        raise RuntimeError("the dossier change failed after the event was written")

    report = outbox.deliver_due(worker_id="alice")

    assert report.attempted == 0
    assert handlers.received == []
    assert not OutboxEvent.objects.exists()


@pytest.mark.django_db
def test_an_event_emitted_in_a_committed_transaction_is_delivered_once() -> None:
    with transaction.atomic():
        event = outbox.emit("test.recorded", payload={"code": "HS-1"}, key="HS-1")

    first = outbox.deliver_due(worker_id="alice")
    second = outbox.deliver_due(worker_id="alice")

    assert (first.delivered, second.attempted) == (1, 0)
    assert [(e.id, e.key, dict(e.payload), e.attempts) for e in handlers.received] == [
        (event.pk, "HS-1", {"code": "HS-1"}, 0)
    ]
    event = reload(event)
    assert event.status == OutboxEvent.Status.DELIVERED
    assert (event.attempts, event.leased_by, event.lease_until) == (1, "", None)


@pytest.mark.django_db
def test_a_failing_handler_is_retried_with_backoff_then_succeeds() -> None:
    handlers.failures_left["HS-2"] = 2
    event, t0 = emitted_then("test.flaky", "HS-2")

    first = outbox.deliver_due(worker_id="alice", now=t0)

    assert first.failed == 1
    event = reload(event)
    assert event.status == OutboxEvent.Status.PENDING
    assert event.attempts == 1
    assert event.last_error == "ConnectionError: receiver unreachable for HS-2"
    assert event.last_attempt_at == t0
    assert event.available_at == t0 + timedelta(seconds=5)
    assert (event.lease_until, event.leased_by, event.delivered_at) == (None, "", None)

    # Not due again before its backoff has passed.
    assert outbox.deliver_due(worker_id="alice", now=t0 + timedelta(seconds=4)).attempted == 0

    t1 = t0 + timedelta(seconds=5)
    assert outbox.deliver_due(worker_id="alice", now=t1).failed == 1
    event = reload(event)
    assert event.attempts == 2
    assert event.available_at == t1 + timedelta(seconds=10)

    t2 = t1 + timedelta(seconds=10)
    assert outbox.deliver_due(worker_id="alice", now=t2).delivered == 1
    event = reload(event)
    assert event.status == OutboxEvent.Status.DELIVERED
    assert event.attempts == 3
    assert event.delivered_at == t2
    # The last failure stays visible to an operator wondering why delivery took so long.
    assert event.last_error == "ConnectionError: receiver unreachable for HS-2"
    assert [e.attempts for e in handlers.received] == [0, 1, 2]


@override_settings(OUTBOX_BACKOFF_BASE_SECONDS=5, OUTBOX_BACKOFF_MAX_SECONDS=60)
def test_backoff_doubles_from_the_base_up_to_the_cap() -> None:
    assert [outbox.backoff(n).total_seconds() for n in range(1, 7)] == [5, 10, 20, 40, 60, 60]
    assert outbox.backoff(10_000) == timedelta(seconds=60)


@pytest.mark.django_db
@override_settings(OUTBOX_MAX_ATTEMPTS=3)
def test_an_event_whose_handler_keeps_failing_becomes_dead_after_max_attempts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    event, now = emitted_then("test.always_fails", "HS-3")
    outcomes = []
    with caplog.at_level(logging.INFO, logger="motcua.outbox"):
        for _ in range(5):
            report = outbox.deliver_due(worker_id="alice", now=now)
            outcomes.append((report.failed, report.dead))
            now += timedelta(hours=2)

    assert outcomes == [(1, 0), (1, 0), (0, 1), (0, 0), (0, 0)]
    assert len(handlers.received) == 3
    event = reload(event)
    assert event.status == OutboxEvent.Status.DEAD
    assert event.attempts == 3
    assert event.last_error == "ValueError: the receiver rejected the payload"
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert (errors[0].event_id, errors[0].topic, errors[0].attempts) == (  # type: ignore[attr-defined]
        event.pk,
        "test.always_fails",
        3,
    )


@pytest.mark.django_db
def test_an_event_of_a_topic_without_a_handler_waits_untouched_until_one_is_registered(
    registry: Registry,
) -> None:
    event, now = emitted_then("test.nobody_listens")

    report = outbox.deliver_due(worker_id="alice", now=now)

    assert report.attempted == 0
    event = reload(event)
    assert (event.status, event.attempts, event.last_error) == (OutboxEvent.Status.PENDING, 0, "")

    seen: list[str] = []
    registry["test.nobody_listens"] = {"tests.listener": lambda e: seen.append(e.key)}
    handed_over = outbox.deliver_due(worker_id="alice", now=now)
    delivered = outbox.deliver_due(worker_id="alice", now=now)

    assert (handed_over.delivered, delivered.delivered) == (1, 1)
    assert seen == [event.key]
    assert reload(event).status == OutboxEvent.Status.DELIVERED
    copy = OutboxEvent.objects.exclude(pk=event.pk).get()
    assert (copy.subscriber, copy.key, copy.status) == (
        "tests.listener",
        event.key,
        OutboxEvent.Status.DELIVERED,
    )


@pytest.mark.django_db
def test_a_lease_held_by_another_worker_is_not_stolen_before_it_expires(
    registry: Registry,
) -> None:
    def crash(event: outbox.Event) -> None:
        raise WorkerCrashed

    registry["test.crashing"] = only(crash)
    event, t0 = emitted_then("test.crashing")
    with pytest.raises(WorkerCrashed):
        outbox.deliver_due(worker_id="bob", now=t0)
    registry["test.crashing"] = only(handlers.recorded, named_as=crash)

    report = outbox.deliver_due(worker_id="alice", now=t0 + LEASE - timedelta(seconds=1))

    assert report.attempted == 0
    assert handlers.received == []
    event = reload(event)
    assert (event.leased_by, event.lease_until) == ("bob", t0 + LEASE)


@pytest.mark.django_db
def test_the_expired_lease_of_a_crashed_worker_is_delivered_by_another(
    registry: Registry,
) -> None:
    def crash(event: outbox.Event) -> None:
        raise WorkerCrashed

    registry["test.crashing"] = only(crash)
    event, t0 = emitted_then("test.crashing")
    with pytest.raises(WorkerCrashed):
        outbox.deliver_due(worker_id="bob", now=t0)
    registry["test.crashing"] = only(handlers.recorded, named_as=crash)

    report = outbox.deliver_due(worker_id="alice", now=t0 + LEASE)

    assert report.delivered == 1
    assert [e.key for e in handlers.received] == ["k-1"]
    assert reload(event).status == OutboxEvent.Status.DELIVERED


@pytest.mark.django_db
def test_a_worker_that_lost_its_lease_does_not_record_the_outcome(
    registry: Registry, caplog: pytest.LogCaptureFixture
) -> None:
    def slow_past_the_lease(event: outbox.Event) -> None:
        # Meanwhile the lease expired and Charlie took the event over.
        OutboxEvent.objects.filter(pk=event.id).update(
            leased_by="charlie", lease_until=timezone.now() + LEASE
        )

    registry["test.slow_past_the_lease"] = only(slow_past_the_lease)
    event, now = emitted_then("test.slow_past_the_lease")

    with caplog.at_level(logging.WARNING, logger="motcua.outbox"):
        report = outbox.deliver_due(worker_id="alice", now=now)

    assert (report.delivered, report.lost) == (0, 1)
    event = reload(event)
    assert event.status == OutboxEvent.Status.PENDING
    assert (event.leased_by, event.attempts) == ("charlie", 0)
    assert "lease lost" in caplog.text


@pytest.mark.django_db
def test_a_worker_told_to_stop_finishes_the_event_in_hand_and_takes_no_other() -> None:
    for key in ("HS-a", "HS-b", "HS-c"):
        outbox.emit("test.recorded", payload={}, key=key)

    report = outbox.deliver_due(worker_id="alice", should_stop=lambda: bool(handlers.received))

    assert report.delivered == 1
    assert OutboxEvent.objects.filter(status=OutboxEvent.Status.PENDING).count() == 2


@pytest.mark.django_db
def test_each_handler_of_a_topic_gets_its_own_row_and_a_failing_one_holds_no_other_back(
    registry: Registry,
) -> None:
    synced: list[str] = []

    @outbox.handler("test.shared")
    def sync(event: outbox.Event) -> None:
        synced.append(event.key)

    @outbox.handler("test.shared")
    def aggregate(event: outbox.Event) -> None:
        raise ValueError("the aggregate table is locked")

    outbox.handler("test.shared")(sync)  # the same module imported twice: still one subscriber
    outbox.emit("test.shared", payload={}, key="HS-9")
    now = timezone.now()

    report = outbox.deliver_due(worker_id="alice", now=now)

    assert (report.delivered, report.failed) == (1, 1)
    assert synced == ["HS-9"]
    rows = {row.subscriber: row for row in OutboxEvent.objects.all()}
    assert set(rows) == {outbox._name(sync), outbox._name(aggregate)}
    assert rows[outbox._name(sync)].status == OutboxEvent.Status.DELIVERED
    assert rows[outbox._name(aggregate)].attempts == 1
    assert rows[outbox._name(aggregate)].status == OutboxEvent.Status.PENDING


def test_handlers_of_installed_apps_are_discovered_at_start_up() -> None:
    assert {"test.recorded", "test.flaky", "test.delivered_in_db"} <= set(
        outbox.registered_topics()
    )


def test_a_handler_cannot_change_the_event_it_receives() -> None:
    event = outbox.Event(id=1, topic="t", key="k", payload=MappingProxyType({"a": 1}), attempts=0)

    with pytest.raises(dataclasses.FrozenInstanceError):
        event.key = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        event.payload["a"] = 2  # type: ignore[index]


@pytest.mark.django_db
def test_an_operator_can_put_dead_events_back_and_it_is_audited(django_user_model) -> None:
    alice = django_user_model.objects.create_user(username="alice", full_name="Alice Trần")
    dead, _ = emitted_then("test.recorded", "HS-dead")
    OutboxEvent.objects.filter(pk=dead.pk).update(
        status=OutboxEvent.Status.DEAD, attempts=12, last_error="TimeoutError: VNPost"
    )
    pending, _ = emitted_then("test.recorded", "HS-pending")

    count = outbox.retry_dead([dead.pk, pending.pk], by=alice)

    assert count == 1
    dead = reload(dead)
    assert (dead.status, dead.attempts) == (OutboxEvent.Status.PENDING, 0)
    entry = AuditEntry.objects.get(action="outbox.retry_dead")
    assert (entry.actor, entry.target_type, entry.target_id) == (
        alice,
        "core.outboxevent",
        str(dead.pk),
    )
    assert entry.details["attempts"] == 12
    assert entry.details["last_error"] == "TimeoutError: VNPost"
    assert outbox.deliver_due(worker_id="alice").delivered == 2


@pytest.mark.django_db
def test_the_admin_lists_outbox_events_and_audit_entries_read_only(admin_client) -> None:
    event, _ = emitted_then("test.recorded", "HS-admin")
    entry = AuditEntry.objects.create(action="test.seen")

    for url in (
        reverse("admin:core_outboxevent_changelist"),
        reverse("admin:core_auditentry_changelist"),
        reverse("admin:core_outboxevent_change", args=[event.pk]),
        reverse("admin:core_auditentry_change", args=[entry.pk]),
    ):
        assert admin_client.get(url).status_code == 200
    for url in (
        reverse("admin:core_outboxevent_add"),
        reverse("admin:core_auditentry_add"),
        reverse("admin:core_auditentry_delete", args=[entry.pk]),
    ):
        assert admin_client.get(url).status_code == 403
    response = admin_client.post(
        reverse("admin:core_auditentry_change", args=[entry.pk]), {"action": "changed"}
    )
    assert response.status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.seen"


@pytest.mark.django_db
def test_the_admin_action_puts_dead_events_back(admin_client, admin_user) -> None:
    dead, _ = emitted_then("test.recorded", "HS-dead")
    OutboxEvent.objects.filter(pk=dead.pk).update(status=OutboxEvent.Status.DEAD, attempts=12)

    response = admin_client.post(
        reverse("admin:core_outboxevent_changelist"),
        {"action": "retry_dead_events", "_selected_action": [dead.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Đã đưa 1 sự kiện trở lại hàng chờ gửi." in response.content.decode()
    assert reload(dead).status == OutboxEvent.Status.PENDING
    assert AuditEntry.objects.get(action="outbox.retry_dead").actor == admin_user


@pytest.mark.django_db
def test_staff_who_may_only_view_the_outbox_cannot_retry_dead_events(client, django_user_model):
    bob = django_user_model.objects.create_user(username="bob", is_staff=True)
    bob.user_permissions.add(Permission.objects.get(codename="view_outboxevent"))
    client.force_login(bob)
    dead, _ = emitted_then("test.recorded", "HS-dead")
    OutboxEvent.objects.filter(pk=dead.pk).update(status=OutboxEvent.Status.DEAD, attempts=12)
    changelist = reverse("admin:core_outboxevent_changelist")

    assert "retry_dead_events" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "retry_dead_events", "_selected_action": [dead.pk]})

    assert reload(dead).status == OutboxEvent.Status.DEAD
    assert not AuditEntry.objects.filter(action="outbox.retry_dead").exists()
