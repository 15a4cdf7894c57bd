"""The transactional outbox: work that leaves the process, written with the change that caused it.

`emit()` inserts a row in the caller's transaction, so the event exists if and only if the change
committed: an event emitted in a transaction that rolls back vanishes with it, and since
`deliver_due()` only ever reads committed rows it can never deliver it. `emit()` outside any
transaction is allowed (the row commits at once); inside a dossier transition it is the rule.

A worker (`motcua worker`) calls `deliver_due()`, which takes due rows one at a time with a
conditional UPDATE (the lease), calls the topic's handler outside any transaction and marks the
row delivered only if it still holds the lease. A worker that dies mid-delivery leaves a lease
that expires, and another worker delivers the event again: delivery is at least once, so every
handler must be idempotent on `event.key` (pass it to the receiver as its idempotency key).

Handlers live in an `outbox_handlers` module of any installed app, found at start-up
(CoreConfig.ready):

    @outbox.handler("dossier.status_changed")
    def sync_status(event: outbox.Event) -> None:
        ...

A topic may have several handlers (the national portal sync and the report aggregates both
follow status changes): `emit()` writes one row per handler, named by its dotted path in
`subscriber`, so each is delivered, retried and given up on by itself — one failing receiver
never holds another back. An event of a topic that nobody handles yet is written once with no
subscriber and waits; when handlers appear, the worker hands it to each of them.
"""

import dataclasses
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, Literal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import audit
from .models.outbox import OutboxEvent

logger = logging.getLogger("motcua.outbox")

# last_error is read by an operator in the admin: enough for the message, not a novel.
LAST_ERROR_MAX = 2000


@dataclass(frozen=True, slots=True)
class Event:
    """What a handler receives. `attempts` counts earlier attempts (0 on the first delivery)."""

    id: int
    topic: str
    key: str
    payload: Mapping[str, Any]
    attempts: int


Handler = Callable[[Event], None]
Outcome = Literal["delivered", "failed", "dead", "lost"]

# topic -> {subscriber name -> handler}
_handlers: dict[str, dict[str, Handler]] = {}


class NoHandlerRegistered(LookupError):
    def __init__(self, topic: str, subscriber: str) -> None:
        super().__init__(f"Chưa có handler «{subscriber}» nào được đăng ký cho chủ đề «{topic}».")


def handler(topic: str) -> Callable[[Handler], Handler]:
    """Register `func` as one of the handlers of `topic` (a module imported twice is fine)."""

    def register(func: Handler) -> Handler:
        _handlers.setdefault(topic, {})[_name(func)] = func
        return func

    return register


def registered_topics() -> list[str]:
    return sorted(topic for topic, subscribers in _handlers.items() if subscribers)


def subscribers(topic: str) -> list[str]:
    return sorted(_handlers.get(topic, {}))


def emit(topic: str, *, payload: dict[str, Any], key: str) -> OutboxEvent:
    """Write an event in the caller's transaction, one row per handler of its topic (or one
    waiting row when it has none); a worker delivers them once that commits. Returns the first."""
    if not topic or not key:
        raise ValueError("An outbox event needs a topic and an idempotency key.")
    now = timezone.now()
    rows = OutboxEvent.objects.bulk_create(
        OutboxEvent(topic=topic, key=key, payload=payload, available_at=now, subscriber=name)
        for name in subscribers(topic) or [""]
    )
    return rows[0]


@dataclass
class DeliveryReport:
    delivered: int = 0
    # Failed attempts that will be retried later, and events that will not be retried again.
    failed: int = 0
    dead: int = 0
    # Taken by another worker first, or taken over while this one was delivering it (its lease
    # expired): not an error, the other worker owns the outcome.
    lost: int = 0

    @property
    def attempted(self) -> int:
        return self.delivered + self.failed + self.dead

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


def backoff(attempts: int) -> timedelta:
    """Delay before the next attempt once `attempts` attempts have failed (1, 2, ...)."""
    base = settings.OUTBOX_BACKOFF_BASE_SECONDS
    cap = settings.OUTBOX_BACKOFF_MAX_SECONDS
    # Cap the exponent too, so a large attempt count cannot build a huge integer.
    return timedelta(seconds=min(base * 2 ** min(max(attempts - 1, 0), 32), cap))


def deliver_due(
    *,
    worker_id: str,
    limit: int = 100,
    now: datetime | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> DeliveryReport:
    """Deliver up to `limit` due events, one at a time, and say what happened.

    `now` fixes the clock (tests); without it each claim reads the clock, so the leases of a
    long batch are measured from when each event was taken. `should_stop` is asked before each
    event, so a worker told to stop finishes the event in hand and no more.

    Call it outside any transaction: a handler talks to other systems and must not hold a
    transaction (and on SQLite the write lock) open meanwhile, and each claim and outcome has
    to commit on its own for other workers to see it.
    """
    clock: Callable[[], datetime] = (lambda: now) if now is not None else timezone.now
    report = DeliveryReport()
    # An event whose topic has no handler yet (the national portal sync, say, comes in a later
    # release) waits, untouched, until one is registered: failing it would burn its attempts and
    # bury it as dead before anyone could deliver it.
    names = [name for topic in registered_topics() for name in subscribers(topic)]
    due = list(
        OutboxEvent.objects.due(clock())
        .filter(Q(subscriber__in=names) | Q(subscriber="", topic__in=registered_topics()))
        .order_by("available_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        if should_stop is not None and should_stop():
            break
        outcome = _deliver_one(pk, worker_id=worker_id, clock=clock)
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _deliver_one(pk: int, *, worker_id: str, clock: Callable[[], datetime]) -> Outcome:
    claimed_at = clock()
    lease_until = claimed_at + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    # The claim: only one worker's UPDATE can match a row that is still due.
    taken = (
        OutboxEvent.objects.due(claimed_at)
        .filter(pk=pk)
        .update(lease_until=lease_until, leased_by=worker_id)
    )
    if taken != 1:
        return "lost"
    row = OutboxEvent.objects.get(pk=pk)
    if not row.subscriber:
        return _fan_out(row, worker_id=worker_id, lease_until=lease_until, clock=clock)
    event = Event(
        id=row.pk,
        topic=row.topic,
        key=row.key,
        payload=MappingProxyType(row.payload),
        attempts=row.attempts,
    )
    attempts = row.attempts + 1
    log_fields = {"event_id": row.pk, "topic": row.topic, "attempts": attempts, "key": row.key}
    # Every later write is conditional on still holding this very lease: if it expired and
    # another worker took the event, that worker now owns the outcome.
    ours = OutboxEvent.objects.filter(
        pk=pk, status=OutboxEvent.Status.PENDING, leased_by=worker_id, lease_until=lease_until
    )

    try:
        func = _handlers.get(row.topic, {}).get(row.subscriber)
        if func is None:
            raise NoHandlerRegistered(row.topic, row.subscriber)
        func(event)
    except Exception as exc:
        finished_at = clock()
        error = _describe(exc)
        dead = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        changes: dict[str, Any] = {
            "attempts": attempts,
            "last_error": error,
            "last_attempt_at": finished_at,
            "lease_until": None,
            "leased_by": "",
        }
        if dead:
            changes["status"] = OutboxEvent.Status.DEAD
        else:
            changes["available_at"] = finished_at + backoff(attempts)
        if ours.update(**changes) != 1:
            _warn_lease_lost(log_fields, worker_id)
            return "lost"
        if dead:
            logger.error(
                "Outbox event %s (%s) failed %s times and will not be retried: %s",
                row.pk,
                row.topic,
                attempts,
                error,
                extra={**log_fields, "error": error},
            )
            return "dead"
        logger.warning(
            "Outbox event %s (%s) failed, attempt %s: %s",
            row.pk,
            row.topic,
            attempts,
            error,
            extra={**log_fields, "error": error, "retry_at": changes["available_at"].isoformat()},
        )
        return "failed"

    finished_at = clock()
    if (
        ours.update(
            status=OutboxEvent.Status.DELIVERED,
            attempts=attempts,
            last_attempt_at=finished_at,
            delivered_at=finished_at,
            lease_until=None,
            leased_by="",
        )
        != 1
    ):
        _warn_lease_lost(log_fields, worker_id)
        return "lost"
    logger.info(
        "Outbox event %s (%s) delivered",
        row.pk,
        row.topic,
        extra={
            **log_fields,
            "duration_ms": round((finished_at - claimed_at).total_seconds() * 1000, 1),
        },
    )
    return "delivered"


def _fan_out(
    row: OutboxEvent, *, worker_id: str, lease_until: datetime, clock: Callable[[], datetime]
) -> Outcome:
    """A row written when its topic had no handler: one copy per handler now registered."""
    now = clock()
    with transaction.atomic():
        taken = OutboxEvent.objects.filter(
            pk=row.pk,
            status=OutboxEvent.Status.PENDING,
            leased_by=worker_id,
            lease_until=lease_until,
        ).update(
            status=OutboxEvent.Status.DELIVERED,
            delivered_at=now,
            last_attempt_at=now,
            lease_until=None,
            leased_by="",
        )
        if taken != 1:
            return "lost"
        OutboxEvent.objects.bulk_create(
            OutboxEvent(
                topic=row.topic,
                key=row.key,
                payload=row.payload,
                available_at=now,
                subscriber=name,
            )
            for name in subscribers(row.topic)
        )
    return "delivered"


def retry_dead(event_ids: Iterable[int], *, by: audit.Actor = None) -> int:
    """Put dead events back in the queue for a full new series of attempts; audit each one.

    Ids of events that are not dead are ignored: retrying is for what the worker gave up on.
    Returns how many events were put back.
    """
    now = timezone.now()
    with transaction.atomic():
        # Lock the rows (SQLite: the IMMEDIATE transaction does) so two operators clicking
        # at once audit each event once.
        events = list(
            OutboxEvent.objects.select_for_update()
            .filter(pk__in=list(event_ids), status=OutboxEvent.Status.DEAD)
            .order_by("pk")
        )
        if not events:
            return 0
        OutboxEvent.objects.filter(pk__in=[event.pk for event in events]).update(
            status=OutboxEvent.Status.PENDING,
            attempts=0,
            available_at=now,
            lease_until=None,
            leased_by="",
        )
        for event in events:
            audit.record(
                by,
                "outbox.retry_dead",
                target=event,
                details={
                    "topic": event.topic,
                    "key": event.key,
                    "attempts": event.attempts,
                    "last_error": event.last_error,
                },
            )
    logger.info(
        "%s dead outbox events put back in the queue",
        len(events),
        extra={"event_ids": [event.pk for event in events]},
    )
    return len(events)


def _describe(exc: Exception) -> str:
    cls = type(exc)
    name = (
        cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    )
    text = f"{name}: {exc}"
    return text if len(text) <= LAST_ERROR_MAX else text[: LAST_ERROR_MAX - 1] + "…"


def _name(func: Handler) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"


def _warn_lease_lost(log_fields: dict[str, Any], worker_id: str) -> None:
    logger.warning(
        "Outbox event %s: lease lost before the outcome was recorded; "
        "the worker that took it over will deliver it again",
        log_fields["event_id"],
        extra={**log_fields, "worker_id": worker_id},
    )
