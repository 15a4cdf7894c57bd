"""Login with VNeID: OpenID Connect authorization code flow with PKCE, state and nonce.

The browser goes to `SSO_ISSUER/authorize`; it comes back to /tai-khoan/vneid/quay-lai/ with a
code, which the back channel (token, then userinfo; ARCHITECTURE.md rule 3 lets it go straight to
the provider) exchanges. The id_token is checked by hand: HS256 with the client secret (what the
provider signs with for a confidential client), issuer, audience, expiry and the nonce of this very
login. Accounts are linked by TechID (DOMAIN.md §9).

Pointing at the real VNeID is configuration: SSO_ISSUER, SSO_CLIENT_ID, SSO_CLIENT_SECRET.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse

from motcua.core import audit

from . import identity
from .errors import NumberBoundElsewhere, SsoFailed
from .models import AssuranceLevel, IdentitySource, User

SESSION_KEY = "accounts.vneid"
FLOW_SECONDS = 600
LEEWAY_SECONDS = 60
SCOPE = "openid profile"

# Tests put an httpx.MockTransport here; None means real HTTP.
transport: httpx.BaseTransport | None = None


@dataclass(frozen=True)
class VneidPerson:
    tech_id: str
    id_number: str
    full_name: str
    born: date | None
    account_type: int
    level: int


def enabled() -> bool:
    return bool(settings.SSO_ISSUER and settings.SSO_CLIENT_ID and settings.SSO_CLIENT_SECRET)


def redirect_uri(request: HttpRequest) -> str:
    return settings.SSO_REDIRECT_URI or request.build_absolute_uri(
        reverse("accounts:vneid_callback")
    )


def begin(request: HttpRequest, *, next_url: str) -> str:
    """Remember this login's state, nonce and PKCE verifier; the provider's address to go to."""
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(48)
    request.session[SESSION_KEY] = {
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "next": next_url,
        "at": time.time(),
        "link": request.user.is_authenticated,
    }
    query = {
        "response_type": "code",
        "client_id": settings.SSO_CLIENT_ID,
        "redirect_uri": redirect_uri(request),
        "scope": SCOPE,
        "state": state,
        "nonce": nonce,
        "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
    }
    return f"{settings.SSO_ISSUER}/authorize?{urlencode(query)}"


def complete(request: HttpRequest) -> tuple[VneidPerson, str, bool]:
    """Check the provider's answer and fetch who logged in; (person, next, linking)."""
    flow = request.session.pop(SESSION_KEY, None)
    if not isinstance(flow, dict) or time.time() - float(flow.get("at", 0)) > FLOW_SECONDS:
        raise SsoFailed("Phiên đăng nhập VNeID đã hết hạn hoặc không tồn tại. Vui lòng thử lại.")
    if request.GET.get("error"):
        raise SsoFailed("Bạn đã hủy đăng nhập, hoặc VNeID từ chối yêu cầu đăng nhập.")
    if not hmac.compare_digest(str(flow["state"]), request.GET.get("state", "")):
        # Not the answer to the login this browser started: a forged or replayed callback.
        raise SsoFailed("Yêu cầu đăng nhập không hợp lệ (state không khớp). Vui lòng thử lại.")
    code = request.GET.get("code", "")
    if not code:
        raise SsoFailed()
    tokens = _post_token(request, code=code, verifier=str(flow["verifier"]))
    claims = verify_id_token(str(tokens.get("id_token", "")), nonce=str(flow["nonce"]))
    info = _userinfo(str(tokens.get("access_token", "")))
    if info.get("sub") != claims.get("sub"):
        raise SsoFailed("Thông tin người dùng VNeID không khớp với mã định danh (sub).")
    return _person(info), str(flow.get("next") or ""), bool(flow.get("link"))


def verify_id_token(token: str, *, nonce: str, now: float | None = None) -> dict[str, Any]:
    try:
        header_b64, body_b64, signature_b64 = token.split(".")
        header = json.loads(_unb64(header_b64))
        claims = json.loads(_unb64(body_b64))
        signature = _unb64(signature_b64)
    except (ValueError, binascii.Error) as exc:
        raise SsoFailed("Mã định danh (id_token) không đọc được.") from exc
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise SsoFailed("Mã định danh (id_token) dùng thuật toán ký không được chấp nhận.")
    expected = hmac.new(
        settings.SSO_CLIENT_SECRET.encode(), f"{header_b64}.{body_b64}".encode(), hashlib.sha256
    ).digest()
    if not hmac.compare_digest(expected, signature):
        raise SsoFailed("Chữ ký của mã định danh (id_token) không hợp lệ.")
    if not isinstance(claims, dict):
        raise SsoFailed("Mã định danh (id_token) không đọc được.")
    now = time.time() if now is None else now
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if claims.get("iss") != settings.SSO_ISSUER:
        raise SsoFailed("Mã định danh (id_token) không do VNeID đã cấu hình phát hành (iss).")
    if settings.SSO_CLIENT_ID not in audiences:
        raise SsoFailed("Mã định danh (id_token) không dành cho cổng này (aud).")
    if not isinstance(claims.get("exp"), int | float) or claims["exp"] + LEEWAY_SECONDS < now:
        raise SsoFailed("Mã định danh (id_token) đã hết hạn. Vui lòng đăng nhập lại.")
    if not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
        raise SsoFailed("Mã định danh (id_token) không thuộc lần đăng nhập này (nonce).")
    return claims


def link_or_create(person: VneidPerson, *, current: User | None) -> User:
    """The account of this VNeID person: linked by TechID, else by verified number, else new.

    `current` is a logged-in person linking VNeID to their own account from its page.
    """
    # VNeID level 2 accounts were verified in person with the chip card (Decree 69/2024).
    level = AssuranceLevel.VNEID if person.level >= 2 else AssuranceLevel.POPULATION
    with transaction.atomic():
        linked = User.objects.select_for_update().filter(vneid_tech_id=person.tech_id).first()
        if current is not None:
            if linked is not None and linked.pk != current.pk:
                raise NumberBoundElsewhere(
                    "Tài khoản VNeID này đã được liên kết với một tài khoản khác."
                )
            user = current
        elif linked is not None:
            user = linked
        else:
            user = (
                User.objects.select_for_update().filter(identity_number=person.id_number).first()
            ) or _new_account(person)
        if not user.is_active:
            raise SsoFailed("Tài khoản này đã bị khóa. Vui lòng liên hệ bộ phận một cửa.")
        if user.vneid_tech_id != person.tech_id:
            try:
                with transaction.atomic():
                    User.objects.filter(pk=user.pk).update(vneid_tech_id=person.tech_id)
            except IntegrityError as exc:
                raise NumberBoundElsewhere(
                    "Tài khoản VNeID này đã được liên kết với một tài khoản khác."
                ) from exc
            user.vneid_tech_id = person.tech_id
            audit.record(user, "account.vneid_linked", target=user)
        identity.bind_identity(
            user,
            number=person.id_number,
            name=person.full_name,
            born=person.born,
            source=IdentitySource.VNEID,
            level=level,
        )
    return user


def _new_account(person: VneidPerson) -> User:
    # The 12-digit number is the user name when free (the demo's practice); it always is, since a
    # number bound to an account was found above, unless an unverified account took it as a name.
    taken = User.objects.filter(username=person.id_number).exists()
    username = f"vneid-{person.tech_id[:40]}" if taken else person.id_number
    user = User(username=username, full_name=person.full_name)
    user.set_unusable_password()
    user.save()
    audit.record(None, "account.register", target=user, details={"channel": "vneid"})
    return user


def _client() -> httpx.Client:
    return httpx.Client(timeout=settings.SSO_TIMEOUT_SECONDS, transport=transport)


def _post_token(request: HttpRequest, *, code: str, verifier: str) -> dict[str, Any]:
    try:
        with _client() as client:
            response = client.post(
                f"{settings.SSO_ISSUER}/token",
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri(request),
                    "code_verifier": verifier,
                },
                auth=(settings.SSO_CLIENT_ID, settings.SSO_CLIENT_SECRET),
            )
    except httpx.HTTPError as exc:
        raise SsoFailed("Không kết nối được với VNeID. Vui lòng thử lại sau ít phút.") from exc
    if response.status_code != 200:
        raise SsoFailed(
            "VNeID không chấp nhận mã đăng nhập (đã dùng hoặc hết hạn). Vui lòng thử lại."
        )
    return _json(response)


def _userinfo(access_token: str) -> dict[str, Any]:
    try:
        with _client() as client:
            response = client.get(
                f"{settings.SSO_ISSUER}/userinfo",
                headers={"Authorization": f"Bearer {access_token}"},
            )
    except httpx.HTTPError as exc:
        raise SsoFailed("Không kết nối được với VNeID. Vui lòng thử lại sau ít phút.") from exc
    if response.status_code != 200:
        raise SsoFailed("VNeID không trả thông tin người dùng. Vui lòng thử lại.")
    return _json(response)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise SsoFailed("VNeID trả lời không đúng định dạng.") from exc
    if not isinstance(data, dict):
        raise SsoFailed("VNeID trả lời không đúng định dạng.")
    return data


def _person(info: dict[str, Any]) -> VneidPerson:
    tech_id = str(info.get("TechID") or info.get("sub") or "")
    number = str(info.get("SoDinhDanh") or "")
    name = " ".join(str(info.get("HoVaTen") or "").split())
    if not tech_id or not number or not name:
        raise SsoFailed("VNeID không cung cấp đủ số định danh và họ tên.")
    try:
        number = identity.identifiers.check_id_number(number)
    except identity.identifiers.InvalidIdentifier as exc:
        raise SsoFailed("Số định danh do VNeID cung cấp không hợp lệ.") from exc
    born = None
    raw_born = str(info.get("NgayThangNamSinh") or "")
    for layout in ("%d/%m/%Y", "%Y-%m-%d", "%Y%m%d"):
        try:
            born = datetime.strptime(raw_born, layout).date()
            break
        except ValueError:
            continue
    try:
        account_type = int(info.get("LoaiTaiKhoan") or 1)
    except (TypeError, ValueError):
        account_type = 1
    raw_level = str(info.get("loAs") or info.get("IAL") or "1")
    level = int(raw_level) if raw_level.isdigit() else 1
    return VneidPerson(tech_id, number, name, born, account_type, level)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
