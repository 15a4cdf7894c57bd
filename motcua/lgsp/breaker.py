"""A circuit breaker per upstream service (its URL: scheme, host, port and path).

Per service, not per host: a national system's services fail apart (one database behind one
endpoint), and the sandbox serves every stand-in from one port, where a failing population
lookup must not stop the business registry or the SMS that carries a citizen's one-time code.

After LGSP_BREAKER_FAILURES consecutive failures (timeouts, refused connections, 5xx answers)
the circuit opens: callers get 503 upstream_unavailable at once instead of waiting on a system
that is down. After LGSP_BREAKER_COOLDOWN_SECONDS one trial request goes through (half-open); its
success closes the circuit, its failure opens it for another cool-down.

State lives in process memory: each web process learns on its own that an upstream is down,
after a few failures of its own. That is enough for this slice; a shared state (the cache, like
core.ratelimit) would let one process warn the others.
"""

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import conf

# The breaker's clock; tests replace it to jump past the cool-down instead of sleeping.
clock: Callable[[], float] = time.monotonic


@dataclass
class _State:
    failures: int = 0
    opened_at: float | None = None
    trial_started_at: float | None = None


_states: dict[str, _State] = {}
_lock = threading.Lock()


def upstream_key(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{parts.hostname}:{port}{parts.path.rstrip('/')}"


def allow(key: str) -> int | None:
    """None if a request may go to the upstream now, else seconds until it may try again."""
    cooldown = conf.breaker_cooldown_seconds()
    with _lock:
        state = _states.get(key)
        if state is None or state.opened_at is None:
            return None
        now = clock()
        waited = now - state.opened_at
        if waited < cooldown:
            return max(1, math.ceil(cooldown - waited))
        # Half-open: one trial at a time. A trial that never reported back (its process
        # crashed mid-request) stops blocking after one more cool-down.
        if state.trial_started_at is not None and now - state.trial_started_at < cooldown:
            return max(1, math.ceil(cooldown - (now - state.trial_started_at)))
        state.trial_started_at = now
        return None


def success(key: str) -> None:
    with _lock:
        _states.pop(key, None)


def failure(key: str) -> None:
    with _lock:
        state = _states.setdefault(key, _State())
        state.failures += 1
        if state.trial_started_at is not None or state.failures >= conf.breaker_failures():
            state.opened_at = clock()
            state.trial_started_at = None


def is_open(key: str) -> bool:
    with _lock:
        state = _states.get(key)
        return state is not None and state.opened_at is not None


def reset() -> None:
    """Close every circuit (tests, and an operator after fixing an upstream)."""
    with _lock:
        _states.clear()
