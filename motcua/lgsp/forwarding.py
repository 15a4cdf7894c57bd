"""The gateway's hot path: authenticate, authorise, validate, forward, stream back, log.

Order matters and is cheapest-refusal first: the seal check and the service lookup need no body,
credentials come next (an HMAC signature covers the body, so a signed request is read first), then
the rate limit, the access right, the schema, the circuit breaker, and only then the upstream.

Bodies: a request is held in memory when something needs all of it (a schema to validate, an
HMAC signature, a retry that must resend it, a log that keeps it, or simply because it is small),
up to LGSP_MAX_BUFFERED_BODY_BYTES; otherwise it is streamed to the upstream while being hashed.
Answers are always streamed back chunk by chunk, hashed on the way, and the exchange is logged
when the last chunk has gone (or the caller hung up).
"""

import hashlib
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator
from functools import lru_cache
from http.cookiejar import DefaultCookiePolicy
from typing import Any

import httpx
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from jsonschema import Draft202012Validator

from motcua.core import ratelimit

from . import breaker, conf, credentials, lookups, message_log, xml_messages
from .errors import (
    CircuitOpen,
    Forbidden,
    GatewayError,
    InvalidMessage,
    LogUnavailable,
    RateLimited,
    ServiceNotFound,
    Unauthorised,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from .message_log import Exchange
from .models import Consumer, Service
from .schema_messages import describe_schema_error

logger = logging.getLogger("motcua.lgsp")
# httpx logs every request at INFO: on the gateway that doubles the request log line (which
# already says it all) on the one hot path. Its warnings and errors still show.
logging.getLogger("httpx").setLevel(logging.WARNING)

MESSAGE_ID_HEADER = "X-Lgsp-Message-Id"
REQUEST_HASH_HEADER = "X-Lgsp-Request-Hash"
CLIENT_HEADER = "X-Lgsp-Client"
# Set on the gateway's own refusals only, so a caller never mistakes an upstream's answer (a
# national system's 404, say) for the gateway's (no such service).
ERROR_HEADER = "X-Lgsp-Error-Code"
CHUNK = 64 * 1024
# Bodies up to this size are read whole: cheaper than a chunked upload, and hashable up front.
SMALL_BODY = 64 * 1024
RETRY_STATUSES = {502, 503, 504}
IDEMPOTENT_METHODS = {"GET", "HEAD", "OPTIONS"}
# Never forwarded: hop-by-hop headers (RFC 9110 §7.6.1) and the caller's own credentials.
_DROPPED_REQUEST = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "host", "authorization", "cookie", "content-length",
    "x-lgsp-key-id", "x-lgsp-timestamp", "x-lgsp-signature", "x-lgsp-client",
    "x-lgsp-message-id",
}  # fmt: skip
_DROPPED_RESPONSE = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "set-cookie", "server", "date", "x-lgsp-error-code",
}  # fmt: skip

_client: httpx.Client | None = None
_client_pid = 0
_client_lock = threading.Lock()


def client() -> httpx.Client:
    """The process's pooled HTTP client, made on first use (after a server forks its workers:
    a pool inherited across fork would share sockets between processes)."""
    global _client, _client_pid
    if _client is None or _client_pid != os.getpid():
        with _client_lock:
            if _client is None or _client_pid != os.getpid():
                _client = httpx.Client(
                    limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
                    follow_redirects=False,
                    trust_env=False,
                )
                # One client serves every consumer: a cookie an upstream set for one caller must
                # never ride along on another caller's request, so the jar accepts none.
                _client.cookies.jar.set_policy(DefaultCookiePolicy(allowed_domains=[]))
                _client_pid = os.getpid()
    return _client


# Set when this process failed to write an exchange to the log; while set, the gateway refuses
# traffic. Each refusal is itself logged, so the first write that succeeds again clears it.
_log_failing = False


def handle(
    request: HttpRequest, provider_code: str, service_code: str, rest: str
) -> HttpResponse | StreamingHttpResponse:
    """Answer one gateway request; every outcome is logged."""
    query = request.META.get("QUERY_STRING", "")
    exchange = Exchange(
        message_id=uuid.uuid4(),
        service_code=f"{provider_code}/{service_code}",
        method=request.method or "GET",
        # The query string is data (a lookup's citizen number, often): it joins the logged path
        # below only where the service allows its messages to be kept.
        path=rest,
        received_at=timezone.now(),
    )
    try:
        return _forward(request, exchange, provider_code, service_code, rest, query)
    except GatewayError as error:
        return _refuse(error, exchange)
    except Exception:
        # A bug of ours: the caller still gets the one error shape and the exchange its record,
        # so an auditor sees the failed call; the traceback goes to the operator's log.
        logger.exception(
            "LGSP exchange %s failed inside the gateway",
            exchange.message_id,
            extra={"message_id": str(exchange.message_id), "service": exchange.service_code},
        )
        return _refuse(GatewayError(), exchange)


def _forward(
    request: HttpRequest,
    exchange: Exchange,
    provider_code: str,
    service_code: str,
    rest: str,
    query: str,
) -> HttpResponse | StreamingHttpResponse:
    if _log_failing:
        raise LogUnavailable()
    message_log.ensure_sealed_recently()
    service = lookups.service(provider_code, service_code)
    if service is None:
        raise ServiceNotFound()
    authorization = request.headers.get("Authorization", "")
    key_id = request.headers.get(credentials.KEY_ID_HEADER, "")
    if not authorization and not key_id:
        raise Unauthorised(
            "Thiếu thông tin xác thực: gửi Authorization: Bearer <mã truy cập> hoặc chữ ký HMAC."
        )
    # A bearer token is checked before the body is read, so an unknown caller cannot make the
    # gateway hold a large body; an HMAC signature covers the body, so it is checked after.
    consumer = None if key_id else _bearer_consumer(authorization)
    if consumer is not None:
        exchange.consumer_code = consumer.code
        _check_rate(consumer)
    retryable = exchange.method in IDEMPOTENT_METHODS or service.idempotent
    length = _content_length(request)
    body: bytes | None = None
    if (
        key_id
        or retryable
        or service.request_schema is not None
        or service.request_xsd
        or service.log_bodies
        or length <= SMALL_BODY
    ):
        body = _read_body(request, length)
        exchange.request_hash = credentials.sha256_hex(body)
        exchange.request_bytes = len(body)
        if service.log_bodies:
            exchange.request_body = body[: conf.max_logged_body_bytes()]
    if service.log_bodies and query:
        exchange.path = f"{rest}?{query}"
    if consumer is None:
        consumer = _signed_consumer(request, key_id, body or b"")
        exchange.consumer_code = consumer.code
        _check_rate(consumer)
    if not lookups.has_right(consumer, service):
        raise Forbidden(
            f"Hệ thống “{consumer.code}” chưa được cấp quyền sử dụng dịch vụ "
            f"“{service.identifier}”."
        )
    if service.request_xsd:
        _validate_xml(service, body or b"")
    elif service.request_schema is not None:
        _validate(service, body or b"")

    url = service.upstream_url.rstrip("/") + (f"/{rest}" if rest else "")
    headers = {
        name: value
        for name, value in request.headers.items()
        if name.lower() not in _DROPPED_REQUEST
    }
    headers[CLIENT_HEADER] = consumer.code
    headers[MESSAGE_ID_HEADER] = str(exchange.message_id)
    streamed = _StreamedBody(request, length) if body is None else None
    if streamed is not None:
        headers["Content-Length"] = str(length)
    upstream = _send(
        service,
        method=exchange.method,
        url=url,
        query=query,
        headers=headers,
        content=body if streamed is None else streamed,
        attempts=1 + (conf.retries() if retryable else 0),
    )
    if streamed is not None:
        exchange.request_hash = streamed.hasher.hexdigest()
        exchange.request_bytes = streamed.size
    return _relay(upstream, exchange, service)


def _content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        raise InvalidMessage("Content-Length không hợp lệ.") from None


def _read_body(request: HttpRequest, length: int) -> bytes:
    limit = conf.max_buffered_body_bytes()
    if length > limit:
        raise InvalidMessage(f"Thông điệp quá lớn: tối đa {limit} byte cho dịch vụ này.")
    # request.read, not request.body: Django's DATA_UPLOAD_MAX_MEMORY_SIZE is for forms, and
    # the gateway has its own limit above.
    return request.read(length) if length else b""


class _StreamedBody:
    """The caller's body, passed on chunk by chunk and hashed on the way."""

    def __init__(self, request: HttpRequest, length: int) -> None:
        self.request = request
        self.remaining = length
        self.hasher = hashlib.sha256()
        self.size = 0

    def __iter__(self) -> Iterator[bytes]:
        while self.remaining > 0:
            chunk = self.request.read(min(CHUNK, self.remaining))
            if not chunk:
                break
            self.remaining -= len(chunk)
            self.size += len(chunk)
            self.hasher.update(chunk)
            yield chunk


def _bearer_consumer(authorization: str) -> Consumer:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorised("Authorization phải có dạng: Bearer <mã truy cập>.")
    return credentials.authenticate_bearer(token.strip())


def _signed_consumer(request: HttpRequest, key_id: str, body: bytes) -> Consumer:
    return credentials.authenticate_hmac(
        key_id=key_id,
        timestamp=request.headers.get(credentials.TIMESTAMP_HEADER, ""),
        signature=request.headers.get(credentials.SIGNATURE_HEADER, ""),
        method=request.method or "GET",
        path=request.path,
        query=request.META.get("QUERY_STRING", ""),
        body=body,
    )


def _check_rate(consumer: Consumer) -> None:
    retry_after = ratelimit.hit(
        "lgsp", consumer.code, limit=consumer.rate_limit_per_minute, window=60
    )
    if retry_after is not None:
        raise RateLimited(retry_after)


@lru_cache(maxsize=256)
def _validator(schema_text: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_text))


def _validate(service: Service, body: bytes) -> None:
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidMessage("Thông điệp không phải JSON hợp lệ (UTF-8).") from None
    validator = _validator(json.dumps(service.request_schema, sort_keys=True))
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
    if errors:
        raise InvalidMessage(describe_schema_error(errors[0]))


def _validate_xml(service: Service, body: bytes) -> None:
    try:
        xml_messages.validate(service.request_xsd, body)
    except xml_messages.XmlMessageError as exc:
        raise InvalidMessage(str(exc)) from None


def _send(
    service: Service,
    *,
    method: str,
    url: str,
    query: str,
    headers: dict[str, str],
    content: Any,
    attempts: int,
) -> httpx.Response:
    """Send with the service's timeout; retry idempotent calls on timeouts and 502/503/504."""
    key = breaker.upstream_key(service.upstream_url)
    failure: GatewayError = UpstreamUnavailable()
    for attempt in range(attempts):
        if attempt:
            time.sleep(conf.retry_backoff_seconds() * (2 ** (attempt - 1)))
        retry_after = breaker.allow(key)
        if retry_after is not None:
            raise CircuitOpen(retry_after)
        target = httpx.URL(url, query=query.encode()) if query else httpx.URL(url)
        outgoing = client().build_request(
            method, target, headers=headers, content=content, timeout=service.timeout_seconds
        )
        try:
            upstream = client().send(outgoing, stream=True)
        except httpx.TimeoutException:
            breaker.failure(key)
            failure = UpstreamTimeout()
            continue
        except httpx.TransportError:
            breaker.failure(key)
            failure = UpstreamUnavailable()
            continue
        if upstream.status_code >= 500:
            breaker.failure(key)
            if upstream.status_code in RETRY_STATUSES and attempt < attempts - 1:
                upstream.close()
                continue
        else:
            breaker.success(key)
        return upstream
    raise failure


def _relay(
    upstream: httpx.Response, exchange: Exchange, service: Service
) -> HttpResponse | StreamingHttpResponse:
    """The upstream's answer to the caller: small ones whole, logged before they leave; large
    or unsized ones streamed, logged when the last chunk has gone."""
    response: HttpResponse | StreamingHttpResponse
    if _declared_length(upstream) <= SMALL_BODY:
        response = HttpResponse(
            _read_small(upstream, exchange, service), status=upstream.status_code
        )
    else:
        response = StreamingHttpResponse(
            _chunks(upstream, exchange, service), status=upstream.status_code
        )
    for name, value in upstream.headers.multi_items():
        if name.lower() not in _DROPPED_RESPONSE:
            response[name] = value
    _stamp(response, exchange)
    return response


def _declared_length(upstream: httpx.Response) -> int:
    try:
        return int(upstream.headers.get("Content-Length", ""))
    except ValueError:
        return SMALL_BODY + 1  # unknown: stream it


def _read_small(upstream: httpx.Response, exchange: Exchange, service: Service) -> bytes:
    try:
        content = b"".join(upstream.iter_raw())
    except httpx.TimeoutException:
        breaker.failure(breaker.upstream_key(service.upstream_url))
        raise UpstreamTimeout() from None
    except httpx.TransportError:
        raise UpstreamUnavailable() from None
    finally:
        upstream.close()
    exchange.status_code = upstream.status_code
    exchange.response_bytes = len(content)
    exchange.response_hash = credentials.sha256_hex(content)
    if service.log_bodies:
        exchange.response_body = content[: conf.max_logged_body_bytes()]
    exchange.responded_at = timezone.now()
    _log(exchange)
    return content


def _chunks(upstream: httpx.Response, exchange: Exchange, service: Service) -> Iterator[bytes]:
    hasher = hashlib.sha256()
    kept = bytearray() if service.log_bodies else None
    keep_limit = conf.max_logged_body_bytes()
    exchange.status_code = upstream.status_code
    finished = False
    try:
        for chunk in upstream.iter_raw(CHUNK):
            hasher.update(chunk)
            exchange.response_bytes += len(chunk)
            if kept is not None and len(kept) < keep_limit:
                kept.extend(chunk[: keep_limit - len(kept)])
            yield chunk
        finished = True
    except httpx.TimeoutException:
        exchange.error_code = UpstreamTimeout.code
        breaker.failure(breaker.upstream_key(service.upstream_url))
        raise
    except httpx.TransportError:
        exchange.error_code = UpstreamUnavailable.code
        raise
    finally:
        upstream.close()
        if not finished and not exchange.error_code:
            # The caller hung up before the end of the answer.
            exchange.error_code = "client_aborted"
        exchange.response_hash = hasher.hexdigest()
        exchange.response_body = bytes(kept) if kept is not None else None
        exchange.responded_at = timezone.now()
        _log(exchange)


def _refuse(error: GatewayError, exchange: Exchange) -> HttpResponse:
    exchange.status_code = error.status
    exchange.error_code = error.code
    response = error_response(error, str(exchange.message_id))
    exchange.response_hash = credentials.sha256_hex(response.content)
    exchange.response_bytes = len(response.content)
    exchange.responded_at = timezone.now()
    _stamp(response, exchange)
    _log(exchange)
    return response


def error_response(error: GatewayError, message_id: str) -> HttpResponse:
    """The gateway's one error shape."""
    response = JsonResponse(
        {"code": error.code, "message": error.message, "message_id": message_id},
        status=error.status,
        json_dumps_params={"ensure_ascii": False},
    )
    response[ERROR_HEADER] = error.code
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    if isinstance(error, Unauthorised):
        response["WWW-Authenticate"] = 'Bearer realm="lgsp"'
    return response


def _stamp(response: HttpResponse | StreamingHttpResponse, exchange: Exchange) -> None:
    response[MESSAGE_ID_HEADER] = str(exchange.message_id)
    # Unknown when the request was refused before its body was read (no credentials, no such
    # service, log unsealed): then the header is left out rather than made up.
    if exchange.request_hash:
        response[REQUEST_HASH_HEADER] = exchange.request_hash


def _log(exchange: Exchange) -> None:
    global _log_failing
    try:
        message_log.append(exchange)
        _log_failing = False
    except Exception:
        _log_failing = True
        # The answer has gone (or is going) to the caller already; what is left is to be loud.
        # The next requests fail the same way, or the unsealed check stops traffic.
        logger.exception(
            "LGSP exchange %s could not be logged",
            exchange.message_id,
            extra={"message_id": str(exchange.message_id), "service": exchange.service_code},
        )
