"""Who gets into the back office: officials log in at /can-bo/dang-nhap/; citizens are told no."""

from django.test import Client

from .conftest import logged_in


def test_the_login_page_speaks_vietnamese(db):
    response = Client().get("/can-bo/dang-nhap/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng nhập dành cho cán bộ" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_an_official_logs_in_and_lands_on_the_queue(cast):
    cast.ha.set_password("mat-khau-demo-2026")
    cast.ha.save()

    response = Client().post(
        "/can-bo/dang-nhap/", {"username": "ha", "password": "mat-khau-demo-2026"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/can-bo/"


def test_a_wrong_password_is_refused_on_the_page(cast):
    response = Client().post("/can-bo/dang-nhap/", {"username": "ha", "password": "sai"})

    assert response.status_code == 200
    assert 'class="bo-error"' in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page(db):
    response = Client().get("/can-bo/ho-so/NOP-ABC/")

    assert response.status_code == 302
    assert response["Location"] == "/can-bo/dang-nhap/?next=/can-bo/ho-so/NOP-ABC/"


def test_a_citizen_gets_a_vietnamese_403(cast):
    for url in ("/can-bo/", "/can-bo/tim-kiem/?q=lan", "/can-bo/tiep-nhan/"):
        response = logged_in(cast.lan).get(url)

        assert response.status_code == 403
        assert "Không có quyền truy cập" in response.content.decode()


def test_logout_is_a_post(cast):
    client = logged_in(cast.ha)

    assert client.get("/can-bo/dang-xuat/").status_code == 405
    response = client.post("/can-bo/dang-xuat/")

    assert response.status_code == 302
    assert response["Location"] == "/can-bo/dang-nhap/"
    assert client.get("/can-bo/").status_code == 302
