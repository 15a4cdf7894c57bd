"""The catalog's public API: search, one procedure in full, the fields."""

from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.catalog import search
from motcua.catalog.models import Component, Fee, Procedure, Step
from motcua.org.models import Role
from tests.catalog.test_search import Catalog, add_procedure, build_catalog


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    search.invalidate_index()
    yield
    search.invalidate_index()


@pytest.fixture
def catalog(db: None) -> Catalog:
    return build_catalog()


@pytest.fixture
def judicial_record(catalog: Catalog) -> Procedure:
    """The judicial record certificate, described in full as the national database does."""
    procedure = catalog.procedures["1.001193"]
    procedure.legal_basis = "Luật Lý lịch tư pháp số 28/2009/QH12."
    procedure.requirements = "Người yêu cầu từ đủ 14 tuổi trở lên."
    procedure.time_limit = 10
    procedure.time_limit_note = "Kể từ ngày nhận đủ hồ sơ hợp lệ."
    procedure.applicant_types = ["Công dân Việt Nam", "Người nước ngoài"]
    procedure.result_type = Procedure.ResultType.DOCUMENT
    procedure.result_name = "Phiếu lý lịch tư pháp số 1"
    procedure.online_only = True
    procedure.postal_return = True
    procedure.form_schema = {
        "type": "object",
        "properties": {"purpose": {"type": "string", "title": "Mục đích sử dụng phiếu"}},
        "required": ["purpose"],
    }
    procedure.save()
    procedure.receiving_agencies.set([catalog.agencies["justice"]])
    Fee.objects.create(procedure=procedure, order=1, name="Phí cung cấp thông tin", amount=200_000)
    Fee.objects.create(
        procedure=procedure,
        order=2,
        name="Phí cung cấp thông tin",
        amount=100_000,
        condition="Sinh viên, người có công với cách mạng",
    )
    Component.objects.create(
        procedure=procedure,
        order=1,
        name="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        original_count=1,
        template="catalog/templates/to-khai-lltp.docx",
        template_name="Mẫu số 03/2013/TT-LLTP",
    )
    Component.objects.create(
        procedure=procedure,
        order=2,
        name="Bản chụp Căn cước công dân",
        copy_count=1,
        replaced_by=Component.Source.POPULATION,
    )
    Step.objects.create(
        procedure=procedure,
        order=1,
        kind=Step.Kind.RECEIVE,
        name="Tiếp nhận hồ sơ",
        role=Role.objects.get(code="officer"),
    )
    Step.objects.create(
        procedure=procedure,
        order=2,
        kind=Step.Kind.TRANSFER,
        name="Tra cứu thông tin tại Công an tỉnh",
        agency=catalog.agencies["police"],
        budget=Decimal("1.50"),
    )
    Step.objects.create(
        procedure=procedure,
        order=3,
        kind=Step.Kind.PROCESS,
        name="Lập Phiếu lý lịch tư pháp",
        budget=Decimal("8.00"),
    )
    return procedure


# --- GET /api/v1/procedures -----------------------------------------------------------------


def test_searching_without_accents_lists_matching_procedures_best_first(client, judicial_record):
    response = client.get("/api/v1/procedures", {"q": "ly lich tu phap"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["page"] == 1
    assert body["page_size"] == 20
    assert body["items"][0] == {
        "code": "1.001193",
        "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "field": {"code": "LLTP", "name": "Lý lịch tư pháp"},
        "level": "province",
        "legacy_level": 4,
        "online": "full",
        "time_limit": 10,
        "time_limit_unit": "working_days",
        "time_limit_days": 10,
        "fee": 200_000,
        "url": "/thu-tuc/1.001193/",
    }
    assert body["items"][1]["online"] == "partial"


def test_a_same_day_procedure_has_no_number_of_working_days_and_no_fee(client, catalog):
    response = client.get("/api/v1/procedures", {"q": "chung thuc"})

    [item] = response.json()["items"]
    assert item["time_limit_unit"] == "same_day"
    assert item["time_limit_days"] is None
    assert item["fee"] == 0
    assert item["online"] is None


def test_the_rule_7_example_ranks_the_exact_name_first(client, catalog):
    response = client.get("/api/v1/procedures", {"q": "cap doi giay phep lai xe"})

    assert response.json()["items"][0]["name"] == "Cấp đổi giấy phép lái xe"


def test_filters_and_pages(client, catalog):
    everything = client.get("/api/v1/procedures").json()
    assert everything["count"] == 14

    commune = client.get("/api/v1/procedures", {"level": "commune", "online": "full"}).json()
    assert [i["name"] for i in commune["items"]] == ["Đăng ký khai sinh", "Đăng ký khai tử"]

    # "lại" and "lái" fold alike: every driving licence procedure of the police has "lai".
    by_agency = client.get("/api/v1/procedures", {"agency": "000.00.30.H21", "q": "cap lai"})
    assert by_agency.json()["count"] == 3

    by_field = client.get("/api/v1/procedures", {"field": "LLTP", "legacy_level": 3}).json()
    assert [i["code"] for i in by_field["items"]] == ["1.001233"]


def test_a_page_past_the_end_is_empty(client, catalog):
    response = client.get("/api/v1/procedures", {"page": 2})

    assert response.status_code == 200
    assert response.json() == {"count": 14, "page": 2, "page_size": 20, "items": []}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": 0}, "Số trang phải từ 1 trở lên."),
        ({"q": "giấy phép " * 30}, "Từ khóa tìm kiếm không được dài quá 200 ký tự."),
        (
            {"level": "district"},
            "Cấp thực hiện «district» không hợp lệ: chọn province (cấp tỉnh) hoặc commune "
            "(cấp xã).",
        ),
        (
            {"online": "yes"},
            "Hình thức trực tuyến «yes» không hợp lệ: chọn full (toàn trình), partial (một phần), "
            "none (không trực tuyến) hoặc any (có trực tuyến).",
        ),
    ],
)
def test_a_bad_page_or_filter_is_refused_in_vietnamese(client, catalog, params, message):
    response = client.get("/api/v1/procedures", params)

    assert response.status_code == 422
    assert response.json() == {"code": "invalid_input", "message": message}


def test_a_page_that_is_not_a_number_is_refused_with_the_common_error_shape(client, catalog):
    response = client.get("/api/v1/procedures", {"page": "hai"})

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["message"] == "Dữ liệu gửi lên không hợp lệ."


def test_the_list_costs_the_same_few_queries_whatever_the_catalog_size(client, catalog):
    def queries_for_first_page() -> int:
        search.invalidate_index()  # count the index build too
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/procedures", {"q": "cap"})
        assert response.status_code == 200
        return len(captured)

    for n in range(3):
        Fee.objects.create(procedure=catalog.procedures["1.002804"], amount=30_000 + n)
    small = queries_for_first_page()
    for n in range(30):
        extra = add_procedure(
            f"9.{n:06d}",
            f"Cấp giấy xác nhận số {n}",
            catalog.fields["civil"],
            agencies=(catalog.agencies["quy_nhon"],),
        )
        Fee.objects.create(procedure=extra, amount=10_000)
    large = queries_for_first_page()

    assert small == large
    # Fingerprint; index build (fingerprint, rows, agency links, field names); page; fees.
    assert large <= 7


# --- GET /api/v1/procedures/{code} ----------------------------------------------------------


def test_a_procedure_in_full(client, judicial_record, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get("/api/v1/procedures/1.001193")

    assert response.status_code == 200
    body = response.json()
    components = Component.objects.filter(procedure=judicial_record).order_by("order")
    assert {k: v for k, v in body.items() if k not in ("form", "updated_at")} == {
        "code": "1.001193",
        "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "field": {"code": "LLTP", "name": "Lý lịch tư pháp"},
        "level": "province",
        "legacy_level": 4,
        "online": "full",
        "time_limit": 10,
        "time_limit_unit": "working_days",
        "time_limit_days": 10,
        "fee": 200_000,
        "url": "/thu-tuc/1.001193/",
        "local_code": "1.001193.000.00.00.H21",
        "agencies": [{"code": "000.00.02.H21", "name": "Sở Tư pháp tỉnh Gia Lai"}],
        "receiving_agencies": [{"code": "000.00.02.H21", "name": "Sở Tư pháp tỉnh Gia Lai"}],
        "legal_basis": "Luật Lý lịch tư pháp số 28/2009/QH12.",
        "requirements": "Người yêu cầu từ đủ 14 tuổi trở lên.",
        "time_limit_note": "Kể từ ngày nhận đủ hồ sơ hợp lệ.",
        "applicant_types": ["Công dân Việt Nam", "Người nước ngoài"],
        "result_type": "document",
        "result_name": "Phiếu lý lịch tư pháp số 1",
        "online_provider": "province",
        "online_only": True,
        "postal_submission": False,
        "postal_return": True,
        "fees": [
            {"name": "Phí cung cấp thông tin", "amount": 200_000, "condition": ""},
            {
                "name": "Phí cung cấp thông tin",
                "amount": 100_000,
                "condition": "Sinh viên, người có công với cách mạng",
            },
        ],
        "components": [
            {
                "name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                "original_count": 1,
                "copy_count": 0,
                "required": True,
                "condition": "",
                "replaced_by": None,
                "replaced_by_label": None,
                "template_url": f"/thu-tuc/1.001193/mau/{components[0].pk}/",
            },
            {
                "name": "Bản chụp Căn cước công dân",
                "original_count": 0,
                "copy_count": 1,
                "required": True,
                "condition": "",
                "replaced_by": "CSDLQG_DAN_CU",
                "replaced_by_label": "Cơ sở dữ liệu quốc gia về dân cư",
                "template_url": None,
            },
        ],
        "steps": [
            {
                "kind": "receive",
                "name": "Tiếp nhận hồ sơ",
                "agency": None,
                "role": "officer",
                "budget": "0",
            },
            {
                "kind": "transfer",
                "name": "Tra cứu thông tin tại Công an tỉnh",
                "agency": {"code": "000.00.30.H21", "name": "Công an tỉnh Gia Lai"},
                "role": None,
                "budget": "1.5",
            },
            {
                "kind": "process",
                "name": "Lập Phiếu lý lịch tư pháp",
                "agency": None,
                "role": None,
                "budget": "8",
            },
        ],
    }
    # The whole form: the applicant block every procedure shares, then its own field.
    schema = body["form"]["schema"]
    assert schema["properties"]["purpose"] == {"type": "string", "title": "Mục đích sử dụng phiếu"}
    assert "applicant_name" in schema["required"]
    assert "purpose" in schema["required"]
    assert body["form"]["ui"]["order"][-1] == "purpose"
    assert body["updated_at"].startswith(judicial_record.updated_at.date().isoformat())


@pytest.mark.parametrize("code", ["9.999999", "1.001022"])
def test_an_unknown_or_unpublished_procedure_is_404(client, catalog, code):
    response = client.get(f"/api/v1/procedures/{code}")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": f"Không tìm thấy thủ tục mã {code}.",
    }


# --- GET /api/v1/fields ---------------------------------------------------------------------


def test_fields_in_vietnamese_order_with_their_published_procedures(client, catalog):
    response = client.get("/api/v1/fields")

    assert response.status_code == 200
    assert response.json() == [
        {"code": "CT", "name": "Chứng thực", "procedure_count": 1},
        {"code": "DD", "name": "Đất đai", "procedure_count": 1},
        {"code": "DB", "name": "Đường bộ", "procedure_count": 3},
        # The unpublished "Đăng ký khai sinh có yếu tố nước ngoài" is not counted.
        {"code": "HT", "name": "Hộ tịch", "procedure_count": 5},
        {"code": "XD", "name": "Hoạt động xây dựng", "procedure_count": 2},
        {"code": "LLTP", "name": "Lý lịch tư pháp", "procedure_count": 2},
    ]


def test_the_catalog_endpoints_are_in_the_openapi_document_with_vietnamese_tags(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    for path in ("/api/v1/procedures", "/api/v1/procedures/{code}", "/api/v1/fields"):
        assert paths[path]["get"]["tags"] == ["Thủ tục hành chính"]
