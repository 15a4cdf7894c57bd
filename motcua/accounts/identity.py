"""Raising an account's assurance level: the person checked against the population database
(level 2) or VNeID (level 3), and an organisation account checked with the business registry.

The number, name and date of birth stored are those the national system confirmed. One number
binds one account; the unique column makes that hold even for two requests at the same moment.
Every check is audited, as a use of personal data (Decree 13/2023).
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core import audit, ratelimit
from motcua.core.errors import InvalidInput

from . import identifiers
from .errors import (
    IdentityMismatch,
    IdentityRefused,
    NumberBoundElsewhere,
    OrganisationRefused,
    ServiceDown,
    Throttled,
)
from .models import AssuranceLevel, IdentitySource, User

OFFICER = "cổng dịch vụ công"
PURPOSE = "xác thực tài khoản"
# Each check is a query of the population database: a few tries an hour are plenty for a person
# and keep anyone from using the form to test numbers against names.
CHECKS_PER_HOUR = 5


def mask_number(number: str) -> str:
    return f"{number[:6]}****{number[-2:]}" if len(number) == 12 else "****"


def verify_person(user: User, *, id_number: str, full_name: str, born: date | None) -> User:
    try:
        number = identifiers.check_id_number(id_number)
    except identifiers.InvalidIdentifier as exc:
        raise InvalidInput(exc.message) from exc
    name = " ".join((full_name or "").split())
    if not name:
        raise InvalidInput("Vui lòng nhập họ và tên đúng như trên thẻ căn cước.")
    if born is None:
        raise InvalidInput("Vui lòng nhập ngày sinh.")
    if born > timezone.localdate() or born.year < 1900:
        raise InvalidInput("Ngày sinh không hợp lệ.")
    if user.identity_number and user.identity_number != number:
        raise IdentityRefused(
            "Tài khoản của bạn đã được xác thực với một số định danh khác. Mỗi tài khoản chỉ "
            "gắn với một người."
        )
    if User.objects.filter(identity_number=number).exclude(pk=user.pk).exists():
        raise NumberBoundElsewhere()
    retry = ratelimit.hit("identity-check", str(user.pk), limit=CHECKS_PER_HOUR, window=3600)
    if retry is not None:
        raise Throttled(
            "Bạn đã thử xác thực quá nhiều lần trong một giờ. Vui lòng thử lại sau "
            f"{max(1, retry // 60)} phút.",
            retry_after=retry,
        )
    from motcua.lgsp.clients import errors, population

    try:
        matched = population.verify(number, name, born, officer=OFFICER, purpose=PURPOSE)
    except errors.InvalidRequest as exc:
        _audit_check(user, number, outcome="refused")
        raise IdentityRefused(exc.message) from exc
    except errors.LgspError as exc:
        raise ServiceDown() from exc
    if not matched:
        _audit_check(user, number, outcome="mismatch")
        raise IdentityMismatch()
    return bind_identity(
        user,
        number=number,
        name=name,
        born=born,
        source=IdentitySource.POPULATION,
        level=AssuranceLevel.POPULATION,
    )


def bind_identity(
    user: User, *, number: str, name: str, born: date | None, source: str, level: int
) -> User:
    """Store the confirmed identity on `user` and raise (never lower) its assurance level."""
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            if locked.identity_number and locked.identity_number != number:
                raise IdentityRefused(
                    "Tài khoản của bạn đã được xác thực với một số định danh khác."
                )
            locked.identity_number = number
            locked.identity_name = name
            locked.identity_born = born
            locked.identity_source = source
            locked.identity_verified_at = timezone.now()
            locked.assurance_level = max(locked.assurance_level, level)
            locked.full_name = name
            locked.save(
                update_fields=[
                    "identity_number",
                    "identity_name",
                    "identity_born",
                    "identity_source",
                    "identity_verified_at",
                    "assurance_level",
                    "full_name",
                ]
            )
            audit.record(
                user,
                "account.identity_verified",
                target=locked,
                details={
                    "source": source,
                    "level": locked.assurance_level,
                    "id_number": mask_number(number),
                },
            )
    except IntegrityError as exc:
        raise NumberBoundElsewhere() from exc
    for field in (
        "identity_number",
        "identity_name",
        "identity_born",
        "identity_source",
        "identity_verified_at",
        "assurance_level",
        "full_name",
    ):
        setattr(user, field, getattr(locked, field))
    return user


def verify_organisation(user: User, *, code: str) -> User:
    """Bind the enterprise `code` to `user` if the registry names them its representative."""
    code = "".join((code or "").split())
    if not code.replace("-", "").isdigit() or not 10 <= len(code) <= 14:
        raise InvalidInput("Mã số doanh nghiệp gồm 10 chữ số (chi nhánh: 13 chữ số có gạch nối).")
    if not user.identity_verified:
        raise OrganisationRefused(
            "Vui lòng xác thực định danh cá nhân của bạn trước: tài khoản tổ chức được gắn với "
            "người đại diện theo pháp luật đã xác thực."
        )
    from motcua.lgsp.clients import business, errors

    try:
        record = business.lookup(code)
    except errors.InvalidRequest as exc:
        raise OrganisationRefused(exc.message) from exc
    except errors.LgspError as exc:
        raise ServiceDown() from exc
    if record is None:
        raise OrganisationRefused(
            f"Không tìm thấy doanh nghiệp mã số {code} trong Cơ sở dữ liệu quốc gia về đăng ký "
            "doanh nghiệp."
        )
    if record.representative_id != user.identity_number:
        audit.record(
            user,
            "account.organisation_refused",
            target=user,
            details={"code": code, "reason": "not_representative"},
        )
        raise OrganisationRefused(
            f"Theo đăng ký doanh nghiệp, bạn không phải người đại diện theo pháp luật của "
            f"{record.name}. Chỉ người đại diện mới tạo được tài khoản tổ chức."
        )
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(
            organisation_code=code,
            organisation_name=record.name,
            organisation_verified_at=timezone.now(),
        )
        user.refresh_from_db(
            fields=["organisation_code", "organisation_name", "organisation_verified_at"]
        )
        audit.record(
            user,
            "account.organisation_verified",
            target=user,
            details={"code": code, "name": record.name},
        )
    return user


def _audit_check(user: User, number: str, *, outcome: str) -> None:
    audit.record(
        user,
        "account.identity_check_failed",
        target=user,
        details={"id_number": mask_number(number), "outcome": outcome},
    )
