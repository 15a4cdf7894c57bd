"""Identity verification against the population database, organisation accounts against the
business registry: unit tests with the LGSP clients patched, and one integration test through
the real gateway to the sandbox served on loopback."""

from datetime import date

import pytest
from django.test import Client

from motcua.accounts import identity
from motcua.accounts.errors import NumberBoundElsewhere
from motcua.accounts.models import User
from motcua.core.demo_people import BY_KEY
from motcua.core.models import AuditEntry
from motcua.lgsp.clients import business, errors, population

from .conftest import PASSWORD

HUY = BY_KEY["huy"]
CALLS: list[tuple] = []


@pytest.fixture
def minh(db) -> User:
    return User.objects.create_user(
        "0912345678", password=PASSWORD, full_name="Tran Quoc Huy", phone="0912345678"
    )


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """The population database knows Huy; the business registry knows his coffee company."""
    calls: list[tuple] = []

    def verify(id_number, full_name, born, *, officer, purpose):
        calls.append((id_number, full_name, born, officer, purpose))
        return (id_number, full_name, born) == (HUY.id_number, HUY.full_name, HUY.born)

    def lookup(code):
        if code != "4101567890":
            return None
        return business.BusinessRecord(
            code=code,
            name="Công ty TNHH Cà phê Phố Núi",
            kind="Công ty trách nhiệm hữu hạn một thành viên",
            address="18 Nguyễn Huệ, phường Quy Nhơn, tỉnh Gia Lai",
            representative=HUY.full_name,
            representative_id=HUY.id_number,
            registered_on=date(2025, 9, 15),
            status="Đang hoạt động",
            message_id="m-1",
        )

    monkeypatch.setattr(population, "verify", verify)
    monkeypatch.setattr(business, "lookup", lookup)
    return calls


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def verify_form(client: Client, **changes: str):
    data = {"id_number": HUY.id_number, "full_name": HUY.full_name, "born": "2000-08-02"}
    return client.post("/tai-khoan/xac-thuc/", {**data, **changes})


@pytest.mark.django_db
def test_a_matching_identity_raises_the_account_to_level_2_and_is_shown_as_verified(minh, registry):
    client = logged_in(minh)
    response = verify_form(client)

    assert response["Location"] == "/tai-khoan/xac-thuc/"
    assert registry == [
        (HUY.id_number, HUY.full_name, HUY.born, "cổng dịch vụ công", "xác thực tài khoản")
    ]
    minh.refresh_from_db()
    assert (minh.assurance_level, minh.identity_verified) == (2, True)
    assert (minh.identity_number, minh.identity_name, minh.identity_born) == (
        HUY.id_number,
        HUY.full_name,
        HUY.born,
    )
    assert minh.full_name == HUY.full_name
    page = client.get("/tai-khoan/").content.decode()
    assert "Đã xác thực" in page and HUY.id_number in page and "02/08/2000" in page
    entry = AuditEntry.objects.get(action="account.identity_verified")
    assert entry.actor == minh
    assert entry.details["source"] == "population"
    assert HUY.id_number not in str(entry.details)  # masked in the trail


@pytest.mark.django_db
def test_details_that_do_not_match_leave_the_account_at_level_1(minh, registry):
    response = verify_form(logged_in(minh), full_name="Trần Quốc Hùng")

    assert response.status_code == 400
    assert "không khớp với Cơ sở dữ liệu quốc gia về dân cư" in response.content.decode()
    minh.refresh_from_db()
    assert (minh.assurance_level, minh.identity_number) == (1, None)
    assert AuditEntry.objects.filter(action="account.identity_check_failed").count() == 1


@pytest.mark.django_db
def test_a_malformed_number_is_refused_before_asking_the_national_system(minh, registry):
    response = verify_form(logged_in(minh), id_number="999200004321")

    assert response.status_code == 422
    assert "mã tỉnh nơi đăng ký khai sinh" in response.content.decode()
    assert registry == []


@pytest.mark.django_db
def test_a_number_already_bound_to_another_account_is_refused(minh, registry):
    User.objects.create_user(
        "huy", identity_number=HUY.id_number, assurance_level=2, full_name=HUY.full_name
    )

    response = verify_form(logged_in(minh))

    assert response.status_code == 409
    assert "đã được xác thực cho một tài khoản khác" in response.content.decode()
    assert registry == []
    with pytest.raises(NumberBoundElsewhere):
        identity.bind_identity(
            minh, number=HUY.id_number, name=HUY.full_name, born=HUY.born, source="population",
            level=2,
        )  # fmt: skip


@pytest.mark.django_db
def test_the_national_system_being_down_is_said_plainly(minh, monkeypatch):
    def down(*args, **kwargs):
        raise errors.ServiceUnavailable()

    monkeypatch.setattr(population, "verify", down)
    response = verify_form(logged_in(minh))

    assert response.status_code == 503
    assert "tạm gián đoạn" in response.content.decode()


@pytest.mark.django_db
def test_checks_are_capped_per_account(minh, registry):
    client = logged_in(minh)
    for _ in range(identity.CHECKS_PER_HOUR):
        verify_form(client, full_name="Sai Tên")
    response = verify_form(client)
    assert response.status_code == 429
    assert len(registry) == identity.CHECKS_PER_HOUR


@pytest.mark.django_db
def test_the_legal_representative_binds_the_enterprise_to_the_account(minh, registry):
    client = logged_in(minh)
    response = client.post("/tai-khoan/xac-thuc/to-chuc/", {"org_code": "4101567890"})
    assert "Vui lòng xác thực định danh cá nhân" in response.content.decode()

    verify_form(client)
    response = client.post("/tai-khoan/xac-thuc/to-chuc/", {"org_code": "4101567890"})

    assert response["Location"] == "/tai-khoan/xac-thuc/"
    minh.refresh_from_db()
    assert (minh.organisation_code, minh.organisation_name) == (
        "4101567890",
        "Công ty TNHH Cà phê Phố Núi",
    )
    assert (
        "Người đại diện theo pháp luật của Công ty TNHH Cà phê Phố Núi"
        in client.get("/tai-khoan/").content.decode()
    )


@pytest.mark.django_db
def test_someone_who_is_not_the_representative_cannot_bind_the_enterprise(registry):
    lan = User.objects.create_user(
        "lan", identity_number="052195001234", assurance_level=2, full_name="Nguyễn Thị Thu Thảo"
    )
    response = logged_in(lan).post("/tai-khoan/xac-thuc/to-chuc/", {"org_code": "4101567890"})

    assert "không phải người đại diện theo pháp luật" in response.content.decode()
    lan.refresh_from_db()
    assert lan.organisation_code == ""
    response = logged_in(lan).post("/tai-khoan/xac-thuc/to-chuc/", {"org_code": "4100000000"})
    assert "Không tìm thấy doanh nghiệp mã số 4100000000" in response.content.decode()


def test_pages_need_a_login(client):
    assert client.get("/tai-khoan/xac-thuc/")["Location"].startswith("/tai-khoan/dang-nhap/")


@pytest.mark.django_db(transaction=True)
def test_verification_goes_through_the_real_gateway_to_the_population_database(minh, lgsp_sandbox):
    client = logged_in(minh)
    assert verify_form(client, full_name="Trần Quốc Hùng").status_code == 400

    response = verify_form(client)

    assert response.status_code == 302
    minh.refresh_from_db()
    assert minh.identity_verified
    from motcua.sandbox.models import Lookup

    assert [x.matched for x in Lookup.objects.order_by("at", "id")] == [False, True]
    assert {x.purpose for x in Lookup.objects.all()} == {"xác thực tài khoản"}
    response = client.post("/tai-khoan/xac-thuc/to-chuc/", {"org_code": "4101567890"})
    assert response.status_code == 302
    minh.refresh_from_db()
    assert minh.organisation_name == "Công ty TNHH Cà phê Phố Núi"
