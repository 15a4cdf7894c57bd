"""Papers the state already holds: fetched through the LGSP at submission (about the verified
identity only), kept as a reference and a short summary the officer reads, never lost to a
national system that is down; sources without a client left to the officer; the applicant's own
earlier results picked instead of an upload; the officer's result file downloaded online."""

# ruff: noqa: F811  (pytest fixtures imported from tests/submissions/conftest.py)

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.catalog.models import Component
from motcua.core.models import AuditEntry
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Attachment, Dossier, ReturnMethod, Status
from motcua.submissions import drafts
from motcua.submissions.models import Draft
from tests.submissions.conftest import (  # noqa: F401  (fixtures)
    LAN,
    LAN_NUMBER,
    PDF,
    _a_paper_to_upload,
    _private_media,
    cast,
    id_card,
    logged_in,
    minh,
    national,
    paper,
    ready_draft,
    verify,
)

pytestmark = pytest.mark.django_db


def submit_url(draft: Draft) -> str:
    return f"/nop-ho-so/ban-nhap/{draft.pk}/gui/"


def papers_url(draft: Draft) -> str:
    return f"/nop-ho-so/ban-nhap/{draft.pk}/giay-to/"


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_national_system_down_keeps_the_draft_and_says_what_to_do(cast, national):
    draft = ready_draft(cast)
    national.down = True
    response = logged_in(cast.lan).post(submit_url(draft))
    assert response["Location"] == f"/nop-ho-so/ban-nhap/{draft.pk}/xem-lai/"
    [message] = messages_of(response)
    assert "tạm thời không phản hồi" in message
    assert "Hồ sơ nháp của bạn vẫn được lưu" in message and "tải bản quét" in message
    assert not Dossier.objects.exists()
    assert Draft.objects.get(pk=draft.pk).consents == draft.consents

    national.down = False
    logged_in(cast.lan).post(submit_url(draft))
    assert Dossier.objects.get().components.get(component=id_card(cast)).record_reference


def test_a_number_the_database_does_not_know_is_no_submission(cast, national):
    draft = ready_draft(cast)
    national.citizens.clear()
    response = logged_in(cast.lan).post(submit_url(draft))
    assert "không có thông tin về bạn" in messages_of(response)[0]
    assert not Dossier.objects.exists() and Draft.objects.filter(pk=draft.pk).exists()


def test_the_lookup_is_about_the_verified_number_never_the_typed_one(cast, national):
    draft = ready_draft(cast)
    # Someone edits the stored applicant block: the lookup still asks for her own number.
    draft.applicant = {**draft.applicant, "id_number": "052195001234"}
    draft.save()
    drafts.submit(draft, by=cast.lan)
    assert [number for number, _, _ in national.asked] == [LAN_NUMBER]


def test_an_assisted_submission_reuses_data_only_for_a_verified_citizen(cast, minh, national):
    draft = drafts.start(cast.lltp, owner=minh, on_behalf=True)
    drafts.save_applicant(
        draft,
        values={k: LAN[k] for k in drafts.APPLICANT_FIELDS},
        agency_id=str(cast.center.pk),
        consent=True,
    )
    assert "chưa có tài khoản đã xác thực" in drafts.reuse.blocked_reason(draft, id_card(cast))
    drafts.save_papers(draft, consents={id_card(cast).pk}, files={}, by=minh)
    assert draft.consents == {}

    verify(cast.lan)
    assert drafts.reuse.blocked_reason(draft, id_card(cast)) == ""
    drafts.save_papers(draft, consents={id_card(cast).pk}, files={}, by=minh)
    assert list(draft.consents) == [str(id_card(cast).pk)]


def test_a_source_without_a_client_keeps_consent_for_the_officer(cast, national):
    insurance = Component.objects.create(
        procedure=cast.lltp, order=4, name="Sổ bảo hiểm xã hội", replaced_by="CSDL_BHXH"
    )
    draft = ready_draft(cast)
    client = logged_in(cast.lan)
    page = client.get(papers_url(draft)).content.decode()
    assert "Cán bộ sẽ khai thác khi tiếp nhận hồ sơ." in page
    drafts.save_papers(draft, consents={id_card(cast).pk, insurance.pk}, files={}, by=cast.lan)
    client.post(submit_url(draft))
    dossier = Dossier.objects.get()
    book = dossier.components.get(component=insurance)
    assert book.replaced_by == "CSDL_BHXH" and book.consent_at and book.record_reference == ""
    # Only the population database was asked: nobody pretends to have read the other one.
    assert len(national.asked) == 1

    dossier = lifecycle.receive(dossier, by=cast.ha)
    page = logged_in(cast.ha).get(f"/can-bo/ho-so/{dossier.reference}/").content.decode()
    assert "Đã khai thác từ Cơ sở dữ liệu quốc gia về dân cư, mã bản tin MSG-DC-1." in page
    assert "Thôn 3, xã Ia Grai, tỉnh Gia Lai" in page
    assert "cán bộ khai thác khi tiếp nhận" in page


def test_a_business_paper_comes_from_the_registry_for_a_verified_organisation(cast, national):
    licence = Component.objects.create(
        procedure=cast.lltp, order=4, name="Giấy chứng nhận đăng ký doanh nghiệp",
        replaced_by="CSDL_DKDN",
    )  # fmt: skip
    draft = ready_draft(cast)
    assert "chưa được xác thực là của doanh nghiệp" in drafts.reuse.blocked_reason(draft, licence)
    cast.lan.organisation_code = "5800123456"
    cast.lan.organisation_verified_at = timezone.now()
    cast.lan.save()
    drafts.save_papers(draft, consents={id_card(cast).pk, licence.pk}, files={}, by=cast.lan)
    dossier = drafts.submit(draft, by=cast.lan)
    fetched = dossier.components.get(component=licence)
    assert fetched.record_reference == "MSG-DN-2"
    assert ["Tên doanh nghiệp", "Công ty TNHH Cà phê Núi"] in fetched.reused.summary
    reads = AuditEntry.objects.filter(action="personal_data.read", target_id=str(cast.lan.pk))
    assert sorted(e.details["source"] for e in reads) == ["CSDLQG_DAN_CU", "CSDL_DKDN"]


def earlier_result(cast: Any, owner: Any, title: str = "Phiếu lý lịch tư pháp.pdf") -> Attachment:
    dossier = lifecycle.submit_online(
        cast.lltp,
        applicant={**LAN},
        form_data={"purpose": "Xin việc làm"},
        by=owner,
        receiving_agency=cast.center,
        return_method=ReturnMethod.ONLINE,
    )
    dossier = lifecycle.assign(lifecycle.receive(dossier, by=cast.ha), by=cast.nhung, to=cast.khoa)
    dossier = lifecycle.approve(lifecycle.forward(dossier, by=cast.khoa), by=cast.nhung)
    dossier = lifecycle.mark_result_ready(dossier, by=cast.khoa)
    result = Attachment.objects.create(
        dossier=dossier,
        kind=Attachment.Kind.RESULT,
        title=title,
        file=ContentFile(PDF, name="ket-qua.pdf"),
        content_type="application/pdf",
        size=len(PDF),
        sha256="-",
    )
    lifecycle.return_result(dossier, by=cast.ha, method=ReturnMethod.ONLINE)
    return result


def test_an_earlier_result_of_her_own_stands_in_for_a_paper(cast):
    earlier = Component.objects.create(
        procedure=cast.lltp, order=4, name="Phiếu lý lịch tư pháp đã cấp", replaced_by="KET_QUA"
    )
    draft = ready_draft(cast)
    client = logged_in(cast.lan)
    page = client.get(papers_url(draft)).content.decode()
    assert "Bạn chưa có kết quả điện tử nào" in page

    mine = earlier_result(cast, cast.lan)
    stranger = earlier_result(cast, cast.khoa, title="Kết quả của người khác.pdf")
    page = client.get(papers_url(draft)).content.decode()
    assert "Phiếu lý lịch tư pháp.pdf" in page and "Kết quả của người khác" not in page

    # Someone else's result is never taken, even when its id is sent.
    data = {f"file_{paper(cast).pk}": SimpleUploadedFile("giay.pdf", PDF)}
    data |= {"consent": str(id_card(cast).pk), f"earlier_{earlier.pk}": str(stranger.pk)}
    assert client.post(papers_url(draft), data).status_code == 422
    data = {"consent": str(id_card(cast).pk), f"earlier_{earlier.pk}": str(mine.pk)}
    assert client.post(papers_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.earlier_results == {str(earlier.pk): mine.pk}

    client.post(submit_url(draft))
    dossier = Dossier.objects.filter(status=Status.SUBMITTED).get()
    reused = dossier.components.get(component=earlier)
    assert reused.replaced_by == "KET_QUA"
    assert reused.record_reference == f"{mine.dossier.code}/{mine.pk}"
    assert reused.files.get().file.read() == PDF


def test_the_officer_attaches_the_result_and_only_the_applicant_downloads_it(cast):
    dossier = drafts.submit(ready_draft(cast), by=cast.lan)
    dossier = lifecycle.assign(lifecycle.receive(dossier, by=cast.ha), by=cast.nhung, to=cast.khoa)
    dossier = lifecycle.approve(lifecycle.forward(dossier, by=cast.khoa), by=cast.nhung)
    page = f"/can-bo/ho-so/{dossier.reference}/"
    assert 'name="result_file"' in logged_in(cast.nhung).get(page).content.decode()

    bad = SimpleUploadedFile("ket-qua.pdf", b"MZ not a pdf at all")
    response = logged_in(cast.nhung).post(f"{page}mark_result_ready/", {"result_file": bad})
    assert "không phải PDF" in messages_of(response)[0]
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING  # a refused file leaves the status as it was

    good = SimpleUploadedFile("Phiếu LLTP số 12.pdf", PDF)
    logged_in(cast.nhung).post(f"{page}mark_result_ready/", {"result_file": good})
    logged_in(cast.ha).post(f"{page}return_result/", {"method": "online"})
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    result = dossier.attachments.get(kind=Attachment.Kind.RESULT)
    assert result.title == "Phiếu LLTP số 12.pdf"

    mine = f"/ho-so-cua-toi/{dossier.reference}/"
    assert "Tải về: Phiếu LLTP số 12.pdf" in logged_in(cast.lan).get(mine).content.decode()
    download = logged_in(cast.lan).get(f"{mine}ket-qua/{result.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert logged_in(cast.khoa).get(f"{mine}ket-qua/{result.pk}/").status_code == 404
