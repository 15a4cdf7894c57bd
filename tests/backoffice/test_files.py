"""Scans uploaded on the dossier page, downloads through a checked view, and the slips."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.backoffice.files import safe_name
from motcua.core.models import AuditEntry
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Attachment

from .conftest import PDF, PNG, logged_in, submit


@pytest.fixture
def received(cast):
    return lifecycle.receive(submit(cast), by=cast.ha)


def upload(user, dossier, content: bytes, name: str = "to-khai.pdf"):
    component = dossier.components.first()
    response = logged_in(user).post(
        f"/can-bo/ho-so/{dossier.reference}/tai-len/",
        {"component": component.pk, "file": SimpleUploadedFile(name, content)},
    )
    return response, [str(m) for m in get_messages(response.wsgi_request)]


def test_a_scanned_pdf_is_kept_with_its_checksum(cast, received):
    response, messages = upload(cast.ha, received, PDF, "Tờ khai của Lan.pdf")

    assert response.status_code == 302
    assert messages == ["Đã lưu tệp «Tờ khai của Lan.pdf»."]
    attachment = Attachment.objects.get(dossier=received)
    assert attachment.kind == Attachment.Kind.COMPONENT
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert len(attachment.sha256) == 64
    assert attachment.file.name.endswith(".pdf")
    attachment.component.refresh_from_db()
    assert attachment.component.digitised is True
    assert AuditEntry.objects.filter(action="dossier.attachment_added").count() == 1


def test_a_png_is_accepted_and_a_renamed_program_is_not(cast, received):
    _, ok = upload(cast.ha, received, PNG, "anh.png")
    _, refused = upload(cast.ha, received, b"MZ\x90\x00 not a scan", "giay-to.pdf")

    assert ok == ["Đã lưu tệp «anh.png»."]
    assert refused == [
        "Tệp «giay-to.pdf» không phải PDF, JPEG hoặc PNG: chỉ nhận bản quét dạng PDF hoặc ảnh "
        "JPEG, PNG."
    ]
    assert Attachment.objects.filter(dossier=received).count() == 1


def test_an_oversized_file_is_refused(cast, received, settings):
    settings.UPLOAD_MAX_BYTES = 1024

    _, messages = upload(cast.ha, received, PDF + b"0" * 2048)

    assert messages[0].startswith("Tệp «to-khai.pdf» nặng")
    assert "vượt quá giới hạn" in messages[0]
    assert not Attachment.objects.exists()


def test_an_official_of_another_agency_cannot_upload(cast, received):
    response, _ = upload(cast.tung, received, PDF)

    assert response.status_code == 404
    assert not Attachment.objects.exists()


def test_a_download_goes_through_the_check_and_the_audit(cast, received):
    upload(cast.ha, received, PDF, "Tờ khai của Lan.pdf")
    attachment = Attachment.objects.get()
    url = f"/can-bo/ho-so/{received.reference}/tep/{attachment.pk}/"

    response = logged_in(cast.khoa).get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="to-khai-cua-lan.pdf"'
    entry = AuditEntry.objects.get(action="dossier.attachment_downloaded")
    assert entry.actor == cast.khoa
    assert logged_in(cast.tung).get(url).status_code == 404
    other = lifecycle.receive(submit(cast), by=cast.ha)
    wrong_pair = f"/can-bo/ho-so/{other.reference}/tep/{attachment.pk}/"
    assert logged_in(cast.ha).get(wrong_pair).status_code == 404


def test_safe_names():
    assert safe_name("Đơn đề nghị (bản 2).PDF") == "don-de-nghi-ban-2.pdf"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("ảnh", "png") == "anh.png"
    assert safe_name("") == "tep"


def test_the_receipt_is_served_inline_as_pdf_and_audited(cast, received):
    response = logged_in(cast.ha).get(f"/can-bo/ho-so/{received.reference}/phieu/receipt/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="dossier.slip_viewed").count() == 1
    page = logged_in(cast.ha).get(f"/can-bo/ho-so/{received.reference}/").content.decode()
    assert f"/can-bo/ho-so/{received.reference}/phieu/receipt/" in page


def test_a_slip_that_does_not_exist_yet_is_a_message(cast, received):
    response = logged_in(cast.ha).get(f"/can-bo/ho-so/{received.reference}/phieu/refusal/")

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] != []
    assert (
        logged_in(cast.ha).get(f"/can-bo/ho-so/{received.reference}/phieu/nonsense/").status_code
        == 404
    )
