"""Officials' second factor: a TOTP authenticator app, with single-use recovery codes.

Asked at login when REQUIRE_2FA is on (the production default) for anyone who works in the back
office or the admin, and always for an account that enrolled an app. The password alone does not
log such a person in: the session holds only a pending login (user, where to go next, when)
until the code matches. A session that got in some other way (the Django admin's own login page)
is sent to the same step by the middleware before any official page.
"""

import hashlib
import secrets
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from motcua.core import audit, ratelimit

from . import totp
from .errors import SecondFactorFailed, Throttled
from .models import RecoveryCode, TotpDevice, User

PENDING = "accounts.second_factor_pending"
VERIFIED = "accounts.second_factor_at"
NEEDED = "accounts.second_factor_needed"
PENDING_SECONDS = 300
RECOVERY_CODES = 10
ISSUER = "MotCua"
BACKEND = "django.contrib.auth.backends.ModelBackend"
GUARDED_PREFIXES = ("/can-bo/", "/quan-tri/")
UNGUARDED = ("/can-bo/dang-nhap/", "/can-bo/dang-xuat/", "/quan-tri/logout/")
FAILURES_PER_WINDOW = 5
FAILURE_WINDOW = 900


def works_inside(user: User) -> bool:
    """Staff of the admin or an official with an active assignment in the back office."""
    if user.is_staff or user.is_superuser:
        return True
    from motcua.org.models import StaffAssignment

    return StaffAssignment.objects.filter(user_id=user.pk, is_active=True).exists()


def has_device(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def required_for(user: User) -> bool:
    return has_device(user) or (settings.REQUIRE_2FA and works_inside(user))


def safe_next(request: HttpRequest, candidate: str, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def login_or_continue(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """Log `user` in now, or, if they need a second factor, hold the login until it is given."""
    if required_for(user):
        request.session.cycle_key()
        request.session[PENDING] = {"user": user.pk, "next": next_url, "at": time.time()}
        return redirect("accounts:second_factor")
    login(request, user, backend=BACKEND)
    return redirect(next_url)


def pending_user(request: HttpRequest) -> tuple[User | None, str]:
    """Who is at the second-factor step, and where they go after it."""
    if request.user.is_authenticated:
        assert isinstance(request.user, User)
        return request.user, safe_next(request, request.GET.get("next", ""), "/can-bo/")
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, ""
    user = User.objects.filter(pk=int(pending.get("user") or 0), is_active=True).first()
    return user, str(pending.get("next") or "/can-bo/")


def finish(request: HttpRequest, user: User) -> None:
    request.session.pop(PENDING, None)
    if not request.user.is_authenticated:
        login(request, user, backend=BACKEND)
    mark_verified(request)


def mark_verified(request: HttpRequest) -> None:
    request.session[VERIFIED] = int(time.time())


def must_verify(request: HttpRequest) -> bool:
    path = request.path
    if not path.startswith(GUARDED_PREFIXES) or path in UNGUARDED:
        return False
    if request.session.get(VERIFIED):
        return False
    user = request.user
    if not isinstance(user, User):
        return False
    # Decided once per session (at the first official page), not at every request.
    needed = request.session.get(NEEDED)
    if needed is None:
        needed = required_for(user)
        request.session[NEEDED] = needed
    return bool(needed)


def step_url(request: HttpRequest) -> str:
    return f"{reverse('accounts:second_factor')}?{urlencode({'next': request.get_full_path()})}"


def check(user: User, code: str, *, timestamp: float | None = None) -> str:
    """Accept a code from the app or a recovery code; returns which ("totp" or "recovery")."""
    _refuse_if_throttled(user)
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is not None:
        step = totp.matching_step(
            device.secret, code, after_step=device.last_step, timestamp=timestamp
        )
        # Conditional update: two requests racing with the same code cannot both pass.
        if step is not None and TotpDevice.objects.filter(pk=device.pk, last_step__lt=step).update(
            last_step=step
        ):
            audit.record(user, "account.second_factor", target=user, details={"kind": "totp"})
            return "totp"
    cleaned = _clean_recovery(code)
    if cleaned and RecoveryCode.objects.filter(
        user=user, code_hash=_hash(cleaned), used_at__isnull=True
    ).update(used_at=timezone.now()):
        left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
        audit.record(
            user, "account.second_factor", target=user, details={"kind": "recovery", "left": left}
        )
        return "recovery"
    _count_failure(user)
    raise SecondFactorFailed()


def start_enrolment(user: User) -> TotpDevice:
    """The device being set up (the same secret until confirmed, so a reload shows one QR)."""
    device, _created = TotpDevice.objects.get_or_create(
        user=user, defaults={"secret": totp.new_secret(), "created_at": timezone.now()}
    )
    return device


def confirm_enrolment(user: User, code: str, *, timestamp: float | None = None) -> list[str]:
    """Confirm the app with a first code; returns fresh recovery codes, shown only now."""
    _refuse_if_throttled(user)
    device = start_enrolment(user)
    step = totp.matching_step(device.secret, code, timestamp=timestamp)
    if step is None:
        _count_failure(user)
        raise SecondFactorFailed(
            "Mã không khớp. Kiểm tra giờ trên điện thoại và nhập mã đang hiện trên ứng dụng."
        )
    with transaction.atomic():
        TotpDevice.objects.filter(pk=device.pk).update(confirmed_at=timezone.now(), last_step=step)
        codes = _new_recovery_codes(user)
        audit.record(user, "account.second_factor_enrolled", target=user)
    return codes


def regenerate_recovery_codes(user: User) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit.record(user, "account.recovery_codes_renewed", target=user)
    return codes


def remove(user: User, *, by: User) -> None:
    """Drop the app and recovery codes (an admin helping an official who lost their phone)."""
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        audit.record(by, "account.second_factor_removed", target=user)


def provisioning(device: TotpDevice) -> tuple[str, str]:
    """The otpauth:// address and an inline SVG QR code of it."""
    import segno

    uri = totp.provisioning_uri(device.secret, account=device.user.username, issuer=ISSUER)
    svg = segno.make(uri, error="m").svg_inline(scale=4, title="Mã QR cho ứng dụng xác thực")
    return uri, svg


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=_hash(_clean_recovery(code))) for code in codes
    )
    return codes


def _clean_recovery(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(f"motcua-recovery:{code}".encode()).hexdigest()


def _refuse_if_throttled(user: User) -> None:
    # Only failures count, but once locked out a person may not keep trying, right or wrong.
    locked_until = cache.get(f"second-factor-locked:{user.pk}")
    if locked_until is not None and locked_until > ratelimit.clock():
        raise _throttled(max(1, int(locked_until - ratelimit.clock())))


def _count_failure(user: User) -> None:
    retry = ratelimit.hit(
        "second-factor", str(user.pk), limit=FAILURES_PER_WINDOW, window=FAILURE_WINDOW
    )
    if retry is not None:
        cache.set(f"second-factor-locked:{user.pk}", ratelimit.clock() + retry, timeout=retry)
        raise _throttled(retry)


def _throttled(retry: int) -> Throttled:
    return Throttled(
        f"Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau {max(1, retry // 60)} phút.",
        retry_after=retry,
    )
