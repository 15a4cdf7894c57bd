"""VNPost's tracking webhooks: the sandbox POSTs each new state, signed, to the order's callback
(retried with backoff), and MotCua's receiver (/lgsp/callback/vnpost/) checks, stores once, audits
and publishes it. Over real HTTP: a capturing receiver on loopback, and MotCua's live server."""

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from motcua.core.models import AuditEntry, OutboxEvent
from motcua.lgsp import callbacks, demo
from motcua.lgsp.clients import vnpost
from motcua.lgsp.models import Consumer, VnpostEvent
from motcua.sandbox.models import WebhookDelivery

from .sandbox_server import SandboxServer

pytestmark = pytest.mark.django_db(transaction=True)
SECRET = "test-vnpost-webhook-secret"
CALLBACK = "/lgsp/callback/vnpost/"
AGENCY = vnpost.Party("Bộ phận Một cửa phường Quy Nhơn", "1 Trần Phú, Quy Nhơn", "0256382111")
APPLICANT = vnpost.Party("Ksor Nay", "Làng Ia Kênh, xã Bờ Ngoong", "0905123456")


class Receiver(ThreadingHTTPServer):
    """A callback on loopback that keeps what it is sent and refuses the first `refuse` posts."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.posts: list[tuple[dict[str, str], bytes]] = []
        self.refuse = 0

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/su-kien"


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.posts.append((dict(self.headers.items()), body))
        refused = self.server.refuse > 0
        self.server.refuse -= refused
        self.send_response(500 if refused else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def wired(sandbox: SandboxServer, settings: Settings) -> Consumer:
    settings.LGSP_DEMO_KEYS = True
    settings.VNPOST_WEBHOOK_SECRET = SECRET
    settings.SANDBOX_WEBHOOK_BACKOFF_SECONDS = 0.05
    settings.SANDBOX_STEP_SECONDS = 3600
    consumer, _ = demo.wire_sandbox(sandbox.url)
    return consumer


def eventually(check: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.02)


def order(code: str, callback: str) -> vnpost.PostalOrder:
    return vnpost.create_order(
        code, service=vnpost.BOTH, customer_code="GL-UBND-QN", sender=APPLICANT,
        receiver=AGENCY, callback_url=callback,
    )  # fmt: skip


def advance(sandbox: SandboxServer, item_code: str) -> None:
    moved = httpx.get(
        f"{sandbox.url}/vnpost/v1/don-hang/{item_code}", headers={"X-Sandbox-Advance": "1"}
    )
    assert moved.status_code == 200


def signature(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_each_new_state_is_posted_to_the_callback_signed(wired, sandbox, receiver: Receiver):
    made = order("G22.99-260101-0101", receiver.url)
    eventually(lambda: len(receiver.posts) == 1)
    advance(sandbox, made.item_code)
    eventually(lambda: len(receiver.posts) == 2)

    events = [json.loads(body) for _, body in receiver.posts]
    assert [e["TrangThai"] for e in events] == [1, 2]
    assert events[1]["TenTrangThai"] == "Bưu tá đã nhận hồ sơ của người gửi"
    assert {(e["OrderNumber"], e["ItemCode"]) for e in events} == {
        ("G22.99-260101-0101", made.item_code)
    }
    assert all(len(e["ThoiGian"]) == 14 and e["ThoiGian"].isdigit() for e in events)
    for headers, body in receiver.posts:
        assert headers["X-VNPost-Signature"] == signature(body)
    eventually(lambda: WebhookDelivery.objects.filter(delivered_at__isnull=False).count() == 2)
    assert set(WebhookDelivery.objects.values_list("attempts", "last_status")) == {(1, 200)}


def test_a_refused_event_is_retried_with_backoff_without_holding_the_order_up(
    wired, sandbox, receiver: Receiver
):
    receiver.refuse = 2

    started = time.monotonic()
    order("G22.99-260101-0102", receiver.url)
    answered_in = time.monotonic() - started
    eventually(lambda: WebhookDelivery.objects.filter(delivered_at__isnull=False).exists())

    delivery = WebhookDelivery.objects.get()
    assert answered_in < 1.0
    assert (delivery.attempts, delivery.last_status, delivery.last_error) == (3, 200, "")
    assert len({body for _, body in receiver.posts}) == 1 and len(receiver.posts) == 3


def test_a_callback_that_never_answers_is_given_up_after_the_allowed_attempts(
    wired, sandbox, settings: Settings
):
    settings.SANDBOX_WEBHOOK_ATTEMPTS = 2

    made = order("G22.99-260101-0103", "http://127.0.0.1:9/su-kien")
    eventually(lambda: WebhookDelivery.objects.filter(given_up_at__isnull=False).exists())

    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 2 and delivery.delivered_at is None
    assert delivery.last_status is None and "Connect" in delivery.last_error
    assert made.status == 1  # the order itself went ahead


def test_an_order_without_a_callback_posts_nothing(wired, sandbox):
    made = order("G22.99-260101-0104", "")
    advance(sandbox, made.item_code)

    assert not WebhookDelivery.objects.exists()


def test_a_callback_that_is_not_a_web_address_is_refused(sandbox):
    refused = httpx.post(
        f"{sandbox.url}/vnpost/v1/don-hang",
        json={
            "CustomerCode": "GL", "OrderNumber": "HS-0105", "ServiceType": "1",
            "SenderName": "A", "SenderAddress": "B", "SenderTel": "0905123456",
            "ReceiverName": "C", "ReceiverAddress": "D", "ReceiverTel": "0905123457",
            "CallbackUrl": "ftp://example.org/x",
        },
    )  # fmt: skip

    assert refused.status_code == 400 and "CallbackUrl" in refused.json()["MoTa"]


# --- MotCua's receiver ------------------------------------------------------------------------


def event(state: int = 2, **changes: Any) -> bytes:
    data = {
        "OrderNumber": "G22.99-260101-0201", "ItemCode": "EG000000201VN", "ServiceType": 3,
        "TrangThai": state, "TenTrangThai": "Bưu tá đã nhận hồ sơ của người gửi",
        "DiaDiem": "Địa chỉ người gửi", "ThoiGian": "20261127093000",
    } | changes  # fmt: skip
    return json.dumps({k: v for k, v in data.items() if v is not None}).encode()


def deliver(client: Client, body: bytes, sign_with: str = SECRET) -> Any:
    return client.post(
        CALLBACK, body, content_type="application/json",
        headers={"X-VNPost-Signature": signature(body, sign_with)},
    )  # fmt: skip


@pytest.fixture
def secret(settings: Settings) -> str:
    settings.VNPOST_WEBHOOK_SECRET = SECRET
    return SECRET


def test_a_signed_event_is_stored_once_audited_and_published(client: Client, secret):
    first = deliver(client, event())
    again = deliver(client, event())

    assert first.status_code == again.status_code == 200
    assert (first.json()["duplicate"], again.json()["duplicate"]) == (False, True)
    stored = VnpostEvent.objects.get()
    assert (stored.order_number, stored.item_code, stored.state) == (
        "G22.99-260101-0201", "EG000000201VN", 2,
    )  # fmt: skip
    assert stored.at == datetime(2026, 11, 27, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert AuditEntry.objects.filter(action="lgsp.vnpost_event").count() == 1
    published = OutboxEvent.objects.filter(topic=callbacks.TOPIC)
    assert {(e.key, e.payload["state"]) for e in published} == {("vnpost:EG000000201VN:2", 2)}


def test_each_state_of_a_waybill_is_its_own_event(client: Client, secret):
    for state in (1, 2, 3):
        assert deliver(client, event(state)).status_code == 200

    assert list(VnpostEvent.objects.order_by("state").values_list("state", flat=True)) == [1, 2, 3]


@pytest.mark.parametrize(
    "headers", [{}, {"X-VNPost-Signature": "sha256=00"}, {"X-VNPost-Signature": "wrong"}]
)
def test_an_unsigned_or_badly_signed_event_is_forbidden(client: Client, secret, headers):
    refused = client.post(CALLBACK, event(), content_type="application/json", headers=headers)

    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert not VnpostEvent.objects.exists() and not AuditEntry.objects.exists()


def test_an_event_signed_with_another_secret_is_forbidden(client: Client, secret):
    assert deliver(client, event(), sign_with="someone-else").status_code == 403


def test_without_a_configured_secret_every_event_is_refused(client: Client, settings: Settings):
    settings.VNPOST_WEBHOOK_SECRET = ""

    assert deliver(client, event(), sign_with="").status_code == 403


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (event(TrangThai=None), "TrangThai"),
        (event(ItemCode=""), "ItemCode"),
        (event(ThoiGian="27/11/2026"), "ThoiGian"),
        (event(TrangThai="hai"), "TrangThai"),
        (b"not json", "JSON"),
        (b"[1, 2]", "JSON"),
    ],
)
def test_a_bad_body_is_refused_naming_what_is_wrong(client: Client, secret, body, named):
    refused = deliver(client, body)

    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_message" and named in refused.json()["message"]
    assert not VnpostEvent.objects.exists()


def test_only_post_is_accepted(client: Client, secret):
    assert client.get(CALLBACK).status_code == 405


def test_vnpost_reports_tracking_to_motcua_end_to_end(wired, sandbox, live_server: Any):
    made = order("G22.99-260101-0301", f"{live_server.url}{CALLBACK}")
    advance(sandbox, made.item_code)
    advance(sandbox, made.item_code)

    eventually(lambda: VnpostEvent.objects.count() == 3)
    assert list(VnpostEvent.objects.order_by("state").values_list("state", flat=True)) == [1, 2, 3]
    assert set(VnpostEvent.objects.values_list("item_code", flat=True)) == {made.item_code}
    assert OutboxEvent.objects.filter(topic=callbacks.TOPIC).values("key").distinct().count() == 3
    eventually(lambda: WebhookDelivery.objects.filter(delivered_at__isnull=False).count() == 3)


def test_the_deployment_check_warns_when_the_webhook_secret_is_missing(settings):
    from motcua.lgsp.checks import vnpost_webhook_secret

    assert vnpost_webhook_secret() == []
    settings.VNPOST_WEBHOOK_SECRET = ""
    (warning,) = vnpost_webhook_secret()
    assert warning.id == "lgsp.W001"
    assert "VNPOST_WEBHOOK_SECRET" in warning.msg
