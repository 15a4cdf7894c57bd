"""The dossier life cycle, action by action, told with the cast of conftest.py."""

from datetime import datetime
from typing import Any

import pytest

from motcua.catalog.forms import FormInvalid
from motcua.core.errors import InvalidInput
from motcua.core.models import AuditEntry, OutboxEvent
from motcua.dossiers import lifecycle
from motcua.dossiers.errors import (
    AlreadyDecided,
    CannotTakeBack,
    NotAssignable,
    NotDecided,
    NotPermitted,
    NotReceivingAgency,
    ProcedureNotOnline,
    ReasonRequired,
    SupplementItemsRequired,
    TransitionNotAllowed,
    WrongStep,
)
from motcua.dossiers.models import Channel, Decision, Dossier, ReturnMethod, Status
from motcua.dossiers.queries import visible_to
from motcua.org.models import Role, StaffAssignment

from .conftest import Cast, local, official

MONDAY = local(2026, 3, 9, 9, 0)  # no holiday for weeks around it


def submit(
    cast: Cast, applicant: dict[str, Any], *, building: bool = False, at: datetime = MONDAY
) -> Dossier:
    procedure = cast.building if building else cast.lltp
    return lifecycle.submit_online(
        procedure,
        applicant=applicant,
        form_data={} if building else {"purpose": "Bổ sung hồ sơ xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        return_method=ReturnMethod.ONLINE,
        at=at,
    )


def received(cast: Cast, applicant: dict[str, Any], *, building: bool = False) -> Dossier:
    dossier = submit(cast, applicant, building=building)
    return lifecycle.receive(dossier, by=cast.ha, at=local(2026, 3, 9, 10, 0))


def in_processing(cast: Cast, applicant: dict[str, Any]) -> Dossier:
    dossier = received(cast, applicant)
    return lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa, at=local(2026, 3, 9, 14, 0))


def at_approval(cast: Cast, applicant: dict[str, Any]) -> Dossier:
    dossier = in_processing(cast, applicant)
    return lifecycle.forward(dossier, by=cast.khoa, note="Đủ điều kiện", at=local(2026, 3, 13, 9))


def actions(dossier: Dossier) -> list[str]:
    return list(dossier.events.order_by("id").values_list("action", flat=True))


def emitted(**lookups: str) -> list[OutboxEvent]:
    """One row per emitted event: a topic with several handlers has a row for each of them."""
    rows: dict[tuple[str, str], OutboxEvent] = {}
    for row in OutboxEvent.objects.filter(**lookups).order_by("id"):
        rows.setdefault((row.topic, row.key), row)
    return list(rows.values())


def topics(dossier: Dossier) -> list[str]:
    return [row.topic for row in emitted(key__startswith=f"{dossier.reference}:")]


# --- Submission ------------------------------------------------------------------------------


def test_lan_submits_online_and_gets_a_reference_but_no_code_yet(cast, lan_applicant):
    dossier = submit(cast, lan_applicant)

    assert dossier.status == Status.SUBMITTED
    assert dossier.national_status_code == 1
    assert dossier.channel == Channel.ONLINE
    assert dossier.reference.startswith("NOP-260309-")
    assert dossier.code is None
    assert dossier.applicant_user == cast.lan
    assert dossier.submitted_by is None
    assert dossier.applicant_name == "Hồ Thị Lan"
    assert dossier.applicant_id_number == "064190001234"
    assert dossier.form_data["purpose"] == "Bổ sung hồ sơ xin việc"
    assert dossier.current_agency == cast.center
    components = list(dossier.components.values_list("name", "replaced_by", "consent_at"))
    assert components == [
        ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "", None),
        ("Bản chụp thẻ Căn cước", "CSDLQG_DAN_CU", MONDAY),
    ]
    assert actions(dossier) == ["submit"]
    assert topics(dossier) == ["dossier.status_changed", "dossier.submitted"]
    assert AuditEntry.objects.filter(action="dossier.submit", actor=cast.lan).count() == 1


def test_a_post_office_clerk_submits_for_lan_with_her_consent(cast, lan_applicant):
    mai = official("mai", "Đinh Thị Mai", (cast.center, "assisted_submitter"))
    consent = local(2026, 3, 9, 8, 50)

    dossier = lifecycle.submit_online(
        cast.lltp,
        applicant=lan_applicant,
        form_data={"purpose": "Xuất khẩu lao động"},
        by=mai,
        receiving_agency=cast.center,
        consent_at=consent,
        at=MONDAY,
    )

    assert dossier.channel == Channel.ONLINE
    assert dossier.submitted_by == mai
    assert dossier.applicant_user is None
    assert dossier.consent_at == consent
    assert dossier.components.get(replaced_by="CSDLQG_DAN_CU").consent_at == consent
    assert dossier.events.get().details == {"assisted": True}


def test_lan_cannot_claim_to_submit_for_someone_else(cast, lan_applicant):
    with pytest.raises(NotPermitted) as error:
        lifecycle.submit_online(
            cast.lltp,
            applicant=lan_applicant,
            form_data={"purpose": "Xuất khẩu lao động"},
            by=cast.lan,
            receiving_agency=cast.center,
            consent_at=MONDAY,
        )
    assert error.value.message == (
        "Bạn không có quyền nộp hồ sơ trực tuyến thay người dân (có sự đồng ý)."
    )
    assert error.value.status == 403
    assert not Dossier.objects.exists()


def test_a_form_that_misses_a_required_field_is_refused_field_by_field(cast, lan_applicant):
    with pytest.raises(FormInvalid) as error:
        lifecycle.submit_online(
            cast.lltp,
            applicant=lan_applicant,
            form_data={},
            by=cast.lan,
            receiving_agency=cast.center,
        )
    assert set(error.value.errors) == {"purpose"}
    assert not Dossier.objects.exists()


def test_a_procedure_not_offered_online_cannot_be_submitted_online(cast, lan_applicant):
    cast.lltp.online_class = ""
    cast.lltp.save()
    with pytest.raises(ProcedureNotOnline) as error:
        submit(cast, lan_applicant)
    assert error.value.message == (
        "Thủ tục «Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam» chưa cung cấp dịch vụ công "
        "trực tuyến: vui lòng nộp hồ sơ tại bộ phận một cửa."
    )


def test_a_dossier_cannot_be_sent_to_an_agency_that_does_not_receive_the_procedure(
    cast, lan_applicant
):
    with pytest.raises(NotReceivingAgency) as error:
        lifecycle.submit_online(
            cast.lltp,
            applicant=lan_applicant,
            form_data={"purpose": "Xin việc"},
            by=cast.lan,
            receiving_agency=cast.xay_dung,
        )
    assert error.value.message == (
        "Sở Xây dựng không tiếp nhận hồ sơ của thủ tục «Cấp Phiếu lý lịch tư pháp cho công dân "
        "Việt Nam»."
    )


# --- Reception -------------------------------------------------------------------------------


def test_ha_receives_lans_dossier_and_it_goes_straight_to_tu_phap(cast, lan_applicant):
    dossier = submit(cast, lan_applicant)

    dossier = lifecycle.receive(dossier, by=cast.ha, at=local(2026, 3, 9, 10, 0))

    assert dossier.status == Status.RECEIVED
    assert dossier.code == "000.00.01.H21-260309-0001"
    assert dossier.rule_set == "nd118_2025"
    assert dossier.procedure_snapshot == {
        "code": "2.001417",
        "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "legacy_level": 4,
        "online_class": "full",
        "online_provider": "province",
        "time_limit": 10,
        "time_limit_unit": "working_days",
        "fee": 200_000,
        "implementing_agency": "000.00.02.H21",
    }
    assert dossier.fee_amount == 200_000
    assert dossier.received_at == local(2026, 3, 9, 10, 0)
    assert dossier.counted_from == local(2026, 3, 9, 10, 0)
    assert dossier.due_at == dossier.original_due_at == local(2026, 3, 23, 17, 0)
    assert dossier.current_step.name == "Thẩm định, xác minh"
    assert dossier.current_agency == cast.tu_phap
    assert actions(dossier) == ["submit", "receive"]
    event = dossier.events.get(action="receive")
    assert (event.actor, event.from_status, event.to_status) == (cast.ha, "submitted", "received")
    assert event.agency == cast.center
    assert topics(dossier)[-2:] == ["dossier.status_changed", "dossier.received"]
    [received_event] = emitted(topic="dossier.received")
    assert received_event.key == f"{dossier.reference}:{event.pk}"
    assert received_event.payload["code"] == "000.00.01.H21-260309-0001"
    assert received_event.payload["status_code"] == 2
    assert received_event.payload["agency_code"] == "000.00.01.H21"
    assert received_event.payload["current_agency_code"] == "000.00.02.H21"
    assert received_event.payload["due_at"] == "2026-03-23T17:00:00+07:00"
    assert AuditEntry.objects.filter(action="dossier.receive", actor=cast.ha).count() == 1


def test_khoa_of_tu_phap_cannot_receive_at_the_service_center(cast, lan_applicant):
    dossier = submit(cast, lan_applicant)
    with pytest.raises(NotPermitted) as error:
        lifecycle.receive(dossier, by=cast.khoa)
    assert error.value.code == "forbidden"
    assert error.value.message == (
        "Bạn không có quyền tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh Gia Lai."
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    assert actions(dossier) == ["submit"]


def test_a_dossier_cannot_be_received_twice(cast, lan_applicant):
    dossier = received(cast, lan_applicant)
    with pytest.raises(TransitionNotAllowed) as error:
        lifecycle.receive(dossier, by=cast.ha)
    assert error.value.code == "transition_not_allowed"
    assert error.value.status == 409
    assert error.value.message == (
        "Không thể tiếp nhận hồ sơ khi hồ sơ đang ở trạng thái «Được tiếp nhận»."
    )


def test_ha_refuses_an_incomplete_online_dossier_with_reasons(cast, lan_applicant):
    dossier = submit(cast, lan_applicant)

    dossier = lifecycle.refuse(
        dossier, by=cast.ha, reasons="  Không thuộc thẩm quyền giải quyết.  ", at=MONDAY
    )

    assert dossier.status == Status.REFUSED
    assert dossier.code is None
    assert dossier.decision_note == "Không thuộc thẩm quyền giải quyết."
    assert dossier.finished_at is None
    assert topics(dossier)[-2:] == ["dossier.status_changed", "dossier.refused"]


def test_refusing_needs_reasons_a_receiving_officer_and_a_dossier_not_yet_received(
    cast, lan_applicant
):
    dossier = submit(cast, lan_applicant)
    with pytest.raises(ReasonRequired) as error:
        lifecycle.refuse(dossier, by=cast.ha, reasons="   ")
    assert error.value.message == "Phải nêu rõ lý do từ chối tiếp nhận hồ sơ."
    with pytest.raises(NotPermitted) as forbidden:
        lifecycle.refuse(dossier, by=cast.nhung, reasons="Thiếu giấy tờ")
    assert forbidden.value.message == (
        "Bạn không có quyền từ chối tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh "
        "Gia Lai."
    )
    dossier = lifecycle.receive(dossier, by=cast.ha)
    with pytest.raises(TransitionNotAllowed) as error2:
        lifecycle.refuse(dossier, by=cast.ha, reasons="Thiếu giấy tờ")
    assert error2.value.message == (
        "Không thể từ chối tiếp nhận hồ sơ khi hồ sơ đang ở trạng thái «Được tiếp nhận»."
    )


def test_a_walk_in_dossier_is_created_and_received_in_one_go(cast, lan_applicant):
    # 16:00 is after the 15:00 cut-off: the paper folder reaches Tư pháp the next working day.
    dossier = lifecycle.create_at_desk(
        cast.lltp,
        applicant=lan_applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.ha,
        at=local(2026, 3, 9, 16, 0),
    )

    assert dossier.status == Status.RECEIVED
    assert dossier.channel == Channel.DESK
    assert dossier.receiving_agency == cast.center
    assert dossier.code == "000.00.01.H21-260309-0001"
    assert dossier.components.count() == 2
    assert actions(dossier) == ["submit", "receive"]
    receive_event = dossier.events.get(action="receive")
    assert receive_event.details["paper_handover_due_at"] == "2026-03-10T17:00:00+07:00"
    assert topics(dossier) == ["dossier.status_changed", "dossier.received"]


def test_a_postal_dossier_is_received_at_its_hand_over_and_online_is_not_a_desk_channel(
    cast, lan_applicant
):
    dossier = lifecycle.create_at_desk(
        cast.lltp,
        applicant=lan_applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.ha,
        channel=Channel.POSTAL,
        at=local(2026, 3, 9, 10, 0),
    )
    assert dossier.channel == Channel.POSTAL
    assert dossier.received_at == local(2026, 3, 9, 10, 0)
    with pytest.raises(InvalidInput):
        lifecycle.create_at_desk(
            cast.lltp,
            applicant=lan_applicant,
            form_data={"purpose": "Xin việc"},
            by=cast.ha,
            channel=Channel.ONLINE,
        )


def test_only_an_officer_of_a_receiving_desk_creates_a_dossier_at_the_desk(cast, lan_applicant):
    with pytest.raises(NotPermitted) as error:
        lifecycle.create_at_desk(
            cast.lltp, applicant=lan_applicant, form_data={"purpose": "Xin việc"}, by=cast.khoa
        )
    assert error.value.message == (
        "Bạn không có quyền tiếp nhận hồ sơ của thủ tục «Cấp Phiếu lý lịch tư pháp cho công dân "
        "Việt Nam» tại nơi nào."
    )
    assert not Dossier.objects.exists()


# --- Assignment and processing ---------------------------------------------------------------


def test_nhung_assigns_khoa_and_processing_starts(cast, lan_applicant):
    dossier = received(cast, lan_applicant)

    dossier = lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa)

    assert dossier.status == Status.PROCESSING
    assert dossier.national_status_code == 4
    assert dossier.assignee == cast.khoa
    event = dossier.events.get(action="assign")
    assert event.agency == cast.tu_phap
    assert event.details["assignee"] == "Trần Đăng Khoa"


def test_nhung_can_reassign_to_herself_with_the_same_call(cast, lan_applicant):
    dossier = in_processing(cast, lan_applicant)
    dossier = lifecycle.assign(dossier, by=cast.nhung, to=cast.nhung)
    assert dossier.status == Status.PROCESSING
    assert dossier.assignee == cast.nhung
    assert dossier.events.filter(action="assign").count() == 2


def test_only_a_leader_of_the_agency_holding_the_dossier_assigns_it(cast, lan_applicant):
    dossier = received(cast, lan_applicant)
    message = "Bạn không có quyền phân công xử lý hồ sơ tại Sở Tư pháp."
    for intruder in (cast.tung, cast.khoa, cast.ha):
        with pytest.raises(NotPermitted) as error:
            lifecycle.assign(dossier, by=intruder, to=cast.khoa)
        assert error.value.message == message


def test_a_dossier_cannot_be_assigned_to_a_specialist_of_another_agency(cast, lan_applicant):
    dossier = received(cast, lan_applicant)
    with pytest.raises(NotAssignable) as error:
        lifecycle.assign(dossier, by=cast.nhung, to=cast.bao)
    assert error.value.message == (
        "«Phạm Quốc Bảo» không phải cán bộ xử lý hồ sơ của Sở Tư pháp: không thể phân công."
    )


def test_a_dossier_not_yet_received_cannot_be_assigned(cast, lan_applicant):
    dossier = submit(cast, lan_applicant)
    dossier.current_agency = cast.tu_phap  # even if it somehow sat in Tư pháp's queue
    dossier.save()
    with pytest.raises(TransitionNotAllowed) as error:
        lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa)
    assert error.value.message == (
        "Không thể phân công xử lý hồ sơ khi hồ sơ đang ở trạng thái «Mới đăng ký»."
    )


def test_khoa_forwards_to_the_leader_for_approval(cast, lan_applicant):
    dossier = in_processing(cast, lan_applicant)

    dossier = lifecycle.forward(dossier, by=cast.khoa, note="Đủ điều kiện cấp Phiếu")

    assert dossier.status == Status.PROCESSING
    assert dossier.current_step.name == "Ký Phiếu lý lịch tư pháp"
    assert dossier.current_agency == cast.tu_phap
    assert dossier.assignee == cast.khoa
    event = dossier.events.get(action="forward")
    assert event.step.name == "Thẩm định, xác minh"
    assert event.note == "Đủ điều kiện cấp Phiếu"
    assert topics(dossier)[-1] == "dossier.forwarded"


def test_forwarding_is_for_the_assignee_or_a_leader_of_that_agency(cast, lan_applicant):
    dossier = in_processing(cast, lan_applicant)
    with pytest.raises(NotPermitted) as error:
        lifecycle.forward(dossier, by=cast.bao)
    assert error.value.message == "Bạn không có quyền thẩm định, xử lý hồ sơ tại Sở Tư pháp."
    linh = official("linh", "Mai Thùy Linh", (cast.tu_phap, "specialist"))
    with pytest.raises(NotPermitted) as error:
        lifecycle.forward(dossier, by=linh)
    assert error.value.message == (
        "Hồ sơ đang được phân công cho «Trần Đăng Khoa»: chỉ người được phân công hoặc lãnh đạo "
        "Sở Tư pháp mới được xử lý."
    )
    lifecycle.forward(dossier, by=cast.nhung)


def test_the_approval_step_is_decided_not_forwarded(cast, lan_applicant):
    dossier = at_approval(cast, lan_applicant)
    with pytest.raises(WrongStep) as error:
        lifecycle.forward(dossier, by=cast.khoa)
    assert error.value.message == (
        "Hồ sơ đang ở bước «Ký Phiếu lý lịch tư pháp»: lãnh đạo phê duyệt hoặc từ chối giải "
        "quyết, không chuyển bước."
    )


# --- Decision, result, return ----------------------------------------------------------------


def test_nhung_approves_and_the_result_goes_back_to_the_desk(cast, lan_applicant):
    dossier = at_approval(cast, lan_applicant)

    dossier = lifecycle.approve(dossier, by=cast.nhung, note="Đồng ý cấp", at=local(2026, 3, 16, 9))
    assert dossier.status == Status.PROCESSING
    assert dossier.decision == Decision.APPROVED
    assert dossier.finished_at is None

    dossier = lifecycle.mark_result_ready(dossier, by=cast.khoa, at=local(2026, 3, 16, 10))
    assert dossier.status == Status.RESULT_READY
    assert dossier.national_status_code == 9
    assert dossier.finished_at == local(2026, 3, 16, 10)
    assert dossier.current_agency == cast.center
    assert dossier.current_step.name == "Trả kết quả"
    assert dossier.assignee is None

    dossier = lifecycle.return_result(
        dossier, by=cast.ha, method=ReturnMethod.POSTAL, at=local(2026, 3, 17, 8)
    )
    assert dossier.status == Status.RETURNED
    assert dossier.national_status_code == 10
    assert dossier.returned_at == local(2026, 3, 17, 8)
    assert dossier.return_method == ReturnMethod.POSTAL
    assert topics(dossier)[-2:] == ["dossier.status_changed", "dossier.returned"]


def test_only_a_leader_approves_and_only_at_the_approval_step(cast, lan_applicant):
    dossier = in_processing(cast, lan_applicant)
    with pytest.raises(WrongStep) as early:
        lifecycle.approve(dossier, by=cast.nhung)
    assert early.value.message == (
        "Hồ sơ đang ở bước «Thẩm định, xác minh», chưa đến bước phê duyệt: chuyên viên xử lý "
        "xong rồi chuyển lên lãnh đạo."
    )
    dossier = lifecycle.forward(dossier, by=cast.khoa)
    for intruder in (cast.khoa, cast.tung):
        with pytest.raises(NotPermitted) as error:
            lifecycle.approve(dossier, by=intruder)
        assert error.value.message == (
            "Bạn không có quyền phê duyệt kết quả giải quyết hồ sơ tại Sở Tư pháp."
        )
    dossier = lifecycle.approve(dossier, by=cast.nhung)
    with pytest.raises(AlreadyDecided) as twice:
        lifecycle.reject(dossier, by=cast.nhung, reasons="Đổi ý")
    assert twice.value.message == "Hồ sơ đã có quyết định giải quyết của lãnh đạo."


def test_nhung_rejects_with_reasons_and_that_is_a_result_too(cast, lan_applicant):
    dossier = at_approval(cast, lan_applicant)
    with pytest.raises(ReasonRequired) as error:
        lifecycle.reject(dossier, by=cast.nhung, reasons="")
    assert error.value.message == "Phải nêu rõ lý do từ chối giải quyết hồ sơ."

    dossier = lifecycle.reject(dossier, by=cast.nhung, reasons="Người yêu cầu không đủ điều kiện")
    dossier = lifecycle.mark_result_ready(dossier, by=cast.nhung)

    assert dossier.status == Status.RESULT_READY
    assert dossier.decision == Decision.REJECTED
    assert dossier.decision_note == "Người yêu cầu không đủ điều kiện"


def test_a_result_is_not_ready_before_the_leader_decides(cast, lan_applicant):
    dossier = at_approval(cast, lan_applicant)
    with pytest.raises(NotDecided) as error:
        lifecycle.mark_result_ready(dossier, by=cast.khoa)
    assert error.value.message == (
        "Hồ sơ chưa có quyết định giải quyết của lãnh đạo (phê duyệt hoặc từ chối)."
    )


def test_only_the_receiving_desk_returns_and_only_a_ready_result(cast, lan_applicant):
    dossier = at_approval(cast, lan_applicant)
    with pytest.raises(TransitionNotAllowed) as early:
        lifecycle.return_result(dossier, by=cast.ha)
    assert early.value.message == "Không thể trả kết quả khi hồ sơ đang ở trạng thái «Đang xử lý»."
    dossier = lifecycle.approve(dossier, by=cast.nhung)
    dossier = lifecycle.mark_result_ready(dossier, by=cast.nhung)
    with pytest.raises(NotPermitted) as error:
        lifecycle.return_result(dossier, by=cast.khoa)
    assert error.value.message == (
        "Bạn không có quyền trả kết quả giải quyết hồ sơ tại Trung tâm Phục vụ hành chính công "
        "tỉnh Gia Lai."
    )
    with pytest.raises(InvalidInput):
        lifecycle.return_result(dossier, by=cast.ha, method="pigeon")


# --- Withdrawal ------------------------------------------------------------------------------


def test_lan_withdraws_her_dossier_before_reception_and_it_never_counts(cast, lan_applicant):
    dossier = submit(cast, lan_applicant)
    dossier = lifecycle.withdraw(dossier, by=cast.lan, reason="Nộp nhầm thủ tục")
    assert dossier.status == Status.WITHDRAWN
    assert dossier.national_status_code == 7
    assert dossier.finished_at is None


def test_ha_records_a_withdrawal_after_reception_which_ends_processing(cast, lan_applicant):
    dossier = in_processing(cast, lan_applicant)
    dossier = lifecycle.withdraw(
        dossier, by=cast.ha, reason="Công dân có đơn xin rút", at=local(2026, 3, 10, 9)
    )
    assert dossier.status == Status.WITHDRAWN
    assert dossier.finished_at == local(2026, 3, 10, 9)


def test_nobody_else_withdraws_and_nothing_finished_is_withdrawn(cast, lan_applicant):
    dossier = in_processing(cast, lan_applicant)
    with pytest.raises(NotPermitted) as error:
        lifecycle.withdraw(dossier, by=cast.bao, reason="Không rõ")
    assert error.value.message == (
        "Chỉ chủ hồ sơ hoặc cán bộ một cửa nơi tiếp nhận mới được rút hồ sơ theo yêu cầu của chủ "
        "hồ sơ."
    )
    with pytest.raises(ReasonRequired):
        lifecycle.withdraw(dossier, by=cast.lan, reason="")
    dossier = lifecycle.forward(dossier, by=cast.khoa)
    dossier = lifecycle.approve(dossier, by=cast.nhung)
    dossier = lifecycle.mark_result_ready(dossier, by=cast.nhung)
    with pytest.raises(TransitionNotAllowed) as late:
        lifecycle.withdraw(dossier, by=cast.lan, reason="Không cần nữa")
    assert late.value.message == "Không thể rút hồ sơ khi hồ sơ đang ở trạng thái «Đã xử lý xong»."


# --- Supplements: who and when ---------------------------------------------------------------


def test_a_supplement_request_lists_the_items_once_and_completely(cast, lan_applicant):
    dossier = submit(cast, lan_applicant)
    with pytest.raises(SupplementItemsRequired) as error:
        lifecycle.request_supplement(dossier, by=cast.ha, items=["", "  "], note="")
    assert error.value.message == (
        "Phải liệt kê đầy đủ các giấy tờ cần bổ sung, hoàn thiện: hồ sơ chỉ được yêu cầu bổ sung "
        "một lần, đầy đủ."
    )


def test_after_reception_the_agency_holding_the_dossier_asks_for_a_supplement(cast, lan_applicant):
    dossier = in_processing(cast, lan_applicant)
    with pytest.raises(NotPermitted) as error:
        lifecycle.request_supplement(dossier, by=cast.ha, items=["Tờ khai có chữ ký"])
    assert error.value.message == (
        "Bạn không có quyền yêu cầu bổ sung, hoàn thiện hồ sơ tại Sở Tư pháp."
    )
    dossier = lifecycle.request_supplement(dossier, by=cast.khoa, items=["Tờ khai có chữ ký"])
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    assert dossier.national_status_code == 5
    with pytest.raises(TransitionNotAllowed) as error2:
        lifecycle.forward(dossier, by=cast.khoa)
    assert error2.value.message == (
        "Không thể chuyển hồ sơ sang bước tiếp theo khi hồ sơ đang ở trạng thái «Yêu cầu bổ sung "
        "giấy tờ»."
    )
    with pytest.raises(NotPermitted):
        lifecycle.receive_supplement(dossier, by=cast.bao)
    # The one-stop desk may record the supplement too: citizens bring it there.
    dossier = lifecycle.receive_supplement(dossier, by=cast.ha)
    assert dossier.status == Status.PROCESSING


# --- Inter-agency (liên thông) ---------------------------------------------------------------


def test_the_building_permit_goes_through_both_agencies_and_back_to_the_desk(cast, lan_applicant):
    dossier = submit(cast, lan_applicant, building=True)
    dossier = lifecycle.receive(dossier, by=cast.ha, at=local(2026, 3, 9, 10))
    assert (dossier.status, dossier.current_agency) == (Status.RECEIVED, cast.xay_dung)
    assert dossier.due_at == local(2026, 3, 30, 17)

    dossier = lifecycle.assign(dossier, by=cast.tung, to=cast.bao, at=local(2026, 3, 9, 14))
    assert (dossier.status, dossier.assignee) == (Status.PROCESSING, cast.bao)

    dossier = lifecycle.forward(
        dossier, by=cast.bao, note="Đề nghị xác nhận đất", at=local(2026, 3, 12, 9)
    )
    assert dossier.status == Status.PROCESSING
    assert dossier.current_agency == cast.nong_nghiep
    assert dossier.current_step.name == "Xác nhận quyền sử dụng đất"
    assert dossier.assignee is None
    # Xây dựng's specialist cannot act for Nông nghiệp và Môi trường while it holds the dossier.
    with pytest.raises(NotPermitted):
        lifecycle.forward(dossier, by=cast.bao)

    dossier = lifecycle.forward(
        dossier, by=cast.phuc, note="Đất ở hợp pháp", at=local(2026, 3, 17, 9)
    )
    assert dossier.current_agency == cast.xay_dung
    assert dossier.current_step.name == "Ký giấy phép xây dựng"

    dossier = lifecycle.approve(dossier, by=cast.tung, at=local(2026, 3, 18, 9))
    dossier = lifecycle.mark_result_ready(dossier, by=cast.tung, at=local(2026, 3, 18, 15))
    assert (dossier.status, dossier.current_agency) == (Status.RESULT_READY, cast.center)
    dossier = lifecycle.return_result(dossier, by=cast.ha, at=local(2026, 3, 19, 8))
    assert dossier.status == Status.RETURNED

    history = list(
        dossier.events.order_by("id").values_list(
            "action", "from_status", "to_status", "agency__code", "actor__username"
        )
    )
    assert history == [
        ("submit", "", "submitted", "000.00.01.H21", "lan"),
        ("receive", "submitted", "received", "000.00.01.H21", "ha"),
        ("assign", "received", "processing", "000.00.04.H21", "tung"),
        ("forward", "processing", "processing", "000.00.04.H21", "bao"),
        ("forward", "processing", "processing", "000.00.05.H21", "phuc"),
        ("approve", "processing", "processing", "000.00.04.H21", "tung"),
        ("mark_result_ready", "processing", "result_ready", "000.00.04.H21", "tung"),
        ("return_result", "result_ready", "returned", "000.00.01.H21", "ha"),
    ]
    hops = [e.details for e in dossier.events.filter(action="forward").order_by("id")]
    assert [(h["from_agency"], h["to_agency"]) for h in hops] == [
        ("000.00.04.H21", "000.00.05.H21"),
        ("000.00.05.H21", "000.00.04.H21"),
    ]
    assert topics(dossier) == [
        "dossier.status_changed",
        "dossier.submitted",
        "dossier.status_changed",
        "dossier.received",
        "dossier.status_changed",
        "dossier.assigned",
        "dossier.transferred",
        "dossier.transferred",
        "dossier.decided",
        "dossier.status_changed",
        "dossier.result_ready",
        "dossier.status_changed",
        "dossier.returned",
    ]
    codes = emitted(topic="dossier.status_changed")
    assert [row.payload["status_code"] for row in codes] == [1, 2, 4, 9, 10]
    last = codes[-1]
    assert last.payload["finished_at"] == "2026-03-18T15:00:00+07:00"
    assert last.payload["returned_at"] == "2026-03-19T08:00:00+07:00"
    assert len(set(OutboxEvent.objects.values_list("key", flat=True))) == 8
    assert AuditEntry.objects.filter(action__startswith="dossier.").count() == 8


def test_bao_takes_back_a_transfer_the_other_agency_has_not_touched(cast, lan_applicant):
    dossier = received(cast, lan_applicant, building=True)
    dossier = lifecycle.assign(dossier, by=cast.tung, to=cast.bao)
    dossier = lifecycle.forward(dossier, by=cast.bao)
    with pytest.raises(NotPermitted) as error:
        lifecycle.take_back(dossier, by=cast.phuc)
    assert error.value.message == (
        "Bạn không có quyền chuyển hồ sơ, liên thông với cơ quan khác tại Sở Xây dựng."
    )

    dossier = lifecycle.take_back(dossier, by=cast.bao, note="Chuyển nhầm, còn thiếu bản vẽ")

    assert dossier.status == Status.PROCESSING
    assert dossier.current_agency == cast.xay_dung
    assert dossier.current_step.name == "Thẩm định hồ sơ thiết kế"
    assert dossier.assignee == cast.bao
    assert topics(dossier)[-1] == "dossier.taken_back"


def test_a_transfer_cannot_be_taken_back_once_the_other_agency_acted(cast, lan_applicant):
    dossier = received(cast, lan_applicant, building=True)
    dossier = lifecycle.assign(dossier, by=cast.tung, to=cast.bao)
    dossier = lifecycle.forward(dossier, by=cast.bao)
    lifecycle.request_supplement(dossier, by=cast.phuc, items=["Trích lục thửa đất"])
    with pytest.raises(CannotTakeBack) as error:
        lifecycle.take_back(dossier, by=cast.bao)
    assert error.value.message == (
        "Chỉ thu hồi được hồ sơ vừa chuyển liên thông mà cơ quan nhận chưa xử lý."
    )


# --- Who sees what ---------------------------------------------------------------------------


def test_each_person_sees_only_the_dossiers_of_their_agencies_or_their_own(cast, lan_applicant):
    permit = received(cast, lan_applicant, building=True)
    record = received(cast, lan_applicant)
    other = official("binh", "Cao Văn Bình")

    assert set(visible_to(cast.lan)) == {permit, record}
    assert set(visible_to(cast.ha)) == {permit, record}
    assert set(visible_to(cast.khoa)) == {record}
    assert set(visible_to(cast.bao)) == {permit}
    assert set(visible_to(cast.phuc)) == set()
    assert set(visible_to(other)) == set()

    permit = lifecycle.assign(permit, by=cast.tung, to=cast.bao)
    permit = lifecycle.forward(permit, by=cast.bao)
    permit = lifecycle.forward(permit, by=cast.phuc)
    # Nông nghiệp và Môi trường handed it back, and still sees what it worked on.
    assert set(visible_to(cast.phuc)) == {permit}


def test_a_role_without_view_sees_nothing_even_in_its_agency(cast, lan_applicant):
    received(cast, lan_applicant)
    clerk = official("quan", "Lý Minh Quân", (cast.center, "agency_admin"))
    assert not StaffAssignment.objects.filter(user=clerk, role=Role.objects.get(code="officer"))
    assert list(visible_to(clerk)) == []
