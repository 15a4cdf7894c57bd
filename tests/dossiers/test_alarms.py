"""Deadline alarms (motcua.dossiers.alarms), told with the cast of conftest.py.

The judicial record certificate takes 10 working days: received Monday 2 March 2026 at 09:00, it
is due Monday 16 March at 17:00. Tết Bính Ngọ 2026: no work from Saturday 14 to Sunday 22 February.
"""

import io
import json
import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from motcua.core.models import AuditEntry, OutboxEvent
from motcua.dossiers import alarms, lifecycle
from motcua.dossiers.models import Dossier, Status

from .conftest import Cast, local

RECEIVED = local(2026, 3, 2, 9, 0)
DUE = local(2026, 3, 16, 17, 0)


def submitted(cast: Cast, applicant: dict[str, Any], at: datetime) -> Dossier:
    return lifecycle.submit_online(
        cast.lltp,
        applicant=applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        at=at,
    )


def processing(cast: Cast, applicant: dict[str, Any], received_at: datetime = RECEIVED) -> Dossier:
    dossier = lifecycle.receive(submitted(cast, applicant, received_at), by=cast.ha, at=received_at)
    return lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa, at=received_at)


def alarm_events(topic: str) -> list[OutboxEvent]:
    return list(OutboxEvent.objects.filter(topic=topic).order_by("id"))


def counts(now: datetime) -> dict[str, int]:
    return alarms.scan(now=now).as_dict()


NOTHING = {"due_soon": 0, "overdue": 0, "reception_late": 0}


def test_a_dossier_with_one_working_day_left_raises_due_soon_once(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)
    assert dossier.due_at == DUE

    assert counts(local(2026, 3, 13, 16, 59)) == NOTHING  # a minute more than a working day left
    assert counts(local(2026, 3, 13, 17, 0)) == {**NOTHING, "due_soon": 1}
    assert counts(local(2026, 3, 13, 17, 5)) == NOTHING
    assert counts(local(2026, 3, 16, 9, 0)) == NOTHING

    (event,) = alarm_events("dossier.due_soon")
    assert event.key == f"{dossier.reference}:dossier.due_soon:2026-03-16T17:00:00+07:00"
    assert event.payload == {
        "reference": dossier.reference,
        "code": dossier.code,
        "procedure_code": "2.001417",
        "status": "processing",
        "current_agency_code": cast.tu_phap.code,
        "receiving_agency_code": cast.center.code,
        "assignee_id": cast.khoa.pk,
        "due_at": "2026-03-16T17:00:00+07:00",
        "raised_at": "2026-03-13T17:00:00+07:00",
    }
    # No personal data leaves through the outbox.
    assert "Hồ Thị Lan" not in json.dumps(event.payload, ensure_ascii=False)
    dossier.refresh_from_db()
    assert dossier.due_soon_alerted_at == local(2026, 3, 13, 17, 0)
    entry = AuditEntry.objects.get(action="dossier.alarm.due_soon")
    assert (entry.actor_id, entry.target_id) == (None, str(dossier.pk))


def test_an_overdue_dossier_raises_overdue_once_and_not_due_soon_any_more(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)

    assert counts(DUE) == {**NOTHING, "due_soon": 1}  # the very instant: not yet late
    assert counts(DUE + timedelta(minutes=1)) == {**NOTHING, "overdue": 1}
    assert counts(DUE + timedelta(days=3)) == NOTHING

    (event,) = alarm_events("dossier.overdue")
    assert event.payload["code"] == dossier.code
    dossier.refresh_from_db()
    assert dossier.overdue_alerted_at == DUE + timedelta(minutes=1)


def test_a_dossier_found_already_late_gets_the_overdue_alarm_alone(cast, lan_applicant):
    processing(cast, lan_applicant)

    assert counts(local(2026, 3, 20, 10, 0)) == {**NOTHING, "overdue": 1}
    assert alarm_events("dossier.due_soon") == []


def test_no_alarm_while_the_clock_is_stopped_for_a_supplement(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)
    lifecycle.request_supplement(
        dossier, by=cast.khoa, items=["Bản sao giấy khai sinh"], at=local(2026, 3, 5, 10, 0)
    )

    assert counts(local(2026, 3, 13, 17, 30)) == NOTHING
    assert counts(local(2026, 4, 1, 10, 0)) == NOTHING


def test_finished_dossiers_raise_nothing(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)
    lifecycle.withdraw(dossier, by=cast.ha, reason="Công dân xin rút", at=local(2026, 3, 3, 9, 0))

    assert counts(local(2026, 4, 1, 10, 0)) == NOTHING


def test_a_dossier_received_late_on_the_day_before_its_due_day_is_not_due_soon_at_once(
    cast, lan_applicant
):
    cast.lltp.time_limit = 1
    cast.lltp.save()
    dossier = processing(cast, lan_applicant, local(2026, 3, 2, 16, 30))
    assert dossier.due_at == local(2026, 3, 3, 17, 0)

    # The whole of Tuesday is still ahead: more than one working day of office time.
    assert counts(local(2026, 3, 2, 16, 45)) == NOTHING
    # Once the office closes on Monday, one working day is all that is left.
    assert counts(local(2026, 3, 2, 17, 0)) == {**NOTHING, "due_soon": 1}


def test_a_weekend_counts_for_nothing(cast, lan_applicant):
    processing(cast, lan_applicant)

    # Friday afternoon, three calendar days before: still more than a working day of office time.
    assert counts(local(2026, 3, 13, 14, 0)) == NOTHING
    # Saturday: exactly one working day (Monday) left.
    assert counts(local(2026, 3, 14, 10, 0)) == {**NOTHING, "due_soon": 1}


def test_tet_counts_for_nothing(cast, lan_applicant):
    cast.lltp.time_limit = 1
    cast.lltp.save()
    dossier = processing(cast, lan_applicant, local(2026, 2, 13, 10, 0))
    assert dossier.due_at == local(2026, 2, 23, 17, 0)

    assert counts(local(2026, 2, 13, 16, 0)) == NOTHING
    # Ten calendar days before the due date, but only Monday 23 February's office hours remain.
    assert counts(local(2026, 2, 13, 17, 30)) == {**NOTHING, "due_soon": 1}
    assert counts(local(2026, 2, 20, 12, 0)) == NOTHING  # in the middle of Tết: not late
    assert counts(local(2026, 2, 23, 17, 1)) == {**NOTHING, "overdue": 1}


def test_a_supplement_restart_lets_both_alarms_fire_again_for_the_new_date(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)
    counts(local(2026, 3, 13, 17, 0))
    counts(local(2026, 3, 16, 17, 30))
    dossier = lifecycle.request_supplement(
        dossier, by=cast.khoa, items=["Bản sao giấy khai sinh"], at=local(2026, 3, 17, 9, 0)
    )
    dossier = lifecycle.receive_supplement(dossier, by=cast.khoa, at=local(2026, 3, 18, 9, 0))
    assert dossier.due_at == local(2026, 4, 1, 17, 0)

    dossier.refresh_from_db()
    assert (dossier.due_soon_alerted_at, dossier.overdue_alerted_at) == (None, None)
    assert counts(local(2026, 3, 18, 10, 0)) == NOTHING
    assert counts(local(2026, 3, 31, 17, 0)) == {**NOTHING, "due_soon": 1}
    assert counts(local(2026, 4, 1, 17, 1)) == {**NOTHING, "overdue": 1}
    assert [e.payload["due_at"] for e in alarm_events("dossier.due_soon")] == [
        "2026-03-16T17:00:00+07:00",
        "2026-04-01T17:00:00+07:00",
    ]
    assert len(alarm_events("dossier.overdue")) == 2


def test_an_apology_moves_the_alarms_to_the_new_date(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)
    assert counts(local(2026, 3, 13, 17, 10)) == {**NOTHING, "due_soon": 1}
    dossier = lifecycle.apologise(
        dossier,
        by=cast.nhung,
        new_due_at=local(2026, 3, 23, 17, 0),
        reason="Cần xác minh thêm tại địa phương",
        at=local(2026, 3, 13, 17, 20),
    )
    dossier.refresh_from_db()
    assert dossier.due_soon_alerted_at is None

    assert counts(local(2026, 3, 16, 17, 30)) == NOTHING  # past due_at, within the new date
    assert counts(local(2026, 3, 20, 17, 10)) == {**NOTHING, "due_soon": 1}
    assert counts(local(2026, 3, 23, 17, 1)) == {**NOTHING, "overdue": 1}
    assert [e.payload["due_at"] for e in alarm_events("dossier.due_soon")] == [
        "2026-03-16T17:00:00+07:00",
        "2026-03-23T17:00:00+07:00",
    ]


# --- Reception late ----------------------------------------------------------------------------

FRIDAY_16 = local(2026, 3, 6, 16, 0)


def test_an_online_dossier_submitted_friday_afternoon_is_late_only_on_monday(cast, lan_applicant):
    dossier = submitted(cast, lan_applicant, FRIDAY_16)

    # One hour on Friday, then Monday's office hours: four working hours at 10:30 on Monday.
    assert counts(local(2026, 3, 8, 20, 0)) == NOTHING
    assert alarms.reception_wait(dossier, local(2026, 3, 9, 10, 0)) == timedelta(hours=3.5)
    assert not alarms.is_reception_late(dossier, local(2026, 3, 9, 10, 30))
    assert counts(local(2026, 3, 9, 10, 30)) == NOTHING
    assert alarms.is_reception_late(dossier, local(2026, 3, 9, 14, 0))
    assert counts(local(2026, 3, 9, 14, 0)) == {**NOTHING, "reception_late": 1}
    assert counts(local(2026, 3, 9, 15, 0)) == NOTHING

    (event,) = alarm_events("dossier.reception_late")
    assert event.key == f"{dossier.reference}:dossier.reception_late"
    assert event.payload["waited_working_hours"] == 5.5
    assert event.payload["code"] is None
    assert event.payload["receiving_agency_code"] == cast.center.code


def test_the_reception_target_comes_from_settings(cast, lan_applicant, settings):
    settings.RECEPTION_TARGET_WORKING_HOURS = 8
    submitted(cast, lan_applicant, FRIDAY_16)

    assert counts(local(2026, 3, 9, 14, 0)) == NOTHING
    assert counts(local(2026, 3, 9, 16, 31)) == {**NOTHING, "reception_late": 1}


def test_late_online_dossiers_are_counted_per_receiving_agency(cast, lan_applicant):
    flagged = submitted(cast, lan_applicant, FRIDAY_16)
    submitted(cast, lan_applicant, FRIDAY_16)
    submitted(cast, lan_applicant, local(2026, 3, 9, 13, 30))  # fresh
    counts(local(2026, 3, 9, 11, 0))  # flags the first two
    lifecycle.receive(flagged, by=cast.ha, at=local(2026, 3, 9, 11, 15))

    now = local(2026, 3, 9, 14, 0)
    assert alarms.reception_late_count([cast.center], now) == 1
    assert alarms.reception_late_count([cast.tu_phap], now) == 0
    assert alarms.reception_late_count([cast.center], local(2026, 3, 9, 10, 0)) == 0
    assert alarms.reception_late_count([cast.center], local(2026, 3, 10, 14, 0)) == 2
    # Once received, the wait is what it was at reception, and the dossier is no longer late.
    flagged.refresh_from_db()
    assert alarms.reception_wait(flagged, now) == timedelta(hours=4.75)
    assert not alarms.is_reception_late(flagged, now)


def test_a_dossier_received_at_the_desk_is_never_late_for_reception(cast, lan_applicant):
    dossier = submitted(cast, lan_applicant, FRIDAY_16)
    Dossier.objects.filter(pk=dossier.pk).update(channel=1)

    assert counts(local(2026, 3, 10, 14, 0)) == NOTHING


# --- The command and concurrent scans ---------------------------------------------------------


def test_the_command_scans_at_the_given_instant_and_prints_counts(cast, lan_applicant):
    processing(cast, lan_applicant)
    out = io.StringIO()

    call_command("alarms", "scan", "--now", "2026-03-16T17:30", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "now": "2026-03-16T17:30:00+07:00",
        "due_soon": 0,
        "overdue": 1,
        "reception_late": 0,
    }
    out = io.StringIO()
    call_command("alarms", "scan", "--now", "2026-03-16T18:00", stdout=out)
    assert out.getvalue().splitlines() == ["Sắp đến hạn: 0", "Quá hạn: 0", "Chậm tiếp nhận: 0"]


def test_the_command_refuses_a_malformed_instant(db):
    with pytest.raises(CommandError, match="Thời điểm không hợp lệ"):
        call_command("alarms", "scan", "--now", "16/03/2026")


@pytest.mark.django_db(transaction=True)
def test_two_workers_scanning_at_once_raise_each_alarm_once(cast, lan_applicant):
    if connection.vendor != "postgresql":
        pytest.skip("Needs concurrent writers (PostgreSQL); SQLite serialises them.")
    for _ in range(5):
        processing(cast, lan_applicant)
    submitted(cast, lan_applicant, FRIDAY_16)
    now = local(2026, 3, 16, 17, 30)
    barrier = threading.Barrier(2)
    reports: list[dict[str, int]] = []

    def scan() -> None:
        try:
            barrier.wait(timeout=10)
            reports.append(counts(now))
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sum(r["overdue"] for r in reports) == 5
    assert sum(r["reception_late"] for r in reports) == 1
    assert len(alarm_events("dossier.overdue")) == 5
    assert len(alarm_events("dossier.reception_late")) == 1
    assert Dossier.objects.filter(status=Status.PROCESSING, overdue_alerted_at=now).count() == 5
