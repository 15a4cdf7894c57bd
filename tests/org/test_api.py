import datetime

import pytest

from motcua.org.models import Agency
from motcua.org.units import load_units


def test_units_without_a_province_lists_the_34_provinces(db, client):
    load_units()

    response = client.get("/api/v1/units")

    assert response.status_code == 200
    provinces = response.json()
    assert len(provinces) == 34
    assert provinces[0] == {
        "code": "01",
        "name": "Thành phố Hà Nội",
        "level": "province",
        "division_type": "thành phố trung ương",
        "parent_code": None,
    }
    assert {"code": "52", "name": "Gia Lai"}.items() <= provinces[22].items()


def test_units_of_gia_lai_lists_its_135_communes_including_phuong_quy_nhon(gia_lai, client):
    response = client.get("/api/v1/units", {"province": "52"})

    assert response.status_code == 200
    communes = response.json()
    assert len(communes) == 135
    assert {
        "code": "21583",
        "name": "Phường Quy Nhơn",
        "level": "commune",
        "division_type": "phường",
        "parent_code": "52",
    } in communes


@pytest.mark.parametrize(
    ("province", "message"),
    [
        ("99", "Không có tỉnh, thành phố hiện hành mang mã 99."),
        ("abc", "Mã tỉnh phải là 2 chữ số, ví dụ 52."),
        ("123", "Mã tỉnh phải là 2 chữ số, ví dụ 52."),
    ],
)
def test_units_of_an_unknown_province_is_refused_with_a_vietnamese_message(
    gia_lai, client, province, message
):
    response = client.get("/api/v1/units", {"province": province})

    assert response.status_code == 422
    assert response.json() == {"code": "invalid_input", "message": message}


def test_agencies_lists_the_seeded_agencies_of_gia_lai(seed_demo, client):
    seed_demo()
    Agency.objects.filter(code="135.00.90.H21").update(valid_to=datetime.date(2025, 12, 31))

    response = client.get("/api/v1/agencies")

    assert response.status_code == 200
    agencies = {a["code"]: a for a in response.json()}
    assert len(agencies) == 148
    assert agencies["000.00.02.H21"] == {
        "code": "000.00.02.H21",
        "name": "Sở Tư pháp tỉnh Gia Lai",
        "kind": "department",
        "unit_code": "52",
        "unit_name": "Gia Lai",
        "parent_code": "000.00.00.H21",
    }
    assert agencies["001.00.90.H21"]["unit_code"] == "21553"
    assert "135.00.90.H21" not in agencies
