"""A small fixed-window rate limiter on Django's cache, keyed by client IP.

Dossier codes are sequential (DOMAIN.md §5), so a public lookup invites someone to walk through
them; a cap per client keeps that slow without bothering a citizen who checks a few dossiers.

The counters live in Django's default cache. Without a CACHES setting that is the local-memory
cache: each process (each web worker) counts on its own, so the real cap is the limit times the
number of processes. In production, configure a shared cache (Redis, Memcached) and the limit
becomes global across workers and machines.

The client is REMOTE_ADDR. X-Forwarded-For is trusted only when the request comes from a proxy
listed in the setting RATELIMIT_TRUSTED_PROXIES (addresses or networks, e.g. ["127.0.0.1",
"10.0.0.0/8"]): anyone can write that header, so without the setting it is ignored.

Usage, on a Django view or a django-ninja operation (put it under the router's decorator)::

    @rate_limit("lookup", limit_setting="LOOKUP_RATE_LIMIT")
    def dossier_status(request, code): ...

Over the limit, the decorated function is not called: the answer is `respond(request,
retry_after)` (by default the API's JSON error) with a Retry-After header.
"""

import functools
import ipaddress
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse

# The limiter's clock, in seconds since the epoch. Tests replace it to move between windows
# instead of sleeping.
clock: Callable[[], float] = time.time

DEFAULT_LIMIT = 30
DEFAULT_WINDOW_SECONDS = 60

RATE_LIMITED_CODE = "rate_limited"
RATE_LIMITED_MESSAGE = "Bạn tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút."

F = TypeVar("F", bound=Callable[..., Any])
Responder = Callable[[HttpRequest, int], HttpResponse]


def json_rate_limited(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The API's error shape, {"code", "message"}, with status 429."""
    return JsonResponse(
        {"code": RATE_LIMITED_CODE, "message": RATE_LIMITED_MESSAGE},
        status=429,
        json_dumps_params={"ensure_ascii": False},
    )


def client_ip(request: HttpRequest) -> str:
    """The address to count against: REMOTE_ADDR, or the client behind a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = _trusted_proxies()
    if not trusted or not _is_trusted(remote, trusted):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # Each proxy appends the address it received from: read from the right and stop at the first
    # address that is not one of ours. Everything left of it was written by the client.
    for candidate in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if not _is_trusted(candidate, trusted):
            return candidate if _is_ip(candidate) else remote
    return remote


def hit(scope: str, key: str, *, limit: int, window: int) -> int | None:
    """Count one request of `key` in `scope`; None if allowed, else seconds until the next window.

    Fixed windows: the counter of the current window (now // window) is created with a lifetime of
    one window and incremented atomically (cache.incr is atomic on Redis and Memcached, and under
    a lock in the local-memory cache).
    """
    now = clock()
    index = int(now // window)
    cache_key = f"ratelimit:{scope}:{key}:{index}"
    # A little longer than the window, so a counter never expires in the middle of its window.
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # Evicted between add and incr: start the window again.
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil((index + 1) * window - now))


def rate_limit(
    scope: str,
    *,
    limit_setting: str | None = None,
    window_setting: str | None = None,
    limit: int = DEFAULT_LIMIT,
    window: int = DEFAULT_WINDOW_SECONDS,
    respond: Responder = json_rate_limited,
) -> Callable[[F], F]:
    """Allow `limit` calls per client IP per `window` seconds to the decorated view.

    `limit_setting` and `window_setting` name settings that override the numbers; they are read
    at each request, so a changed setting (or a test's override) applies at once. Views that share
    a `scope` share the count.
    """

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            allowed = _setting(limit_setting, limit)
            seconds = _setting(window_setting, window)
            retry_after = hit(scope, client_ip(request), limit=allowed, window=seconds)
            if retry_after is not None:
                response = respond(request, retry_after)
                response["Retry-After"] = str(retry_after)
                return response
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def _setting(name: str | None, default: int) -> int:
    if name is None:
        return default
    value = getattr(settings, name, default)
    return int(value) if int(value) > 0 else default


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _trusted_proxies() -> list[Network]:
    entries = getattr(settings, "RATELIMIT_TRUSTED_PROXIES", None) or []
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]


def _is_trusted(address: str, trusted: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def _is_ip(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True
