"""The social insurance, civil status, judicial records, VNPost and payment stand-ins directly."""

import json

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from motcua.sandbox import data, payment
from motcua.sandbox.models import CivilRecord, InsuranceRecord, JudicialRequest, PostalOrder

pytestmark = [pytest.mark.django_db, pytest.mark.urls("motcua.sandbox.urls")]
WHO = {"MaYeuCau": "MC-test-0001", "CanBoTraCuu": "cb", "MucDich": "Kiểm tra"}


def post(client: Client, path: str, body: object, **headers: str):
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def test_registries_are_seeded_once() -> None:
    assert data.seed_registries() == {"insurance": 4, "civil_records": 5}
    assert data.seed_registries() == {"insurance": 0, "civil_records": 0}
    assert InsuranceRecord.objects.count() == 4 and CivilRecord.objects.count() == 5


def test_a_lookup_needs_officer_purpose_and_a_fresh_request_id(client: Client) -> None:
    data.seed_registries()
    missing = post(client, "/bhxh/v1/tra-cuu", {"MaSoBHXH": "5220123456"})
    first = post(client, "/bhxh/v1/tra-cuu", {**WHO, "MaSoBHXH": "5220123456"})
    replay = post(client, "/bhxh/v1/tra-cuu", {**WHO, "MaSoBHXH": "5220123456"})

    assert missing.status_code == 400 and "CanBoTraCuu" in missing.json()["MoTa"]
    assert first.status_code == 200 and first.json()["SoThangDaDong"] == 98
    assert replay.status_code == 409


def test_the_judicial_request_moves_on_the_advance_header_and_from_its_page(
    client: Client, settings: Settings
) -> None:
    settings.SANDBOX_FAULTS = True
    made = post(
        client,
        "/lltp/v1/yeu-cau",
        {
            "MaHoSo": "HS-1", "LoaiPhieu": "2", "SoDinhDanh": "052092007777",
            "HoVaTen": "Lê Văn Tâm", "NgayThangNamSinh": "19921109", "MucDich": "Xin việc",
            "CanBoGui": "cb",
        },
    ).json()  # fmt: skip
    path = f"/lltp/v1/yeu-cau/{made['MaYeuCau']}"

    assert client.get(path).json()["TrangThai"] == "DA_TIEP_NHAN"
    assert client.get(path, headers={"X-Sandbox-Advance": "1"}).json()["TrangThai"] == "DANG_XU_LY"
    assert client.post("/lltp/", {"request_id": made["MaYeuCau"]}).status_code == 302
    issued = client.get(path).json()
    assert issued["TrangThai"] == "DA_CAP" and issued["SoPhieu"]
    assert "Đã cấp phiếu" in client.get("/lltp/").content.decode()
    assert JudicialRequest.objects.get().form == 2


def test_a_postal_order_is_refused_with_the_field_named(client: Client) -> None:
    refused = post(
        client,
        "/vnpost/v1/don-hang",
        {"CustomerCode": "GL", "OrderNumber": "HS-2", "ServiceType": 4},
    )

    assert refused.status_code == 400
    assert "ServiceType" in refused.json()["MoTa"]
    assert not PostalOrder.objects.exists()


def test_init_needs_fee_lines_adding_up_to_the_amount(client: Client, settings: Settings) -> None:
    settings.LGSP_DEMO_KEYS = True
    fields = {
        "LoaiBanTin": "INIT", "PhienBan": "1.0.6", "MaDoiTac": payment.DEMO_PARTNER,
        "MaThamChieu": "ref-1", "SoTien": "50000", "LoaiHinhThanhToan": "PAY",
        "MaKenhThanhToan": "1", "MaThietBi": "1", "NgonNgu": "vi-VN", "MaTienTe": "VND",
        "MaNganHang": "PAYMENT", "ThongTinGiaoDich": "Lệ phí", "ThoiGianGD": "20261127090000",
        "Ip": "127.0.0.1",
    }  # fmt: skip
    fields["MaXacThuc"] = payment.checksum(
        [fields[n] for n in payment.INIT_FIELDS], payment.DEMO_SECRET
    )
    bill = {"MaHoSo": "HS-3", "PhiLePhi": [{"SoTien": 40000}]}

    short = post(client, "/thanh-toan/v1/khoi-tao", {**fields, "ThongTinBienLai": bill})
    bill["PhiLePhi"].append({"SoTien": 10000})
    made = post(client, "/thanh-toan/v1/khoi-tao", {**fields, "ThongTinBienLai": bill})

    assert short.status_code == 400 and "PhiLePhi" in short.json()["message"]
    assert made.json()["error_code"] == "0"
    assert made.json()["message"]["UrlThanhToan"].endswith("/thanh-toan/ref-1/")
    assert client.get("/thanh-toan/khong-co/").status_code == 404
