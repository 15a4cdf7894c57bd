"""VNPost's tracking webhooks: each new state of an order with a CallbackUrl is POSTed there.

The body is one JSON event (OrderNumber, ItemCode, TrangThai, TenTrangThai, DiaDiem, ThoiGian as
yyyyMMddHHmmss) signed in the header X-VNPost-Signature: "sha256=" + HMAC-SHA256 of the body with
the shared secret VNPOST_WEBHOOK_SECRET.

Delivery never holds the order up: the event is written as a WebhookDelivery row in the order's
own transaction, and a background thread sends it after commit. A failed attempt (no answer, or
not 2xx) is retried after a doubling delay, up to SANDBOX_WEBHOOK_ATTEMPTS; an order's events
go out in order, one at a time. A row left pending by a restart is picked up by the next
tracking request (deliver_due).
"""

import hashlib
import hmac
import json
import logging
import threading
import time
from datetime import timedelta

import httpx
from django.conf import settings
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from .models import PostalCallback, PostalEvent, PostalOrder, WebhookDelivery

logger = logging.getLogger("motcua.sandbox.webhooks")

SIGNATURE_HEADER = "X-VNPost-Signature"
DELIVERY_HEADER = "X-VNPost-Delivery"
SEND_TIMEOUT_SECONDS = 5.0
# A claimed attempt that has not finished after this long (its thread died) may be taken again.
LEASE_SECONDS = 30
MAX_BACKOFF_SECONDS = 300.0

_running: set[int] = set()
_running_lock = threading.Lock()


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def secret() -> str:
    return str(getattr(settings, "VNPOST_WEBHOOK_SECRET", "") or "")


def attempts_allowed() -> int:
    return max(1, int(getattr(settings, "SANDBOX_WEBHOOK_ATTEMPTS", 8)))


def backoff(attempts: int) -> timedelta:
    base = float(getattr(settings, "SANDBOX_WEBHOOK_BACKOFF_SECONDS", 2))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))


def event_body(order: PostalOrder, event: PostalEvent) -> bytes:
    data = {
        "OrderNumber": order.order_number,
        "ItemCode": order.item_code,
        "ServiceType": order.kind,
        "TrangThai": event.status,
        "TenTrangThai": event.note,
        "DiaDiem": event.place,
        "ThoiGian": timezone.localtime(event.at).strftime("%Y%m%d%H%M%S"),
    }
    return json.dumps(data, ensure_ascii=False).encode()


def enqueue(order: PostalOrder, event: PostalEvent) -> WebhookDelivery | None:
    """Queue the event for the order's callback, if it has one; sent once the caller commits."""
    url = callback_url(order)
    if not url:
        return None
    delivery = WebhookDelivery.objects.create(
        event=event, url=url, body=event_body(order, event).decode(), next_attempt_at=event.at
    )
    order_id = order.pk
    transaction.on_commit(lambda: kick(order_id))
    return delivery


def callback_url(order: PostalOrder) -> str:
    try:
        return order.callback.url
    except PostalCallback.DoesNotExist:
        return ""


def kick(order_id: int) -> None:
    """Start delivering the order's pending events in a thread, unless one already does."""
    with _running_lock:
        if order_id in _running:
            return
        _running.add(order_id)
    threading.Thread(target=_deliver_order, args=(order_id,), daemon=True).start()


def deliver_due() -> None:
    """Resume the deliveries whose time has come (left behind by a restart, for instance)."""
    due = (
        WebhookDelivery.objects.filter(
            delivered_at=None, given_up_at=None, next_attempt_at__lte=timezone.now()
        )
        .values_list("event__order_id", flat=True)
        .distinct()
    )
    for order_id in list(due[:100]):
        kick(order_id)


def _deliver_order(order_id: int) -> None:
    try:
        while True:
            pending = (
                WebhookDelivery.objects.filter(
                    event__order_id=order_id, delivered_at=None, given_up_at=None
                )
                .order_by("id")
                .first()
            )
            if pending is None:
                return
            wait = (pending.next_attempt_at - timezone.now()).total_seconds()
            if wait > 0:
                time.sleep(min(wait, MAX_BACKOFF_SECONDS))
                continue
            attempt(pending)
    except Exception:
        # The thread must not die silently: the rows stay pending and deliver_due resumes them.
        logger.exception("VNPost webhook delivery for order %s stopped", order_id)
    finally:
        with _running_lock:
            _running.discard(order_id)
        connections.close_all()


def attempt(delivery: WebhookDelivery) -> bool:
    """One try; True once acknowledged. Claimed with a conditional UPDATE, so that two processes
    resuming the same row do not both send it."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, attempts=delivery.attempts, delivered_at=None, given_up_at=None
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + timedelta(seconds=LEASE_SECONDS))
    if not claimed:
        return False
    attempts = delivery.attempts + 1
    body = delivery.body.encode()
    status: int | None = None
    problem = ""
    try:
        answer = httpx.post(
            delivery.url,
            content=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                SIGNATURE_HEADER: sign(body, secret()),
                DELIVERY_HEADER: str(delivery.pk),
            },
            timeout=SEND_TIMEOUT_SECONDS,
            trust_env=False,
        )
        status = answer.status_code
        if not 200 <= status < 300:
            problem = f"HTTP {status} {answer.text}"[:300]
    except httpx.HTTPError as exc:
        problem = f"{type(exc).__name__}: {exc}"[:300]
    done = timezone.now()
    fields: dict[str, object] = {"last_status": status, "last_error": problem}
    if not problem:
        fields["delivered_at"] = done
    elif attempts >= attempts_allowed():
        fields["given_up_at"] = done
    else:
        fields["next_attempt_at"] = done + backoff(attempts)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    return not problem
