"""Public catalog pages: a procedure with every field filled, and one with the minimum."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from motcua.catalog.models import Component, Fee, Field, Procedure, Step
from motcua.org.models import AdministrativeUnit, Agency, ReceptionDesk

pytestmark = pytest.mark.django_db


@pytest.fixture
def gia_lai():
    province = AdministrativeUnit.objects.create(
        code="52", name="Gia Lai", level="province", division_type="tỉnh"
    )
    justice = Agency.objects.create(
        code="000.00.02.H21",
        name="Sở Tư pháp tỉnh Gia Lai",
        kind=Agency.Kind.DEPARTMENT,
        unit=province,
    )
    center = Agency.objects.create(
        code="000.00.01.H21",
        name="Trung tâm Phục vụ hành chính công tỉnh Gia Lai",
        kind=Agency.Kind.SERVICE_CENTER,
        unit=province,
    )
    ReceptionDesk.objects.create(agency=center, name="Quầy số 3", address="127 Hai Bà Trưng")
    police = Agency.objects.create(
        code="000.00.12.H21",
        name="Công an tỉnh Gia Lai",
        kind=Agency.Kind.DEPARTMENT,
        unit=province,
    )
    return {"justice": justice, "center": center, "police": police}


@pytest.fixture
def judicial_record(gia_lai, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    field = Field.objects.create(code="H21-LLTP", name="Lý lịch tư pháp")
    procedure = Procedure.objects.create(
        code="1.001086",
        local_code="1.001086.000.00.02.H21",
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        field=field,
        level=Procedure.Level.PROVINCE,
        legal_basis="Luật Lý lịch tư pháp 2009\nThông tư 244/2016/TT-BTC",
        requirements="Người yêu cầu từ đủ 14 tuổi trở lên.",
        time_limit=10,
        time_limit_note="kể từ ngày nhận đủ hồ sơ hợp lệ",
        applicant_types=["Công dân Việt Nam", "Người nước ngoài đã cư trú tại Việt Nam"],
        result_type=Procedure.ResultType.DOCUMENT,
        result_name="Phiếu lý lịch tư pháp số 1",
        legacy_level=4,
        online_class=Procedure.OnlineClass.FULL,
        postal_submission=True,
        postal_return=True,
        form_schema={
            "type": "object",
            "properties": {
                "purpose": {"type": "string", "title": "Mục đích sử dụng phiếu", "maxLength": 200}
            },
            "required": ["purpose"],
        },
        form_ui={"help": {"purpose": "Ví dụ: bổ sung hồ sơ xin việc."}},
    )
    procedure.agencies.add(gia_lai["justice"])
    procedure.receiving_agencies.add(gia_lai["center"])
    Fee.objects.create(procedure=procedure, order=1, name="Phí cấp phiếu", amount=200_000)
    Fee.objects.create(
        procedure=procedure,
        order=2,
        name="Phí cấp phiếu",
        amount=100_000,
        condition="Sinh viên, người có công",
    )
    Component.objects.create(
        procedure=procedure,
        order=1,
        name="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        original_count=1,
        template=ContentFile(b"%PDF-1.4 mau", name="to-khai-lltp.pdf"),
        template_name="Mẫu số 03/2013/TT-LLTP",
    )
    Component.objects.create(
        procedure=procedure,
        order=2,
        name="Thẻ căn cước công dân",
        copy_count=1,
        replaced_by=Component.Source.POPULATION,
    )
    Component.objects.create(
        procedure=procedure,
        order=3,
        name="Văn bản ủy quyền",
        original_count=1,
        required=False,
        condition="Khi ủy quyền cho người khác làm thủ tục",
    )
    for order, (kind, name, agency, budget) in enumerate(
        [
            (Step.Kind.RECEIVE, "Tiếp nhận hồ sơ", None, "0"),
            (Step.Kind.PROCESS, "Tra cứu, xác minh", None, "6"),
            (Step.Kind.TRANSFER, "Xác minh tại Công an tỉnh", gia_lai["police"], "2.5"),
            (Step.Kind.APPROVE, "Ký phiếu", None, "1.5"),
            (Step.Kind.RETURN, "Trả kết quả", None, "0"),
        ],
        start=1,
    ):
        Step.objects.create(
            procedure=procedure,
            order=order,
            kind=kind,
            name=name,
            agency=agency,
            budget=Decimal(budget),
        )
    return procedure


@pytest.fixture
def minimal(gia_lai):
    field = Field.objects.create(code="H21-CT", name="Chứng thực")
    return Procedure.objects.create(
        code="2.000815",
        name="Chứng thực bản sao từ bản chính",
        field=field,
        level="commune",
        time_limit=0,
        time_limit_unit="same_day",
    )


def test_a_fully_described_procedure_tells_what_to_bring_how_long_and_how_much(
    client, judicial_record
):
    html = client.get("/thu-tuc/1.001086/").content.decode()
    assert "<h1>Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam</h1>" in html
    assert "<strong>10 ngày làm việc</strong>" in html
    assert "kể từ ngày nhận đủ hồ sơ hợp lệ" in html
    assert "<strong>200.000 đồng</strong> — Phí cấp phiếu" in html
    assert "(Sinh viên, người có công)" in html
    assert "Trực tuyến toàn trình" in html
    assert "Nộp qua dịch vụ bưu chính công ích" in html
    assert "Có thể nhận kết quả qua bưu chính công ích." in html
    assert "Không cần nộp: đã lấy từ Cơ sở dữ liệu quốc gia về dân cư" in html
    assert "1 giấy tờ không cần nộp" in html
    assert "1 bản chính · Bắt buộc" in html
    assert "Khi ủy quyền cho người khác làm thủ tục" in html
    assert "Mục đích sử dụng phiếu" in html and "Ví dụ: bổ sung hồ sơ xin việc." in html
    assert "Quầy số 3: 127 Hai Bà Trưng" in html
    assert "Xác minh tại Công an tỉnh — Công an tỉnh Gia Lai" in html
    assert "(2,5 ngày làm việc)" in html
    assert "Công dân Việt Nam; Người nước ngoài đã cư trú tại Việt Nam" in html
    assert "Thông tư 244/2016/TT-BTC" in html


def test_a_minimal_procedure_page_renders_without_empty_sections(client, minimal):
    response = client.get("/thu-tuc/2.000815/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Trong ngày</strong>" in html
    assert "<strong>Miễn phí</strong>" in html
    assert "Không yêu cầu giấy tờ." in html
    assert "Căn cứ pháp lý" not in html
    assert "Các bước giải quyết" not in html
    assert "Chưa khai báo nơi tiếp nhận" in html


def test_the_page_reads_in_english_when_chosen(client, judicial_record):
    client.cookies["motcua_language"] = "en"
    html = client.get("/thu-tuc/1.001086/").content.decode()
    assert "<strong>10 working days</strong>" in html
    assert "200,000 VND" in html
    assert "What to bring" in html


def test_an_unpublished_or_unknown_procedure_is_404(client, judicial_record):
    judicial_record.is_published = False
    judicial_record.save()
    assert client.get("/thu-tuc/1.001086/").status_code == 404
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_a_form_template_downloads_with_its_name(client, judicial_record):
    component = judicial_record.components.get(order=1)
    response = client.get(f"/thu-tuc/1.001086/mau/{component.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 mau"
    assert "attachment" in response["Content-Disposition"]
    assert "M%E1%BA%ABu%20s%E1%BB%91%2003-2013-TT-LLTP.pdf" in response["Content-Disposition"]


def test_a_template_of_another_procedure_is_not_served_under_this_code(
    client, judicial_record, minimal
):
    component = judicial_record.components.get(order=1)
    assert client.get(f"/thu-tuc/2.000815/mau/{component.pk}/").status_code == 404
    other = judicial_record.components.get(order=2)
    assert client.get(f"/thu-tuc/1.001086/mau/{other.pk}/").status_code == 404


def test_fields_page_counts_published_procedures(client, judicial_record, minimal):
    minimal.is_published = False
    minimal.save()
    html = client.get("/thu-tuc/linh-vuc/").content.decode()
    assert "Lý lịch tư pháp" in html and "1 thủ tục" in html
    assert "Chứng thực" not in html


def test_agency_page_lists_its_procedures_by_field(client, judicial_record):
    html = client.get("/co-quan/000.00.02.H21/").content.decode()
    assert "<h1>Sở Tư pháp tỉnh Gia Lai</h1>" in html
    assert "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam" in html
    assert client.get("/co-quan/000.00.77.H21/").status_code == 404


def test_catalog_search_without_accents_finds_the_procedure_first(client, judicial_record, minimal):
    html = client.get("/thu-tuc/", {"q": "ly lich tu phap"}).content.decode()
    assert "Tìm thấy 1 thủ tục cho «ly lich tu phap»." in html
    first = html.index('<ol class="results">')
    assert html.index("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", first) > first


def test_catalog_filters_show_counts_and_narrow_the_list(client, judicial_record, minimal):
    html = client.get("/thu-tuc/", {"level": "commune"}).content.decode()
    assert "Tìm thấy 1 thủ tục." in html
    assert "Chứng thực bản sao từ bản chính" in html
    assert "Cấp Phiếu lý lịch tư pháp" not in html.split('<ol class="results">')[1]
    # Each filter counts with the others applied, and keeps showing the alternatives.
    assert '<option value="H21-CT" >Chứng thực (1)</option>' in html
    assert '<option value="province" >Cấp tỉnh (1)</option>' in html
    assert '<option value="commune" selected>Cấp xã (1)</option>' in html
    assert '<option value="none" >Không cung cấp trực tuyến (1)</option>' in html


def test_a_bad_filter_value_is_explained_not_a_500(client, judicial_record):
    response = client.get("/thu-tuc/", {"level": "district"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_htmx_requests_get_only_the_results_fragment(client, judicial_record):
    response = client.get("/thu-tuc/", {"q": "phieu"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam" in html


def test_results_are_paged_by_twenty(client, gia_lai):
    field = Field.objects.create(code="H21-XD", name="Xây dựng")
    for n in range(25):
        Procedure.objects.create(
            code=f"1.0{n:05d}",
            name=f"Cấp giấy phép xây dựng loại {n:02d}",
            field=field,
            level="province",
            time_limit=15,
        )
    first = client.get("/thu-tuc/", {"q": "giay phep xay dung"}).content.decode()
    assert "Trang 1/2" in first and "page=2" in first
    second = client.get("/thu-tuc/", {"q": "giay phep xay dung", "page": 2}).content.decode()
    assert second.count('<li class="card">') == 5
