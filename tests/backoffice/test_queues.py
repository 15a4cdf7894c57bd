"""The work queues at /can-bo/: each official sees the dossiers waiting for them, tab by tab."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import official

from .conftest import logged_in, submit


def tab(user, key: str, page: int = 1):
    response = logged_in(user).get("/can-bo/", {"tab": key, "trang": page})
    assert response.status_code == 200
    return response


def codes(response) -> list[str]:
    return [row.dossier.display_code for row in response.context["rows"]]


def counts(response) -> dict[str, int]:
    return {t.key: n for t, n in response.context["tabs"]}


@pytest.fixture
def office(cast):
    """A day at the office: dossiers in every state the queues know."""
    now = timezone.now()
    waiting_long = submit(cast, at=now - timedelta(days=20), name="Trần Văn Cũ")
    waiting_new = submit(cast, name="Lê Thị Mới")
    unassigned = lifecycle.receive(submit(cast, name="Phan Chưa Giao"), by=cast.ha)
    assigned = lifecycle.assign(
        lifecycle.receive(submit(cast, name="Võ Đã Giao"), by=cast.ha), by=cast.nhung, to=cast.khoa
    )
    to_sign = lifecycle.assign(
        lifecycle.receive(submit(cast, name="Đinh Chờ Ký"), by=cast.ha), by=cast.nhung, to=cast.khoa
    )
    to_sign = lifecycle.forward(to_sign, by=cast.khoa)
    ready = lifecycle.assign(
        lifecycle.receive(submit(cast, name="Mai Có Kết Quả"), by=cast.ha),
        by=cast.nhung,
        to=cast.khoa,
    )
    ready = lifecycle.forward(ready, by=cast.khoa)
    ready = lifecycle.approve(ready, by=cast.nhung)
    ready = lifecycle.mark_result_ready(ready, by=cast.nhung)
    missing = lifecycle.assign(
        lifecycle.receive(submit(cast, name="Hà Thiếu Giấy"), by=cast.ha),
        by=cast.nhung,
        to=cast.khoa,
    )
    missing = lifecycle.request_supplement(missing, by=cast.khoa, items=["Bản sao hộ khẩu"])
    # Deadlines moved by hand: the lifecycle gives 10 working days from today.
    Dossier.objects.filter(pk=unassigned.pk).update(due_at=now + timedelta(hours=1))
    Dossier.objects.filter(pk=assigned.pk).update(due_at=now - timedelta(days=2))
    return {
        "waiting_long": waiting_long,
        "waiting_new": waiting_new,
        "unassigned": unassigned,
        "assigned": assigned,
        "to_sign": to_sign,
        "ready": ready,
        "missing": missing,
    }


def test_the_officer_sees_online_dossiers_to_receive_oldest_first_and_flagged(cast, office):
    response = tab(cast.ha, "cho-tiep-nhan")

    assert codes(response) == [office["waiting_long"].reference, office["waiting_new"].reference]
    old, new = response.context["rows"]
    assert old.late_reception and not new.late_reception
    assert old.channel == "Trực tuyến"
    page = response.content.decode()
    assert "bo-late" in page and "Đã chờ" in page
    assert counts(response) == {
        "cho-tiep-nhan": 2,
        "can-xu-ly": 0,
        "cho-phe-duyet": 0,
        "sap-den-han": 0,
        "qua-han": 0,
        "cho-bo-sung": 1,
        "da-co-ket-qua": 1,
    }
    assert codes(tab(cast.ha, "da-co-ket-qua")) == [office["ready"].code]
    assert codes(tab(cast.ha, "cho-bo-sung")) == [office["missing"].code]


def test_an_assisted_submission_is_shown_as_assisted(cast):
    clerk = official("mai", "Đặng Thị Mai", (cast.center, "assisted_submitter"))
    lifecycle.submit_online(
        cast.lltp,
        applicant={
            "name": "Rơ Châm H'Nhi",
            "id_number": "064190001235",
            "phone": "0905123457",
            "address": "Xã Bờ Ngoong, tỉnh Gia Lai",
        },
        form_data={"purpose": "Xin việc"},
        by=clerk,
        receiving_agency=cast.center,
        consent_at=timezone.now(),
    )

    response = tab(cast.ha, "cho-tiep-nhan")

    assert [row.channel for row in response.context["rows"]] == ["Trực tuyến (hỗ trợ)"]
    assert "Trực tuyến (hỗ trợ)" in response.content.decode()


def test_the_specialist_sees_what_is_assigned_to_them(cast, office):
    response = tab(cast.khoa, "can-xu-ly")

    # The dossier waiting for the leader's signature is not the specialist's work any more.
    assert codes(response) == [office["assigned"].code]
    assert counts(response) == {
        "cho-tiep-nhan": 0,
        "can-xu-ly": 1,
        "cho-phe-duyet": 0,
        "sap-den-han": 1,
        "qua-han": 1,
        "cho-bo-sung": 1,
        "da-co-ket-qua": 0,
    }
    assert codes(tab(cast.khoa, "sap-den-han")) == [office["unassigned"].code]
    overdue = tab(cast.khoa, "qua-han")
    assert codes(overdue) == [office["assigned"].code]
    assert overdue.context["rows"][0].overdue
    assert "Quá hạn" in overdue.content.decode()


def test_the_leader_assigns_new_dossiers_and_signs(cast, office):
    response = tab(cast.nhung, "can-xu-ly")

    assert codes(response) == [office["unassigned"].code]
    assert codes(tab(cast.nhung, "cho-phe-duyet")) == [office["to_sign"].code]
    assert counts(response)["cho-tiep-nhan"] == 0


def test_the_leader_of_another_department_sees_none_of_tu_phaps_dossiers(cast, office):
    response = tab(cast.tung, "can-xu-ly")

    assert set(counts(response).values()) == {0}
    assert codes(response) == []
    assert "Không có hồ sơ nào trong mục này." in response.content.decode()


def test_without_a_tab_the_first_one_with_work_opens(cast, office):
    response = logged_in(cast.nhung).get("/can-bo/")

    assert response.context["active"] == "can-xu-ly"


def test_a_tab_is_a_partial_for_htmx(cast, office):
    response = logged_in(cast.ha).get(
        "/can-bo/", {"tab": "cho-tiep-nhan"}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert "<html" not in page
    assert office["waiting_long"].reference in page


def test_the_queue_is_paginated(cast):
    for _ in range(23):
        submit(cast)

    first = tab(cast.ha, "cho-tiep-nhan")
    second = tab(cast.ha, "cho-tiep-nhan", page=2)

    assert len(first.context["rows"]) == 20
    assert len(second.context["rows"]) == 3
    assert first.context["pages"] == 2
    assert set(codes(first)).isdisjoint(codes(second))


def _queries_for_queue(user, key: str) -> int:
    client = logged_in(user)
    client.get("/can-bo/", {"tab": key})  # warm the calendar cache and the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/can-bo/", {"tab": key}).status_code == 200
    return len(captured)


def test_the_queue_costs_the_same_queries_for_one_dossier_or_twenty(
    cast, django_assert_max_num_queries
):
    lifecycle.receive(submit(cast), by=cast.ha)
    submit(cast)
    one = _queries_for_queue(cast.ha, "cho-tiep-nhan")
    for _ in range(19):
        submit(cast)
        lifecycle.receive(submit(cast), by=cast.ha)
    assert _queries_for_queue(cast.ha, "cho-tiep-nhan") == one
    # Session, user, the user's assignments (one query per capability), all the tab counts in
    # one query, one page of rows with their relations, the unread notices and the province's
    # name for the header.
    for user, key in ((cast.ha, "cho-tiep-nhan"), (cast.nhung, "can-xu-ly")):
        client = logged_in(user)
        client.get("/can-bo/", {"tab": key})
        with django_assert_max_num_queries(12):
            client.get("/can-bo/", {"tab": key})


def test_the_header_counts_unread_notices(cast):
    from motcua.notifications.models import Notice

    Notice.objects.create(
        recipient=cast.ha, kind=Notice.Kind.choices[0][0], title="Hồ sơ chờ tiếp nhận", key="k1"
    )

    page = logged_in(cast.ha).get("/can-bo/").content.decode()

    assert 'href="/can-bo/thong-bao/">Thông báo <span class="bo-count bo-unread">1' in page
