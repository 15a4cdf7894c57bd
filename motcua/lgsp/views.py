"""The gateway's HTTP face: machine-to-machine, so no sessions and no CSRF tokens.

Thin: the work is in forwarding.py, credentials.py and monitoring.py.
"""

import base64
import binascii
import hmac
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.core import ratelimit

from . import credentials, forwarding, monitoring
from .errors import Unauthorised


@csrf_exempt
def gateway(
    request: HttpRequest, provider: str, service: str, rest: str = ""
) -> HttpResponse | StreamingHttpResponse:
    return forwarding.handle(request, provider, service, rest)


def _token_error(error: str, message: str, status: int) -> JsonResponse:
    # RFC 6749 §5.2 names the error in "error"; our own shape rides along for our callers.
    response = JsonResponse(
        {"error": error, "code": Unauthorised.code if status == 401 else "invalid_message",
         "message": message},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )  # fmt: skip
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="lgsp"'
    response["Cache-Control"] = "no-store"
    return response


def _token_rate_limited(request: HttpRequest, retry_after: int) -> HttpResponse:
    return _token_error("slow_down", "Quá nhiều yêu cầu cấp mã truy cập. Thử lại sau.", 429)


@csrf_exempt
@require_POST
@ratelimit.rate_limit(
    "lgsp_token", limit_setting="LGSP_TOKEN_RATE_LIMIT", limit=120, respond=_token_rate_limited
)
def token(request: HttpRequest) -> HttpResponse:
    """OAuth2 client credentials grant (RFC 6749 §4.4): form-encoded, HTTP Basic or body."""
    if request.POST.get("grant_type") != "client_credentials":
        return _token_error(
            "unsupported_grant_type", "Chỉ hỗ trợ grant_type=client_credentials.", 400
        )
    client_id = request.POST.get("client_id", "")
    client_secret = request.POST.get("client_secret", "")
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            pair = base64.b64decode(encoded.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return _token_error("invalid_client", "Tiêu đề Authorization Basic hỏng.", 401)
        user, _, password = pair.partition(":")
        # RFC 6749 §2.3.1: both parts are form-urlencoded before the Basic encoding.
        client_id, client_secret = unquote(user), unquote(password)
    if not client_id or not client_secret:
        return _token_error("invalid_client", "Thiếu client_id hoặc client_secret.", 401)
    try:
        access_token, lifetime = credentials.exchange_token(client_id, client_secret)
    except Unauthorised as error:
        return _token_error("invalid_client", error.message, 401)
    response = JsonResponse(
        {"access_token": access_token, "token_type": "Bearer", "expires_in": lifetime}
    )
    response["Cache-Control"] = "no-store"
    return response


def _metrics_allowed(request: HttpRequest) -> bool:
    """A bearer METRICS_TOKEN (Prometheus) or a staff member's session (an operator's browser)."""
    expected = (getattr(settings, "METRICS_TOKEN", "") or "").strip()
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if expected and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), expected):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """/metrics: the gateway's numbers in the Prometheus text format."""
    if not _metrics_allowed(request):
        response = HttpResponse(
            "Cần mã truy cập (Authorization: Bearer <METRICS_TOKEN>) hoặc đăng nhập quản trị.\n",
            status=401,
            content_type="text/plain; charset=utf-8",
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    response = HttpResponse(
        monitoring.prometheus(monitoring.snapshot()),
        content_type="text/plain; version=0.0.4; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    return response
