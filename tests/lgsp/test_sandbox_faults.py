"""Faults switched per service by the sandbox operator (PUT /_faults/<service>), over real HTTP,
and what the gateway and the typed clients make of them."""

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from motcua.core.demo_people import BY_KEY
from motcua.lgsp import breaker, demo
from motcua.lgsp.clients import business, errors, population
from motcua.lgsp.models import Consumer, MessageRecord, Service
from motcua.sandbox import admin_faults
from motcua.sandbox import data as sandbox_data
from motcua.sandbox.models import FaultRule

from .sandbox_server import SandboxServer

pytestmark = pytest.mark.django_db(transaction=True)
THAO = BY_KEY["thao"]
OFFICER = {"officer": "motcua.tiepnhan", "purpose": "Tiếp nhận hồ sơ khai sinh"}
TOKEN = "test-sandbox-admin-token"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def _no_cached_rules(settings: Settings) -> Iterator[None]:
    settings.SANDBOX_ADMIN_TOKEN = TOKEN
    # The rules' one-second copy in this process outlives the test database: start clean.
    admin_faults.forget()
    yield
    admin_faults.forget()


@pytest.fixture
def wired(sandbox: SandboxServer) -> Consumer:
    sandbox_data.seed()
    consumer, _ = demo.wire_sandbox(sandbox.url)
    return consumer


def put(sandbox: SandboxServer, service: str, **rule: object) -> httpx.Response:
    return httpx.put(f"{sandbox.url}/_faults/{service}", json=rule, headers=ADMIN)


def test_the_operator_api_needs_the_token(sandbox: SandboxServer):
    anonymous = httpx.get(f"{sandbox.url}/_faults/")
    wrong = httpx.put(
        f"{sandbox.url}/_faults/population",
        json={"mode": "fail"},
        headers={"Authorization": "Bearer guess"},
    )

    assert anonymous.status_code == wrong.status_code == 401
    assert "SANDBOX_ADMIN_TOKEN" in anonymous.json()["MoTa"]
    assert not FaultRule.objects.exists()


def test_without_a_configured_token_nobody_may_switch_faults(
    sandbox: SandboxServer, settings: Settings
):
    settings.SANDBOX_ADMIN_TOKEN = ""

    refused = httpx.get(f"{sandbox.url}/_faults/", headers={"Authorization": "Bearer x"})

    assert refused.status_code == 401


def test_rules_are_set_listed_and_cleared(sandbox: SandboxServer):
    slow = put(sandbox, "business", mode="slow", delay_ms=50)
    failing = put(sandbox, "sms", mode="fail", status=500)
    listed = httpx.get(f"{sandbox.url}/_faults/", headers=ADMIN).json()
    one_off = httpx.delete(f"{sandbox.url}/_faults/sms", headers=ADMIN)
    cleared = httpx.delete(f"{sandbox.url}/_faults/", headers=ADMIN)

    assert slow.status_code == failing.status_code == 200
    assert listed["faults"] == {
        "business": {"mode": "slow", "delay_ms": 50, "status": 503},
        "sms": {"mode": "fail", "delay_ms": 0, "status": 500},
    }
    assert set(listed["services"]) >= {"population", "legal_docs", "budget_units", "sso"}
    assert list(one_off.json()["faults"]) == ["business"]
    assert cleared.json()["faults"] == {}


@pytest.mark.parametrize(
    ("service", "rule", "status", "words"),
    [
        ("population", {"mode": "broken"}, 400, "mode"),
        ("population", {"mode": "fail", "status": 200}, 400, "status"),
        ("population", {"mode": "slow", "delay_ms": "soon"}, 400, "delay_ms"),
        ("population", {"mode": "slow", "delay_ms": 999_999}, 400, "delay_ms"),
        ("weather", {"mode": "fail"}, 404, "population"),
    ],
)
def test_a_bad_rule_is_refused_with_the_field_named(sandbox, service, rule, status, words):
    refused = put(sandbox, service, **rule)

    assert refused.status_code == status
    assert words in refused.json()["MoTa"]
    assert not FaultRule.objects.exists()


def test_a_failing_population_database_does_not_stop_the_business_registry(
    wired, sandbox: SandboxServer
):
    assert put(sandbox, "population", mode="fail").status_code == 200

    with pytest.raises(errors.ServiceUnavailable) as failed:
        population.lookup(THAO.id_number, **OFFICER)
    company = business.lookup("4101567890")

    assert "tạm thời không phản hồi" in failed.value.message
    assert company is not None and company.name == "Công ty TNHH Cà phê Phố Núi"
    logged = {r.service_code: r.status_code for r in MessageRecord.objects.all()}
    assert logged == {population.LOOKUP: 503, business.LOOKUP: 200}

    httpx.delete(f"{sandbox.url}/_faults/", headers=ADMIN)

    record = population.lookup(THAO.id_number, **OFFICER)
    assert record is not None and record.full_name == THAO.full_name


def test_repeated_failures_open_the_gateways_circuit_then_clearing_closes_it(
    wired, sandbox: SandboxServer, settings: Settings
):
    settings.LGSP_BREAKER_FAILURES = 2
    settings.LGSP_BREAKER_COOLDOWN_SECONDS = 0.3
    put(sandbox, "population", mode="fail", status=502)

    for _ in range(3):
        with pytest.raises(errors.ServiceUnavailable):
            population.lookup(THAO.id_number, **OFFICER)

    logged = list(
        MessageRecord.objects.order_by("sequence").values_list("status_code", "error_code")
    )
    # Two answers relayed from the failing stand-in, then refused at once: the circuit is open.
    assert logged == [(502, ""), (502, ""), (503, "upstream_unavailable")]
    assert breaker.is_open(breaker.upstream_key(f"{sandbox.url}/dan-cu/v1/cong-dan/tra-cuu"))
    # The circuit is the population lookup's own: the business registry on the same port works.
    assert business.lookup("4101567890") is not None
    httpx.delete(f"{sandbox.url}/_faults/", headers=ADMIN)
    time.sleep(0.35)  # the cool-down: one trial call goes through and closes the circuit

    assert population.lookup(THAO.id_number, **OFFICER) is not None
    assert population.lookup(THAO.id_number, **OFFICER) is not None


def test_a_timing_out_service_holds_its_answer_past_the_gateway_timeout(
    wired, sandbox: SandboxServer, settings: Settings
):
    settings.SANDBOX_FAULT_TIMEOUT_SECONDS = 1.5
    Service.objects.filter(code="xac-thuc").update(timeout_seconds=0.3)
    put(sandbox, "population", mode="timeout")

    started = time.monotonic()
    with pytest.raises(errors.ServiceUnavailable):
        population.verify(THAO.id_number, THAO.full_name, THAO.born, **OFFICER)

    assert time.monotonic() - started < 1.2
    assert MessageRecord.objects.get().error_code == "upstream_timeout"


def test_a_slow_service_answers_late_but_answers(wired, sandbox: SandboxServer):
    put(sandbox, "business", mode="slow", delay_ms=400)

    started = time.monotonic()
    company = business.lookup("4101567890")

    assert company is not None
    assert time.monotonic() - started >= 0.4


def test_a_rule_written_by_another_process_holds_within_a_second(wired, sandbox: SandboxServer):
    assert business.lookup("4101567890") is not None  # this process now holds "no rules"
    # Another sandbox process (or the command) writes the rule straight into the database.
    FaultRule.objects.create(service="business", mode="fail", status=503)
    time.sleep(admin_faults.RULES_TTL + 0.05)

    with pytest.raises(errors.ServiceUnavailable):
        business.lookup("4101567890")


def test_the_command_switches_a_fault_on_and_off(wired, sandbox: SandboxServer):
    call_command("sandbox_fault", "business", "fail", "--status", "500")
    lookup = f"{sandbox.url}/dkdn/v1/doanh-nghiep/4101567890"

    failing = httpx.get(lookup)
    call_command("sandbox_fault", "all", "off")
    healed = httpx.get(lookup)

    assert failing.status_code == 500 and "business" in failing.json()["MoTa"]
    assert healed.status_code == 200


def test_a_held_answer_is_released_soon_after_the_fault_is_cleared(
    wired, sandbox: SandboxServer, settings: Settings
):
    settings.SANDBOX_FAULT_TIMEOUT_SECONDS = 20
    put(sandbox, "business", mode="timeout")
    answers: list[httpx.Response] = []
    waiting = threading.Thread(
        target=lambda: answers.append(
            httpx.get(f"{sandbox.url}/dkdn/v1/doanh-nghiep/4101567890", timeout=10)
        )
    )

    started = time.monotonic()
    waiting.start()
    time.sleep(0.3)
    httpx.delete(f"{sandbox.url}/_faults/", headers=ADMIN)
    waiting.join(timeout=5)

    assert answers and answers[0].status_code == 504
    assert time.monotonic() - started < 2.5
