"""The dossier page /can-bo/ho-so/<reference>/ and its actions, each a POST that redirects back."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from motcua.backoffice.actions import allowed_actions
from motcua.core.models import AuditEntry
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, Status

from .conftest import logged_in, submit


def page_of(dossier: Dossier) -> str:
    return f"/can-bo/ho-so/{dossier.reference}/"


def act(user, dossier: Dossier, action: str, data=None, **client_options):
    client = logged_in(user, **client_options)
    response = client.post(f"{page_of(dossier)}{action}/", data or {})
    return response, [str(m) for m in get_messages(response.wsgi_request)]


def slugs(dossier: Dossier, user) -> list[str]:
    fresh = Dossier.objects.select_related(
        "receiving_agency", "current_agency", "current_step"
    ).get(pk=dossier.pk)
    return [a.slug for a in allowed_actions(fresh, user, timezone.now())]


@pytest.fixture
def online(cast):
    return submit(cast)


@pytest.fixture
def received(cast, online):
    return lifecycle.receive(online, by=cast.ha)


def test_the_page_shows_the_dossier_and_records_the_personal_data_read(cast, received):
    response = logged_in(cast.khoa).get(page_of(received))

    assert response.status_code == 200
    page = response.content.decode()
    assert received.code in page
    assert "Hồ Thị Lan" in page and "064190001234" in page
    assert "Mục đích yêu cầu cấp Phiếu" in page  # the form, titled by its schema
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp" in page  # a component
    assert "Tiếp nhận hồ sơ" in page  # the timeline
    entry = AuditEntry.objects.filter(action="personal_data.read").get()
    assert entry.actor == cast.khoa
    assert entry.target_id == str(received.pk)


def test_the_code_leads_to_the_page_by_reference(cast, received):
    response = logged_in(cast.ha).get(f"/can-bo/ho-so/{received.code.lower()}/")

    assert response.status_code == 302
    assert response["Location"] == page_of(received)


def test_another_agencys_dossier_is_not_found(cast, received):
    client = logged_in(cast.tung)

    assert client.get(page_of(received)).status_code == 404
    assert client.get(f"/can-bo/ho-so/{received.code}/").status_code == 404
    assert client.post(f"{page_of(received)}approve/").status_code == 404
    assert client.get(f"{page_of(received)}phieu/receipt/").status_code == 404


def test_receiving_offers_the_receipt(cast, online):
    response, messages = act(cast.ha, online, "receive")

    assert response.status_code == 302
    assert response["Location"] == page_of(online)
    online.refresh_from_db()
    assert online.status == Status.RECEIVED
    assert messages == [
        f'Đã tiếp nhận hồ sơ {online.code}. <a href="/can-bo/ho-so/{online.reference}/phieu/'
        'receipt/">In giấy tiếp nhận</a>'
    ]


def test_a_domain_error_is_a_message_not_a_500(cast, online):
    response, messages = act(cast.ha, online, "refuse", {"reasons": "  "})

    assert response.status_code == 302
    assert messages == ["Phải nêu rõ lý do từ chối tiếp nhận hồ sơ."]
    online.refresh_from_db()
    assert online.status == Status.SUBMITTED


def test_a_state_the_action_does_not_fit_is_a_message(cast, received):
    response, messages = act(cast.ha, received, "receive")

    assert response.status_code == 302
    assert messages == ["Không thể tiếp nhận hồ sơ khi hồ sơ đang ở trạng thái «Được tiếp nhận»."]


def test_the_wrong_role_gets_a_message(cast, received):
    # Khoa may see the dossier (his agency holds it) but only a leader approves.
    response, messages = act(cast.khoa, received, "approve")

    assert response.status_code == 302
    assert messages == ["Bạn không có quyền phê duyệt kết quả giải quyết hồ sơ tại Sở Tư pháp."]


def test_an_action_without_csrf_is_forbidden(cast, online):
    response, _ = act(cast.ha, online, "receive", enforce_csrf_checks=True)

    assert response.status_code == 403
    online.refresh_from_db()
    assert online.status == Status.SUBMITTED


def test_an_unknown_action_is_not_found(cast, online):
    response, _ = act(cast.ha, online, "delete")

    assert response.status_code == 404


def test_a_get_on_an_action_is_not_allowed(cast, online):
    assert logged_in(cast.ha).get(f"{page_of(online)}receive/").status_code == 405


def test_refusing_and_asking_for_a_supplement_at_reception(cast, online):
    assert slugs(online, cast.ha) == [
        "receive",
        "refuse",
        "request_supplement_at_reception",
        "withdraw",
    ]
    _, messages = act(
        cast.ha,
        online,
        "request_supplement_at_reception",
        {"items": "Tờ khai có chữ ký\n\nBản sao giấy khai sinh", "note": "Bổ sung trong 5 ngày"},
    )
    assert messages == [f"Đã yêu cầu bổ sung hồ sơ {online.reference}."]
    event = online.events.get(action="request_supplement_at_reception")
    assert event.details["items"] == ["Tờ khai có chữ ký", "Bản sao giấy khai sinh"]

    _, messages = act(cast.ha, online, "refuse", {"reasons": "Không thuộc thẩm quyền"})
    assert messages == [f"Đã từ chối tiếp nhận hồ sơ {online.reference}."]
    online.refresh_from_db()
    assert online.status == Status.REFUSED
    assert slugs(online, cast.ha) == []


def test_the_whole_path_through_the_buttons(cast, received):
    assert slugs(received, cast.nhung) == ["assign", "apologise"]
    assert slugs(received, cast.khoa) == ["request_supplement"]

    page = logged_in(cast.nhung).get(page_of(received)).content.decode()
    assert 'data-action="assign"' in page and "Trần Đăng Khoa" in page
    _, messages = act(cast.nhung, received, "assign", {"assignee": cast.khoa.pk})
    assert messages == [f"Đã phân công xử lý hồ sơ {received.code}."]

    assert slugs(received, cast.khoa) == ["request_supplement", "forward"]
    _, messages = act(cast.khoa, received, "forward", {"note": "Đủ điều kiện cấp"})
    assert messages == [f"Đã chuyển hồ sơ {received.code} sang bước tiếp theo."]

    assert "approve" in slugs(received, cast.nhung)
    assert "forward" not in slugs(received, cast.khoa)
    _, messages = act(cast.nhung, received, "approve", {"note": "Đồng ý"})
    assert messages == [f"Đã phê duyệt hồ sơ {received.code}."]

    _, messages = act(cast.nhung, received, "mark_result_ready")
    assert messages[0].startswith(f"Hồ sơ {received.code} đã có kết quả")

    assert slugs(received, cast.ha) == ["return_result"]
    _, messages = act(cast.ha, received, "return_result", {"method": "postal"})
    assert messages == [f"Đã trả kết quả hồ sơ {received.code}."]
    received.refresh_from_db()
    assert received.status == Status.RETURNED
    assert received.return_method == "postal"
    actions = list(received.events.values_list("action", "actor__username"))
    assert actions[-5:] == [
        ("assign", "nhung"),
        ("forward", "khoa"),
        ("approve", "nhung"),
        ("mark_result_ready", "nhung"),
        ("return_result", "ha"),
    ]
    audited = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"dossier.assign", "dossier.approve", "dossier.return_result"} <= audited


def test_assigning_nobody_is_a_message(cast, received):
    _, messages = act(cast.nhung, received, "assign", {"assignee": ""})

    assert messages == ["Vui lòng chọn cán bộ được phân công xử lý hồ sơ."]


def test_reject_needs_reasons(cast, received):
    lifecycle.forward(lifecycle.assign(received, by=cast.nhung, to=cast.khoa), by=cast.khoa)

    _, messages = act(cast.nhung, received, "reject", {"reasons": ""})
    assert messages == ["Phải nêu rõ lý do từ chối giải quyết hồ sơ."]
    _, messages = act(cast.nhung, received, "reject", {"reasons": "Có án tích chưa xóa"})
    assert messages == [f"Đã từ chối giải quyết hồ sơ {received.code}."]


def test_a_supplement_after_reception_and_its_arrival(cast, received):
    lifecycle.assign(received, by=cast.nhung, to=cast.khoa)

    _, messages = act(cast.khoa, received, "request_supplement", {"items": ""})
    assert messages[0].startswith("Phải liệt kê đầy đủ các giấy tờ cần bổ sung")
    act(cast.khoa, received, "request_supplement", {"items": "Bản sao sổ hộ khẩu"})
    received.refresh_from_db()
    assert received.status == Status.AWAITING_SUPPLEMENT

    assert slugs(received, cast.ha) == ["receive_supplement", "withdraw"]
    _, messages = act(cast.ha, received, "receive_supplement", {"note": "Đã nộp đủ"})
    assert messages[0].startswith("Đã tiếp nhận hồ sơ bổ sung")


def test_an_apology_with_a_new_date(cast, received):
    new_date = timezone.localtime(received.due_at + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")

    _, messages = act(
        cast.nhung, received, "apologise", {"new_due_at": "", "reason": "Chờ xác minh"}
    )
    assert messages[0].startswith("Vui lòng chọn ngày và giờ hẹn trả mới")
    _, messages = act(
        cast.nhung, received, "apologise", {"new_due_at": new_date, "reason": "Chờ xác minh"}
    )
    assert messages == [f"Đã xin lỗi và hẹn lại ngày trả kết quả hồ sơ {received.code}."]
    assert "apologise" not in slugs(received, cast.nhung)  # at most once
    _, messages = act(
        cast.nhung, received, "apologise", {"new_due_at": new_date, "reason": "Lần nữa"}
    )
    assert messages[0].startswith("Hồ sơ đã được xin lỗi và hẹn lại")


def test_withdrawing_at_the_applicants_request(cast, received):
    _, messages = act(cast.ha, received, "withdraw", {"reason": "Công dân không còn nhu cầu"})

    assert messages == [f"Đã rút hồ sơ {received.code} theo yêu cầu của người nộp."]
    received.refresh_from_db()
    assert received.status == Status.WITHDRAWN


def test_a_transfer_to_another_agency_can_be_taken_back(cast):
    building = lifecycle.receive(submit(cast, building=True), by=cast.ha)
    building = lifecycle.assign(building, by=cast.tung, to=cast.bao)
    building = lifecycle.forward(building, by=cast.bao)  # to Nông nghiệp và Môi trường

    assert "take_back" in slugs(building, cast.bao)
    assert "take_back" not in slugs(building, cast.phuc)
    _, messages = act(cast.bao, building, "take_back", {"note": "Chuyển nhầm"})

    assert messages == [f"Đã thu hồi hồ sơ {building.code}."]
    building.refresh_from_db()
    assert building.current_agency == cast.xay_dung
