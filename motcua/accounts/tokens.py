"""API tokens for partner systems and officials: create, revoke, and authenticate a request.

A token reads `mc_<prefix>_<secret>`: the prefix finds the row, the secret's SHA-256 is compared
in constant time. The secret itself is never stored and is shown once, at creation. Creating and
revoking are audited.

`bearer_token` is the django-ninja auth for `Authorization: Bearer mc_...`. A request that
presents a token is judged by that token alone: a wrong, expired or revoked one is 401, never a
fall-back to the session (which would answer a confusing CSRF 403). A bearer request needs no
CSRF token: no browser attaches it on its own, so a forged cross-site request cannot carry it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from motcua.core import audit
from motcua.core.errors import InvalidInput

from .models import ApiToken, User

TOKEN_PREFIX = "mc"  # noqa: S105 - the marker every token starts with, not a secret
# last_used_at is for operators ("is this partner still calling?"): a write per request would
# cost more than it tells, so it moves at most once a minute.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_DAYS = 3650


def create(
    *, user: User, name: str, days: int | None = None, by: audit.Actor = None
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token text, which is shown only now."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput("Phải đặt tên cho khóa truy cập (hệ thống hoặc mục đích sử dụng).")
    if len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        raise InvalidInput("Tên khóa truy cập dài quá 100 ký tự.")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"Số ngày hiệu lực phải từ 1 đến {MAX_DAYS}.")
    if not user.is_active:
        raise InvalidInput(f"Tài khoản {user.username} đã bị khóa: không thể cấp khóa truy cập.")
    secret = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=days) if days is not None else None
    for _ in range(5):
        prefix = secrets.token_hex(4)
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,
                    name=name,
                    prefix=prefix,
                    secret_sha256=_digest(secret),
                    expires_at=expires_at,
                )
                audit.record(
                    by,
                    "api_token.create",
                    target=token,
                    details={
                        "user": user.username,
                        "name": name,
                        "prefix": prefix,
                        "expires_at": expires_at,
                    },
                )
        except IntegrityError:
            continue  # the random prefix is taken (one chance in four billion): draw again
        return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"
    raise RuntimeError("Could not draw a free token prefix.")


def revoke(token: ApiToken, *, by: audit.Actor = None) -> bool:
    """Revoke the token now; False if it already was."""
    with transaction.atomic():
        if not ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        ):
            return False
        audit.record(
            by,
            "api_token.revoke",
            target=token,
            details={"user": token.user.username, "name": token.name, "prefix": token.prefix},
        )
    return True


def authenticate(raw: str, *, now: datetime | None = None) -> ApiToken | None:
    """The live token `raw` stands for, or None (malformed, unknown, wrong secret, expired,
    revoked, or its account locked)."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[2]:
        return None
    _, prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    # The digest is compared even for an unknown prefix, so timing does not tell them apart.
    expected = token.secret_sha256 if token is not None else "0" * 64
    if not hmac.compare_digest(_digest(secret), expected) or token is None:
        return None
    now = now if now is not None else timezone.now()
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
    return token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = authenticate(token)
        if found is None:
            raise AuthenticationError()
        # The API's views act as request.user, whichever way the caller authenticated.
        request.user = found.user
        return found


bearer_token = BearerToken()


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
