"""Dossier status sync to the national portal (DongBoHoSoMC) through the outbox, the gateway and
the sandbox's portal stand-in."""

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from motcua.core import outbox
from motcua.core.models import OutboxEvent
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.lgsp import breaker, demo, portal_sync
from motcua.lgsp.models import MessageRecord
from motcua.sandbox.models import PortalSync
from tests.dossiers.conftest import Cast, local

from .sandbox_server import SandboxServer

pytestmark = pytest.mark.django_db(transaction=True)
SUBMITTED = local(2026, 3, 2, 8, 15)
RECEIVED = local(2026, 3, 2, 9, 0)
HANDLER = "motcua.lgsp.outbox_handlers.sync_national_portal"


@pytest.fixture
def wired(sandbox: SandboxServer) -> None:
    demo.wire_sandbox(sandbox.url)


def received(cast: Cast, applicant: dict[str, Any]) -> Dossier:
    dossier = lifecycle.submit_online(
        cast.lltp,
        applicant=applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        at=SUBMITTED,
    )
    return lifecycle.receive(dossier, by=cast.ha, at=RECEIVED)


def portal_events() -> Any:
    return OutboxEvent.objects.filter(subscriber=HANDLER).order_by("id")


def deliver(now: datetime | None = None) -> outbox.DeliveryReport:
    return outbox.deliver_due(worker_id="alice", limit=1000, now=now)


def test_a_received_dossier_reaches_the_national_portal(wired, cast, lan_applicant):
    dossier = received(cast, lan_applicant)

    deliver()

    # Submission and reception, both delivered after reception: each sends the state as it is.
    syncs = list(PortalSync.objects.filter(code=dossier.code).order_by("id"))
    assert [sync.status_code for sync in syncs] == [2, 2]
    sent = syncs[-1].payload
    assert sent["TrangThaiHoSo"] == 2
    assert sent["MaTTHC"] == cast.lltp.code
    assert sent["TenTTHC"] == cast.lltp.name
    assert sent["MaLinhVuc"] == cast.lltp.field.code
    assert sent["ChuHoSo"] == lan_applicant["name"]
    assert (sent["LoaiDoiTuong"], sent["KenhThucHien"]) == (1, 2)
    # yyyyMMddHHmmss, Vietnam time.
    assert (sent["NgayNopHoSo"], sent["NgayTiepNhan"]) == ("20260302081500", "20260302090000")
    assert sent["NgayHenTra"] == portal_sync.portal_date(dossier.due_at)
    assert sent["NgayKetThucXuLy"] == sent["NgayTra"] == ""
    assert all(event.status == "delivered" for event in portal_events())
    assert MessageRecord.objects.filter(service_code="dvcqg/dong-bo-ho-so").count() == 2


def test_dates_are_in_vietnam_time_whatever_the_server_zone():
    assert portal_sync.portal_date(datetime(2026, 3, 2, 17, 30, 5, tzinfo=UTC)) == "20260303003005"
    assert portal_sync.portal_date(None) == ""


def test_a_pause_is_sent_as_itself_never_as_result_ready(wired, cast, lan_applicant):
    dossier = received(cast, lan_applicant)
    dossier = lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa, at=local(2026, 3, 3, 9))
    lifecycle.request_supplement(
        dossier, by=cast.khoa, items=["Tờ khai có chữ ký"], at=local(2026, 3, 3, 10)
    )

    deliver()

    last = PortalSync.objects.filter(code=dossier.code).order_by("-id").first()
    assert last is not None
    assert last.status_code == 5
    supplements = last.payload["DanhSachHoSoBoSung"]
    assert [s["NgayBoSung"] for s in supplements] == ["20260303100000"]
    assert not PortalSync.objects.filter(status_code=9).exists()


def test_the_sync_is_retried_until_the_portal_acknowledges(
    wired, cast, lan_applicant, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
):
    dossier = received(cast, lan_applicant)
    sandbox.fail_with(503)

    first = deliver()

    assert first.failed == portal_events().count() == 2
    assert not PortalSync.objects.exists()
    assert {event.attempts for event in portal_events()} == {1}

    sandbox.heal()
    # An hour later: past the outbox's backoff and the circuit breaker's cool-down alike.
    monkeypatch.setattr(breaker, "clock", lambda: time.monotonic() + 3600)
    later = deliver(now=timezone.now() + timedelta(hours=1))

    assert later.delivered >= 2
    assert PortalSync.objects.filter(code=dossier.code, status_code=2).exists()
    assert all(event.status == "delivered" for event in portal_events())


def test_a_refusal_by_the_portal_is_retried_too(wired, cast, lan_applicant, sandbox):
    received(cast, lan_applicant)
    sandbox.fail_with(400)

    report = deliver()

    assert report.failed == 2
    assert "Cổng Dịch vụ công quốc gia từ chối yêu cầu" in portal_events()[0].last_error


def test_redelivered_and_late_events_send_the_current_state_again(wired, cast, lan_applicant):
    dossier = received(cast, lan_applicant)
    deliver()
    dossier = lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa, at=local(2026, 3, 3, 9))
    deliver()
    # A worker that died after sending but before recording it: every event comes again, the
    # oldest first.
    portal_events().update(status="pending", attempts=0, delivered_at=None)
    deliver()

    states = list(
        PortalSync.objects.filter(code=dossier.code).order_by("id").values_list("status_code")
    )
    # The first delivery of the reception event said 2 or 4 (the state when it ran); every
    # later one says 4, the current state: nothing older overwrites it.
    assert [s for (s,) in states][-3:] == [4, 4, 4]
    assert PortalSync.objects.filter(code=dossier.code).order_by("-id").first().status_code == 4


def test_without_the_portal_in_the_registry_events_are_acknowledged_without_a_sync(
    cast, lan_applicant
):
    received(cast, lan_applicant)

    report = deliver()

    assert report.failed == report.dead == 0
    assert all(event.status == "delivered" for event in portal_events())
    assert not MessageRecord.objects.exists()


def test_the_sync_can_be_turned_off(wired, cast, lan_applicant, settings: Settings):
    settings.NATIONAL_PORTAL_SYNC = False
    received(cast, lan_applicant)

    deliver()

    assert not PortalSync.objects.exists()
