"""Faults on request: a slow or failing national system, for demos and the LGSP's tests.

Two switches: the operator's rules per service (admin_faults, PUT /_faults/<service>), which hold
for every caller until cleared, and this request's own headers (X-Sandbox-Delay-Ms,
X-Sandbox-Status), which only the sandbox's fault mode (SANDBOX_FAULTS) honours.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from . import admin_faults

MAX_DELAY_MS = 30_000


class FaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        imposed = admin_faults.apply(request)
        if imposed is not None:
            return imposed
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
