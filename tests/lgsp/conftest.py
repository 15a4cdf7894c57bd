"""The LGSP tests' world: a real upstream over loopback HTTP, and a registry around it.

The upstream is a small threaded HTTP server on 127.0.0.1 with a free port. What it answers
depends on the path (after the service's own prefix /dan-cu):

/echo        200 with the method, path, query, body hash and forwarded headers as JSON
/slow?s=1.5  waits, then 200
/fail?status=503   answers that status
/big?mb=32   streams that many MiB of a repeated pattern
/flaky       503 while `upstream.down` is set, 200 otherwise

It counts the hits per path, so tests can tell how many times the gateway tried.

Cast: provider csdl-dan-cu (the national population database) offers tra-cuu (lookup, REST,
timeout 0.5 s, not idempotent) and xac-thuc (identity verification, with a JSON Schema).
Consumer mot-cua (the province's one-stop system) holds an OAuth2 secret; doi-tac (a partner)
holds an API key for HMAC signatures.
"""

import contextlib
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from motcua.lgsp import breaker, conf, credentials, forwarding, lookups, message_log, registry
from motcua.lgsp.models import ApiKey, Consumer, Provider, Service

PREFIX = "/dan-cu"


class Upstream(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.down = False

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{PREFIX}"

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()
        self.down = False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Upstream

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer_safely(self) -> None:
        # The gateway may have given up waiting (a timeout test): nobody is listening any more.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer()

    def _answer(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path.removeprefix(PREFIX)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with self.server.lock:
            self.server.hits[path] += 1
        if path == "/slow":
            time.sleep(float(query.get("s", "1")))
            self._send(200, b'{"ok": true}')
        elif path == "/fail":
            self._send(int(query.get("status", "500")), b'{"loi": "upstream"}')
        elif path == "/flaky":
            self._send(503 if self.server.down else 200, b"{}")
        elif path == "/big":
            self._send_big(int(query.get("mb", "1")))
        elif path == "/cookie":
            self._send(200, b"{}", headers={"Set-Cookie": "phien=bi-mat-cua-nguoi-goi; Path=/"})
        else:
            echoed = {
                "method": self.command,
                "path": path,
                "query": parts.query,
                "body_sha256": hashlib.sha256(body).hexdigest(),
                "body_bytes": len(body),
                "headers": {name.lower(): value for name, value in self.headers.items()},
            }
            self._send(200, json.dumps(echoed).encode())

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_big(self, mebibytes: int) -> None:
        chunk = bytes(range(256)) * 4096  # 1 MiB
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(chunk) * mebibytes))
        self.end_headers()
        for _ in range(mebibytes):
            self.wfile.write(chunk)

    do_GET = do_POST = do_PUT = do_DELETE = _answer_safely


@pytest.fixture(scope="session")
def upstream_server() -> Iterator[Upstream]:
    server = Upstream()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def upstream(upstream_server: Upstream) -> Upstream:
    upstream_server.reset()
    return upstream_server


@pytest.fixture(autouse=True)
def _fresh_gateway_state() -> Iterator[None]:
    """Breakers, rate-limit counters, loaded keys and the registry cache live in process
    memory, across the database's rollback: start clean."""
    forgets = (
        breaker.reset,
        cache.clear,
        conf.reset_caches,
        lookups.clear,
        message_log.forget_unsealed,
    )
    for forget in forgets:
        forget()
    forwarding._log_failing = False
    yield
    for forget in forgets:
        forget()
    forwarding._log_failing = False


IDENTITY_SCHEMA = {
    "type": "object",
    "required": ["SoDinhDanh", "HoVaTen", "NgaySinh"],
    "properties": {
        "SoDinhDanh": {"type": "string", "pattern": "^[0-9]{12}$"},
        "HoVaTen": {"type": "string", "minLength": 1},
        "NgaySinh": {"type": "string"},
    },
}


@dataclass
class World:
    provider: Provider
    lookup: Service
    verify: Service
    one_stop: Consumer
    one_stop_secret: str
    partner: Consumer
    partner_key: ApiKey
    partner_key_secret: str

    def token(self, client: Client, secret: str | None = None) -> str:
        response = client.post(
            "/lgsp/oauth/token",
            urlencode(
                {
                    "grant_type": "client_credentials",
                    "client_id": self.one_stop.code,
                    "client_secret": secret or self.one_stop_secret,
                }
            ),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200, response.content
        return str(response.json()["access_token"])


@pytest.fixture
def world(db: None, upstream: Upstream) -> World:
    provider = registry.add_provider(
        code="csdl-dan-cu", name="CSDL quốc gia về dân cư", level="national"
    )
    lookup = registry.add_service(
        provider=provider, code="tra-cuu", upstream_url=upstream.url, timeout_seconds=0.5
    )
    verify = registry.add_service(
        provider=provider,
        code="xac-thuc",
        upstream_url=upstream.url,
        request_schema=IDENTITY_SCHEMA,
        timeout_seconds=0.5,
    )
    one_stop = registry.add_consumer(
        code="mot-cua", name="Hệ thống một cửa điện tử", kind="provincial_system"
    )
    _, secret = credentials.issue_client_secret(one_stop)
    partner = registry.add_consumer(code="doi-tac", name="Đối tác bưu chính", kind="partner")
    key, key_secret = credentials.issue_api_key(partner)
    return World(provider, lookup, verify, one_stop, secret, partner, key, key_secret)


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def signed(
    key: ApiKey,
    secret: str,
    method: str,
    path: str,
    body: bytes = b"",
    query: str = "",
    at: int | None = None,
) -> dict[str, str]:
    timestamp = str(at if at is not None else int(time.time()))
    return {
        "HTTP_X_LGSP_KEY_ID": key.key_id,
        "HTTP_X_LGSP_TIMESTAMP": timestamp,
        "HTTP_X_LGSP_SIGNATURE": credentials.sign(secret, method, path, query, timestamp, body),
    }


def body_of(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


# --- Slice 2: the typed clients against the real gateway and the real sandbox ---------------

from motcua.lgsp import monitoring  # noqa: E402
from motcua.lgsp.clients import transport  # noqa: E402
from tests.dossiers.conftest import cast, lan_applicant  # noqa: E402, F401

from .sandbox_server import SandboxServer  # noqa: E402


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    server = SandboxServer()
    yield server
    server.stop()


@pytest.fixture
def sandbox(sandbox_server: SandboxServer) -> Iterator[SandboxServer]:
    sandbox_server.heal()
    yield sandbox_server
    sandbox_server.heal()


@pytest.fixture(autouse=True)
def _fresh_client_state() -> Iterator[None]:
    """Cached tokens and monitoring figures outlive a test's database: start clean."""
    transport.forget_tokens()
    monitoring.forget()
    yield
    transport.forget_tokens()
    monitoring.forget()
