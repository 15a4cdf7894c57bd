"""Deadline alarms reach officials as notices and e-mails (motcua.notifications)."""

from datetime import datetime
from typing import Any

import pytest
from django.core import mail

from motcua.core import outbox
from motcua.core.models import OutboxEvent
from motcua.dossiers import alarms, lifecycle
from motcua.dossiers.models import Dossier
from motcua.notifications import unread_count
from motcua.notifications.models import Notice
from motcua.org.access import holders
from tests.dossiers.conftest import Cast, local, official

RECEIVED = local(2026, 3, 2, 9, 0)


def submitted(cast: Cast, applicant: dict[str, Any], at: datetime = RECEIVED) -> Dossier:
    return lifecycle.submit_online(
        cast.lltp,
        applicant=applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        at=at,
    )


def received(cast: Cast, applicant: dict[str, Any]) -> Dossier:
    return lifecycle.receive(submitted(cast, applicant), by=cast.ha, at=RECEIVED)


def deliver() -> None:
    report = outbox.deliver_due(worker_id="alice", limit=1000)
    assert report.failed == report.dead == 0


def notices_of(user: Any) -> list[Notice]:
    return list(Notice.objects.filter(recipient=user).order_by("id"))


@pytest.fixture
def emails(cast: Cast) -> None:
    for user, address in ((cast.khoa, "khoa@tuphap.gialai.gov.vn"), (cast.nhung, "")):
        user.email = address
        user.save()


def test_the_assignee_is_told_once_of_a_due_soon_dossier_even_if_redelivered(
    cast, lan_applicant, emails
):
    dossier = lifecycle.assign(received(cast, lan_applicant), by=cast.nhung, to=cast.khoa)
    alarms.scan(now=local(2026, 3, 13, 17, 30))
    deliver()
    event = OutboxEvent.objects.get(topic="dossier.due_soon")

    # The outbox delivers at least once: the same event again changes nothing.
    OutboxEvent.objects.filter(pk=event.pk).update(status="pending", delivered_at=None)
    deliver()

    (notice,) = Notice.objects.all()
    assert notice.recipient == cast.khoa
    assert notice.dossier == dossier
    assert notice.kind == Notice.Kind.DUE_SOON
    assert notice.key == event.key
    assert notice.title == f"Hồ sơ {dossier.code} sắp đến hạn trả kết quả"
    assert "17:00 16/03/2026" in notice.body
    assert "Cấp Phiếu lý lịch tư pháp" in notice.body
    assert notice.url == f"/can-bo/ho-so/{dossier.code}/"
    assert OutboxEvent.objects.get(pk=event.pk).status == "delivered"

    (message,) = mail.outbox
    assert message.to == ["khoa@tuphap.gialai.gov.vn"]
    assert message.subject == notice.title
    assert "Kính gửi Trần Đăng Khoa," in message.body
    assert f"/can-bo/ho-so/{dossier.code}/" in message.body
    # The applicant's name never travels by e-mail.
    assert "Hồ Thị Lan" not in message.body
    assert Notice.objects.get().emailed_at is not None


def test_without_an_assignee_the_leaders_of_the_current_agency_are_told(cast, lan_applicant):
    official("tham", "Đinh Thị Thắm", (cast.tu_phap, "leader"))
    official("other", "Lê Văn Khác", (cast.xay_dung, "leader"))
    dossier = received(cast, lan_applicant)
    alarms.scan(now=local(2026, 3, 16, 17, 30))
    deliver()

    told = sorted(n.recipient.username for n in Notice.objects.all())
    assert told == ["nhung", "tham"]
    assert {n.kind for n in Notice.objects.all()} == {Notice.Kind.OVERDUE}
    assert Notice.objects.first().title == f"Hồ sơ {dossier.code} đã quá hạn trả kết quả"
    assert mail.outbox == []  # none of them has an e-mail address


def test_a_late_online_dossier_is_told_to_the_officers_of_the_receiving_desk(cast, lan_applicant):
    dossier = submitted(cast, lan_applicant, local(2026, 3, 6, 16, 0))
    alarms.scan(now=local(2026, 3, 9, 14, 0))
    deliver()

    (notice,) = Notice.objects.all()
    assert notice.recipient == cast.ha
    assert notice.kind == Notice.Kind.RECEPTION_LATE
    assert notice.title == f"Hồ sơ {dossier.reference} chờ tiếp nhận quá thời gian quy định"
    assert "đã chờ 5,5 giờ làm việc, quá chỉ tiêu 4 giờ làm việc" in notice.body
    assert unread_count(cast.ha) == 1
    assert unread_count(cast.khoa) == 0


def test_the_officials_holding_a_capability_at_an_agency(cast):
    former = official("former", "Cựu Cán Bộ", (cast.center, "officer"))
    former.is_active = False
    former.save()

    assert holders("dossier.receive", cast.center) == [cast.ha]
    assert holders("dossier.assign", cast.tu_phap) == [cast.nhung]
    assert holders("dossier.assign", cast.center) == []
