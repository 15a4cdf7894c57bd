"""`motcua calendar due` and `motcua calendar days`."""

import json
from collections.abc import Iterator
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.core.calendar import invalidate_default_calendar
from motcua.core.models import CalendarOverride

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_default_calendar() -> Iterator[None]:
    # Rolled-back rows send no delete signal: drop the cached calendar around every test.
    invalidate_default_calendar()
    yield
    invalidate_default_calendar()


def run(*args: str) -> str:
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


def test_due_prints_the_deadline_as_json_with_the_local_offset() -> None:
    answer = json.loads(
        run("due", "--received", "2025-11-03T09:00", "--duration", "5", "--unit", "working_days")
    )

    assert answer == {
        "received_at": "2025-11-03T09:00:00+07:00",
        "counted_from": "2025-11-03T09:00:00+07:00",
        "due_at": "2025-11-10T17:00:00+07:00",
        "unit": "working_days",
        "duration": 5,
    }


def test_due_moves_an_evening_reception_and_reads_vietnamese_dates() -> None:
    answer = json.loads(
        run("due", "--received", "03/11/2025 18:00", "--duration", "4", "--unit", "working_hours")
    )

    assert answer["counted_from"] == "2025-11-04T07:30:00+07:00"
    assert answer["due_at"] == "2025-11-04T11:30:00+07:00"


def test_due_converts_an_instant_given_with_another_offset() -> None:
    answer = json.loads(run("due", "--received", "2025-11-03T02:00:00Z", "--duration", "1"))

    assert answer["received_at"] == "2025-11-03T09:00:00+07:00"
    assert answer["unit"] == "working_days"
    assert answer["due_at"] == "2025-11-04T17:00:00+07:00"


def test_due_sees_the_province_make_up_saturday() -> None:
    CalendarOverride.objects.create(
        date=date(2025, 11, 15), kind="working_day", reason="Làm bù cho ngày 14/11/2025"
    )

    answer = json.loads(run("due", "--received", "2025-11-14T10:00", "--duration", "1"))

    assert answer["due_at"] == "2025-11-15T17:00:00+07:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--received", "hôm qua", "--duration", "5"],
            "Không đọc được thời điểm 'hôm qua'",
        ),
        (["--received", "2025-11-03T09:00", "--duration", "năm"], "--duration phải là số nguyên"),
        (
            ["--received", "2025-11-03T09:00", "--duration", "5", "--unit", "weeks"],
            "Đơn vị thời hạn không hợp lệ: 'weeks'",
        ),
        (
            ["--received", "2025-11-03T09:00", "--duration", "0"],
            "Thời hạn tính theo ngày làm việc phải lớn hơn 0.",
        ),
        (["--received", "2025-11-03T09:00", "--duration", "-2"], "Thời hạn không được âm."),
        (["--duration", "5"], "Thiếu --received"),
        (["--received", "2025-11-03T09:00"], "Thiếu --duration"),
    ],
)
def test_due_refuses_bad_input_with_a_vietnamese_message(args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as refused:
        run("due", *args)

    assert message in str(refused.value)


def test_days_prints_a_table_of_the_year() -> None:
    table = run("days", "--year", "2026").splitlines()

    assert table[0].split() == ["Ngày", "Thứ", "Loại", "Lý", "do"]
    assert "22/08/2026  Thứ Bảy  Làm bù  Làm bù cho ngày nghỉ 31/08/2026" in table
    assert "24/11/2026  Thứ Ba   Nghỉ    Ngày Văn hóa Việt Nam" in table
    assert len(table) == 1 + 14


def test_days_prints_json_with_iso_dates_and_the_province_days() -> None:
    CalendarOverride.objects.create(
        date=date(2026, 3, 2), kind="day_off", reason="Kỷ niệm ngày thành lập tỉnh"
    )

    answer = json.loads(run("days", "--year", "2026", "--format", "json"))

    assert answer["year"] == 2026
    assert answer["days"][0] == {
        "date": "2026-01-01",
        "weekday": "Thứ Năm",
        "kind": "day_off",
        "reason": "Tết Dương lịch",
    }
    assert {
        "date": "2026-08-22",
        "weekday": "Thứ Bảy",
        "kind": "working_day",
        "reason": "Làm bù cho ngày nghỉ 31/08/2026",
    } in answer["days"]
    assert {
        "date": "2026-03-02",
        "weekday": "Thứ Hai",
        "kind": "day_off",
        "reason": "Kỷ niệm ngày thành lập tỉnh",
    } in answer["days"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "hai nghìn"], "--year phải là số nguyên"),
        (["--year", "0"], "Năm không hợp lệ: 0."),
        (["--year", "2026", "--format", "xml"], "Định dạng không hợp lệ: 'xml'"),
    ],
)
def test_days_refuses_bad_input_with_a_vietnamese_message(args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as refused:
        run("days", *args)

    assert message in str(refused.value)
