"""Faults per stand-in, switched by an operator call rather than by each request's headers.

    PUT    /_faults/<service>   {"mode": "slow"|"fail"|"timeout"|"off", "delay_ms": N, "status": N}
    GET    /_faults/            every service key and the faults in force
    DELETE /_faults/            clear them all (DELETE /_faults/<service> clears one)

The calls carry the operator's token (SANDBOX_ADMIN_TOKEN) as `Authorization: Bearer ...`.
Rules live in the sandbox database, so every thread and process applies the same ones; each
process reads them at most once a second (RULES_TTL), and the process that changed them at once.
"""

import hmac
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .http import BadRequest, answer, error, json_body
from .models import FaultRule

# The one table from the stand-ins' URL prefixes to the service keys operators name.
PREFIXES = {
    "dan-cu/": "population",
    "dkdn/": "business",
    "bhxh/": "insurance",
    "ho-tich/": "civil_status",
    "lltp/": "judicial",
    "vnpost/": "vnpost",
    "thanh-toan/": "payment",
    "dvcqg/": "portal",
    "vbpl/": "legal_docs",
    "dvqhns/": "budget_units",
    "sms/": "sms",
    "vneid/": "sso",
}
SERVICES = tuple(sorted(set(PREFIXES.values())))
MODES = ("slow", "fail", "timeout", "off")
MAX_DELAY_MS = 30_000
RULES_TTL = 1.0
# "timeout" holds the answer longer than any client waits (services time out after seconds),
# but not for ever: a forgotten rule must not pin the server's threads indefinitely.
MAX_TIMEOUT_SECONDS = 300.0
HOLD_CHECK_SECONDS = 0.5


@dataclass(frozen=True)
class Rule:
    mode: str
    delay_ms: int
    status: int


_cache: tuple[float, dict[str, Rule]] | None = None
_cache_lock = threading.Lock()


def forget() -> None:
    """Drop this process's copy of the rules (after a change, and in tests)."""
    global _cache
    with _cache_lock:
        _cache = None


def rules() -> dict[str, Rule]:
    global _cache
    now = time.monotonic()
    cached = _cache
    if cached is not None and now - cached[0] < RULES_TTL:
        return cached[1]
    fresh = {
        r.service: Rule(r.mode, r.delay_ms, r.status)
        for r in FaultRule.objects.only("service", "mode", "delay_ms", "status")
    }
    with _cache_lock:
        _cache = (now, fresh)
    return fresh


def service_of(path: str) -> str | None:
    path = path.lstrip("/")
    for prefix, key in PREFIXES.items():
        if path.startswith(prefix):
            return key
    return None


def timeout_seconds() -> float:
    wanted = float(getattr(settings, "SANDBOX_FAULT_TIMEOUT_SECONDS", 30))
    return max(0.0, min(wanted, MAX_TIMEOUT_SECONDS))


def apply(request: HttpRequest) -> HttpResponse | None:
    """The answer the rule for this request's service imposes, or None to serve it normally."""
    service = service_of(request.path_info)
    if service is None:
        return None  # the sandbox's own pages and the operator API: never faulted
    rule = rules().get(service)
    if rule is None:
        return None
    if rule.mode == FaultRule.Mode.SLOW:
        time.sleep(min(rule.delay_ms, MAX_DELAY_MS) / 1000)
        return None
    if rule.mode == FaultRule.Mode.TIMEOUT:
        _hold(service, rule)
        return _refusal(504, f"Dịch vụ {service} không trả lời (giả lập hết thời gian chờ).")
    return _refusal(rule.status, f"Dịch vụ {service} đang lỗi (giả lập theo lệnh quản trị).")


def _hold(service: str, rule: Rule) -> None:
    """Wait out the timeout, but stop as soon as the operator changes the rule: the server has
    few threads, and each one held here is one that cannot answer anybody else."""
    deadline = time.monotonic() + timeout_seconds()
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, HOLD_CHECK_SECONDS))
        if rules().get(service) != rule:
            return


def _refusal(status: int, message: str) -> JsonResponse:
    return answer({"MaLoi": str(status), "MoTa": message}, status=status)


# --- The operator API ---------------------------------------------------------------------------


def _authorised(request: HttpRequest) -> bool:
    expected = getattr(settings, "SANDBOX_ADMIN_TOKEN", "") or ""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    # No token configured means no operator API at all, never an open one.
    return bool(expected) and scheme == "Bearer" and hmac.compare_digest(given, expected)


def _unauthorised() -> JsonResponse:
    response = _refusal(401, "Cần mã quản trị sandbox (Authorization: Bearer SANDBOX_ADMIN_TOKEN).")
    response["WWW-Authenticate"] = 'Bearer realm="sandbox"'
    return response


def _listing() -> dict[str, Any]:
    return {
        "services": list(SERVICES),
        "faults": {
            r.service: {"mode": r.mode, "delay_ms": r.delay_ms, "status": r.status}
            for r in FaultRule.objects.order_by("service")
        },
    }


@csrf_exempt
def faults(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        return _unauthorised()
    if request.method == "DELETE":
        clear()
    elif request.method != "GET":
        return _refusal(405, "Chỉ hỗ trợ GET và DELETE.")
    return answer(_listing())


@csrf_exempt
def fault(request: HttpRequest, service: str) -> HttpResponse:
    if not _authorised(request):
        return _unauthorised()
    if service not in SERVICES:
        return _refusal(404, f"Không có dịch vụ «{service}». Các dịch vụ: {', '.join(SERVICES)}.")
    try:
        if request.method == "PUT":
            data = json_body(request)
            switch(
                service,
                mode=str(data.get("mode") or ""),
                delay_ms=data.get("delay_ms"),
                status=data.get("status"),
            )
        elif request.method == "DELETE":
            switch(service, mode="off")
        elif request.method != "GET":
            return _refusal(405, "Chỉ hỗ trợ GET, PUT và DELETE.")
    except BadRequest as exc:
        return error(exc)
    return answer(_listing())


def switch(service: str, *, mode: str, delay_ms: Any = None, status: Any = None) -> Rule | None:
    """Set (or with mode "off", clear) the fault of one service; the API and the command call it."""
    if service not in SERVICES:
        raise BadRequest(f"Không có dịch vụ «{service}».", status=404, code="404")
    if mode not in MODES:
        raise BadRequest(f"mode phải là một trong: {', '.join(MODES)}.")
    if mode == "off":
        FaultRule.objects.filter(service=service).delete()
        forget()
        return None
    delay = _whole(delay_ms, "delay_ms", 1000 if mode == "slow" else 0)
    if not 0 <= delay <= MAX_DELAY_MS:
        raise BadRequest(f"delay_ms phải từ 0 đến {MAX_DELAY_MS}.")
    code = _whole(status, "status", 503)
    if not 400 <= code <= 599:
        raise BadRequest("status phải là mã lỗi HTTP từ 400 đến 599.")
    FaultRule.objects.update_or_create(
        service=service, defaults={"mode": mode, "delay_ms": delay, "status": code}
    )
    forget()
    return Rule(mode, delay, code)


def clear() -> int:
    deleted, _ = FaultRule.objects.all().delete()
    forget()
    return deleted


def _whole(value: Any, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise BadRequest(f"{name} phải là số nguyên.")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BadRequest(f"{name} phải là số nguyên.") from None
