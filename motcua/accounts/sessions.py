"""The registry of logged-in sessions: who is logged in where, and revoking any of them.

A row is written at login (the user_logged_in signal) and touched by the middleware at most once
a minute. Revoking deletes the session from Django's session store and marks the row, which the
middleware reads at the next request: the session ends even with a store that cannot be deleted
from (signed cookies).
"""

import hashlib
import ipaddress
import secrets
import time
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from motcua.core import audit
from motcua.core.errors import NotFound
from motcua.core.ratelimit import client_ip

from .models import User, UserSession

TOUCH_RESOLUTION = timedelta(minutes=1)
SEEN = "accounts.session_seen_at"
ENTRY = "accounts.session_entry"
USER_AGENT_MAX = 300


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def register(request: HttpRequest, user: User, *, now: datetime | None = None) -> UserSession:
    """A registry row for the request's session, named by a random token kept in the session
    itself (a session key changes with every save of a signed-cookie session; the token does not).
    """
    now = now or timezone.now()
    session = request.session
    if not session.session_key:
        session.save()
    token = secrets.token_urlsafe(24)
    session[ENTRY] = token
    session[SEEN] = time.time()
    return UserSession.objects.create(
        user=user,
        key_hash=_hash(token),
        session_key=session.session_key or "",
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX],
        ip_address=_address(request),
        created_at=now,
        last_seen_at=now,
    )


def touch(request: HttpRequest) -> bool:
    """False if the request's session was revoked; else note that it was seen (once a minute)."""
    session = request.session
    # Within a minute of the last look, trust the session: revoking deletes it from the store,
    # which ends it at once; the row is read again for stores that cannot delete (cookies).
    seen = session.get(SEEN)
    if isinstance(seen, int | float) and time.time() - seen < TOUCH_RESOLUTION.total_seconds():
        return True
    user = request.user
    assert isinstance(user, User)
    token = session.get(ENTRY)
    row = UserSession.objects.filter(key_hash=_hash(token)).first() if token else None
    if row is None:
        # A session from before the registry, or one made without the login signal.
        register(request, user)
        return True
    if row.revoked_at is not None or row.user_id != user.pk:
        return False
    UserSession.objects.filter(pk=row.pk).update(
        last_seen_at=timezone.now(), ip_address=_address(request)
    )
    session[SEEN] = time.time()
    return True


def live(user: User) -> list[UserSession]:
    return list(UserSession.objects.filter(user=user, revoked_at__isnull=True))


def is_current(row: UserSession, request: HttpRequest) -> bool:
    token = request.session.get(ENTRY)
    return bool(token) and row.key_hash == _hash(str(token))


def revoke(user: User, session_id: int, *, by: User) -> UserSession:
    """End one of `user`'s sessions; another person's session is not found (404)."""
    row = UserSession.objects.filter(pk=session_id, user=user, revoked_at__isnull=True).first()
    if row is None:
        raise NotFound("Không tìm thấy phiên đăng nhập này, hoặc phiên đã kết thúc.")
    _end(row, now=timezone.now())
    audit.record(
        by,
        "account.session_revoked",
        target=user,
        details={"session": row.pk, "device": row.user_agent[:100]},
    )
    return row


def revoke_all(user: User, *, by: User | None, keep: HttpRequest | None = None) -> int:
    """End every session of `user` (all but `keep`'s own, if given); returns how many."""
    now = timezone.now()
    ended = 0
    for row in UserSession.objects.filter(user=user, revoked_at__isnull=True):
        if keep is not None and is_current(row, keep):
            continue
        _end(row, now=now)
        ended += 1
    if ended:
        audit.record(by, "account.sessions_revoked", target=user, details={"count": ended})
    return ended


def _end(row: UserSession, *, now: datetime) -> None:
    UserSession.objects.filter(pk=row.pk).update(revoked_at=now)
    row.revoked_at = now
    store: Any = import_module(settings.SESSION_ENGINE).SessionStore
    store(session_key=row.session_key).delete()


def _address(request: HttpRequest) -> str | None:
    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


@receiver(user_logged_in)
def _on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session") and isinstance(user, User):
        register(request, user)


@receiver(user_logged_out)
def _on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    token = request.session.get(ENTRY)
    if token:
        UserSession.objects.filter(key_hash=_hash(str(token)), revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
