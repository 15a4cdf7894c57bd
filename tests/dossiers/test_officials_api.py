"""The officials' dossier API (/api/v1/officials/dossiers), told with the cast of conftest.py."""

from typing import Any

import pytest
from django.test import Client

from motcua.core.models import AuditEntry
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, ReturnMethod, Status

from .conftest import Cast

URL = "/api/v1/officials/dossiers"


def submit(cast: Cast, applicant: dict[str, Any], *, building: bool = False) -> Dossier:
    return lifecycle.submit_online(
        cast.building if building else cast.lltp,
        applicant=applicant,
        form_data={} if building else {"purpose": "Bổ sung hồ sơ xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        return_method=ReturnMethod.ONLINE,
    )


def logged_in(user: Any, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    return client


def post(client: Client, dossier: Dossier, action: str, body: dict[str, Any] | None = None) -> Any:
    ref = dossier.code or dossier.reference
    return client.post(f"{URL}/{ref}/actions/{action}", body or {}, content_type="application/json")


@pytest.fixture
def lltp_dossier(cast: Cast, lan_applicant: dict[str, Any]) -> Dossier:
    return submit(cast, lan_applicant)


@pytest.fixture
def received_lltp(cast: Cast, lltp_dossier: Dossier) -> Dossier:
    return lifecycle.receive(lltp_dossier, by=cast.ha)


def test_the_list_shows_only_the_dossiers_the_official_may_see(cast, lan_applicant):
    lltp = lifecycle.receive(submit(cast, lan_applicant), by=cast.ha)
    building = lifecycle.receive(submit(cast, lan_applicant, building=True), by=cast.ha)

    center = logged_in(cast.ha).get(URL).json()
    tu_phap = logged_in(cast.khoa).get(URL).json()
    xay_dung = logged_in(cast.bao).get(URL, {"status": "received"}).json()

    assert center["count"] == 2
    assert [i["code"] for i in center["items"]] == [building.code, lltp.code]  # newest first
    assert [i["code"] for i in tu_phap["items"]] == [lltp.code]
    item = xay_dung["items"][0]
    assert xay_dung == {"count": 1, "page": 1, "items": [item]}
    assert item["procedure"] == {
        "code": "1.009794",
        "name": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    }
    assert item["status"] == "received"
    assert item["status_code"] == 2
    assert item["status_label"] == "Được tiếp nhận"
    assert item["current_agency"]["code"] == cast.xay_dung.code
    assert item["assignee"] is None
    assert item["received_at"] and item["due_at"]


def test_the_list_filters_by_status_and_refuses_an_unknown_one(cast, lltp_dossier):
    client = logged_in(cast.ha)

    assert client.get(URL, {"status": "processing"}).json()["count"] == 0
    assert client.get(URL, {"status": "submitted"}).json()["count"] == 1
    response = client.get(URL, {"status": "lost"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_another_agencys_dossier_is_not_found_rather_than_forbidden(cast, lltp_dossier):
    response = logged_in(cast.bao).get(f"{URL}/{lltp_dossier.reference}")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": f"Không tìm thấy hồ sơ {lltp_dossier.reference}.",
    }
    assert not AuditEntry.objects.filter(action="personal_data.read").exists()


def test_the_full_record_is_read_and_the_read_is_audited(cast, received_lltp):
    response = logged_in(cast.khoa).get(f"{URL}/{received_lltp.code}")

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == received_lltp.code
    assert body["applicant"]["id_number"] == "064190001234"
    assert body["form_data"]["purpose"] == "Bổ sung hồ sơ xin việc"
    assert [(e["action"], e["from_status"], e["to_status"]) for e in body["events"]] == [
        ("submit", "", "submitted"),
        ("receive", "submitted", "received"),
    ]
    assert body["events"][1]["agency"] == cast.center.code
    assert body["events"][1]["actor"] == str(cast.ha)
    entry = AuditEntry.objects.get(action="personal_data.read")
    assert entry.actor == cast.khoa
    assert entry.target_id == str(received_lltp.pk)
    assert entry.details["purpose"] == "xem hồ sơ"
    assert "applicant_id_number" in entry.details["fields"]


def test_receiving_through_the_api_issues_the_code(cast, lltp_dossier):
    response = post(logged_in(cast.ha), lltp_dossier, "receive")

    assert response.status_code == 200
    dossier = Dossier.objects.get(pk=lltp_dossier.pk)
    assert dossier.status == Status.RECEIVED
    assert dossier.code
    body = response.json()
    assert body["code"] == dossier.code
    assert body["reference"] == lltp_dossier.reference
    assert body["status"] == "received"
    assert body["current_agency"]["code"] == cast.tu_phap.code


def test_assigning_by_username_moves_to_processing(cast, received_lltp):
    response = post(logged_in(cast.nhung), received_lltp, "assign", {"to": "khoa"})

    assert response.status_code == 200
    assert response.json()["status"] == "processing"
    assert response.json()["assignee"] == "khoa"


def test_an_action_in_the_wrong_state_is_a_conflict_in_vietnamese(cast, received_lltp):
    response = post(logged_in(cast.ha), received_lltp, "receive")

    assert response.status_code == 409
    assert response.json() == {
        "code": "transition_not_allowed",
        "message": "Không thể tiếp nhận hồ sơ khi hồ sơ đang ở trạng thái «Được tiếp nhận».",
    }


def test_an_action_without_the_role_is_forbidden(cast, received_lltp):
    # Khoa sees the dossier (his agency holds it) but a specialist does not assign.
    response = post(logged_in(cast.khoa), received_lltp, "assign", {"to": "khoa"})

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert Dossier.objects.get(pk=received_lltp.pk).status == Status.RECEIVED


def test_an_action_on_an_invisible_dossier_is_not_found(cast, lltp_dossier):
    response = post(logged_in(cast.bao), lltp_dossier, "receive")

    assert response.status_code == 404
    assert Dossier.objects.get(pk=lltp_dossier.pk).status == Status.SUBMITTED


def test_an_unknown_action_is_not_found(cast, lltp_dossier):
    response = post(logged_in(cast.ha), lltp_dossier, "teleport")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_missing_body_field_is_invalid_input(cast, lltp_dossier):
    response = post(logged_in(cast.ha), lltp_dossier, "refuse", {})

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_without_a_session_the_api_asks_to_log_in(cast, lltp_dossier):
    client = Client()

    for response in (
        client.get(URL),
        client.get(f"{URL}/{lltp_dossier.reference}"),
        post(client, lltp_dossier, "receive"),
    ):
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorised"


def test_a_post_without_the_csrf_token_is_refused(cast, lltp_dossier):
    response = post(logged_in(cast.ha, enforce_csrf_checks=True), lltp_dossier, "receive")

    assert response.status_code == 403
    assert Dossier.objects.get(pk=lltp_dossier.pk).status == Status.SUBMITTED
