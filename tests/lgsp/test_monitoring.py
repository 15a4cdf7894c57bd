"""Monitoring from the message log: figures per service and consumer, /metrics, the page."""

import uuid
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from motcua.accounts.models import User
from motcua.lgsp import demo, message_log, monitoring
from motcua.lgsp.message_log import Exchange
from motcua.lgsp.models import Consumer

pytestmark = pytest.mark.django_db
# Recent, so that the operator page (which reads the clock) sees the same traffic.
NOW = timezone.now().replace(microsecond=0)


def exchange(service: str, consumer: str, *, status: int = 200, ms: float, ago: timedelta) -> None:
    received: datetime = NOW - ago
    message_log.append(
        Exchange(
            message_id=uuid.uuid4(),
            service_code=service,
            method="POST",
            path="",
            received_at=received,
            consumer_code=consumer,
            status_code=status,
            responded_at=received + timedelta(milliseconds=ms),
        )
    )


@pytest.fixture
def traffic() -> None:
    # Verification by the one-stop system in the last 5 minutes: 1..100 ms, two refused, three
    # failed; older calls that only the hour window sees; one call older than an hour.
    for i in range(1, 101):
        status = 400 if i in (10, 20) else 504 if i in (97, 98, 99) else 200
        exchange("csdl-dan-cu/xac-thuc", "mot-cua", status=status, ms=i, ago=timedelta(minutes=2))
    for _ in range(4):
        exchange("csdl-dkdn/doanh-nghiep", "mot-cua", ms=30, ago=timedelta(minutes=30))
    exchange("csdl-dkdn/doanh-nghiep", "doi-tac", ms=5000, ago=timedelta(hours=2))


def rows(window: monitoring.Window) -> dict[tuple[str, str], monitoring.Row]:
    return {(row.service, row.consumer): row for row in window.rows}


def test_counts_error_rates_and_latency_percentiles_per_window(traffic):
    five, hour = monitoring.compute(now=NOW).windows

    verify = rows(five)[("csdl-dan-cu/xac-thuc", "mot-cua")]
    assert (verify.count, verify.refused, verify.failed) == (100, 2, 3)
    assert verify.error_rate == pytest.approx(0.03)
    assert (verify.p50, verify.p95, verify.p99) == pytest.approx((0.050, 0.095, 0.099))
    assert set(rows(five)) == {("csdl-dan-cu/xac-thuc", "mot-cua")}

    business = rows(hour)[("csdl-dkdn/doanh-nghiep", "mot-cua")]
    assert (business.count, business.failed, business.p99) == (4, 0, pytest.approx(0.030))
    assert ("csdl-dkdn/doanh-nghiep", "doi-tac") not in rows(hour)
    assert hour.total.count == 104
    assert (five.label, hour.label) == ("5m", "1h")


def test_percentiles_by_nearest_rank():
    assert monitoring.percentile([], 0.5) == 0.0
    assert monitoring.percentile([1.0], 0.99) == 1.0
    assert monitoring.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0
    assert monitoring.percentile([1.0, 2.0, 3.0, 4.0], 0.95) == 4.0


def test_the_prometheus_text_format(traffic):
    text = monitoring.prometheus(monitoring.compute(now=NOW))
    lines = text.splitlines()

    assert "lgsp_messages_total 105" in lines
    assert "# TYPE lgsp_messages_total counter" in lines
    labels = 'window="5m",service="csdl-dan-cu/xac-thuc",consumer="mot-cua"'
    assert f"lgsp_window_requests{{{labels}}} 100" in lines
    assert f"lgsp_window_failed{{{labels}}} 3" in lines
    assert f"lgsp_window_error_ratio{{{labels}}} 0.030000" in lines
    assert f'lgsp_window_latency_seconds{{{labels},quantile="0.99"}} 0.099000' in lines
    # Every sample line is `name{labels} number`, every family declared before its samples.
    declared = set()
    for line in lines:
        if line.startswith("# TYPE"):
            declared.add(line.split()[2])
        elif not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            float(value)
            assert name.split("{")[0] in declared
    assert text.endswith("\n")


def test_label_values_are_escaped():
    row = monitoring.Row(service='a"b\\c', consumer="x\ny")
    window = monitoring.Window(300, NOW, [row])
    assert monitoring._labels(window, row) == ('window="5m",service="a\\"b\\\\c",consumer="x\\ny"')


def test_metrics_need_the_token_or_a_staff_session(client: Client, settings: Settings):
    settings.METRICS_TOKEN = "scrape-me"
    staff = User.objects.create_user(username="vanhanh", password="x", is_staff=True)
    citizen = User.objects.create_user(username="052195000001", password="x")

    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    scraped = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-me")
    assert scraped.status_code == 200
    assert scraped["Content-Type"].startswith("text/plain; version=0.0.4")
    assert "lgsp_messages_total" in scraped.content.decode()

    client.force_login(citizen)
    assert client.get("/metrics").status_code == 401
    client.force_login(staff)
    assert client.get("/metrics").status_code == 200


def test_no_token_configured_means_staff_only(client: Client, settings: Settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 401


def test_the_operator_page_shows_the_windows_to_staff_only(client: Client, traffic):
    admin = User.objects.create_superuser(username="quantri", password="x")
    official = User.objects.create_user(username="canbo", password="x")
    url = "/quan-tri/lgsp/messagerecord/giam-sat/"

    client.force_login(official)
    assert client.get(url).status_code == 302  # to the admin login

    client.force_login(admin)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Giám sát nền tảng tích hợp (LGSP)" in html
    assert "csdl-dan-cu/xac-thuc" in html
    assert url in client.get("/quan-tri/lgsp/messagerecord/").content.decode()


def test_the_demo_wiring_is_idempotent():
    consumer, created = demo.wire_sandbox("http://127.0.0.1:8001")
    again, created_again = demo.wire_sandbox("http://127.0.0.1:8001")

    # providers, services, the consumer, its secret
    assert created == len(demo.PROVIDERS) + len(demo.SERVICES) + 1 + 1
    assert (again, created_again) == (consumer, 0)
    assert consumer.rights.count() == len(demo.SERVICES) == 18
    assert Consumer.objects.count() == 1
