import hashlib
import json
import time
import tracemalloc
import uuid

import pytest
from django.test import Client, override_settings

from motcua.core import ratelimit
from motcua.lgsp import breaker, registry
from motcua.lgsp.models import MessageRecord

from .conftest import Upstream, World, bearer, body_of

BASE = "/lgsp/csdl-dan-cu/tra-cuu"


@pytest.fixture
def token(world: World, client: Client) -> str:
    registry.grant(world.one_stop, world.lookup)
    registry.grant(world.one_stop, world.verify)
    return world.token(client)


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, body_of(response)
    answer = response.json()
    assert set(answer) == {"code", "message", "message_id"}
    assert answer["code"] == code
    assert answer["message"]
    assert answer["message_id"] == response["X-Lgsp-Message-Id"]
    return answer


def test_a_call_without_credentials_is_unauthorised(world: World, client: Client):
    assert_error(client.get(f"{BASE}/echo"), 401, "unauthorised")


def test_an_unknown_token_is_unauthorised(world: World, client: Client):
    assert_error(client.get(f"{BASE}/echo", **bearer("khong-co")), 401, "unauthorised")


def test_an_unknown_service_is_not_found(world: World, client: Client):
    assert_error(client.get("/lgsp/csdl-dan-cu/khong-co/x"), 404, "not_found")


def test_access_is_denied_by_default_then_granted(world: World, client: Client, upstream: Upstream):
    token = world.token(client)
    answer = assert_error(client.get(f"{BASE}/echo", **bearer(token)), 403, "forbidden")
    assert "mot-cua" in answer["message"] and "csdl-dan-cu/tra-cuu" in answer["message"]
    assert upstream.hits["/echo"] == 0

    registry.grant(world.one_stop, world.lookup)
    assert client.get(f"{BASE}/echo", **bearer(token)).status_code == 200
    registry.revoke(world.one_stop, world.lookup)
    assert_error(client.get(f"{BASE}/echo", **bearer(token)), 403, "forbidden")


def test_the_answer_carries_a_message_id_and_the_request_hash(token: str, client: Client):
    body = json.dumps({"SoDinhDanh": "052090000001"}, ensure_ascii=False).encode()
    response = client.post(
        f"{BASE}/echo?trang=1", body, content_type="application/json", **bearer(token)
    )
    assert response.status_code == 200
    echoed = json.loads(body_of(response))
    assert echoed["path"] == "/echo" and echoed["query"] == "trang=1"
    assert echoed["method"] == "POST"
    assert response["X-Lgsp-Request-Hash"] == hashlib.sha256(body).hexdigest()
    message_id = uuid.UUID(response["X-Lgsp-Message-Id"])
    assert echoed["headers"]["x-lgsp-message-id"] == str(message_id)
    # The consumer's token stays with the gateway.
    assert "authorization" not in echoed["headers"]
    record = MessageRecord.objects.get(message_id=message_id)
    assert record.consumer_code == "mot-cua"
    assert record.service_code == "csdl-dan-cu/tra-cuu"
    assert record.request_hash == response["X-Lgsp-Request-Hash"]
    assert record.request_bytes == len(body)
    assert record.status_code == 200


def test_a_message_that_breaks_the_schema_is_refused_naming_the_field(
    token: str, client: Client, upstream: Upstream
):
    url = "/lgsp/csdl-dan-cu/xac-thuc/echo"
    bad_number = {"SoDinhDanh": "12345", "HoVaTen": "Nguyễn Văn An", "NgaySinh": "1990-01-01"}
    response = client.post(url, bad_number, content_type="application/json", **bearer(token))
    answer = assert_error(response, 400, "invalid_message")
    assert "SoDinhDanh" in answer["message"]

    missing = {"SoDinhDanh": "052090000001", "HoVaTen": "Nguyễn Văn An"}
    response = client.post(url, missing, content_type="application/json", **bearer(token))
    assert "NgaySinh" in assert_error(response, 400, "invalid_message")["message"]

    response = client.post(url, b"{khong", content_type="application/json", **bearer(token))
    assert_error(response, 400, "invalid_message")
    assert upstream.hits["/echo"] == 0

    good = {**missing, "NgaySinh": "1990-01-01"}
    response = client.post(url, good, content_type="application/json", **bearer(token))
    assert response.status_code == 200


def test_a_slow_upstream_gives_upstream_timeout(token: str, client: Client):
    started = time.monotonic()
    response = client.post(
        f"{BASE}/slow?s=2", b"{}", content_type="application/json", **bearer(token)
    )
    assert_error(response, 504, "upstream_timeout")
    # The service's timeout is 0.5 s: the caller is not kept waiting for the upstream's 2 s.
    assert time.monotonic() - started < 1.5


def test_a_stopped_upstream_gives_a_fast_clear_error(token: str, client: Client, world: World):
    world.lookup.upstream_url = "http://127.0.0.1:9/dan-cu"  # nothing listens on port 9
    world.lookup.save()
    started = time.monotonic()
    response = client.post(f"{BASE}/echo", b"{}", content_type="application/json", **bearer(token))
    assert_error(response, 502, "upstream_unavailable")
    assert time.monotonic() - started < 1


def test_only_idempotent_calls_are_retried(
    token: str, client: Client, upstream: Upstream, world: World
):
    post = client.post(
        f"{BASE}/fail?status=503", b"{}", content_type="application/json", **bearer(token)
    )
    assert post.status_code == 503
    assert upstream.hits["/fail"] == 1

    upstream.reset()
    get = client.get(f"{BASE}/fail?status=503", **bearer(token))
    assert get.status_code == 503
    assert upstream.hits["/fail"] == 3  # the first try and LGSP_RETRIES=2 more

    upstream.reset()
    breaker.reset()
    world.lookup.idempotent = True
    world.lookup.save()
    client.post(f"{BASE}/fail?status=503", b"{}", content_type="application/json", **bearer(token))
    assert upstream.hits["/fail"] == 3

    # A client error is the caller's to fix: never retried.
    upstream.reset()
    assert client.get(f"{BASE}/fail?status=404", **bearer(token)).status_code == 404
    assert upstream.hits["/fail"] == 1


@override_settings(LGSP_BREAKER_FAILURES=3, LGSP_BREAKER_COOLDOWN_SECONDS=30)
def test_the_breaker_opens_after_repeated_failures_and_half_opens_after_the_cooldown(
    token: str, client: Client, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
):
    now = [1000.0]
    monkeypatch.setattr(breaker, "clock", lambda: now[0])
    upstream.down = True

    def call():
        return client.post(f"{BASE}/flaky", b"{}", content_type="application/json", **bearer(token))

    for _ in range(3):
        assert call().status_code == 503
    assert upstream.hits["/flaky"] == 3
    refused = call()
    assert_error(refused, 503, "upstream_unavailable")
    assert int(refused["Retry-After"]) == 30
    assert upstream.hits["/flaky"] == 3  # the open circuit spared the upstream

    now[0] += 31
    assert call().status_code == 503  # the half-open trial fails: open again
    assert upstream.hits["/flaky"] == 4
    assert_error(call(), 503, "upstream_unavailable")

    now[0] += 31
    upstream.down = False
    assert call().status_code == 200  # the trial succeeds: closed
    assert call().status_code == 200
    assert upstream.hits["/flaky"] == 6


def test_a_consumer_over_its_rate_limit_gets_429(
    token: str, client: Client, world: World, monkeypatch: pytest.MonkeyPatch
):
    # Mid-window, frozen: a minute boundary falling between the calls would reset the count.
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_030.0)
    world.one_stop.rate_limit_per_minute = 2
    world.one_stop.save()
    assert client.get(f"{BASE}/echo", **bearer(token)).status_code == 200
    assert client.get(f"{BASE}/echo", **bearer(token)).status_code == 200
    response = client.get(f"{BASE}/echo", **bearer(token))
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1


def test_a_large_answer_is_streamed_not_buffered(token: str, client: Client):
    mebibytes = 48
    tracemalloc.start()
    try:
        response = client.get(f"{BASE}/big?mb={mebibytes}", **bearer(token))
        assert response.streaming
        digest, size = hashlib.sha256(), 0
        for chunk in response.streaming_content:
            digest.update(chunk)
            size += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size == mebibytes * 1024 * 1024
    # Buffering the answer would take at least its 48 MiB.
    assert peak < 8 * 1024 * 1024
    record = MessageRecord.objects.get(message_id=response["X-Lgsp-Message-Id"])
    assert record.response_bytes == size
    assert record.response_hash == digest.hexdigest()


def test_a_large_request_body_is_streamed_to_the_upstream(token: str, client: Client):
    body = b"x" * (3 * 1024 * 1024)
    response = client.post(
        f"{BASE}/echo", body, content_type="application/octet-stream", **bearer(token)
    )
    assert response.status_code == 200
    echoed = json.loads(body_of(response))
    assert echoed["body_bytes"] == len(body)
    assert response["X-Lgsp-Request-Hash"] == hashlib.sha256(body).hexdigest()


def test_a_cookie_one_callers_answer_set_never_rides_on_the_next_call(
    token: str, client: Client, upstream: Upstream
):
    first = client.get(f"{BASE}/cookie", **bearer(token))
    assert first.status_code == 200

    echoed = json.loads(body_of(client.get(f"{BASE}/echo", **bearer(token))))

    assert "cookie" not in echoed["headers"]


def test_a_failure_inside_the_gateway_answers_the_error_shape_and_is_logged(
    token: str, client: Client, monkeypatch: pytest.MonkeyPatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("lỗi lập trình")

    monkeypatch.setattr(breaker, "allow", broken)
    response = client.get(f"{BASE}/echo", **bearer(token))

    answer = assert_error(response, 500, "gateway_error")
    assert "lỗi lập trình" not in answer["message"]
    record = MessageRecord.objects.get(message_id=answer["message_id"])
    assert (record.status_code, record.error_code) == (500, "gateway_error")
