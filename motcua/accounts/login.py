"""Logging in with a phone number, an e-mail or a 12-digit number and a password, throttled.

Two counters (core.ratelimit): every attempt from one client address, and the failed attempts
on one account name. Over either, the answer is a clear Vietnamese message with the wait, and the
password is not even checked, so guessing stays slow whichever way it is spread.
"""

import math

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from motcua.core import ratelimit

from . import identifiers
from .errors import LoginFailed, NotConfirmed, Throttled
from .models import User


def authenticate(request: HttpRequest, *, login_name: str, password: str) -> User:
    """The account `login_name` and `password` open, or an error saying why not."""
    window = settings.LOGIN_RATE_WINDOW
    retry = ratelimit.hit(
        "login-address",
        ratelimit.client_ip(request),
        limit=settings.LOGIN_RATE_LIMIT_ADDRESS,
        window=window,
    )
    if retry is not None:
        raise _throttled(retry)
    try:
        found = identifiers.parse(login_name)
    except identifiers.InvalidIdentifier as exc:
        raise LoginFailed(exc.message) from exc
    account_key = f"{found.kind}:{found.value}"
    locked_until = cache.get(_lock_key(account_key))
    if locked_until is not None and locked_until > ratelimit.clock():
        raise _throttled(max(1, math.ceil(locked_until - ratelimit.clock())))
    user = find(found)
    if user is None:
        # Hash anyway, so that the answer takes as long for an unknown name as for a known one.
        User().set_password(password)
        ok = False
    else:
        ok = user.check_password(password)
    if not ok or user is None:
        retry = ratelimit.hit(
            "login-account", account_key, limit=settings.LOGIN_RATE_LIMIT_ACCOUNT, window=window
        )
        if retry is not None:
            cache.set(_lock_key(account_key), ratelimit.clock() + retry, timeout=retry)
            raise _throttled(retry)
        raise LoginFailed()
    if not user.is_active:
        if user.last_login is None and user.one_time_codes.exists():
            raise NotConfirmed(user_id=user.pk)
        raise LoginFailed("Tài khoản này đã bị khóa. Vui lòng liên hệ bộ phận một cửa.")
    return user


def find(found: identifiers.Identifier) -> User | None:
    if found.kind == "phone":
        return User.objects.filter(phone=found.value).first()
    if found.kind == "email":
        return User.objects.filter(email__iexact=found.value).first()
    # A verified number; the demo's citizens (and VNeID accounts) also have it as user name.
    return (
        User.objects.filter(identity_number=found.value).first()
        or User.objects.filter(username=found.value).first()
    )


def _lock_key(account_key: str) -> str:
    return f"login-locked:{account_key}"


def _throttled(retry_after: int) -> Throttled:
    minutes = max(1, math.ceil(retry_after / 60))
    return Throttled(
        f"Bạn đã đăng nhập sai quá nhiều lần. Để bảo vệ tài khoản, vui lòng thử lại sau {minutes} "
        "phút, hoặc chọn «Quên mật khẩu».",
        retry_after=retry_after,
    )
