"""The typed clients against the real gateway (in this process) and the real sandbox (on loopback).

The registry is wired exactly as `motcua seed-demo` wires it (lgsp.demo.wire_sandbox), with the
credentials the clients derive in DEBUG, pointed at the loopback sandbox.
"""

import time
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django.fixtures import Settings

from motcua.core.demo_people import BY_KEY
from motcua.lgsp import breaker, credentials, demo, registry
from motcua.lgsp.clients import business, errors, population, sms, transport
from motcua.lgsp.clients.qcvn109 import MalformedRecord, parse
from motcua.lgsp.models import AccessToken, ClientSecret, Consumer, MessageRecord, Service
from motcua.sandbox import data as sandbox_data
from motcua.sandbox.models import Citizen, Lookup, Message

from .sandbox_server import SandboxServer

pytestmark = pytest.mark.django_db(transaction=True)
THAO = BY_KEY["thao"]
OFFICER = {"officer": "motcua.tiepnhan", "purpose": "Tiếp nhận hồ sơ khai sinh"}


@pytest.fixture
def wired(sandbox: SandboxServer) -> Consumer:
    sandbox_data.seed()
    consumer, _ = demo.wire_sandbox(sandbox.url)
    return consumer


def records(service: str) -> list[MessageRecord]:
    return list(MessageRecord.objects.filter(service_code=service).order_by("sequence"))


def test_identity_is_verified_through_the_gateway_with_officer_purpose_and_request_id(wired):
    assert population.verify(THAO.id_number, THAO.full_name, THAO.born, **OFFICER) is True
    assert population.verify(THAO.id_number, "Nguyễn Thị Thu Thủy", THAO.born, **OFFICER) is False
    assert population.verify(THAO.id_number, THAO.full_name, date(1995, 3, 15), **OFFICER) is False

    logged = records(population.VERIFY)
    assert [r.status_code for r in logged] == [200, 200, 200]
    assert {r.consumer_code for r in logged} == {wired.code}
    lookups = list(Lookup.objects.order_by("at", "id"))
    assert [x.matched for x in lookups] == [True, False, False]
    assert {(x.officer, x.purpose) for x in lookups} == {(OFFICER["officer"], OFFICER["purpose"])}
    # Each call carries a fresh MaYeuCau (the national system refuses a replayed one).
    assert len({x.request_id for x in lookups}) == 3


def test_a_lookup_answers_the_qcvn109_record_with_the_gateway_message_id(wired):
    record = population.lookup(THAO.id_number, **OFFICER)

    assert record is not None
    assert (record.family, record.middle, record.given) == ("Nguyễn", "Thị Thu", "Thảo")
    assert record.full_name == THAO.full_name
    assert (record.sex, record.born, record.birth_year) == (2, date(1995, 3, 14), 1995)
    assert record.unit_code == "21583"
    assert record.permanent_address == THAO.full_address
    assert record.ethnicity == THAO.ethnicity
    assert record.withheld == frozenset()
    assert MessageRecord.objects.get(message_id=record.message_id).status_code == 200


def test_a_lookup_of_a_number_nobody_has_is_none(wired):
    assert population.lookup("052199000000", **OFFICER) is None


def test_withheld_elements_are_told_apart_from_empty_ones(wired):
    Citizen.objects.filter(id_number=THAO.id_number).update(withheld=["ThuongTru", "GioiTinh"])

    record = population.lookup(THAO.id_number, **OFFICER)

    assert record is not None
    assert record.withheld == frozenset({"ThuongTru", "GioiTinh"})
    assert (record.sex, record.permanent_address, record.unit_code) == (None, "", "")
    # Still shared, and still there.
    assert record.full_name == THAO.full_name


def test_a_malformed_number_is_refused_by_the_gateway_schema_naming_the_field(wired):
    with pytest.raises(errors.InvalidRequest) as refused:
        population.lookup("12345", **OFFICER)

    # Refused by the QCVN 109 XML Schema at the gateway, the element named, its value not quoted.
    assert "“SoDinhDanh” không đúng định dạng (mẫu [0-9]{12})" in refused.value.message
    assert "12345" not in refused.value.message
    assert refused.value.message.startswith("Cơ sở dữ liệu quốc gia về dân cư từ chối yêu cầu")
    assert records(population.LOOKUP)[-1].error_code == "invalid_message"
    assert not Lookup.objects.exists()


def test_a_lookup_without_officer_or_purpose_never_leaves_the_province(wired):
    with pytest.raises(errors.InvalidRequest):
        population.lookup(THAO.id_number, officer=" ", purpose="Tra cứu")

    assert not MessageRecord.objects.exists()


def test_a_refusal_by_the_national_system_is_an_invalid_request_in_its_own_words(wired):
    with pytest.raises(errors.InvalidRequest) as refused:
        sms.send("12345", "Mã xác thực: 111111", request_id="OTP-bad")

    assert "Số điện thoại phải gồm 10 chữ số" in refused.value.message
    assert refused.value.code == "invalid_request"


def test_the_business_registry_answers_by_code_or_none(wired):
    found = business.lookup("4101567890")
    missing = business.lookup("0000000000")

    assert found is not None
    assert found.name == "Công ty TNHH Cà phê Phố Núi"
    assert found.representative_id == BY_KEY["huy"].id_number
    assert found.registered_on == date(2025, 9, 15)
    assert found.message_id
    assert missing is None
    with pytest.raises(errors.InvalidRequest):
        business.lookup("41015/../x")
    assert len(records(business.LOOKUP)) == 2


def test_an_sms_is_sent_once_per_request_id_and_the_lgsp_message_id_returned(wired):
    first = sms.send("0905111222", "Mã xác thực: 482913", request_id="OTP-1")
    again = sms.send("0905111222", "Mã xác thực: 482913", request_id="OTP-1")

    assert first != again  # two exchanges in the log ...
    assert {str(r.message_id) for r in records(sms.SEND)} == {first, again}
    assert Message.objects.get().body == "Mã xác thực: 482913"  # ... one message sent


def test_a_failing_national_system_is_service_unavailable(wired, sandbox: SandboxServer):
    sandbox.fail_with(503)

    with pytest.raises(errors.ServiceUnavailable) as failed:
        business.lookup("4101567890")

    assert "tạm thời không phản hồi" in failed.value.message
    assert failed.value.code == "service_unavailable"


def test_a_slow_national_system_is_service_unavailable_after_the_service_timeout(
    wired, sandbox: SandboxServer
):
    Service.objects.filter(code="xac-thuc").update(timeout_seconds=0.2)
    sandbox.delay(1500)

    started = time.monotonic()
    with pytest.raises(errors.ServiceUnavailable):
        population.verify(THAO.id_number, THAO.full_name, THAO.born, **OFFICER)

    assert time.monotonic() - started < 1.2
    assert records(population.VERIFY)[-1].error_code == "upstream_timeout"


def test_a_stopped_national_system_gives_a_fast_clear_error_and_opens_the_circuit(wired):
    Service.objects.update(upstream_url="http://127.0.0.1:9/dkdn/v1/doanh-nghiep")

    for _ in range(6):
        started = time.monotonic()
        with pytest.raises(errors.ServiceUnavailable):
            business.lookup("4101567890")
        assert time.monotonic() - started < 1

    assert breaker.is_open(breaker.upstream_key("http://127.0.0.1:9/dkdn/v1/doanh-nghiep"))
    assert records(business.LOOKUP)[-1].status_code == 503


def test_revoked_credentials_are_not_authorised(wired):
    assert business.lookup("4101567890") is not None
    for secret in ClientSecret.objects.filter(consumer=wired):
        credentials.revoke_client_secret(secret)

    with pytest.raises(errors.NotAuthorised) as refused:
        business.lookup("4101567890")

    assert "quản trị viên" in refused.value.message


def test_a_withdrawn_access_right_is_not_authorised(wired):
    registry.revoke(wired, Service.objects.get(code="doanh-nghiep"))

    with pytest.raises(errors.NotAuthorised):
        business.lookup("4101567890")


def test_the_token_is_cached_then_refreshed_when_the_gateway_forgets_it(wired):
    fetched = transport.token_fetches
    business.lookup("4101567890")
    business.lookup("4101567890")
    assert transport.token_fetches == fetched + 1
    assert AccessToken.objects.count() == 1

    # The gateway no longer knows the token (expired early, cleaned up): one new token, and
    # the call goes through without the caller noticing.
    AccessToken.objects.all().delete()
    assert business.lookup("4101567890") is not None
    assert transport.token_fetches == fetched + 2


def test_the_token_is_renewed_shortly_before_it_expires(wired, settings: Settings):
    settings.LGSP_TOKEN_SECONDS = 5  # renewed after 4 s (a fifth of the lifetime before the end)
    fetched = transport.token_fetches
    business.lookup("4101567890")
    for cached in transport._tokens.values():
        cached.refresh_at = time.monotonic() - 1  # as if 4 s had passed

    business.lookup("4101567890")

    assert transport.token_fetches == fetched + 2


def test_without_debug_the_client_credentials_must_be_configured(settings: Settings):
    settings.LGSP_DEMO_KEYS = False
    settings.LGSP_CLIENT_ID = "motcua-tinh"
    settings.LGSP_CLIENT_SECRET = ""

    with pytest.raises(ImproperlyConfigured, match="LGSP_CLIENT_SECRET"):
        business.lookup("4101567890")


def test_over_real_http_when_the_gateway_is_its_own_deployment(
    wired, live_server, settings: Settings
):
    settings.LGSP_BASE_URL = f"{live_server.url}/lgsp"

    assert population.verify(THAO.id_number, THAO.full_name, THAO.born, **OFFICER) is True
    assert transport.http_client().base_url.host == "localhost"


def test_hostile_xml_from_outside_is_refused_not_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<CongdanCollection xmlns="http://www.mic.gov.vn/dancu/1.0">&b;</CongdanCollection>'
    )
    with pytest.raises(MalformedRecord):
        parse(bomb)
