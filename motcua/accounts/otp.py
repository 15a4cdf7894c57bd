"""One-time codes: 6 digits, sent by SMS (through the LGSP) or e-mail, through the outbox.

The code never sits in the clear anywhere it could be read later: the row keeps a keyed hash,
and the outbox payload (visible to operators in the admin) carries the code encrypted with a key
derived from SECRET_KEY, which only the handler opens to send it. Nothing logs it.
"""

import base64
import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from motcua.core import audit, outbox

from .errors import CodeExpired, CodeInvalid, CodeLocked, Throttled
from .models import OneTimeCode, User

logger = logging.getLogger("motcua.accounts")

TOPIC = "accounts.otp"
DIGITS = 6


def issue(
    user: User,
    *,
    purpose: str,
    channel: str,
    destination: str,
    now: datetime | None = None,
) -> OneTimeCode:
    """Make a new code for `user` and queue it for sending; refuse if one was sent too lately."""
    now = now or timezone.now()
    with transaction.atomic():
        recent = OneTimeCode.objects.filter(
            user=user, purpose=purpose, created_at__gt=now - timedelta(hours=1)
        ).order_by("-created_at")
        latest = recent.first()
        wait = settings.OTP_RESEND_SECONDS
        if latest is not None and latest.created_at > now - timedelta(seconds=wait):
            retry = wait - int((now - latest.created_at).total_seconds())
            raise Throttled(
                f"Mã vừa được gửi. Vui lòng đợi {max(retry, 1)} giây rồi bấm «Gửi lại mã».",
                retry_after=max(retry, 1),
            )
        if recent.count() >= settings.OTP_MAX_PER_HOUR:
            oldest = list(recent.values_list("created_at", flat=True))[-1]
            retry = int((oldest + timedelta(hours=1) - now).total_seconds())
            raise Throttled(
                "Bạn đã yêu cầu quá nhiều mã trong một giờ. Vui lòng thử lại sau "
                f"{max(retry // 60, 1)} phút.",
                retry_after=max(retry, 1),
            )
        code = f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"
        row = OneTimeCode.objects.create(
            user=user,
            purpose=purpose,
            channel=channel,
            destination=destination,
            code_hash=_digest(user.pk, purpose, code),
            created_at=now,
            expires_at=now + timedelta(seconds=settings.OTP_TTL_SECONDS),
        )
        outbox.emit(TOPIC, payload={"code_id": row.pk, "sealed": _seal(code)}, key=f"otp-{row.pk}")
        audit.record(
            user,
            "account.code_sent",
            target=user,
            details={"purpose": purpose, "channel": channel, "to": mask(destination)},
        )
    return row


def check(user: User, *, purpose: str, code: str, now: datetime | None = None) -> OneTimeCode:
    """Use the latest code of `purpose`: returns it, or raises why it cannot be used.

    A wrong try is counted in its own committed transaction before the error is raised, so an
    outer rollback cannot give the tries back.
    """
    now = now or timezone.now()
    typed = "".join(ch for ch in (code or "") if ch.isdigit())
    error: Exception | None = None
    with transaction.atomic():
        row = (
            OneTimeCode.objects.select_for_update()
            .filter(user=user, purpose=purpose)
            .order_by("-created_at", "-id")
            .first()
        )
        if row is None or row.used_at is not None or row.expires_at <= now:
            error = CodeExpired()
        elif row.attempts >= settings.OTP_MAX_ATTEMPTS:
            error = CodeLocked()
        elif len(typed) != DIGITS or not hmac.compare_digest(
            row.code_hash, _digest(user.pk, purpose, typed)
        ):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            left = settings.OTP_MAX_ATTEMPTS - row.attempts
            error = (
                CodeInvalid(f"Mã xác nhận không đúng. Bạn còn {left} lần thử.")
                if left > 0
                else CodeLocked()
            )
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
    if error is not None:
        raise error
    assert row is not None
    return row


def deliver(code_id: int, sealed: str, *, key: str) -> None:
    """The outbox handler's work: send one code, at most once per channel that cannot dedupe."""
    row = OneTimeCode.objects.select_related("user").filter(pk=code_id).first()
    if row is None or row.used_at is not None or row.expires_at <= timezone.now():
        return  # nobody can use it any more: sending it would only confuse
    if row.sent_at is not None:
        return  # a redelivered event: the code already left
    code = _unseal(sealed)
    minutes = settings.OTP_TTL_SECONDS // 60
    if row.channel == OneTimeCode.Channel.SMS:
        from motcua.lgsp.clients import sms

        text = (
            f"Mã xác nhận MotCua: {code} (hiệu lực {minutes} phút). "
            "Không cung cấp mã này cho bất kỳ ai."
        )
        # The request id is the outbox key: the SMS gateway sends a retried request once.
        sms.send(row.destination, text, request_id=key)
    else:
        subject = (
            "Mã xác nhận đăng ký tài khoản"
            if row.purpose == OneTimeCode.Purpose.REGISTER
            else "Mã xác nhận đặt lại mật khẩu"
        )
        body = (
            f"Xin chào {row.user.full_name or ''},\n\n"
            f"Mã xác nhận của bạn là: {code}\n"
            f"Mã có hiệu lực trong {minutes} phút và chỉ dùng được một lần.\n\n"
            "Nếu bạn không yêu cầu mã này, hãy bỏ qua thư này. Không cung cấp mã cho bất kỳ ai, "
            "kể cả người tự xưng là cán bộ.\n\nCổng dịch vụ công"
        )
        send_mail(f"MotCua — {subject}", body, None, [row.destination])
    OneTimeCode.objects.filter(pk=row.pk).update(sent_at=timezone.now())
    logger.info("One-time code %s sent by %s", row.pk, row.channel, extra={"code_id": row.pk})


def mask(destination: str) -> str:
    """0905***222 or t***@example.vn: enough for a person to recognise, not to reuse."""
    if "@" in destination:
        name, _, domain = destination.partition("@")
        return f"{name[:1]}***@{domain}"
    return f"{destination[:4]}***{destination[-3:]}"


def _digest(user_id: int, purpose: str, code: str) -> str:
    return salted_hmac("motcua.accounts.otp", f"{user_id}:{purpose}:{code}").hexdigest()


def _fernet() -> Fernet:
    key = hashlib.sha256(f"motcua.accounts.otp-seal:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _seal(code: str) -> str:
    return _fernet().encrypt(code.encode()).decode()


def _unseal(sealed: str) -> str:
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken as exc:
        # SECRET_KEY changed since the code was issued: the code cannot be sent, ask for another.
        raise ValueError("The one-time code cannot be opened (SECRET_KEY changed?).") from exc
