import pytest

from motcua.org.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_openapi_document_describes_the_public_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/agencies" in paths
    assert "/api/v1/units" in paths


def test_api_docs_page_loads_its_assets_from_this_server_not_a_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/" in html
    assert "cdn." not in html


def test_json_keeps_vietnamese_letters_readable(client):
    AdministrativeUnit.objects.create(code="52", name="Gia Lai", level="province")
    body = client.get("/api/v1/units").content.decode()
    assert '"name": "Gia Lai"' in body
    AdministrativeUnit.objects.create(code="46", name="Thành phố Huế", level="province")
    assert "Thành phố Huế" in client.get("/api/v1/units").content.decode()


def test_validation_errors_have_the_common_error_shape(rf):
    import json

    from ninja.errors import ValidationError

    from motcua.api import on_validation_error

    error = ValidationError([{"loc": ("query", "province"), "msg": "Field required"}])
    response = on_validation_error(rf.get("/api/v1/units"), error)
    assert response.status_code == 422
    assert json.loads(response.content) == {
        "code": "invalid_input",
        "message": "Dữ liệu gửi lên không hợp lệ.",
        "errors": [{"field": "query.province", "error": "Field required"}],
    }
