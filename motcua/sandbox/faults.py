"""Faults on request: a slow or failing national system, for demos and the LGSP's tests."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

MAX_DELAY_MS = 30_000


class FaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.SANDBOX_FAULTS:
            return self.get_response(request)
        delay = _number(request.headers.get("X-Sandbox-Delay-Ms"))
        if delay:
            time.sleep(min(delay, MAX_DELAY_MS) / 1000)
        status = _number(request.headers.get("X-Sandbox-Status"))
        if status and 400 <= status <= 599:
            return JsonResponse(
                {"MaLoi": str(status), "MoTa": "Lỗi giả lập theo yêu cầu (X-Sandbox-Status)."},
                status=status,
                json_dumps_params={"ensure_ascii": False},
            )
        return self.get_response(request)


def _number(raw: str | None) -> int:
    try:
        return max(int(raw or 0), 0)
    except ValueError:
        return 0
