"""Citizen registration with a phone number or an e-mail, confirmed by a one-time code, and
password reset by the same kind of code.

An account is inactive (cannot log in) until its code is confirmed. Registering again with the
contact of an unconfirmed account takes that account over (the first attempt was abandoned, or
was someone else's typo): only whoever receives the code can finish either way.
"""

from datetime import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.core import audit
from motcua.core.errors import InvalidInput

from . import identifiers, otp, sessions
from .errors import AlreadyRegistered
from .models import OneTimeCode, User

NAME_MAX = 200


def register(*, contact: str, full_name: str, password: str) -> User:
    """An inactive account for `contact` (phone or e-mail) and a code sent to it."""
    name = " ".join((full_name or "").split())
    if not name:
        raise InvalidInput("Vui lòng nhập họ và tên.")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"Họ và tên dài quá {NAME_MAX} ký tự.")
    try:
        found = identifiers.parse(contact)
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(exc.message) from exc
    if found.kind == "id_number":
        raise InvalidInput(
            "Vui lòng đăng ký bằng số điện thoại hoặc thư điện tử; số định danh được xác thực "
            "sau khi đăng nhập."
        )
    lookup = {"phone": found.value} if found.kind == "phone" else {"email__iexact": found.value}
    with transaction.atomic():
        user = User.objects.select_for_update().filter(**lookup).first()
        if user is None and User.objects.filter(username=found.value).exists():
            user = User.objects.select_for_update().get(username=found.value)
        if user is not None and (user.is_active or user.last_login is not None):
            raise AlreadyRegistered(
                "Số điện thoại này đã có tài khoản. Vui lòng đăng nhập, hoặc chọn «Quên mật "
                "khẩu» nếu không nhớ mật khẩu."
                if found.kind == "phone"
                else "Thư điện tử này đã có tài khoản. Vui lòng đăng nhập, hoặc chọn «Quên mật "
                "khẩu» nếu không nhớ mật khẩu."
            )
        if user is None:
            user = User(username=found.value, is_active=False)
        user.full_name = name
        if found.kind == "phone":
            user.phone = found.value
        else:
            user.email = found.value
        _validate_password(password, user)
        user.set_password(password)
        user.save()
        audit.record(
            None,
            "account.register",
            target=user,
            details={"channel": found.kind, "to": otp.mask(found.value)},
        )
        send_code(user, purpose=OneTimeCode.Purpose.REGISTER)
    return user


def send_code(user: User, *, purpose: str, now: datetime | None = None) -> OneTimeCode:
    """A code to the account's phone if it has one, else to its e-mail."""
    if user.phone:
        channel, destination = OneTimeCode.Channel.SMS, user.phone
    elif user.email:
        channel, destination = OneTimeCode.Channel.EMAIL, user.email
    else:
        raise InvalidInput(
            "Tài khoản chưa có số điện thoại hay thư điện tử để nhận mã xác nhận. Vui lòng liên "
            "hệ bộ phận một cửa."
        )
    return otp.issue(user, purpose=purpose, channel=channel, destination=destination, now=now)


def confirm(user: User, *, code: str) -> User:
    """Check the registration code and open the account."""
    if user.is_active:
        return user
    otp.check(user, purpose=OneTimeCode.Purpose.REGISTER, code=code)
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True
        audit.record(user, "account.confirm", target=user)
    return user


def find_for_reset(contact: str) -> User | None:
    """The active account a reset request names, or None (the page answers the same anyway)."""
    try:
        found = identifiers.parse(contact)
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(exc.message) from exc
    accounts = User.objects.filter(is_active=True)
    if found.kind == "phone":
        return accounts.filter(phone=found.value).first()
    if found.kind == "email":
        return accounts.filter(email__iexact=found.value).first()
    return accounts.filter(identity_number=found.value).first()


def reset_password(user: User, *, code: str, password: str) -> User:
    """Set a new password once the reset code matches; every open session of the account ends."""
    _validate_password(password, user)
    otp.check(user, purpose=OneTimeCode.Purpose.RESET, code=code)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        ended = sessions.revoke_all(user, by=user)
        audit.record(user, "account.password_reset", target=user, details={"sessions_ended": ended})
    return user


def _validate_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages)) from exc
