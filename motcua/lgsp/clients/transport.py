"""How the typed clients reach the gateway: one authenticated call, errors already typed.

Two ways to the same gateway code:

- LGSP_BASE_URL set (the gateway is its own deployment): real HTTP with a pooled httpx client.
- LGSP_BASE_URL empty (embedded default): `InProcessTransport` hands the request straight to the
  gateway's views (motcua.lgsp.urls) in this thread. A web thread calling its own server over
  HTTP would wait for a free thread of the same server, and with the few threads granian is
  given (ARCHITECTURE.md, Serving) a handful of simultaneous lookups would deadlock it. The
  in-process call skips only the network: the token exchange, the access right, the schema,
  the breaker, the forwarding to the national system and the signed message log are the same.

The bearer token is cached per process until shortly before it expires; a 401 on a cached token
(revoked, or the gateway restarted with other keys) fetches a new one and retries once, which is
safe because the gateway refused before forwarding anything.
"""

import io
import logging
import os
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_to_bytes

import httpx
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponseBase, JsonResponse
from django.urls import Resolver404, resolve

from .. import conf
from ..forwarding import ERROR_HEADER, MESSAGE_ID_HEADER
from .errors import InvalidRequest, LgspError, NotAuthorised, ServiceUnavailable

logger = logging.getLogger("motcua.lgsp.clients")

IN_PROCESS_BASE = "http://lgsp.in-process/lgsp"
TOKEN_PATH = "oauth/token"  # noqa: S105 - a URL path, not a secret
# Gateway refusals that are ours to fix (credentials, rights) rather than the caller's data.
_AUTH_CODES = {"unauthorised", "forbidden"}
_DATA_CODES = {"invalid_message"}


class InProcessTransport(httpx.BaseTransport):
    """An httpx transport that runs the gateway's views in this thread, without a socket.

    It dispatches to motcua.lgsp.urls only, outside Django's request handler: no middleware
    and no request_started/finished signals, whose handlers would close the caller's database
    connection in the middle of the caller's own request.
    """

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        raw_path = unquote_to_bytes(request.url.path).decode("latin-1")
        environ: dict[str, Any] = {
            "REQUEST_METHOD": request.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": raw_path,
            "QUERY_STRING": request.url.query.decode("latin-1"),
            "SERVER_NAME": request.url.host,
            "SERVER_PORT": str(request.url.port or 80),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": request.url.scheme,
        }
        for name, value in request.headers.items():
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ[key] = value
            elif key != "CONTENT_LENGTH":  # set above from the body itself
                environ[f"HTTP_{key}"] = value
        response = _dispatch(WSGIRequest(environ))
        if getattr(response, "streaming", False):
            # Reading to the end runs the gateway's logging (in its generator's finally).
            content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        else:
            content = response.content  # type: ignore[attr-defined]
        headers = [(name, value) for name, value in response.items()]
        return httpx.Response(response.status_code, headers=headers, content=content)


def _dispatch(request: WSGIRequest) -> HttpResponseBase:
    path = request.path_info.removeprefix("/lgsp")
    try:
        match = resolve(path, urlconf="motcua.lgsp.urls")
    except Resolver404:
        return JsonResponse({"code": "not_found", "message": "Không tìm thấy."}, status=404)
    response: HttpResponseBase = match.func(request, *match.args, **match.kwargs)
    return response


_client: httpx.Client | None = None
_client_key: tuple[int, str] | None = None
_client_lock = threading.Lock()


def http_client() -> httpx.Client:
    """The process's client to the gateway, remade after a fork or a change of LGSP_BASE_URL."""
    global _client, _client_key
    base = conf.client_base_url()
    key = (os.getpid(), base)
    if _client is None or _client_key != key:
        with _client_lock:
            if _client is None or _client_key != key:
                if base:
                    _client = httpx.Client(base_url=base, trust_env=False)
                else:
                    _client = httpx.Client(base_url=IN_PROCESS_BASE, transport=InProcessTransport())
                _client_key = key
    return _client


@dataclass
class _Token:
    value: str
    refresh_at: float


_tokens: dict[tuple[str, str], _Token] = {}
_tokens_lock = threading.Lock()
# The token endpoint is asked this often at most per process and client id, however many
# threads find the cached token stale at once.
token_fetches = 0


def forget_tokens() -> None:
    """Drop cached tokens (tests; and after a credentials change)."""
    with _tokens_lock:
        _tokens.clear()


def _token(label: str, service: str, *, stale: str | None = None) -> str:
    global token_fetches
    client_id, secret = conf.client_credentials()
    key = (conf.client_base_url(), client_id)
    with _tokens_lock:
        cached = _tokens.get(key)
        if cached is not None and cached.value != stale and cached.refresh_at > time.monotonic():
            return cached.value
        try:
            answer = http_client().post(
                TOKEN_PATH,
                data={"grant_type": "client_credentials"},
                auth=(client_id, secret),
                timeout=conf.client_timeout_seconds(),
            )
        except httpx.HTTPError as exc:
            raise ServiceUnavailable.of(label, service=service, detail=str(exc)) from exc
        token_fetches += 1
        if answer.status_code in (400, 401):
            raise NotAuthorised.of(label, service=service, detail=_detail(answer))
        if answer.status_code != 200:
            raise ServiceUnavailable.of(label, service=service, detail=_detail(answer))
        data = answer.json()
        lifetime = float(data.get("expires_in") or 60)
        # Renew a little before the end: a token that expires on the way is a wasted call.
        margin = min(30.0, lifetime / 5)
        _tokens[key] = _Token(data["access_token"], time.monotonic() + lifetime - margin)
        return str(data["access_token"])


def call(
    service: str,
    *,
    label: str,
    method: str = "POST",
    rest: str = "",
    json: Any = None,
    xml: bytes | None = None,
    accept: tuple[int, ...] = (),
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """Call `service` ("provider/service") at the gateway with a JSON or an XML body and return a
    2xx answer (or a status in `accept`); raise the typed error for anything else."""
    path = service + (f"/{rest}" if rest else "")
    body = _Body(json=json, xml=xml)
    token = _token(label, service)
    answer = _send(method, path, token, body, headers, label=label, service=service)
    if answer.status_code == 401 and answer.headers.get(ERROR_HEADER) == "unauthorised":
        token = _token(label, service, stale=token)
        answer = _send(method, path, token, body, headers, label=label, service=service)
    if 200 <= answer.status_code < 300 or answer.status_code in accept:
        return answer
    raise _error(answer, label=label, service=service)


@dataclass(frozen=True)
class _Body:
    json: Any = None
    xml: bytes | None = None


def _send(
    method: str,
    path: str,
    token: str,
    body: "_Body",
    headers: dict[str, str] | None,
    *,
    label: str,
    service: str,
) -> httpx.Response:
    extra = {"Content-Type": "application/xml; charset=utf-8"} if body.xml is not None else {}
    try:
        return http_client().request(
            method,
            path,
            json=body.json,
            content=body.xml,
            headers={**(headers or {}), **extra, "Authorization": f"Bearer {token}"},
            timeout=conf.client_timeout_seconds(),
        )
    except httpx.HTTPError as exc:
        logger.warning("LGSP call to %s failed: %s", service, exc, extra={"service": service})
        raise ServiceUnavailable.of(label, service=service, detail=str(exc)) from exc


def _error(answer: httpx.Response, *, label: str, service: str) -> LgspError:
    gateway_code = answer.headers.get(ERROR_HEADER, "")
    detail = _detail(answer)
    logger.warning(
        "LGSP call to %s answered %s %s",
        service,
        answer.status_code,
        gateway_code or "(upstream)",
        extra={
            "service": service,
            "status": answer.status_code,
            "message_id": answer.headers.get(MESSAGE_ID_HEADER, ""),
        },
    )
    if gateway_code:
        if gateway_code in _AUTH_CODES:
            return NotAuthorised.of(label, service=service, detail=detail)
        if gateway_code in _DATA_CODES:
            return InvalidRequest.of(label, service=service, detail=detail)
        return ServiceUnavailable.of(label, service=service, detail=detail)
    # The national system's own answer, relayed by the gateway.
    if answer.status_code in (401, 403):
        return NotAuthorised.of(label, service=service, detail=detail)
    if answer.status_code >= 500 or answer.status_code == 429:
        return ServiceUnavailable.of(label, service=service, detail=detail)
    return InvalidRequest.of(label, service=service, detail=detail)


def _detail(answer: httpx.Response) -> str:
    """The refusal's own words: the gateway's `message`, a national system's `MoTa`."""
    try:
        data = answer.json()
    except ValueError:
        return answer.text[:300] or f"HTTP {answer.status_code}"
    if isinstance(data, dict):
        for name in ("message", "MoTa", "error_description", "error"):
            if data.get(name):
                return str(data[name])[:300]
    return f"HTTP {answer.status_code}"


def message_id(answer: httpx.Response) -> str:
    return answer.headers.get(MESSAGE_ID_HEADER, "")
