"""Counter reception at /can-bo/tiep-nhan/: a walk-in applicant's dossier in one page."""

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.backoffice.reception import LEGACY_PROVINCE_CODES, id_number_error
from motcua.dossiers.models import Attachment, Channel, Dossier, Status

from .conftest import PDF, logged_in

URL = "/can-bo/tiep-nhan/"


def form_url(cast) -> str:
    return f"{URL}{cast.lltp.code}/"


def walk_in(cast, **overrides):
    """What Hà types for Lan, who brings the judicial-record request on paper."""
    declaration = cast.lltp.components.get(order=1)
    data = {
        "channel": "1",
        "applicant_kind": "1",
        "applicant_name": "Hồ Thị Lan",
        "applicant_id_number": "064190001234",
        "applicant_phone": "0905123456",
        "applicant_email": "",
        "applicant_address": "12 Hùng Vương, phường Pleiku, tỉnh Gia Lai",
        "purpose": "Bổ sung hồ sơ xin việc",
        f"component_{declaration.pk}": "on",
        f"file_{declaration.pk}": SimpleUploadedFile("to-khai.pdf", PDF),
        "return_method": "desk",
    }
    data.update(overrides)
    return data


def test_the_officer_finds_the_procedure_without_accents(cast):
    response = logged_in(cast.ha).get(URL, {"q": "ly lich tu phap"})

    assert response.status_code == 200
    assert [p.code for p in response.context["procedures"]] == [cast.lltp.code]
    partial = logged_in(cast.ha).get(URL, {"q": "ly lich"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert form_url(cast) in partial.content.decode()


def test_a_specialist_receives_nothing_at_the_counter(cast):
    response = logged_in(cast.khoa).get(URL)

    assert list(response.context["procedures"]) == []
    assert logged_in(cast.khoa).get(form_url(cast)).status_code == 404


def test_the_form_shows_the_procedures_fields_and_components(cast):
    page = logged_in(cast.ha).get(form_url(cast)).content.decode()

    assert "Mục đích yêu cầu cấp Phiếu" in page
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp" in page
    assert "Khai thác từ Cơ sở dữ liệu quốc gia về dân cư" in page


def test_a_walk_in_dossier_is_created_received_and_its_scan_kept(cast):
    client = logged_in(cast.ha)
    response = client.post(form_url(cast), walk_in(cast))

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/can-bo/ho-so/{dossier.reference}/"
    assert dossier.status == Status.RECEIVED
    assert dossier.channel == Channel.DESK
    assert dossier.applicant_name == "Hồ Thị Lan"
    assert dossier.applicant_name_folded == "ho thi lan"
    assert dossier.form_data["purpose"] == "Bổ sung hồ sơ xin việc"
    attachment = Attachment.objects.get(dossier=dossier)
    assert attachment.component.name == "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"
    assert attachment.component.digitised
    assert attachment.content_type == "application/pdf"
    page = client.get(response["Location"]).content.decode()
    assert "In giấy tiếp nhận" in page
    assert f"/can-bo/ho-so/{dossier.reference}/phieu/receipt/" in page


def test_a_bad_file_type_keeps_everything_typed_and_creates_nothing(cast):
    declaration = cast.lltp.components.get(order=1)
    data = walk_in(cast, **{f"file_{declaration.pk}": SimpleUploadedFile("x.pdf", b"GIF89a")})

    response = logged_in(cast.ha).post(form_url(cast), data)

    assert response.status_code == 422
    page = response.content.decode()
    assert "không phải PDF, JPEG hoặc PNG" in page
    assert 'value="064190001234"' in page
    assert "Bổ sung hồ sơ xin việc" in page
    assert "hãy chọn lại các tệp quét" in page
    assert not Dossier.objects.exists()


def test_an_oversized_scan_is_refused(cast, settings):
    settings.UPLOAD_MAX_BYTES = 100
    declaration = cast.lltp.components.get(order=1)
    big = SimpleUploadedFile("to-khai.pdf", PDF + b"0" * 500)

    response = logged_in(cast.ha).post(
        form_url(cast), walk_in(cast, **{f"file_{declaration.pk}": big})
    )

    assert response.status_code == 422
    assert "vượt quá giới hạn" in response.content.decode()
    assert not Dossier.objects.exists()


def test_an_invalid_id_number_keeps_the_typed_values(cast):
    response = logged_in(cast.ha).post(
        form_url(cast), walk_in(cast, applicant_id_number="999190001234", applicant_phone="12")
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "mã tỉnh nơi đăng ký khai sinh «999» không tồn tại" in page
    assert "«Số điện thoại» không đúng định dạng" in page
    assert 'value="999190001234"' in page
    assert 'value="Hồ Thị Lan"' in page
    assert "12 Hùng Vương, phường Pleiku, tỉnh Gia Lai</textarea>" in page
    assert not Dossier.objects.exists()


def test_a_missing_required_paper_is_named(cast):
    declaration = cast.lltp.components.get(order=1)
    data = walk_in(cast)
    del data[f"component_{declaration.pk}"]
    del data[f"file_{declaration.pk}"]

    response = logged_in(cast.ha).post(form_url(cast), data)

    assert response.status_code == 422
    assert "Hồ sơ chưa đủ giấy tờ bắt buộc: Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp" in (
        response.content.decode()
    )


def test_a_business_gives_its_tax_code(cast):
    bad = logged_in(cast.ha).post(
        form_url(cast), walk_in(cast, applicant_kind="2", applicant_name="Công ty TNHH An Phú")
    )
    assert "Vui lòng nhập mã số doanh nghiệp" in bad.content.decode()

    logged_in(cast.ha).post(
        form_url(cast),
        walk_in(
            cast, applicant_kind="2", applicant_name="Công ty TNHH An Phú", tax_code="5900123456"
        ),
    )

    dossier = Dossier.objects.get()
    assert dossier.applicant_kind == 2
    assert dossier.applicant_id_number == "5900123456"
    assert dossier.form_data["applicant_id_number"] == "064190001234"  # the representative


def test_id_numbers():
    assert len(LEGACY_PROVINCE_CODES) == 63
    assert id_number_error("064190001234") == ""
    assert id_number_error("052090001234") == ""
    assert id_number_error("06419000123") == "Số định danh cá nhân phải gồm đúng 12 chữ số."
    assert id_number_error("003190001234")  # no province 03
    assert id_number_error("164190001234")
