"""The submission wizard through its pages: each step saves, validates in Vietnamese and keeps
what was typed; drafts belong to their owner; uploads are checked by content, resumable, and
photos are cleaned; submitting makes an online dossier through the life cycle."""

# ruff: noqa: F811  (pytest fixtures imported from tests/submissions/conftest.py)

import io
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from motcua.accounts.models import User
from motcua.core.models import AuditEntry
from motcua.dossiers.models import Attachment, Channel, Dossier, Status
from motcua.submissions import drafts
from motcua.submissions.models import Draft, DraftFile, Step
from tests.submissions.conftest import (  # noqa: F401  (fixtures)
    EXE,
    LAN,
    PDF,
    _a_paper_to_upload,
    _private_media,
    cast,
    declaration,
    id_card,
    logged_in,
    minh,
    national,
    paper,
    ready_draft,
    verify,
)

pytestmark = pytest.mark.django_db


def step_url(draft: Draft, step: str) -> str:
    return f"/nop-ho-so/ban-nhap/{draft.pk}/{step}/"


def start(client: Any, cast: Any, **data: str) -> Draft:
    response = client.post(f"/nop-ho-so/{cast.lltp.code}/", data)
    assert response.status_code == 302
    return Draft.objects.get(pk=int(response["Location"].split("/")[3]))


APPLICANT = {f"applicant_{k}": v for k, v in LAN.items() if k != "kind"}


def test_the_wizard_sends_a_visitor_to_the_citizen_login(cast, settings):
    settings.CITIZEN_LOGIN_URL = "/tai-khoan/dang-nhap/"
    from django.test import Client

    response = Client().get(f"/nop-ho-so/{cast.lltp.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=/nop-ho-so/2.001417/")


def test_the_applicant_page_is_prefilled_from_the_account_and_editable(cast):
    cast.lan.email = "lan@example.vn"
    cast.lan.save()
    client = logged_in(cast.lan)
    draft = start(client, cast)
    page = client.get(step_url(draft, "nguoi-nop")).content.decode()
    assert 'value="Hồ Thị Lan"' in page
    assert 'value="lan@example.vn"' in page
    assert "chưa xác thực định danh" in page


def test_a_wrong_id_number_is_refused_in_vietnamese_and_what_was_typed_is_kept(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = client.post(
        step_url(draft, "nguoi-nop"), {**APPLICANT, "applicant_id_number": "12345"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Số định danh cá nhân" in page and "không đúng định dạng" in page
    assert 'value="12345"' in page
    draft.refresh_from_db()
    assert draft.applicant["id_number"] == "12345"
    assert draft.step == Step.APPLICANT


def test_an_id_number_with_an_unknown_province_is_refused(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = client.post(
        step_url(draft, "nguoi-nop"), {**APPLICANT, "applicant_id_number": "003190001234"}
    )
    assert response.status_code == 422
    assert "mã tỉnh nơi đăng ký khai sinh" in response.content.decode()


def test_each_step_saves_and_moves_on(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = client.post(step_url(draft, "nguoi-nop"), APPLICANT)
    assert response["Location"] == step_url(draft, "to-khai")
    response = client.post(step_url(draft, "to-khai"), {})
    assert response.status_code == 422
    assert "Vui lòng nhập «Mục đích yêu cầu cấp Phiếu»" in response.content.decode()
    response = client.post(step_url(draft, "to-khai"), {"purpose": "Xin việc làm"})
    assert response["Location"] == step_url(draft, "giay-to")
    draft.refresh_from_db()
    assert draft.applicant["name"] == "Hồ Thị Lan"
    assert draft.form_data == {"purpose": "Xin việc làm"}
    assert draft.step == Step.PAPERS


def test_going_back_saves_even_an_unfinished_page(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = client.post(step_url(draft, "to-khai"), {"purpose": "X", "go": "back"})
    assert response["Location"] == step_url(draft, "nguoi-nop")
    draft.refresh_from_db()
    assert draft.form_data == {"purpose": "X"}


def test_a_draft_continues_on_another_device_and_is_hidden_from_others(cast):
    first = logged_in(cast.lan)
    draft = start(first, cast)
    first.post(step_url(draft, "nguoi-nop"), APPLICANT)
    second = logged_in(cast.lan)
    # The procedure's address leads back to the draft where it was left.
    response = second.get(f"/nop-ho-so/{cast.lltp.code}/")
    assert response["Location"] == step_url(draft, "to-khai")
    assert 'value="064190001234"' in second.get(step_url(draft, "nguoi-nop")).content.decode()

    other = logged_in(User.objects.create_user(username="mai", password="x"))
    assert other.get(step_url(draft, "nguoi-nop")).status_code == 404
    assert other.post(step_url(draft, "to-khai"), {"purpose": "abc"}).status_code == 404
    assert other.post(f"/nop-ho-so/ban-nhap/{draft.pk}/gui/").status_code == 404
    assert other.post(f"/nop-ho-so/ban-nhap/{draft.pk}/xoa/").status_code == 404
    assert other.post(f"/nop-ho-so/ban-nhap/{draft.pk}/tep/", {}).status_code == 404
    draft.refresh_from_db()
    assert draft.form_data == {}


def papers_post(client: Any, draft: Draft, cast: Any, **files: Any) -> Any:
    return client.post(step_url(draft, "giay-to"), files)


def test_a_renamed_executable_is_refused_by_its_content(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    field = f"file_{paper(cast).pk}"
    response = papers_post(client, draft, cast, **{field: SimpleUploadedFile("to-khai.pdf", EXE)})
    assert response.status_code == 422
    assert "không phải PDF, JPEG hoặc PNG" in response.content.decode()
    assert not DraftFile.objects.exists()


def test_an_oversized_file_is_refused(cast, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client = logged_in(cast.lan)
    draft = start(client, cast)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * 2048)
    response = papers_post(client, draft, cast, **{f"file_{paper(cast).pk}": big})
    assert response.status_code == 422
    assert "vượt quá giới hạn" in response.content.decode()
    assert not DraftFile.objects.exists()


def test_an_unverified_account_uploads_the_paper_and_is_told_why(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = client.post(
        step_url(draft, "giay-to"),
        {
            f"file_{paper(cast).pk}": SimpleUploadedFile("Tờ khai.pdf", PDF),
            "consent": str(id_card(cast).pk),
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Tài khoản của bạn chưa xác thực định danh" in page
    assert "Không cần nộp: đã lấy từ" not in page
    draft.refresh_from_db()
    assert draft.consents == {}
    assert f"component_{id_card(cast).pk}" in drafts.papers_errors(draft)


def test_papers_need_a_file_or_consent_and_consent_is_recorded(cast):
    verify(cast.lan)
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = papers_post(client, draft, cast)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Vui lòng tải lên giấy tờ bắt buộc này." in page
    assert "Không cần nộp: đã lấy từ Cơ sở dữ liệu quốc gia về dân cư" in page

    response = client.post(
        step_url(draft, "giay-to"),
        {
            f"file_{paper(cast).pk}": SimpleUploadedFile("Tờ khai.pdf", PDF),
            "consent": str(id_card(cast).pk),
        },
    )
    assert response["Location"] == step_url(draft, "nhan-ket-qua")
    draft.refresh_from_db()
    assert list(draft.consents) == [str(id_card(cast).pk)]
    stored = draft.files.get()
    assert stored.complete and stored.title == "Tờ khai.pdf"
    assert stored.file.read() == PDF


def chunk(client: Any, draft: Draft, file_id: int, offset: int, data: bytes) -> Any:
    return client.post(
        f"/nop-ho-so/ban-nhap/{draft.pk}/tep/{file_id}/?offset={offset}",
        data=data,
        content_type="application/octet-stream",
    )


def test_a_chunked_upload_resumes_after_a_dropped_piece_and_arrives_whole(
    cast,
    django_capture_on_commit_callbacks,
):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    scan = PDF + bytes(range(256)) * 5000  # about 1.3 MB: three pieces of 512 KB
    size = 512 * 1024
    pieces = [scan[i : i + size] for i in range(0, len(scan), size)]
    assert len(pieces) == 3
    begun = client.post(
        f"/nop-ho-so/ban-nhap/{draft.pk}/tep/",
        {"component": paper(cast).pk, "name": "ban-quet.pdf", "size": len(scan)},
    )
    assert begun.status_code == 201
    file_id = begun.json()["id"]
    assert chunk(client, draft, file_id, 0, pieces[0]).json()["offset"] == size
    # The second piece is lost on the way; the browser sends the third one, which is refused
    # with the position the server holds.
    refused = chunk(client, draft, file_id, 2 * size, pieces[2])
    assert refused.status_code == 409
    assert refused.json()["offset"] == size
    assert client.get(f"/nop-ho-so/ban-nhap/{draft.pk}/tep/{file_id}/").json()["offset"] == size
    assert chunk(client, draft, file_id, size, pieces[1]).json()["complete"] is False
    with django_capture_on_commit_callbacks(execute=True):
        done = chunk(client, draft, file_id, 2 * size, pieces[2]).json()
    assert done["complete"] is True
    stored = DraftFile.objects.get(pk=file_id)
    assert stored.file.read() == scan
    assert stored.chunks == []
    assert not default_storage.exists(f"drafts/{draft.pk}/{file_id}-{0:012d}.chunk")


def test_a_chunked_executable_is_refused_at_its_first_piece(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    begun = client.post(
        f"/nop-ho-so/ban-nhap/{draft.pk}/tep/",
        {"component": paper(cast).pk, "name": "anh.jpg", "size": len(EXE)},
    ).json()
    response = chunk(client, draft, begun["id"], 0, EXE)
    assert response.status_code == 422
    assert response.json()["code"] == "upload_rejected"


def test_an_oversized_chunked_upload_is_refused_before_any_byte(cast, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = client.post(
        f"/nop-ho-so/ban-nhap/{draft.pk}/tep/",
        {"component": paper(cast).pk, "name": "scan.pdf", "size": 5 * 1024 * 1024},
    )
    assert response.status_code == 422
    assert "vượt quá giới hạn" in response.json()["message"]


def photo(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), (200, 180, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(0x8825)[2] = (13.0, 46.0, 0.0)  # GPSInfo: latitude, where the photo was taken
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_large_photo_is_downscaled_and_loses_its_location(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    original = photo(3000, 1500)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    papers_post(
        client,
        draft,
        cast,
        **{f"file_{paper(cast).pk}": SimpleUploadedFile("anh.jpg", original)},
    )
    stored = draft.files.get()
    image = Image.open(stored.file.open("rb"))
    assert image.size == (2000, 1000)
    assert image.format == "JPEG"
    assert not image.getexif()
    assert stored.content_type == "image/jpeg"


def test_return_by_post_needs_an_address_and_online_return_needs_a_full_online_service(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = client.post(step_url(draft, "nhan-ket-qua"), {"return_method": "postal"})
    assert response.status_code == 422
    assert "địa chỉ nhận kết quả qua bưu điện" in response.content.decode()
    response = client.post(
        step_url(draft, "nhan-ket-qua"),
        {"return_method": "postal", "return_address": "12 Hùng Vương, phường Pleiku"},
    )
    assert response["Location"] == step_url(draft, "le-phi")

    partial = logged_in(cast.lan)
    building = Draft.objects.create(owner=cast.lan, procedure=cast.building)
    response = partial.post(step_url(building, "nhan-ket-qua"), {"return_method": "online"})
    assert response.status_code == 422


def test_the_fees_page_shows_the_catalog_fees(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    page = client.get(step_url(draft, "le-phi")).content.decode()
    assert "200.000 đồng" in page
    assert "Sinh viên, người có công" in page


def test_submitting_makes_an_online_dossier_with_its_papers_and_consent(
    cast,
    django_capture_on_commit_callbacks,
):
    draft = ready_draft(cast)
    client = logged_in(cast.lan)
    review = client.get(step_url(draft, "xem-lai")).content.decode()
    assert "Hồ sơ chưa đủ để nộp" not in review
    stored_names = [f.file.name for f in draft.files.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/nop-ho-so/ban-nhap/{draft.pk}/gui/")
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/nop-ho-so/da-nop/{dossier.reference}/"
    assert dossier.status == Status.SUBMITTED
    assert dossier.channel == Channel.ONLINE
    assert dossier.applicant_user == cast.lan and dossier.submitted_by is None
    assert dossier.form_data["purpose"] == "Bổ sung hồ sơ xin việc"
    assert dossier.applicant_id_number == "064190001234"
    form = dossier.components.get(component=paper(cast))
    card = dossier.components.get(component=id_card(cast))
    attachment = Attachment.objects.get(component=form)
    assert attachment.file.read() == PDF and attachment.title == "to-khai.pdf"
    assert form.digitised and not form.replaced_by
    assert not dossier.components.get(component=declaration(cast)).files.exists()
    assert card.replaced_by == "CSDLQG_DAN_CU" and card.consent_at is not None
    # Fetched through the LGSP at submission, about her verified number, with a summary.
    assert card.record_reference == "MSG-DC-1"
    assert card.reused.summary == [
        ["Họ và tên", "Hồ Thị Lan"],
        ["Số định danh cá nhân", "064190001234"],
        ["Nơi thường trú", "Thôn 3, xã Ia Grai, tỉnh Gia Lai"],
    ]
    read = AuditEntry.objects.get(action="personal_data.read", target_id=str(cast.lan.pk))
    assert read.actor == cast.lan
    assert read.details["message_id"] == "MSG-DC-1"
    assert read.details["purpose"].startswith("giải quyết thủ tục hành chính")
    assert not Draft.objects.exists()
    assert not any(default_storage.exists(name) for name in stored_names)
    done = client.get(response["Location"]).content.decode()
    assert dossier.reference in done
    assert AuditEntry.objects.filter(action="dossier.submit", target_id=str(dossier.pk)).exists()


def test_an_incomplete_draft_is_sent_back_to_the_first_page_with_a_problem(cast):
    client = logged_in(cast.lan)
    draft = start(client, cast)
    response = client.post(f"/nop-ho-so/ban-nhap/{draft.pk}/gui/")
    assert response["Location"] == step_url(draft, "nguoi-nop")
    assert not Dossier.objects.exists()


def test_a_component_uploaded_instead_of_consented_is_an_ordinary_paper(cast):
    draft = ready_draft(cast, consents={})
    from django.core.files.base import ContentFile

    from motcua.submissions import drafts

    drafts.add_file(draft, id_card(cast), ContentFile(PDF, name="cccd.pdf"), by=cast.lan)
    logged_in(cast.lan).post(f"/nop-ho-so/ban-nhap/{draft.pk}/gui/")
    card = Dossier.objects.get().components.get(component=id_card(cast))
    assert card.replaced_by == "" and card.consent_at is None
    assert card.files.count() == 1


def test_an_assisted_submission_records_consent_and_the_helper(cast, minh):
    client = logged_in(minh)
    page = client.get(f"/nop-ho-so/{cast.lltp.code}/").content.decode()
    assert "Nộp thay người dân" in page
    # Her account is found by her verified identity, not by what it is called.
    lan_account = verify(
        User.objects.create_user(username="lan.tai.khoan", password="x", full_name="Hồ Thị Lan")
    )
    User.objects.create_user(username="064190001234", password="x")  # unverified: not her
    draft = start(client, cast, on_behalf="1")
    assert draft.on_behalf and draft.applicant == {}
    response = client.post(step_url(draft, "nguoi-nop"), APPLICANT)
    assert response.status_code == 422
    assert "đã đồng ý" in response.content.decode()
    client.post(step_url(draft, "nguoi-nop"), {**APPLICANT, "consent": "on"})
    draft.refresh_from_db()
    assert draft.consent_at is not None
    client.post(step_url(draft, "to-khai"), {"purpose": "Xin việc làm"})
    client.post(
        step_url(draft, "giay-to"),
        {
            f"file_{paper(cast).pk}": SimpleUploadedFile("to-khai.pdf", PDF),
            "consent": str(id_card(cast).pk),
        },
    )
    client.post(step_url(draft, "nhan-ket-qua"), {"return_method": "desk"})
    client.post(f"/nop-ho-so/ban-nhap/{draft.pk}/gui/")
    dossier = Dossier.objects.get()
    assert dossier.channel == Channel.ONLINE
    assert dossier.submitted_by == minh
    assert dossier.consent_at == draft.consent_at
    assert dossier.applicant_user == lan_account
    assert dossier.applicant_name == "Hồ Thị Lan"


def test_a_citizen_cannot_start_an_assisted_submission(cast):
    client = logged_in(cast.lan)
    response = client.post(f"/nop-ho-so/{cast.lltp.code}/", {"on_behalf": "1"})
    assert response["Location"] == f"/nop-ho-so/{cast.lltp.code}/"
    assert not Draft.objects.exists()
