"""'Hồ sơ của tôi': only one's own dossiers, a plain timeline, a supplement answered in place,
results for the applicant alone, withdrawal and one rating per dossier."""

# ruff: noqa: F811  (pytest fixtures imported from tests/submissions/conftest.py)

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.core.models import AuditEntry
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Attachment, Dossier, ReturnMethod, Status
from motcua.submissions.models import Rating
from tests.submissions.conftest import (  # noqa: F401  (fixtures)
    LAN,
    PDF,
    _a_paper_to_upload,
    _private_media,
    cast,
    logged_in,
    minh,
)

pytestmark = pytest.mark.django_db


def submitted(cast: Any, by: User | None = None, **changes: Any) -> Dossier:
    return lifecycle.submit_online(
        cast.lltp,
        applicant={**LAN, **changes},
        form_data={"purpose": "Xin việc làm"},
        by=by or cast.lan,
        receiving_agency=cast.center,
        return_method=ReturnMethod.ONLINE,
    )


def processing(cast: Any) -> Dossier:
    dossier = lifecycle.receive(submitted(cast), by=cast.ha)
    return lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa)


def returned(cast: Any) -> Dossier:
    dossier = lifecycle.forward(processing(cast), by=cast.khoa, note="Đủ điều kiện")
    dossier = lifecycle.approve(dossier, by=cast.nhung)
    dossier = lifecycle.mark_result_ready(dossier, by=cast.khoa)
    Attachment.objects.create(
        dossier=dossier,
        kind=Attachment.Kind.RESULT,
        title="Phiếu lý lịch tư pháp.pdf",
        file=ContentFile(PDF, name="phieu.pdf"),
        content_type="application/pdf",
        size=len(PDF),
        sha256="-",
    )
    return lifecycle.return_result(dossier, by=cast.ha, method=ReturnMethod.ONLINE)


def test_my_dossiers_lists_only_my_own(cast):
    mine = submitted(cast)
    other = User.objects.create_user(username="mai", password="x", full_name="Đỗ Thị Mai")
    theirs = submitted(cast, by=other, name="Đỗ Thị Mai")
    page = logged_in(cast.lan).get("/ho-so-cua-toi/").content.decode()
    assert mine.reference in page
    assert theirs.reference not in page
    # An official of the agency that handles both sees neither here: this is not the back office.
    assert theirs.reference not in logged_in(cast.ha).get("/ho-so-cua-toi/").content.decode()
    assert logged_in(other).get(f"/ho-so-cua-toi/{mine.reference}/").status_code == 404
    assert logged_in(cast.ha).get(f"/ho-so-cua-toi/{mine.reference}/").status_code == 404


def test_the_detail_tells_the_story_in_plain_words(cast):
    dossier = processing(cast)
    page = logged_in(cast.lan).get(f"/ho-so-cua-toi/{dossier.reference}/").content.decode()
    assert "Bạn đã nộp hồ sơ trực tuyến đến Trung tâm Phục vụ hành chính công tỉnh Gia Lai." in page
    assert "Trung tâm Phục vụ hành chính công tỉnh Gia Lai đã tiếp nhận hồ sơ. Hẹn trả kết quả" in (
        page
    )
    assert dossier.code in page
    assert "Cơ quan đang giải quyết hồ sơ." in page


def test_a_supplement_answered_in_place_moves_the_dossier_back_to_processing(cast):
    dossier = lifecycle.request_supplement(
        processing(cast), by=cast.khoa, items=["Bản sao giấy khai sinh"]
    )
    client = logged_in(cast.lan)
    page = client.get(f"/ho-so-cua-toi/{dossier.reference}/").content.decode()
    assert "Bản sao giấy khai sinh" in page and "Gửi giấy tờ bổ sung" in page

    nothing = client.post(f"/ho-so-cua-toi/{dossier.reference}/bo-sung/", {"note": "x"})
    assert nothing.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_SUPPLEMENT

    client.post(
        f"/ho-so-cua-toi/{dossier.reference}/bo-sung/",
        {"files": [SimpleUploadedFile("khai-sinh.pdf", PDF)], "note": "Đã bổ sung"},
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    event = dossier.events.get(action="receive_supplement")
    assert event.actor == cast.lan
    attachment = dossier.attachments.get(title__startswith="Bổ sung")
    assert attachment.file.read() == PDF


def test_a_renamed_executable_is_refused_as_a_supplement(cast):
    dossier = lifecycle.request_supplement(
        processing(cast), by=cast.khoa, items=["Bản sao giấy khai sinh"]
    )
    logged_in(cast.lan).post(
        f"/ho-so-cua-toi/{dossier.reference}/bo-sung/",
        {"files": [SimpleUploadedFile("khai-sinh.pdf", b"MZ\x90\x00" + b"\x00" * 40)]},
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    assert not dossier.attachments.exists()


def test_the_result_is_downloaded_by_the_applicant_only(cast, minh):
    dossier = returned(cast)
    result = dossier.attachments.get(kind=Attachment.Kind.RESULT)
    url = f"/ho-so-cua-toi/{dossier.reference}/ket-qua/{result.pk}/"
    response = logged_in(cast.lan).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(
        action="dossier.result_downloaded", actor=cast.lan, target_id=str(dossier.pk)
    ).exists()
    stranger = User.objects.create_user(username="mai", password="x")
    assert logged_in(stranger).get(url).status_code == 404
    assert logged_in(cast.ha).get(url).status_code == 404
    # Even the clerk who helped submit it does not receive the citizen's result.
    Dossier.objects.filter(pk=dossier.pk).update(submitted_by=minh)
    assert logged_in(minh).get(url).status_code == 404


def test_a_dossier_is_rated_once_after_its_result_is_returned(cast):
    early = submitted(cast)
    client = logged_in(cast.lan)
    client.post(f"/ho-so-cua-toi/{early.reference}/danh-gia/", {"score": "5"})
    assert not Rating.objects.exists()

    dossier = returned(cast)
    assert (
        "Đánh giá mức độ hài lòng"
        in client.get(f"/ho-so-cua-toi/{dossier.reference}/").content.decode()
    )
    client.post(f"/ho-so-cua-toi/{dossier.reference}/danh-gia/", {"score": "4", "comment": "Nhanh"})
    client.post(f"/ho-so-cua-toi/{dossier.reference}/danh-gia/", {"score": "1"})
    rating = Rating.objects.get()
    assert (rating.dossier, rating.score, rating.comment) == (dossier, 4, "Nhanh")
    assert AuditEntry.objects.filter(action="dossier.rated").count() == 1
    stranger = logged_in(User.objects.create_user(username="mai", password="x"))
    assert stranger.post(f"/ho-so-cua-toi/{dossier.reference}/danh-gia/").status_code == 404


def test_a_dossier_is_withdrawn_with_a_reason(cast):
    dossier = submitted(cast)
    client = logged_in(cast.lan)
    client.post(f"/ho-so-cua-toi/{dossier.reference}/rut/", {"reason": ""})
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    client.post(f"/ho-so-cua-toi/{dossier.reference}/rut/", {"reason": "Nộp nhầm thủ tục"})
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN


def test_every_post_needs_the_csrf_token(cast):
    from django.test import Client

    dossier = submitted(cast)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.lan)
    response = client.post(f"/ho-so-cua-toi/{dossier.reference}/rut/", {"reason": "Nhầm"})
    assert response.status_code == 403
