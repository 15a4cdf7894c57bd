"""Outbox handlers for tests, found by CoreConfig.ready() like any app's handlers.

They are deliberately NOT idempotent on the key: a test that sees an event handled twice must be
able to tell.
"""

import os
import time
from collections import Counter
from pathlib import Path

from motcua.core.models import AuditEntry
from motcua.core.outbox import Event, handler

# Events received in this process, in order, by the in-process handlers below.
received: list[Event] = []
# How many more times `test.flaky` fails for a given key before it succeeds.
failures_left: Counter[str] = Counter()


@handler("test.recorded")
def recorded(event: Event) -> None:
    received.append(event)


@handler("test.flaky")
def flaky(event: Event) -> None:
    received.append(event)
    if failures_left[event.key] > 0:
        failures_left[event.key] -= 1
        raise ConnectionError(f"receiver unreachable for {event.key}")


@handler("test.always_fails")
def always_fails(event: Event) -> None:
    received.append(event)
    raise ValueError("the receiver rejected the payload")


@handler("test.delivered_in_db")
def delivered_in_db(event: Event) -> None:
    """Record the delivery where another process can count it: in the database."""
    # Slow enough that two worker processes really interleave.
    time.sleep(float(event.payload.get("sleep", 0.005)))
    AuditEntry.objects.create(
        action="test.delivered",
        target_type="test.event",
        target_id=event.key,
        details={"pid": os.getpid()},
    )


@handler("test.slow")
def slow(event: Event) -> None:
    """Tell the test it has started (a file), then take long enough to be interrupted."""
    Path(event.payload["started_marker"]).touch()
    time.sleep(float(event.payload.get("sleep", 1.0)))
    AuditEntry.objects.create(
        action="test.slow_done", target_type="test.event", target_id=event.key
    )
