"""The registry as the hot path reads it: services, access rights and tokens, cached briefly.

Each gateway call needs the service, the caller's token and its access right. Asking the
database three times per call was most of the gateway's own cost (bench/lgsp_overhead.py), and
these rows change rarely, so each process keeps what it read for LGSP_REGISTRY_CACHE_SECONDS
(default 5). A change made in this process (admin, commands, registry and credentials functions)
clears the cache at once through model signals and explicit calls; another process sees it
within those seconds. So a revoked right or secret stops working everywhere within 5 seconds.
"""

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import AccessRight, AccessToken, ApiKey, ClientSecret, Consumer, Provider, Service

T = TypeVar("T")
_entries: dict[tuple[Any, ...], tuple[float, Any]] = {}
_lock = threading.Lock()
_MISSING = object()


def _ttl() -> float:
    return float(getattr(settings, "LGSP_REGISTRY_CACHE_SECONDS", 5))


def _cached(key: tuple[Any, ...], load: Callable[[], T]) -> T:
    now = time.monotonic()
    hit = _entries.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = load()
    with _lock:
        _entries[key] = (now + _ttl(), value)
    return value


def clear(*args: Any, **kwargs: Any) -> None:
    """Forget everything (also a signal receiver, hence the catch-all arguments)."""
    with _lock:
        _entries.clear()


def service(provider_code: str, code: str) -> Service | None:
    return _cached(
        ("service", provider_code, code),
        lambda: (
            Service.objects.select_related("provider")
            .filter(provider__code=provider_code, code=code, is_active=True)
            .first()
        ),
    )


def has_right(consumer: Consumer, service: Service) -> bool:
    return _cached(
        ("right", consumer.pk, service.pk),
        lambda: AccessRight.objects.filter(consumer=consumer, service=service).exists(),
    )


def bearer(token_hash: str) -> tuple[Consumer, datetime] | None:
    """The active consumer holding this token and when the token ends, or None."""

    def load() -> tuple[Consumer, datetime] | None:
        now = timezone.now()
        found = (
            AccessToken.objects.select_related("consumer", "secret")
            .filter(token_hash=token_hash, expires_at__gt=now)
            .first()
        )
        if (
            found is None
            or not found.consumer.is_active
            or found.secret.revoked_at is not None
            or (found.secret.expires_at is not None and found.secret.expires_at <= now)
        ):
            return None
        ends = found.expires_at
        if found.secret.expires_at is not None:
            ends = min(ends, found.secret.expires_at)
        return found.consumer, ends

    return _cached(("bearer", token_hash), load)


for _model in (Provider, Service, Consumer, AccessRight, ClientSecret, ApiKey, AccessToken):
    post_save.connect(clear, sender=_model, dispatch_uid=f"lgsp.lookups.{_model.__name__}.save")
    post_delete.connect(clear, sender=_model, dispatch_uid=f"lgsp.lookups.{_model.__name__}.delete")
