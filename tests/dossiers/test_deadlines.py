"""The legal clock through the life cycle (DOMAIN.md §4): reception, supplements, apologies,
and the codes issued at reception (§5). Tết Bính Ngọ 2026: no work from Saturday 14 to Sunday
22 February."""

from datetime import datetime
from typing import Any

import pytest

from motcua.core.models import OutboxEvent
from motcua.dossiers import lifecycle
from motcua.dossiers.errors import (
    ApologyAlreadyGiven,
    ApologyDateNotLater,
    ApologyTooLate,
    NotPermitted,
    TransitionNotAllowed,
)
from motcua.dossiers.models import Dossier, Pause, Status

from .conftest import Cast, local, official


def submitted(cast: Cast, applicant: dict[str, Any], at: datetime) -> Dossier:
    return lifecycle.submit_online(
        cast.lltp,
        applicant=applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        at=at,
    )


def processing(cast: Cast, applicant: dict[str, Any], received_at: datetime) -> Dossier:
    dossier = submitted(cast, applicant, received_at)
    dossier = lifecycle.receive(dossier, by=cast.ha, at=received_at)
    return lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa, at=received_at)


def test_a_dossier_received_before_tet_is_due_after_it(cast, lan_applicant):
    dossier = processing(cast, lan_applicant, local(2026, 2, 11, 9, 0))
    assert dossier.counted_from == local(2026, 2, 11, 9, 0)
    # Day 0 is Wednesday 11/2; 12 and 13/2, then from Monday 23/2: the 10th is Wednesday 4/3.
    assert dossier.due_at == dossier.original_due_at == local(2026, 3, 4, 17, 0)


def test_a_dossier_received_on_the_evening_before_tet_counts_from_the_first_day_after(
    cast, lan_applicant
):
    dossier = lifecycle.create_at_desk(
        cast.lltp,
        applicant=lan_applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.ha,
        at=local(2026, 2, 13, 18, 0),
    )
    assert dossier.code == "000.00.01.H21-260213-0001"
    assert dossier.counted_from == local(2026, 2, 23, 7, 30)
    assert dossier.due_at == local(2026, 3, 9, 17, 0)


def test_a_supplement_after_reception_stops_the_clock_and_restarts_it_from_zero(
    cast, lan_applicant
):
    dossier = processing(cast, lan_applicant, local(2026, 2, 11, 9, 0))

    dossier = lifecycle.request_supplement(
        dossier,
        by=cast.khoa,
        items=["Bản sao giấy khai sinh"],
        note="Thông tin cha mẹ trên tờ khai chưa khớp",
        at=local(2026, 2, 13, 10, 0),
    )
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    assert dossier.supplement_requests == 1
    pause = dossier.pauses.get()
    assert pause.reason == Pause.Reason.SUPPLEMENT
    assert pause.started_at == local(2026, 2, 13, 10, 0)
    assert pause.due_at_before == local(2026, 3, 4, 17, 0)
    assert pause.ended_at is None

    dossier = lifecycle.receive_supplement(dossier, by=cast.khoa, at=local(2026, 2, 24, 14, 0))

    assert dossier.status == Status.PROCESSING
    assert dossier.counted_from == local(2026, 2, 24, 14, 0)
    # The full 10 working days again from Tuesday 24/2: Tuesday 10/3 at closing time.
    assert dossier.due_at == local(2026, 3, 10, 17, 0)
    assert dossier.original_due_at == local(2026, 3, 4, 17, 0)
    assert dossier.pauses.get().ended_at == local(2026, 2, 24, 14, 0)
    event = dossier.events.get(action="receive_supplement")
    assert event.details == {
        "due_at_before": "2026-03-04T17:00:00+07:00",
        "counted_from": "2026-02-24T14:00:00+07:00",
        "due_at": "2026-03-10T17:00:00+07:00",
    }
    assert OutboxEvent.objects.filter(topic="dossier.supplement_received").count() == 1


def test_a_supplement_arriving_during_tet_restarts_the_clock_after_it(cast, lan_applicant):
    dossier = processing(cast, lan_applicant, local(2026, 2, 11, 9, 0))
    dossier = lifecycle.request_supplement(
        dossier, by=cast.khoa, items=["Bản sao giấy khai sinh"], at=local(2026, 2, 12, 15, 0)
    )
    dossier = lifecycle.receive_supplement(dossier, by=cast.khoa, at=local(2026, 2, 18, 10, 0))
    assert dossier.counted_from == local(2026, 2, 23, 7, 30)
    assert dossier.due_at == local(2026, 3, 9, 17, 0)


def test_a_supplement_asked_at_reception_does_not_count_and_the_clock_starts_at_reception(
    cast, lan_applicant
):
    dossier = submitted(cast, lan_applicant, local(2026, 3, 2, 8, 0))

    dossier = lifecycle.request_supplement(
        dossier, by=cast.ha, items=["Ảnh chụp rõ nét thẻ Căn cước"], at=local(2026, 3, 2, 10, 0)
    )
    # The model allows no code-less dossier outside SUBMITTED/REFUSED/WITHDRAWN: it waits there.
    assert dossier.status == Status.SUBMITTED
    assert dossier.supplement_requests == 0
    assert not dossier.pauses.exists()
    assert dossier.events.order_by("id").last().action == "request_supplement_at_reception"

    dossier = lifecycle.receive(dossier, by=cast.ha, at=local(2026, 3, 5, 9, 0))

    assert dossier.counted_from == local(2026, 3, 5, 9, 0)
    assert dossier.due_at == local(2026, 3, 19, 17, 0)
    assert dossier.supplement_requests == 0


def test_two_supplements_after_reception_are_both_counted(cast, lan_applicant):
    dossier = processing(cast, lan_applicant, local(2026, 3, 2, 9, 0))
    for asked, answered in (((3, 3), (3, 5)), ((3, 9), (3, 11))):
        dossier = lifecycle.request_supplement(
            dossier, by=cast.khoa, items=["Giấy tờ còn thiếu"], at=local(2026, *asked, 9, 0)
        )
        dossier = lifecycle.receive_supplement(
            dossier, by=cast.khoa, at=local(2026, *answered, 9, 0)
        )

    # More than one request after reception makes the dossier late (Decision 766): the verdict
    # reads this count.
    assert dossier.supplement_requests == 2
    assert [p.ended_at for p in dossier.pauses.order_by("started_at")] == [
        local(2026, 3, 5, 9, 0),
        local(2026, 3, 11, 9, 0),
    ]
    assert dossier.original_due_at == local(2026, 3, 16, 17, 0)
    assert dossier.due_at == local(2026, 3, 25, 17, 0)


# --- Apology and new appointment -------------------------------------------------------------

RECEIVED = local(2026, 3, 9, 10, 0)  # due Monday 23/3 at 17:00; the working day before: 20/3


def test_nhung_apologises_the_working_day_before_the_due_date(cast, lan_applicant):
    dossier = processing(cast, lan_applicant, RECEIVED)

    dossier = lifecycle.apologise(
        dossier,
        by=cast.nhung,
        new_due_at=local(2026, 3, 27, 17, 0),
        reason="Chờ kết quả xác minh của cơ quan công an",
        at=local(2026, 3, 20, 16, 0),
    )

    assert dossier.apology_due_at == local(2026, 3, 27, 17, 0)
    # The verdict still compares with the due date before the apology.
    assert dossier.due_at == local(2026, 3, 23, 17, 0)
    assert dossier.status == Status.PROCESSING
    event = dossier.events.get(action="apologise")
    assert event.note == "Chờ kết quả xác minh của cơ quan công an"
    apology = OutboxEvent.objects.get(topic="dossier.apologised")
    assert apology.payload["apology_due_at"] == "2026-03-27T17:00:00+07:00"
    # No state change: nothing for the status sync.
    assert OutboxEvent.objects.filter(key=apology.key).count() == 1


@pytest.mark.parametrize("when", [local(2026, 3, 21, 9, 0), local(2026, 3, 23, 8, 0)])
def test_an_apology_on_the_due_day_or_the_weekend_before_is_too_late(cast, lan_applicant, when):
    dossier = processing(cast, lan_applicant, RECEIVED)
    with pytest.raises(ApologyTooLate) as error:
        lifecycle.apologise(
            dossier,
            by=cast.nhung,
            new_due_at=local(2026, 3, 27, 17, 0),
            reason="Chờ xác minh",
            at=when,
        )
    assert error.value.code == "apology_too_late"
    assert error.value.message == (
        "Phải xin lỗi và hẹn lại chậm nhất 1 ngày làm việc trước ngày hẹn trả "
        "(23/03/2026 17:00), tức là trong ngày 20/03/2026."
    )


def test_an_apology_is_given_at_most_once(cast, lan_applicant):
    dossier = processing(cast, lan_applicant, RECEIVED)
    dossier = lifecycle.apologise(
        dossier,
        by=cast.nhung,
        new_due_at=local(2026, 3, 27, 17, 0),
        reason="Chờ xác minh",
        at=local(2026, 3, 16, 9, 0),
    )
    with pytest.raises(ApologyAlreadyGiven) as error:
        lifecycle.apologise(
            dossier,
            by=cast.nhung,
            new_due_at=local(2026, 4, 3, 17, 0),
            reason="Vẫn chờ xác minh",
            at=local(2026, 3, 17, 9, 0),
        )
    assert error.value.message == (
        "Hồ sơ đã được xin lỗi và hẹn lại ngày trả kết quả một lần; mỗi hồ sơ chỉ được hẹn lại "
        "một lần."
    )


def test_the_new_date_must_be_after_the_due_date(cast, lan_applicant):
    dossier = processing(cast, lan_applicant, RECEIVED)
    with pytest.raises(ApologyDateNotLater) as error:
        lifecycle.apologise(
            dossier,
            by=cast.nhung,
            new_due_at=local(2026, 3, 23, 17, 0),
            reason="Chờ xác minh",
            at=local(2026, 3, 16, 9, 0),
        )
    assert error.value.message == "Ngày hẹn lại phải sau ngày hẹn trả hiện tại (23/03/2026 17:00)."


def test_only_a_leader_apologises_and_not_while_the_clock_is_stopped(cast, lan_applicant):
    dossier = processing(cast, lan_applicant, RECEIVED)
    arguments: dict[str, Any] = {
        "new_due_at": local(2026, 3, 27, 17, 0),
        "reason": "Chờ xác minh",
        "at": local(2026, 3, 16, 9, 0),
    }
    with pytest.raises(NotPermitted) as error:
        lifecycle.apologise(dossier, by=cast.khoa, **arguments)
    assert error.value.message == (
        "Bạn không có quyền xin lỗi và hẹn lại ngày trả kết quả tại Sở Tư pháp."
    )
    dossier = lifecycle.request_supplement(
        dossier, by=cast.khoa, items=["Giấy tờ còn thiếu"], at=local(2026, 3, 12, 9, 0)
    )
    with pytest.raises(TransitionNotAllowed) as stopped:
        lifecycle.apologise(dossier, by=cast.nhung, **arguments)
    assert stopped.value.message == (
        "Không thể xin lỗi và hẹn lại ngày trả kết quả khi hồ sơ đang ở trạng thái «Yêu cầu bổ "
        "sung giấy tờ»."
    )


# --- Codes -----------------------------------------------------------------------------------


def test_codes_are_sequential_per_agency_and_day_and_never_repeat(cast, lan_applicant):
    def at_desk(by, at):
        return lifecycle.create_at_desk(
            cast.lltp, applicant=lan_applicant, form_data={"purpose": "Xin việc"}, by=by, at=at
        ).code

    monday = [at_desk(cast.ha, local(2026, 3, 9, hour, 0)) for hour in (8, 9, 14)]
    online = submitted(cast, lan_applicant, local(2026, 3, 9, 7, 0))
    monday.append(lifecycle.receive(online, by=cast.ha, at=local(2026, 3, 9, 15, 0)).code)
    tuesday = at_desk(cast.ha, local(2026, 3, 10, 8, 0))
    # Sở Tư pháp opens its own desk for this procedure: its numbers are its own.
    cast.lltp.receiving_agencies.add(cast.tu_phap)
    quang = official("quang", "Nguyễn Văn Quang", (cast.tu_phap, "officer"))
    tu_phap = at_desk(quang, local(2026, 3, 9, 16, 0))

    assert monday == [
        "000.00.01.H21-260309-0001",
        "000.00.01.H21-260309-0002",
        "000.00.01.H21-260309-0003",
        "000.00.01.H21-260309-0004",
    ]
    assert tuesday == "000.00.01.H21-260310-0001"
    assert tu_phap == "000.00.02.H21-260309-0001"
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 6
