from datetime import date

import pytest
from django.conf import settings

from motcua.org.models import AdministrativeUnit, Agency, ReceptionDesk

pytestmark = pytest.mark.django_db


@pytest.fixture
def gia_lai():
    province = AdministrativeUnit.objects.create(
        code="52", name="Gia Lai", level="province", division_type="tỉnh"
    )
    center = Agency.objects.create(
        code="000.00.01.H21",
        name="Trung tâm Phục vụ hành chính công tỉnh Gia Lai",
        kind=Agency.Kind.SERVICE_CENTER,
        unit=province,
        phone="0256 3 818 555",
    )
    ReceptionDesk.objects.create(agency=center, name="Quầy 1", address="127 Hai Bà Trưng, Quy Nhơn")
    for code, name in [("21583", "Phường Quy Nhơn"), ("23461", "Xã Ia Le")]:
        unit = AdministrativeUnit.objects.create(
            code=code, name=name, level="commune", parent=province
        )
        Agency.objects.create(
            code=f"{code}.00.90.H21",
            name=f"UBND {name}",
            kind=Agency.Kind.COMMUNE_COMMITTEE,
            unit=unit,
        )
    return province


def test_home_page_is_vietnamese_even_for_an_english_browser(client, gia_lai):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Dịch vụ công của Tỉnh Gia Lai" in html
    assert "Bỏ qua, đến nội dung chính" in html
    assert response["Content-Language"] == "vi"


def test_home_page_shows_the_service_center_desk(client, gia_lai):
    html = client.get("/").content.decode()
    assert "Trung tâm Phục vụ hành chính công tỉnh Gia Lai" in html
    assert "127 Hai Bà Trưng, Quy Nhơn" in html


def test_home_page_on_a_working_day_shows_office_hours_and_the_next_day_off(
    client, gia_lai, monkeypatch
):
    monkeypatch.setattr("motcua.portal.views.timezone.localdate", lambda: date(2026, 11, 23))
    html = client.get("/").content.decode()
    assert "Hôm nay, 23/11/2026, là ngày làm việc." in html
    assert "Sáng 07:30–11:30; chiều 13:30–17:00." in html
    assert "24/11/2026</time>: Ngày Văn hóa Việt Nam" in html
    assert "01/01/2027</time>" in html


def test_home_page_during_tet_says_the_office_is_closed(client, gia_lai, monkeypatch):
    monkeypatch.setattr("motcua.portal.views.timezone.localdate", lambda: date(2026, 2, 17))
    html = client.get("/").content.decode()
    assert "Hôm nay, 17/02/2026, không phải ngày làm việc." in html
    assert "18/02/2026</time>" in html


def test_choosing_english_switches_the_page_and_is_remembered(client, gia_lai):
    response = client.post("/ngon-ngu/", {"language": "en", "next": "/co-quan/"})
    assert response.status_code == 302
    assert response["Location"] == "/co-quan/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/co-quan/").content.decode()
    assert '<html lang="en">' in html
    assert "Agencies and where to submit" in html


def test_language_switch_refuses_an_external_redirect(client, gia_lai):
    response = client.post("/ngon-ngu/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_language_switch_requires_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/ngon-ngu/", {"language": "en"}).status_code == 403


def test_commune_search_forgives_missing_accents(client, gia_lai):
    html = client.get("/co-quan/", {"q": "phuong quy nhon"}).content.decode()
    assert "UBND Phường Quy Nhơn" in html
    assert "UBND Xã Ia Le" not in html
    assert "1 xã, phường" in html


def test_commune_search_with_no_match_says_so(client, gia_lai):
    html = client.get("/co-quan/", {"q": "khong co"}).content.decode()
    assert "Không tìm thấy xã, phường nào khớp với từ khóa." in html


def test_unknown_page_is_a_404(client):
    assert client.get("/khong-ton-tai/").status_code == 404
