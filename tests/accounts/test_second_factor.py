"""Officials' second factor: TOTP (RFC 6238) with recovery codes, asked when REQUIRE_2FA is on."""

import re
import time

import pytest
from django.test import Client

from motcua.accounts import second_factor, totp
from motcua.accounts.models import RecoveryCode, TotpDevice, User

pytestmark = pytest.mark.django_db
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"


@pytest.mark.parametrize(
    ("timestamp", "code"),
    [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"), (2000000000, "279037")],
)
def test_codes_match_the_rfc_6238_test_vectors(timestamp, code):
    assert totp.code_at(RFC_SECRET, timestamp) == code


def test_a_code_is_accepted_one_step_either_side_and_refused_beyond():
    now = 1_700_000_000
    assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, now - 30), timestamp=now)
    assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, now + 30), timestamp=now)
    assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, now - 90), timestamp=now) is None


def password_login(user: User, client: Client | None = None):
    client = client or Client()
    user.set_password("mat-khau-can-bo-2026")
    user.save()
    response = client.post(
        "/can-bo/dang-nhap/", {"username": user.username, "password": "mat-khau-can-bo-2026"}
    )
    return client, response


def enrol(user: User) -> TotpDevice:
    device = second_factor.start_enrolment(user)
    second_factor.confirm_enrolment(user, totp.code_at(device.secret, time.time() - 30))
    device.refresh_from_db()
    return device


def test_with_2fa_off_the_password_is_enough_and_the_login_page_says_so(cast, settings):
    settings.REQUIRE_2FA = False
    page = Client().get("/can-bo/dang-nhap/").content.decode()
    assert "xác thực hai bước (TOTP) đang tắt" in page

    client, response = password_login(cast.ha)

    assert response["Location"] == "/can-bo/"
    assert client.get("/can-bo/").status_code == 200


def test_with_2fa_on_an_official_enrols_an_app_before_entering(cast, settings):
    settings.REQUIRE_2FA = True
    assert (
        "xác thực hai bước (TOTP) đang tắt"
        not in Client().get("/can-bo/dang-nhap/").content.decode()
    )
    client, response = password_login(cast.ha)

    assert response["Location"] == "/tai-khoan/xac-thuc-hai-buoc/"
    assert client.get("/can-bo/").status_code == 302  # not logged in yet
    page = client.get("/tai-khoan/xac-thuc-hai-buoc/").content.decode()
    secret = TotpDevice.objects.get(user=cast.ha).secret
    assert secret in page and "<svg" in page
    assert client.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": "000000"}).status_code == 400

    response = client.post(
        "/tai-khoan/xac-thuc-hai-buoc/", {"code": totp.code_at(secret, time.time())}
    )

    assert response.status_code == 200
    codes = re.findall(r"[0-9a-f]{6}-[0-9a-f]{6}", response.content.decode())
    assert len(codes) == second_factor.RECOVERY_CODES
    assert RecoveryCode.objects.filter(user=cast.ha).count() == 10
    assert not any(code in str(RecoveryCode.objects.values_list("code_hash")) for code in codes)
    assert client.get("/can-bo/").status_code == 200


def test_an_enrolled_official_gives_the_right_code_once(cast, settings):
    settings.REQUIRE_2FA = True
    device = enrol(cast.ha)
    code = totp.code_at(device.secret, time.time())

    client, response = password_login(cast.ha)
    assert response["Location"] == "/tai-khoan/xac-thuc-hai-buoc/"
    wrong = client.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": "12345"})
    assert wrong.status_code == 400
    assert "Mã xác thực không đúng" in wrong.content.decode()
    response = client.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": code})
    assert response["Location"] == "/can-bo/"
    assert client.get("/can-bo/").status_code == 200

    # The same code, seen over a shoulder, does not open a second login.
    thief, _ = password_login(cast.ha)
    replayed = thief.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": code})
    assert replayed.status_code == 400
    assert thief.get("/can-bo/").status_code == 302


def test_a_recovery_code_works_once(cast, settings):
    settings.REQUIRE_2FA = True
    second_factor.start_enrolment(cast.ha)
    device = TotpDevice.objects.get(user=cast.ha)
    codes = second_factor.confirm_enrolment(cast.ha, totp.code_at(device.secret, time.time()))

    client, _ = password_login(cast.ha)
    response = client.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": codes[0].upper()})
    assert response["Location"] == "/can-bo/"

    again, _ = password_login(cast.ha)
    assert again.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": codes[0]}).status_code == 400


def test_wrong_codes_are_throttled(cast, settings):
    settings.REQUIRE_2FA = True
    device = enrol(cast.ha)
    client, _ = password_login(cast.ha)
    for _ in range(second_factor.FAILURES_PER_WINDOW):
        assert client.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": "000000"}).status_code == 400
    assert client.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": "000000"}).status_code == 429
    right = totp.code_at(device.secret, time.time())
    response = client.post("/tai-khoan/xac-thuc-hai-buoc/", {"code": right})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()


def test_an_enrolled_official_is_asked_even_with_2fa_off(cast, settings):
    settings.REQUIRE_2FA = False
    enrol(cast.ha)
    _, response = password_login(cast.ha)
    assert response["Location"] == "/tai-khoan/xac-thuc-hai-buoc/"


def test_a_citizen_is_not_asked_for_a_second_factor(cast, settings):
    settings.REQUIRE_2FA = True
    cast.lan.set_password("mat-khau-cong-dan-2026")
    cast.lan.identity_number = "052195001234"
    cast.lan.assurance_level = 2
    cast.lan.save()
    response = Client().post(
        "/tai-khoan/dang-nhap/",
        {"login_name": "052195001234", "password": "mat-khau-cong-dan-2026"},
    )
    assert response["Location"] == "/tai-khoan/"


def test_a_login_through_another_door_is_stopped_before_official_pages(cast, settings):
    settings.REQUIRE_2FA = True
    admin = User.objects.create_superuser("quantri", password="mat-khau-quan-tri-2026")
    client = Client()
    client.post(
        "/quan-tri/login/?next=/quan-tri/",
        {"username": "quantri", "password": "mat-khau-quan-tri-2026"},
    )

    response = client.get("/quan-tri/")

    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/xac-thuc-hai-buoc/?next=")
    page = client.get(response["Location"])
    secret = TotpDevice.objects.get(user=admin).secret
    assert secret in page.content.decode()
    client.post(response["Location"], {"code": totp.code_at(secret, time.time())})
    assert client.get("/quan-tri/").status_code == 200


def test_the_pending_login_expires(cast, settings, monkeypatch):
    settings.REQUIRE_2FA = True
    device = enrol(cast.ha)
    client, _ = password_login(cast.ha)
    later = time.time() + second_factor.PENDING_SECONDS + 1
    monkeypatch.setattr(second_factor.time, "time", lambda: later)

    response = client.post(
        "/tai-khoan/xac-thuc-hai-buoc/", {"code": totp.code_at(device.secret, later)}
    )

    assert response["Location"] == "/can-bo/dang-nhap/"


def test_an_official_enrols_from_the_account_page_and_renews_recovery_codes(cast, settings):
    settings.REQUIRE_2FA = False
    client, _ = password_login(cast.ha)
    page = client.get("/tai-khoan/").content.decode()
    assert "/tai-khoan/hai-buoc/" in page
    page = client.get("/tai-khoan/hai-buoc/").content.decode()
    secret = TotpDevice.objects.get(user=cast.ha).secret
    assert secret in page and "otpauth://" not in page  # the address is in the QR, not the text
    assert (
        "Mã khôi phục"
        in client.post(
            "/tai-khoan/hai-buoc/", {"code": totp.code_at(secret, time.time())}
        ).content.decode()
    )
    first = set(RecoveryCode.objects.filter(user=cast.ha).values_list("code_hash", flat=True))

    response = client.post("/tai-khoan/hai-buoc/", {"action": "recovery"})

    assert response.status_code == 200
    second = set(RecoveryCode.objects.filter(user=cast.ha).values_list("code_hash", flat=True))
    assert len(second) == 10 and not first & second
    assert "Đang bật" in client.get("/tai-khoan/hai-buoc/").content.decode()


def test_a_citizen_does_not_see_the_second_factor_page_link(cast):
    client = Client()
    client.force_login(cast.lan)
    assert "/tai-khoan/hai-buoc/" not in client.get("/tai-khoan/").content.decode()
