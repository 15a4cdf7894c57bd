"""Public status lookup: the API, the /tra-cuu/ pages and their rate limit (DOMAIN.md §10).

The cast: Bình's birth registration, received Monday 10/11/2025 at 10:00 and due Monday
17/11/2025 at 17:00, now being processed; Chi's online submission, not yet received.
"""

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from motcua.catalog.models import Field, Procedure
from motcua.core import ratelimit
from motcua.dossiers.models import Channel, Dossier, Status
from motcua.org.models import AdministrativeUnit, Agency

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "000.00.00.H21-251110-0001"
REFERENCE = "NOP-251110-B7K2QX"
PERSONAL = ["Trần Thị Bình", "0905123456", "052301000123", "12 Lê Lợi", "binh@example.vn"]


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # The limiter counts in the process's cache: each test starts with no lookups behind it.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def procedure(db: None) -> Procedure:
    field = Field.objects.create(code="G01-HT", name="Hộ tịch")
    return Procedure.objects.create(
        code="1.001193", name="Đăng ký khai sinh", field=field, level="commune", time_limit=5
    )


@pytest.fixture
def agency(db: None) -> Agency:
    unit = AdministrativeUnit.objects.create(code="52", name="Tỉnh Gia Lai", level="province")
    return Agency.objects.create(
        code="000.00.00.H21", name="UBND tỉnh", kind="provincial_committee", unit=unit
    )


def make_dossier(procedure: Procedure, agency: Agency, **fields: object) -> Dossier:
    values: dict[str, object] = {
        "channel": Channel.DESK,
        "applicant_name": "Trần Thị Bình",
        "applicant_phone": "0905123456",
        "applicant_id_number": "052301000123",
        "applicant_address": "12 Lê Lợi, phường Quy Nhơn",
        "applicant_email": "binh@example.vn",
        "form_data": {"ho_ten_tre": "Trần Minh Khang"},
        **fields,
    }
    return Dossier.objects.create(
        procedure=procedure, receiving_agency=agency, current_agency=agency, **values
    )


@pytest.fixture
def binh(procedure: Procedure, agency: Agency) -> Dossier:
    return make_dossier(
        procedure,
        agency,
        reference="NOP-251110-C3D4FG",
        code=CODE,
        status=Status.PROCESSING,
        received_at=datetime(2025, 11, 10, 10, 0, tzinfo=VN),
        due_at=datetime(2025, 11, 17, 17, 0, tzinfo=VN),
    )


@pytest.fixture
def chi(procedure: Procedure, agency: Agency) -> Dossier:
    return make_dossier(
        procedure,
        agency,
        reference=REFERENCE,
        channel=Channel.ONLINE,
        status=Status.SUBMITTED,
        submitted_at=datetime(2025, 11, 10, 21, 0, tzinfo=VN),
    )


KEYS = {
    "code",
    "procedure",
    "status",
    "status_code",
    "status_label",
    "received_at",
    "due_at",
    "apology_due_at",
    "finished_at",
    "returned_at",
    "timeliness",
    "on_time",
}


# --- API ------------------------------------------------------------------------------------


def test_anyone_sees_the_state_and_dates_of_a_dossier_and_nothing_personal(client, binh):
    response = client.get(f"/api/v1/dossiers/{CODE}/status")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == KEYS
    assert body == {
        "code": CODE,
        "procedure": {"code": "1.001193", "name": "Đăng ký khai sinh"},
        "status": "processing",
        "status_code": 4,
        "status_label": "Đang xử lý",
        "received_at": "2025-11-10T10:00:00+07:00",
        "due_at": "2025-11-17T17:00:00+07:00",
        "apology_due_at": None,
        "finished_at": None,
        "returned_at": None,
        "timeliness": None,
        "on_time": None,
    }
    raw = response.content.decode()
    for secret in [*PERSONAL, "Trần Minh Khang", binh.reference]:
        assert secret not in raw


def test_a_finished_dossier_carries_its_verdict(client, binh):
    binh.status = Status.RETURNED
    binh.finished_at = datetime(2025, 11, 14, 9, 30, tzinfo=VN)
    binh.returned_at = datetime(2025, 11, 14, 15, 0, tzinfo=VN)
    binh.save()

    body = client.get(f"/api/v1/dossiers/{CODE}/status").json()

    assert body["status_code"] == 10
    assert body["status_label"] == "Đã trả kết quả"
    assert body["finished_at"] == "2025-11-14T09:30:00+07:00"
    assert body["timeliness"] == "early"
    assert body["on_time"] is True


def test_a_late_dossier_is_not_on_time_even_after_an_apology(client, binh):
    binh.status = Status.RESULT_READY
    binh.apology_due_at = datetime(2025, 11, 20, 17, 0, tzinfo=VN)
    binh.finished_at = datetime(2025, 11, 19, 9, 0, tzinfo=VN)
    binh.save()

    body = client.get(f"/api/v1/dossiers/{CODE}/status").json()

    assert body["apology_due_at"] == "2025-11-20T17:00:00+07:00"
    assert (body["timeliness"], body["on_time"]) == ("late", False)


def test_an_online_submission_is_found_by_its_reference(client, chi):
    body = client.get(f"/api/v1/dossiers/{REFERENCE}/status").json()

    assert set(body) == KEYS
    assert body["code"] == REFERENCE
    assert (body["status"], body["status_code"]) == ("submitted", 1)
    assert body["status_label"] == "Mới đăng ký"
    assert body["received_at"] is None


def test_a_code_in_lower_case_is_found(client, binh):
    response = client.get(f"/api/v1/dossiers/{CODE.lower()}/status")

    assert response.status_code == 200
    assert response.json()["code"] == CODE


def test_an_unknown_code_is_a_404_in_the_api_error_shape(client, db):
    response = client.get("/api/v1/dossiers/000.00.00.H21-251110-9999/status")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Không tìm thấy hồ sơ mã 000.00.00.H21-251110-9999.",
    }


@pytest.mark.parametrize(
    "code",
    [
        "abc",
        "000.00.00.H21-2511-0001",
        "NOP-251110",
        "H21-251110-0001;DROP",
        "A" * 50 + "-251110-0001",
    ],
)
def test_a_malformed_code_is_a_422(client, db, code):
    response = client.get(f"/api/v1/dossiers/{code}/status")

    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"code", "message"}
    assert body["code"] == "invalid_input"
    assert "000.00.00.H21-251103-0001" in body["message"]


# --- Pages ----------------------------------------------------------------------------------


def test_the_lookup_form_shows_the_code_format(client, db):
    response = client.get("/tra-cuu/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="ma"' in page
    assert 'method="get"' in page
    assert "000.00.00.H21-251103-0001" in page
    assert "Tra cứu hồ sơ" in page


def test_a_typed_code_with_spaces_and_lower_case_goes_to_its_page(client, binh):
    response = client.get("/tra-cuu/", {"ma": "  000.00.00.h21 - 251110 - 0001 "})

    assert response.status_code == 302
    assert response["Location"] == f"/tra-cuu/{CODE}/"


def test_a_lower_case_address_is_sent_to_the_canonical_one(client, binh):
    response = client.get(f"/tra-cuu/{CODE.lower()}/")

    assert response.status_code == 302
    assert response["Location"] == f"/tra-cuu/{CODE}/"


def test_the_dossier_page_says_in_plain_words_where_the_dossier_is(client, binh):
    response = client.get(f"/tra-cuu/{CODE}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng ký khai sinh" in page
    assert "Đang xử lý" in page
    assert "Hồ sơ đang được cơ quan xử lý. Ngày hẹn trả kết quả: 17/11/2025." in page
    assert "10/11/2025 10:00" in page
    assert "17/11/2025 17:00" in page
    assert "sau khi đăng nhập" in page
    for secret in PERSONAL:
        assert secret not in page


def test_the_dossier_page_says_when_a_dossier_was_late(client, binh):
    binh.status = Status.RETURNED
    binh.finished_at = datetime(2025, 11, 18, 9, 0, tzinfo=VN)
    binh.returned_at = datetime(2025, 11, 18, 14, 5, tzinfo=VN)
    binh.save()

    page = client.get(f"/tra-cuu/{CODE}/").content.decode()

    assert "Kết quả đã được trả cho người nộp ngày 18/11/2025." in page
    assert "Hồ sơ được giải quyết quá hạn" in page
    assert "18/11/2025 14:05" in page


def test_an_unknown_code_gets_a_helpful_404_page(client, db):
    response = client.get("/tra-cuu/000.00.00.H21-251110-9999/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy hồ sơ mã <strong>000.00.00.H21-251110-9999</strong>" in page
    assert "giấy tiếp nhận hồ sơ" in page
    assert 'name="ma"' in page


def test_a_malformed_typed_code_shows_the_form_again_with_the_format(client, db):
    response = client.get("/tra-cuu/", {"ma": "hồ sơ của tôi"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "Mã hồ sơ không đúng định dạng." in page
    assert 'value="hồ sơ của tôi"' in page


# --- Rate limit -----------------------------------------------------------------------------


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """The limiter's clock, set by the test: 10:00:05 in some minute, five seconds in."""
    now = {"t": 1_762_743_605.0}
    monkeypatch.setattr(ratelimit, "clock", lambda: now["t"])
    return now


@pytest.fixture
def limit_of_three(settings):
    settings.LOOKUP_RATE_LIMIT = 3
    settings.LOOKUP_RATE_WINDOW = 60


def test_the_api_answers_429_past_the_limit_and_again_in_the_next_window(
    client, binh, frozen_clock, limit_of_three
):
    url = f"/api/v1/dossiers/{CODE}/status"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]

    response = client.get(url)

    assert response.status_code == 429
    assert response.json() == {
        "code": "rate_limited",
        "message": "Bạn tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.",
    }
    assert response["Retry-After"] == "55"

    frozen_clock["t"] += 55
    assert client.get(url).status_code == 200


def test_the_page_shows_a_friendly_429_and_shares_the_count_with_the_api(
    client, binh, frozen_clock, limit_of_three
):
    client.get(f"/api/v1/dossiers/{CODE}/status")
    client.get(f"/api/v1/dossiers/{CODE}/status")
    assert client.get(f"/tra-cuu/{CODE}/").status_code == 200

    response = client.get(f"/tra-cuu/{CODE}/")

    assert response.status_code == 429
    assert response["Retry-After"] == "55"
    page = response.content.decode()
    assert "Bạn tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút." in page
    assert 'name="ma"' in page

    frozen_clock["t"] += 60
    assert client.get(f"/tra-cuu/{CODE}/").status_code == 200


def test_unknown_codes_count_too(client, db, frozen_clock, limit_of_three):
    # Walking through sequential codes is exactly what the limit is for.
    codes = [f"000.00.00.H21-251110-{n:04d}" for n in range(1, 5)]
    statuses = [client.get(f"/api/v1/dossiers/{code}/status").status_code for code in codes]

    assert statuses == [404, 404, 404, 429]


def test_each_address_has_its_own_count(client, binh, frozen_clock, limit_of_three):
    url = f"/api/v1/dossiers/{CODE}/status"
    for _ in range(3):
        client.get(url, REMOTE_ADDR="203.0.113.7")

    assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.get(url, REMOTE_ADDR="203.0.113.8").status_code == 200


def test_x_forwarded_for_is_ignored_unless_the_proxy_is_trusted(
    client, binh, frozen_clock, limit_of_three, settings
):
    url = f"/api/v1/dossiers/{CODE}/status"
    # A client cannot escape the limit by inventing a new address on each request.
    statuses = [
        client.get(url, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]

    settings.RATELIMIT_TRUSTED_PROXIES = ["127.0.0.0/8"]
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    # Behind the proxy, the rightmost address the proxy did not add is the client.
    forged = "203.0.113.99, 198.51.100.1"
    for _ in range(2):
        client.get(url, HTTP_X_FORWARDED_FOR=forged)
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
