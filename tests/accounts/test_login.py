"""Login by phone, e-mail or identity number; throttling; logout; password reset; sessions."""

import pytest
from django.test import Client

from motcua.accounts import otp, registration
from motcua.accounts.errors import CodeExpired
from motcua.accounts.models import OneTimeCode, User, UserSession
from motcua.core import ratelimit

from .conftest import MINH_PHONE, PASSWORD, Phone

pytestmark = pytest.mark.django_db


@pytest.fixture
def minh() -> User:
    return User.objects.create_user(
        "0912345678",
        password=PASSWORD,
        full_name="Phạm Văn Minh",
        phone=MINH_PHONE,
        email="minh@example.vn",
        identity_number="052200004321",
        assurance_level=2,
    )


def log_in(client: Client, name: str, password: str = PASSWORD, **extra: str):
    return client.post("/tai-khoan/dang-nhap/", {"login_name": name, "password": password, **extra})


@pytest.mark.parametrize(
    "name", ["0912345678", "+84 912 345 678", "MINH@example.vn", "052200004321"]
)
def test_a_citizen_logs_in_with_phone_e_mail_or_identity_number(minh, name):
    client = Client()
    response = log_in(client, name)

    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/"
    assert client.get("/tai-khoan/").context["account"] == minh


def test_a_wrong_password_says_so_without_telling_which_part_was_wrong(minh):
    response = log_in(Client(), MINH_PHONE, "sai-mat-khau")
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    response = log_in(Client(), "0987654321", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_the_login_page_goes_back_to_a_local_next_page_only(minh):
    response = log_in(Client(), MINH_PHONE, next="/ho-so-cua-toi/")
    assert response["Location"] == "/ho-so-cua-toi/"
    response = log_in(Client(), MINH_PHONE, next="https://evil.example/")
    assert response["Location"] == "/tai-khoan/"


def test_an_unconfirmed_account_is_sent_to_finish_its_registration(phone: Phone):
    registration.register(contact=MINH_PHONE, full_name="Minh", password=PASSWORD)
    response = log_in(Client(), MINH_PHONE)
    assert response["Location"] == "/tai-khoan/dang-ky/xac-nhan/"


def test_failed_logins_on_one_account_are_throttled_with_a_clear_message(minh, settings):
    settings.LOGIN_RATE_LIMIT_ACCOUNT = 3
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        response = log_in(Client(REMOTE_ADDR=address), MINH_PHONE, "sai")
        assert response.status_code == 401
    # From yet another address, even the right password waits.
    response = log_in(Client(REMOTE_ADDR="10.0.0.4"), MINH_PHONE, "sai")
    assert response.status_code == 429
    response = log_in(Client(REMOTE_ADDR="10.0.0.5"), MINH_PHONE)
    assert response.status_code == 429
    assert "Bạn đã đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "phút" in response.content.decode()


def test_throttling_ends_with_its_window(minh, settings, monkeypatch):
    settings.LOGIN_RATE_LIMIT_ACCOUNT = 1
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    assert log_in(Client(), MINH_PHONE, "sai").status_code == 401
    assert log_in(Client(), MINH_PHONE, "sai").status_code == 429
    assert log_in(Client(), MINH_PHONE).status_code == 429
    now[0] += settings.LOGIN_RATE_WINDOW + 1
    assert log_in(Client(), MINH_PHONE).status_code == 302


def test_many_attempts_from_one_address_are_throttled_across_accounts(minh, settings):
    settings.LOGIN_RATE_LIMIT_ADDRESS = 3
    client = Client(REMOTE_ADDR="10.9.9.9")
    for number in ("0911111111", "0922222222", "0933333333"):
        assert log_in(client, number, "sai").status_code == 401
    assert log_in(client, MINH_PHONE).status_code == 429
    assert log_in(Client(REMOTE_ADDR="10.9.9.8"), MINH_PHONE).status_code == 302


def test_logout_is_a_post(minh):
    client = Client()
    log_in(client, MINH_PHONE)
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    assert client.get("/tai-khoan/").status_code == 200

    response = client.post("/tai-khoan/dang-xuat/")

    assert response["Location"] == "/tai-khoan/dang-nhap/"
    assert client.get("/tai-khoan/")["Location"].startswith("/tai-khoan/dang-nhap/?next=")
    assert not UserSession.objects.filter(user=minh, revoked_at__isnull=True).exists()


def test_a_password_is_reset_with_a_code_and_every_session_ends(minh, phone: Phone):
    elsewhere = Client()
    log_in(elsewhere, MINH_PHONE)
    client = Client()
    response = client.post("/tai-khoan/quen-mat-khau/", {"contact": "+84912345678"})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/dat-lai/"
    code = phone.last_code(MINH_PHONE)

    new = "mot-mat-khau-moi-2027"
    response = client.post(
        "/tai-khoan/quen-mat-khau/dat-lai/", {"code": code, "password": new, "password2": new}
    )

    assert response["Location"] == "/tai-khoan/dang-nhap/"
    assert log_in(Client(), MINH_PHONE, new).status_code == 302
    assert log_in(Client(), MINH_PHONE).status_code == 401
    assert elsewhere.get("/tai-khoan/").status_code == 302


def test_reset_answers_the_same_for_an_unknown_contact_and_no_code_opens_it(phone: Phone):
    client = Client()
    response = client.post("/tai-khoan/quen-mat-khau/", {"contact": "0987654321"})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/dat-lai/"
    assert phone.sent == []
    response = client.post(
        "/tai-khoan/quen-mat-khau/dat-lai/",
        {"code": "123456", "password": "abc-xyz-2026-ok", "password2": "abc-xyz-2026-ok"},
    )
    assert "Mã xác nhận không đúng." in response.content.decode()


def test_a_reset_code_is_used_once_and_only_for_a_reset(minh, phone: Phone):
    registration.send_code(minh, purpose=OneTimeCode.Purpose.RESET)
    code = phone.last_code(MINH_PHONE)
    with pytest.raises(CodeExpired):
        otp.check(minh, purpose=OneTimeCode.Purpose.REGISTER, code=code)

    registration.reset_password(minh, code=code, password="mot-mat-khau-moi-2027")

    with pytest.raises(CodeExpired):
        registration.reset_password(minh, code=code, password="mat-khau-khac-2028")
    assert minh.check_password("mot-mat-khau-moi-2027")


def test_sessions_are_listed_with_device_and_address(minh):
    phone_client = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 10; Redmi 9A)")
    log_in(phone_client, MINH_PHONE)
    laptop = Client(HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0)", REMOTE_ADDR="10.1.2.3")
    log_in(laptop, MINH_PHONE)

    page = laptop.get("/tai-khoan/phien/").content.decode()

    assert "Redmi 9A" in page and "Windows NT 10.0" in page
    assert "10.1.2.3" in page
    assert page.count("Thiết bị này") == 1


def test_a_revoked_session_ends_at_its_next_request(minh):
    phone_client = Client(HTTP_USER_AGENT="Android")
    log_in(phone_client, MINH_PHONE)
    laptop = Client(HTTP_USER_AGENT="Windows")
    log_in(laptop, MINH_PHONE)
    assert phone_client.get("/tai-khoan/").status_code == 200
    row = UserSession.objects.get(user=minh, user_agent="Android")

    response = laptop.post(f"/tai-khoan/phien/{row.pk}/ket-thuc/")

    assert response["Location"] == "/tai-khoan/phien/"
    assert phone_client.get("/tai-khoan/").status_code == 302
    assert laptop.get("/tai-khoan/").status_code == 200


def test_a_revoked_session_ends_even_where_the_store_cannot_forget_it(minh, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    phone_client = Client(HTTP_USER_AGENT="Android")
    log_in(phone_client, MINH_PHONE)
    laptop = Client(HTTP_USER_AGENT="Windows")
    log_in(laptop, MINH_PHONE)
    row = UserSession.objects.get(user=minh, user_agent="Android")
    laptop.post(f"/tai-khoan/phien/{row.pk}/ket-thuc/")
    # The cookie still holds the session; the registry refuses it once it looks again.
    session = phone_client.session
    session["accounts.session_seen_at"] = 0
    session.save()
    phone_client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert UserSession.objects.get(pk=row.pk).revoked_at is not None

    assert phone_client.get("/tai-khoan/").status_code == 302


def test_another_persons_session_cannot_be_revoked(minh, cast):
    lan_client = Client()
    lan_client.force_login(cast.lan)
    lan_session = UserSession.objects.get(user=cast.lan)
    client = Client()
    log_in(client, MINH_PHONE)

    assert client.post(f"/tai-khoan/phien/{lan_session.pk}/ket-thuc/").status_code == 404
    assert lan_client.get("/tai-khoan/").status_code == 200


def test_logging_out_the_other_devices_keeps_this_one(minh):
    clients = [Client(HTTP_USER_AGENT=f"device {n}") for n in range(3)]
    for client in clients:
        log_in(client, MINH_PHONE)

    clients[0].post("/tai-khoan/phien/ket-thuc-cac-phien-khac/")

    assert [client.get("/tai-khoan/").status_code for client in clients] == [200, 302, 302]
