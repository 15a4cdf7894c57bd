"""A request id on every log line and response, so one request can be followed across processes."""

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

# Accept a caller's id (a load balancer or the LGSP) only if it cannot inject into logs.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
HEADER = "X-Request-ID"
access_log = logging.getLogger("motcua.request")


def current() -> str:
    return request_id_var.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(HEADER, "")
        rid = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        # Django logs 4xx/5xx responses ("django.request") after the middleware chain has
        # returned, when the context variable is reset: the log filter finds the id here.
        request.request_id = rid  # type: ignore[attr-defined]
        token = request_id_var.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        finally:
            request_id_var.reset(token)
        response[HEADER] = rid
        return response
