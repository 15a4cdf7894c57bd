"""The VNeID stand-in: OpenID Connect authorization-code flow with PKCE (DOMAIN.md §9).

One relying party, configured by settings (SANDBOX_SSO_*). The login page asks for a citizen's
12-digit number and the demo's published password; the userinfo answer carries the national
claims (`SoDinhDanh`, `HoVaTen`, `NgayThangNamSinh`, `LoaiTaiKhoan`, `TechID`, `loAs`). ID tokens
are HS256-signed with the client secret, which OpenID Connect allows for confidential clients.
Codes live 60 seconds and are used once; access tokens live 5 minutes. Only hashes are stored.
"""

import base64
import hashlib
import hmac
import json
import secrets
import time
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .http import answer
from .models import Citizen, SsoGrant

CODE_TTL = timedelta(seconds=60)
TOKEN_TTL = timedelta(minutes=5)
ISSUER_PATH = "/vneid"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _issuer(request: HttpRequest) -> str:
    return request.build_absolute_uri(ISSUER_PATH)


def _oauth_error(error: str, description: str, status: int = 400) -> HttpResponse:
    return answer({"error": error, "error_description": description}, status=status)


@require_GET
def discovery(request: HttpRequest) -> HttpResponse:
    issuer = _issuer(request)
    return answer(
        {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "userinfo_endpoint": f"{issuer}/userinfo",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["HS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "profile"],
        }
    )


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    params = request.GET if request.method == "GET" else request.POST
    client_id = params.get("client_id", "")
    redirect_uri = params.get("redirect_uri", "")
    # Never redirect to an address the client did not register: show the error here instead.
    if client_id != settings.SANDBOX_SSO_CLIENT_ID:
        return _page_error(request, "Ứng dụng yêu cầu đăng nhập không được đăng ký (client_id).")
    if redirect_uri not in settings.SANDBOX_SSO_REDIRECT_URIS:
        return _page_error(request, "Địa chỉ quay lại (redirect_uri) không được đăng ký.")
    state = params.get("state", "")
    if params.get("response_type") != "code" or "openid" not in params.get("scope", "").split():
        return _back(redirect_uri, error="unsupported_response_type", state=state)
    challenge = params.get("code_challenge", "")
    if challenge and params.get("code_challenge_method", "S256") != "S256":
        return _back(redirect_uri, error="invalid_request", state=state)
    context = {
        "params": {
            k: params.get(k, "")
            for k in (
                "client_id",
                "redirect_uri",
                "response_type",
                "scope",
                "state",
                "nonce",
                "code_challenge",
                "code_challenge_method",
            )
        },
        "error": "",
        "id_number": "",
    }
    if request.method == "GET":
        return render(request, "sandbox/vneid_login.html", context)
    id_number = params.get("SoDinhDanh", "").strip()
    context["id_number"] = id_number
    citizen = Citizen.objects.filter(id_number=id_number).first()
    password_ok = hmac.compare_digest(
        params.get("MatKhau", "").encode(), settings.SANDBOX_SSO_PASSWORD.encode()
    )
    if citizen is None or not password_ok or not settings.SANDBOX_SSO_PASSWORD:
        context["error"] = "Số định danh hoặc mật khẩu không đúng."
        return render(request, "sandbox/vneid_login.html", context, status=401)
    code = secrets.token_urlsafe(32)
    SsoGrant.objects.create(
        client_id=client_id,
        citizen=citizen,
        code_sha256=_sha(code),
        redirect_uri=redirect_uri,
        nonce=params.get("nonce", "")[:200],
        code_challenge=challenge[:200],
        code_expires_at=timezone.now() + CODE_TTL,
    )
    return _back(redirect_uri, code=code, state=state)


def _back(redirect_uri: str, **query: str) -> HttpResponse:
    values = {k: v for k, v in query.items() if v}
    separator = "&" if "?" in redirect_uri else "?"
    return HttpResponseRedirect(f"{redirect_uri}{separator}{urlencode(values)}")


def _page_error(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "sandbox/vneid_error.html", {"message": message}, status=400)


@require_POST
def token(request: HttpRequest) -> HttpResponse:
    client_id, secret = _client_credentials(request)
    configured = settings.SANDBOX_SSO_CLIENT_SECRET
    if (
        client_id != settings.SANDBOX_SSO_CLIENT_ID
        or not configured
        or not hmac.compare_digest(secret.encode(), configured.encode())
    ):
        return _oauth_error("invalid_client", "Sai client_id hoặc client_secret.", status=401)
    if request.POST.get("grant_type") != "authorization_code":
        return _oauth_error("unsupported_grant_type", "Chỉ hỗ trợ authorization_code.")
    code = request.POST.get("code", "")
    now = timezone.now()
    with transaction.atomic():
        grant = (
            SsoGrant.objects.select_for_update()
            .select_related("citizen")
            .filter(code_sha256=_sha(code), client_id=client_id)
            .first()
        )
        if grant is None or grant.code_used_at is not None or grant.code_expires_at < now:
            return _oauth_error("invalid_grant", "Mã cấp quyền không hợp lệ, đã dùng hoặc hết hạn.")
        if request.POST.get("redirect_uri", "") != grant.redirect_uri:
            return _oauth_error("invalid_grant", "redirect_uri không khớp với lúc xin mã.")
        if grant.code_challenge:
            verifier = request.POST.get("code_verifier", "")
            expected = _b64(hashlib.sha256(verifier.encode()).digest())
            if not hmac.compare_digest(expected, grant.code_challenge):
                return _oauth_error("invalid_grant", "code_verifier không khớp (PKCE).")
        access = secrets.token_urlsafe(32)
        grant.code_used_at = now
        grant.token_sha256 = _sha(access)
        grant.token_expires_at = now + TOKEN_TTL
        grant.save(update_fields=["code_used_at", "token_sha256", "token_expires_at"])
    claims = {
        "iss": _issuer(request),
        "sub": _subject(grant.citizen),
        "aud": client_id,
        "iat": int(time.time()),
        "exp": int(time.time() + TOKEN_TTL.total_seconds()),
    }
    if grant.nonce:
        claims["nonce"] = grant.nonce
    return answer(
        {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": int(TOKEN_TTL.total_seconds()),
            "id_token": sign_hs256(claims, configured),
            "scope": "openid profile",
        }
    )


@require_GET
def userinfo(request: HttpRequest) -> HttpResponse:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    grant = None
    if scheme.lower() == "bearer" and value:
        grant = (
            SsoGrant.objects.select_related("citizen")
            .filter(token_sha256=_sha(value.strip()), token_expires_at__gt=timezone.now())
            .first()
        )
    if grant is None:
        response = _oauth_error("invalid_token", "Access token không hợp lệ hoặc hết hạn.", 401)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    citizen = grant.citizen
    return answer(
        {
            "sub": _subject(citizen),
            "LoaiTaiKhoan": 1,
            "SoDinhDanh": citizen.id_number,
            "HoVaTen": citizen.full_name,
            "NgayThangNamSinh": citizen.born.strftime("%d/%m/%Y"),
            "TechID": _subject(citizen),
            # Level 2 accounts were verified in person with the chip card (Decree 69/2024).
            "loAs": "2",
        }
    )


def sign_hs256(claims: dict[str, Any], secret: str) -> str:
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = _b64(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode())
    signature = hmac.new(secret.encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{_b64(signature)}"


def _subject(citizen: Citizen) -> str:
    # A stable opaque id per person (the TechID), not the identity number itself.
    return _sha(f"vneid-sandbox:{citizen.id_number}")[:32]


def _client_credentials(request: HttpRequest) -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "basic" and value:
        try:
            decoded = base64.b64decode(value.strip()).decode()
        except (ValueError, UnicodeDecodeError):
            return "", ""
        client_id, _, secret = decoded.partition(":")
        return client_id, secret
    return request.POST.get("client_id", ""), request.POST.get("client_secret", "")
