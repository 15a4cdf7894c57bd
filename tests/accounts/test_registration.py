"""Registration with a phone or an e-mail, confirmed by a one-time code sent through the outbox."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from motcua.accounts import identifiers, otp, registration
from motcua.accounts.errors import CodeExpired, CodeInvalid, CodeLocked, Throttled
from motcua.accounts.models import OneTimeCode, User
from motcua.core.models import AuditEntry, OutboxEvent

from .conftest import MINH_PHONE, PASSWORD, deliver, register

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "0912345678",
        "+84912345678",
        "84912345678",
        "+84 912 345 678",
        "0912.345.678",
        "091-234-5678",
    ],
)
def test_phone_numbers_are_stored_one_way_whichever_way_they_are_typed(typed):
    assert identifiers.normalise_phone(typed) == "0912345678"


@pytest.mark.parametrize(
    "typed", ["012345678", "0212345678", "+1 202 555 0100", "09123456789", "abc"]
)
def test_a_number_that_is_not_a_vietnamese_mobile_is_refused_in_vietnamese(typed):
    with pytest.raises(identifiers.InvalidIdentifier, match="Số điện thoại di động gồm 10 chữ số"):
        identifiers.normalise_phone(typed)


def test_registering_with_a_phone_makes_an_inactive_account_until_the_code_is_confirmed(phone):
    client = Client()
    response = register(client, "+84 912 345 678")

    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-ky/xac-nhan/"
    minh = User.objects.get(phone=MINH_PHONE)
    assert (minh.full_name, minh.is_active, minh.assurance_level) == ("Phạm Văn Minh", False, 1)
    assert minh.password.startswith("md5$")  # hashed (argon2 outside tests), never clear
    page = client.get("/tai-khoan/dang-ky/xac-nhan/").content.decode()
    assert "0912***678" in page
    assert not Client().login(username=minh.username, password=PASSWORD)

    code = phone.last_code(MINH_PHONE)
    response = client.post("/tai-khoan/dang-ky/xac-nhan/", {"code": code})

    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/xac-thuc/"
    minh.refresh_from_db()
    assert minh.is_active
    assert client.get("/tai-khoan/").status_code == 200
    actions = list(
        AuditEntry.objects.filter(target_id=str(minh.pk)).values_list("action", flat=True)
    )
    assert {"account.register", "account.code_sent", "account.confirm"} <= set(actions)


def test_registering_with_an_e_mail_sends_the_code_by_mail():
    client = Client()
    register(client, "Mai.Tran@Example.VN", "Trần Thị Mai")
    deliver()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mai.tran@example.vn"]
    code = next(word for word in message.body.split() if word.isdigit() and len(word) == 6)
    client.post("/tai-khoan/dang-ky/xac-nhan/", {"code": code})
    assert User.objects.get(email="mai.tran@example.vn").is_active
    # A redelivered outbox event does not mail the code twice.
    OutboxEvent.objects.update(status=OutboxEvent.Status.PENDING, delivered_at=None)
    deliver()
    assert len(mail.outbox) == 1


def test_the_code_never_appears_in_logs_pages_or_the_outbox_payload(phone, caplog):
    caplog.set_level(logging.DEBUG)
    client = Client()
    register(client)
    code = phone.last_code(MINH_PHONE)

    page = client.get("/tai-khoan/dang-ky/xac-nhan/").content.decode()
    assert code not in page
    assert code not in caplog.text
    event = OutboxEvent.objects.get(topic=otp.TOPIC)
    assert code not in str(event.payload)
    row = OneTimeCode.objects.get()
    assert code not in row.code_hash
    assert all(code not in str(entry.details) for entry in AuditEntry.objects.all())


def test_an_existing_account_cannot_be_registered_again(phone, cast):
    User.objects.create_user("minh", password=PASSWORD, phone=MINH_PHONE)

    response = register(Client())

    assert response.status_code == 409
    assert "Số điện thoại này đã có tài khoản" in response.content.decode()


def test_registering_again_takes_over_an_unconfirmed_account_and_the_old_code_dies(phone):
    register(Client(), name="Người Gõ Nhầm")
    first = phone.last_code(MINH_PHONE)
    OneTimeCode.objects.update(created_at=timezone.now() - timedelta(minutes=2))

    client = Client()
    register(client)
    second = phone.last_code(MINH_PHONE)

    assert User.objects.filter(phone=MINH_PHONE).count() == 1
    minh = User.objects.get(phone=MINH_PHONE)
    assert minh.full_name == "Phạm Văn Minh"
    if first != second:
        with pytest.raises(CodeInvalid):
            registration.confirm(minh, code=first)
    registration.confirm(minh, code=second)


def test_weak_passwords_and_mismatched_ones_are_refused_in_vietnamese(phone):
    response = Client().post(
        "/tai-khoan/dang-ky/",
        {"contact": MINH_PHONE, "full_name": "Minh", "password": "123", "password2": "123"},
    )
    assert response.status_code == 422
    assert "Mật khẩu" in response.content.decode()
    assert User.objects.count() == 0
    response = Client().post(
        "/tai-khoan/dang-ky/",
        {"contact": MINH_PHONE, "full_name": "Minh", "password": PASSWORD, "password2": "khac"},
    )
    assert "Hai lần nhập mật khẩu không giống nhau." in response.content.decode()


def test_an_expired_code_is_refused(phone):
    minh = registration.register(contact=MINH_PHONE, full_name="Minh", password=PASSWORD)
    code = phone.last_code(MINH_PHONE)
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(CodeExpired):
        registration.confirm(minh, code=code)
    minh.refresh_from_db()
    assert not minh.is_active


def test_a_used_code_cannot_be_used_again(phone):
    minh = registration.register(contact=MINH_PHONE, full_name="Minh", password=PASSWORD)
    code = phone.last_code(MINH_PHONE)
    otp.check(minh, purpose=OneTimeCode.Purpose.REGISTER, code=code)

    with pytest.raises(CodeExpired):
        otp.check(minh, purpose=OneTimeCode.Purpose.REGISTER, code=code)


def test_five_wrong_tries_lock_the_code_even_the_right_one_after(phone):
    minh = registration.register(contact=MINH_PHONE, full_name="Minh", password=PASSWORD)
    code = phone.last_code(MINH_PHONE)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(CodeInvalid, match=f"Bạn còn {left} lần thử"):
            registration.confirm(minh, code=wrong)
    with pytest.raises(CodeLocked):
        registration.confirm(minh, code=wrong)

    with pytest.raises(CodeLocked):
        registration.confirm(minh, code=code)
    assert OneTimeCode.objects.get().attempts == 5


def test_resending_is_throttled_then_allowed_and_capped_per_hour(phone, settings):
    client = Client()
    register(client)
    response = client.post("/tai-khoan/dang-ky/gui-lai/", follow=True)
    assert "Vui lòng đợi" in response.content.decode()
    assert OneTimeCode.objects.count() == 1

    minh = User.objects.get(phone=MINH_PHONE)
    start = timezone.now()
    for minute in range(1, 5):
        registration.send_code(
            minh, purpose=OneTimeCode.Purpose.REGISTER, now=start + timedelta(minutes=minute)
        )
    with pytest.raises(Throttled, match="quá nhiều mã trong một giờ"):
        registration.send_code(
            minh, purpose=OneTimeCode.Purpose.REGISTER, now=start + timedelta(minutes=6)
        )
    assert OneTimeCode.objects.count() == settings.OTP_MAX_PER_HOUR


@pytest.mark.django_db(transaction=True)
def test_the_code_reaches_the_phone_through_the_lgsp_sms_service(lgsp_sandbox):
    from motcua.sandbox.models import Message

    client = Client()
    register(client)
    deliver()

    message = Message.objects.get(phone=MINH_PHONE)
    assert "Mã xác nhận MotCua" in message.body
    code = next(word for word in message.body.replace(":", " ").split() if word.isdigit())
    assert client.post("/tai-khoan/dang-ky/xac-nhan/", {"code": code}).status_code == 302
    assert User.objects.get(phone=MINH_PHONE).is_active
