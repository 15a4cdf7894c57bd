"""The legal clock on real Vietnamese calendars (DOMAIN.md §4).

Every expected instant below was checked by hand against the month as printed by
`python -m calendar`; the comment next to a case says which days it skips and why.
"""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from motcua.core import calendar as legal_clock
from motcua.core.calendar import (
    Deadline,
    Override,
    WorkingCalendar,
    add_working_days,
    due_at,
    is_working_day,
    non_working_days,
    restart_after_supplement,
    resume_after_pause,
    sessions,
    working_time_between,
)
from motcua.core.errors import InvalidInput
from motcua.core.models import CalendarOverride, OfficeHours

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NATIONAL = WorkingCalendar(tz=VN)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


def due(received: datetime, duration: int, unit: str) -> datetime:
    return due_at(received, duration, unit, calendar=NATIONAL).due_at


@pytest.fixture(autouse=True)
def fresh_default_calendar() -> Iterator[None]:
    # Test transactions roll back without a delete signal, so the cached database calendar
    # would otherwise carry one test's rows into the next.
    legal_clock.invalidate_default_calendar()
    yield
    legal_clock.invalidate_default_calendar()


# --- Which days are working days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 1, 29), False),  # Tết Nguyên Đán 2025
        (date(2025, 4, 26), True),  # Saturday worked in exchange for 2/5/2025
        (date(2025, 5, 2), False),  # the swapped day off
        (date(2025, 9, 1), False),
        (date(2026, 2, 16), False),  # Tết 2026 starts on Monday 16/2
        (date(2026, 2, 23), True),
        (date(2026, 8, 22), True),  # Saturday worked in exchange for 31/8/2026
        (date(2026, 8, 31), False),
        (date(2026, 11, 24), False),  # Ngày Văn hóa Việt Nam, a holiday from 2026
        (date(2025, 11, 24), True),  # ... but not yet in 2025
        (date(2025, 11, 8), False),  # an ordinary Saturday
    ],
)
def test_working_days_follow_the_government_calendar(day: date, working: bool) -> None:
    assert is_working_day(day, calendar=NATIONAL) is working


def test_a_datetime_is_judged_by_its_local_day() -> None:
    utc = ZoneInfo("UTC")
    # 18:00 UTC on Friday 7/11/2025 is already Saturday 8/11 01:00 in Vietnam.
    assert not is_working_day(datetime(2025, 11, 7, 18, 0, tzinfo=utc), calendar=NATIONAL)
    # 18:00 UTC on the make-up Saturday 26/4/2025 is already Sunday 27/4 in Vietnam.
    assert not is_working_day(datetime(2025, 4, 26, 18, 0, tzinfo=utc), calendar=NATIONAL)


def test_non_working_days_of_2025_list_holidays_swaps_and_the_make_up_saturday() -> None:
    days = dict(non_working_days(2025, calendar=NATIONAL))

    assert days[date(2025, 1, 29)] == "Tết Nguyên Đán"
    assert days[date(2025, 5, 2)] == "Ngày nghỉ (thay cho ngày 26/04/2025)"
    assert days[date(2025, 4, 26)] == "Làm bù cho ngày nghỉ 02/05/2025"
    # Mùng bốn Tết falls on Saturday 1/2/2025: nothing changes, so it is not listed.
    assert date(2025, 2, 1) not in days
    assert sorted(days) == [
        date(2025, 1, 1),
        date(2025, 1, 27),
        date(2025, 1, 28),
        date(2025, 1, 29),
        date(2025, 1, 30),
        date(2025, 1, 31),
        date(2025, 4, 7),
        date(2025, 4, 26),
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        date(2025, 9, 1),
        date(2025, 9, 2),
    ]


def test_non_working_days_of_2026_include_vietnam_cultural_day_and_the_august_swap() -> None:
    days = dict(non_working_days(2026, calendar=NATIONAL))

    assert days[date(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"
    assert days[date(2026, 8, 22)] == "Làm bù cho ngày nghỉ 31/08/2026"
    assert days[date(2026, 8, 31)] == "Ngày nghỉ (thay cho ngày 22/08/2026)"
    assert days[date(2026, 4, 27)] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"


def test_province_overrides_win_over_the_package() -> None:
    province = WorkingCalendar(
        tz=VN,
        overrides={
            date(2025, 11, 14): Override(working=False, reason="Kỷ niệm ngày thành lập tỉnh"),
            date(2025, 11, 15): Override(working=True, reason="Làm bù cho ngày 14/11/2025"),
            # The province keeps its offices open on the Government's swapped day off.
            date(2025, 5, 2): Override(working=True, reason="Tỉnh làm việc bình thường"),
        },
    )

    assert not is_working_day(date(2025, 11, 14), calendar=province)
    assert is_working_day(date(2025, 11, 15), calendar=province)
    assert is_working_day(date(2025, 5, 2), calendar=province)
    days = dict(non_working_days(2025, calendar=province))
    assert days[date(2025, 11, 14)] == "Kỷ niệm ngày thành lập tỉnh"
    assert days[date(2025, 11, 15)] == "Làm bù cho ngày 14/11/2025"
    assert date(2025, 5, 2) not in days


def test_sessions_of_a_working_day_a_make_up_saturday_and_a_holiday() -> None:
    assert sessions(date(2025, 11, 3), calendar=NATIONAL) == (
        legal_clock.Session(at(2025, 11, 3, 7, 30), at(2025, 11, 3, 11, 30)),
        legal_clock.Session(at(2025, 11, 3, 13, 30), at(2025, 11, 3, 17, 0)),
    )
    # DOMAIN.md §4: a make-up Saturday has the normal weekday office hours.
    assert [s.start for s in sessions(date(2025, 4, 26), calendar=NATIONAL)] == [
        at(2025, 4, 26, 7, 30),
        at(2025, 4, 26, 13, 30),
    ]
    assert sessions(date(2025, 9, 2), calendar=NATIONAL) == ()


# --- Adding working days --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 11, 3), 0, date(2025, 11, 3)),
        (date(2025, 11, 8), 0, date(2025, 11, 8)),  # n=0 keeps even a Saturday
        (date(2025, 11, 3), 5, date(2025, 11, 10)),
        (date(2025, 11, 8), 1, date(2025, 11, 10)),
        # Tết 2025: 27/1–31/1 off, 1–2/2 weekend; 3/2 is the first working day.
        (date(2025, 1, 24), 1, date(2025, 2, 3)),
        # 26/4/2025 (Saturday) is worked; 30/4, 1/5 and 2/5 are off.
        (date(2025, 4, 25), 1, date(2025, 4, 26)),
        (date(2025, 4, 29), 1, date(2025, 5, 5)),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n, calendar=NATIONAL) == expected


def test_add_working_days_refuses_a_negative_count() -> None:
    with pytest.raises(InvalidInput):
        add_working_days(date(2025, 11, 3), -1, calendar=NATIONAL)


# --- Where the clock starts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "counted_from"),
    [
        (at(2025, 11, 3, 9, 0), at(2025, 11, 3, 9, 0)),  # inside the morning session
        (at(2025, 11, 3, 6, 15), at(2025, 11, 3, 7, 30)),  # before opening
        (at(2025, 11, 3, 7, 30), at(2025, 11, 3, 7, 30)),  # a session holds its start ...
        (at(2025, 11, 3, 11, 30), at(2025, 11, 3, 13, 30)),  # ... but not its end
        (at(2025, 11, 3, 12, 0), at(2025, 11, 3, 13, 30)),  # lunch break
        (at(2025, 11, 3, 17, 0), at(2025, 11, 4, 7, 30)),  # closing time
        (at(2025, 11, 3, 18, 0), at(2025, 11, 4, 7, 30)),  # evening
        (at(2025, 11, 7, 20, 0), at(2025, 11, 10, 7, 30)),  # Friday evening
        (at(2025, 11, 8, 10, 0), at(2025, 11, 10, 7, 30)),  # Saturday
        (at(2025, 1, 29, 9, 0), at(2025, 2, 3, 7, 30)),  # Tết 2025
        (at(2025, 4, 26, 9, 0), at(2025, 4, 26, 9, 0)),  # make-up Saturday
    ],
)
def test_counted_from(received: datetime, counted_from: datetime) -> None:
    assert due_at(received, 1, "working_days", calendar=NATIONAL).counted_from == counted_from


def test_naive_input_is_local_time_and_aware_input_is_converted() -> None:
    naive = due_at(datetime(2025, 11, 3, 9, 0), 5, "working_days", calendar=NATIONAL)
    utc = due_at(
        datetime(2025, 11, 3, 2, 0, tzinfo=ZoneInfo("UTC")), 5, "working_days", calendar=NATIONAL
    )

    expected = Deadline(at(2025, 11, 3, 9, 0), at(2025, 11, 3, 9, 0), at(2025, 11, 10, 17, 0))
    assert naive == expected
    assert utc == expected
    assert utc.due_at.isoformat() == "2025-11-10T17:00:00+07:00"


# --- Working days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "n", "expected"),
    [
        # DOMAIN.md §4's own examples.
        (at(2025, 11, 3, 10, 0), 5, at(2025, 11, 10, 17, 0)),
        (at(2025, 11, 3, 18, 0), 5, at(2025, 11, 11, 17, 0)),
        (at(2025, 11, 3, 12, 0), 5, at(2025, 11, 10, 17, 0)),  # lunch: still day 0 = Monday
        (at(2025, 11, 8, 10, 0), 5, at(2025, 11, 17, 17, 0)),  # Saturday: day 0 = Monday 10/11
        # Tết 2025: Fri 24/1 is day 0; 27/1–2/2 are off; 3/2..7/2 are days 1..5.
        (at(2025, 1, 24, 10, 0), 5, at(2025, 2, 7, 17, 0)),
        # Received on Saturday 25/1/2025: day 0 is Monday 3/2.
        (at(2025, 1, 25, 10, 0), 1, at(2025, 2, 4, 17, 0)),
        # Tết 2026: 16/2–20/2 off; Fri 13/2 is day 0, then 23, 24, 25/2.
        (at(2026, 2, 13, 9, 0), 3, at(2026, 2, 25, 17, 0)),
        # 30/4–1/5/2025: Sat 26/4 is worked (day 1), then Mon 28 and Tue 29.
        (at(2025, 4, 25, 10, 0), 3, at(2025, 4, 29, 17, 0)),
        # Tue 29/4 is day 0; 30/4, 1/5, 2/5 and the weekend are off; then 5/5 and 6/5.
        (at(2025, 4, 29, 14, 0), 2, at(2025, 5, 6, 17, 0)),
        # 2/9/2025: Mon 1/9 and Tue 2/9 are off.
        (at(2025, 8, 29, 16, 0), 1, at(2025, 9, 3, 17, 0)),
        # 2/9/2026: Sat 22/8 worked, Mon 31/8 off (swap), 1/9 and 2/9 off.
        (at(2026, 8, 21, 10, 0), 2, at(2026, 8, 24, 17, 0)),
        (at(2026, 8, 28, 10, 0), 1, at(2026, 9, 3, 17, 0)),
        # 24/11/2026, Vietnam Cultural Day, is a Tuesday.
        (at(2026, 11, 23, 10, 0), 1, at(2026, 11, 25, 17, 0)),
    ],
)
def test_working_days_are_due_at_closing_time_of_the_nth_working_day(
    received: datetime, n: int, expected: datetime
) -> None:
    assert due(received, n, "working_days") == expected


# --- Working hours --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "hours", "expected"),
    [
        # 10:00–11:30 is 1.5 h, then 2.5 h from 13:30.
        (at(2025, 11, 3, 10, 0), 4, at(2025, 11, 3, 16, 0)),
        # 16:00–17:00 is 1 h, then 3 h from Tuesday 07:30.
        (at(2025, 11, 3, 16, 0), 4, at(2025, 11, 4, 10, 30)),
        # Ending exactly at a session end is due at that end, not at the next opening.
        (at(2025, 11, 3, 7, 30), 4, at(2025, 11, 3, 11, 30)),
        (at(2025, 11, 3, 16, 0), 1, at(2025, 11, 3, 17, 0)),
        # A full day is 7.5 h, so 8 h from Monday's opening ends at Tuesday 08:00.
        (at(2025, 11, 3, 7, 30), 8, at(2025, 11, 4, 8, 0)),
        # Received at lunch: counted from 13:30.
        (at(2025, 11, 3, 12, 15), 2, at(2025, 11, 3, 15, 30)),
        # Friday 16:00: 1 h on Friday, 2 h on Monday morning.
        (at(2025, 11, 7, 16, 0), 3, at(2025, 11, 10, 9, 30)),
        # Tết 2026: received on a holiday, counted from Mon 23/2 07:30; 7.5 h that day.
        (at(2026, 2, 17, 10, 0), 8, at(2026, 2, 24, 8, 0)),
    ],
)
def test_working_hours_count_only_office_time(
    received: datetime, hours: int, expected: datetime
) -> None:
    assert due(received, hours, "working_hours") == expected


# --- Same day -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (at(2025, 11, 3, 9, 0), at(2025, 11, 3, 17, 0)),
        (at(2025, 11, 3, 14, 59), at(2025, 11, 3, 17, 0)),
        (at(2025, 11, 3, 15, 0), at(2025, 11, 3, 17, 0)),  # "after 15:00" is strict
        (at(2025, 11, 3, 15, 1), at(2025, 11, 4, 17, 0)),
        (at(2025, 11, 3, 18, 0), at(2025, 11, 4, 17, 0)),
        (at(2025, 11, 7, 16, 0), at(2025, 11, 10, 17, 0)),  # Friday afternoon
        (at(2025, 11, 8, 16, 0), at(2025, 11, 10, 17, 0)),  # Saturday: Monday
        (at(2025, 1, 24, 16, 0), at(2025, 2, 3, 17, 0)),  # Friday before Tết 2025
    ],
)
def test_same_day_is_due_at_closing_time_or_the_next_working_day_after_15h(
    received: datetime, expected: datetime
) -> None:
    assert due(received, 0, "same_day") == expected


# --- Calendar days --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        (at(2025, 11, 3, 10, 0), 4, at(2025, 11, 7, 17, 0)),
        # 3/11 + 6 days is Sunday 9/11: moved to Monday 10/11.
        (at(2025, 11, 3, 10, 0), 6, at(2025, 11, 10, 17, 0)),
        # 27/8 + 5 days is Monday 1/9/2025, a holiday; 2/9 too: Wednesday 3/9.
        (at(2025, 8, 27, 10, 0), 5, at(2025, 9, 3, 17, 0)),
        # Counted from Monday 10/11 07:30 (received on Saturday): 10/11 + 7 = 17/11.
        (at(2025, 11, 8, 10, 0), 7, at(2025, 11, 17, 17, 0)),
        # 21/4/2025 + 5 is Saturday 26/4, a make-up working day: due that day.
        (at(2025, 4, 21, 10, 0), 5, at(2025, 4, 26, 17, 0)),
    ],
)
def test_calendar_days_end_on_the_next_working_day_when_needed(
    received: datetime, days: int, expected: datetime
) -> None:
    assert due(received, days, "calendar_days") == expected


# --- Bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "unit", "message"),
    [
        (-1, "working_days", "Thời hạn không được âm."),
        (5, "weeks", "Đơn vị thời hạn không hợp lệ"),
        (0, "working_days", "Thời hạn tính theo ngày làm việc phải lớn hơn 0."),
        (0, "working_hours", "Thời hạn tính theo giờ làm việc phải lớn hơn 0."),
        (0, "calendar_days", "Thời hạn tính theo ngày phải lớn hơn 0."),
        (True, "working_days", "Thời hạn phải là số nguyên"),
        (10**6, "working_days", "Thời hạn không được vượt quá"),
    ],
)
def test_bad_limits_are_refused_with_a_vietnamese_message(
    duration: int, unit: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        due_at(at(2025, 11, 3, 9, 0), duration, unit, calendar=NATIONAL)
    assert message in refused.value.message
    assert refused.value.code == "invalid_input"


# --- Office time, pauses and restarts -------------------------------------------------------


def test_working_time_between_counts_sessions_only() -> None:
    # 10:00–11:30, 13:30–17:00, then Tuesday 07:30–10:00.
    assert working_time_between(
        at(2025, 11, 3, 10, 0), at(2025, 11, 4, 10, 0), calendar=NATIONAL
    ) == timedelta(hours=7, minutes=30)
    assert working_time_between(
        at(2025, 11, 4, 10, 0), at(2025, 11, 3, 10, 0), calendar=NATIONAL
    ) == timedelta(0)
    assert working_time_between(
        at(2025, 11, 7, 17, 0), at(2025, 11, 10, 7, 30), calendar=NATIONAL
    ) == timedelta(0)


def test_working_time_of_the_whole_of_2025() -> None:
    # 261 weekdays, minus 12 weekday holidays (1/1, 27–31/1, 7/4, 30/4, 1/5, 2/5, 1/9, 2/9),
    # plus Saturday 26/4: 250 days of 7.5 hours.
    assert working_time_between(at(2025, 1, 1), at(2026, 1, 1), calendar=NATIONAL) == timedelta(
        hours=250 * 7.5
    )


def test_a_pause_of_two_working_days_moves_the_due_date_by_two_working_days() -> None:
    deadline = due_at(at(2025, 11, 3, 9, 0), 5, "working_days", calendar=NATIONAL)
    assert deadline.due_at == at(2025, 11, 10, 17, 0)

    # Paused Wednesday 10:00, resumed Friday 10:00: 15 office hours stood still.
    resumed_due = resume_after_pause(
        deadline.due_at, at(2025, 11, 5, 10, 0), at(2025, 11, 7, 10, 0), calendar=NATIONAL
    )

    assert resumed_due == at(2025, 11, 12, 17, 0)


def test_a_pause_over_a_weekend_night_changes_nothing() -> None:
    due_instant = at(2025, 11, 12, 17, 0)

    assert (
        resume_after_pause(
            due_instant, at(2025, 11, 7, 17, 30), at(2025, 11, 10, 7, 0), calendar=NATIONAL
        )
        == due_instant
    )


def test_a_pause_resumed_at_lunch_counts_from_the_afternoon_session() -> None:
    # Due Monday 10/11 17:00; paused Friday 7/11 16:00 with 1 h left that Friday and 7.5 h on
    # Monday (8.5 h); resumed Monday 12:00, so counting starts at 13:30: 3.5 h Monday, 5 h
    # Tuesday from 07:30 (4 h morning, 1 h afternoon) = 14:30.
    assert resume_after_pause(
        at(2025, 11, 10, 17, 0), at(2025, 11, 7, 16, 0), at(2025, 11, 10, 12, 0), calendar=NATIONAL
    ) == at(2025, 11, 11, 14, 30)


def test_a_pause_that_starts_after_the_due_date_cannot_rescue_a_late_dossier() -> None:
    due_instant = at(2025, 11, 10, 17, 0)

    assert (
        resume_after_pause(
            due_instant, at(2025, 11, 11, 9, 0), at(2025, 11, 12, 9, 0), calendar=NATIONAL
        )
        == due_instant
    )


def test_resuming_before_pausing_is_refused() -> None:
    with pytest.raises(InvalidInput):
        resume_after_pause(
            at(2025, 11, 10, 17, 0),
            at(2025, 11, 5, 10, 0),
            at(2025, 11, 4, 10, 0),
            calendar=NATIONAL,
        )


def test_the_time_limit_restarts_from_zero_when_the_supplement_arrives() -> None:
    # Complete supplement on Thursday 6/11/2025 15:30: day 0 is that Thursday, 5 working days
    # later is Thursday 13/11.
    restarted = restart_after_supplement(
        at(2025, 11, 6, 15, 30), 5, "working_days", calendar=NATIONAL
    )

    assert restarted == Deadline(
        at(2025, 11, 6, 15, 30), at(2025, 11, 6, 15, 30), at(2025, 11, 13, 17, 0)
    )


# --- Custom office hours --------------------------------------------------------------------


def test_custom_office_hours_apply_to_their_weekday_and_to_make_up_days() -> None:
    province = WorkingCalendar(
        tz=VN,
        office_hours={
            0: ((time(8, 0), time(12, 0)), (time(13, 0), time(17, 30))),
            5: ((time(8, 0), time(11, 0)), (time(14, 0), time(16, 0))),
        },
    )

    assert due_at(at(2025, 11, 3, 7, 45), 4, "working_hours", calendar=province) == Deadline(
        at(2025, 11, 3, 7, 45), at(2025, 11, 3, 8, 0), at(2025, 11, 3, 12, 0)
    )
    assert due_at(at(2025, 11, 3, 12, 30), 1, "working_hours", calendar=province).counted_from == (
        at(2025, 11, 3, 13, 0)
    )
    # Tuesday has no row of its own: the default hours.
    assert sessions(date(2025, 11, 4), calendar=province)[0].start == at(2025, 11, 4, 7, 30)
    assert due_at(at(2025, 11, 3, 10, 0), 1, "working_days", calendar=province).due_at == (
        at(2025, 11, 4, 17, 0)
    )
    assert due_at(at(2025, 10, 31, 10, 0), 1, "working_days", calendar=province).due_at == (
        at(2025, 11, 3, 17, 30)
    )
    # The Saturday row applies to the Government's make-up Saturday 26/4/2025 ...
    assert sessions(date(2025, 4, 26), calendar=province)[-1].end == at(2025, 4, 26, 16, 0)
    # ... but does not make an ordinary Saturday a working day.
    assert sessions(date(2025, 11, 8), calendar=province) == ()


def test_office_hours_out_of_order_are_refused() -> None:
    with pytest.raises(InvalidInput):
        WorkingCalendar(office_hours={0: ((time(13, 0), time(17, 0)), (time(8, 0), time(12, 0)))})


# --- The calendar kept in the database ------------------------------------------------------


@pytest.mark.django_db
def test_a_province_make_up_saturday_and_day_off_from_the_database() -> None:
    CalendarOverride.objects.create(
        date=date(2025, 11, 14), kind="day_off", reason="Kỷ niệm ngày thành lập tỉnh"
    )
    CalendarOverride.objects.create(
        date=date(2025, 11, 15), kind="working_day", reason="Làm bù cho ngày 14/11/2025"
    )

    # Thursday 13/11 is day 0; Friday 14 is off; Saturday 15 is day 1; Monday 17 is day 2.
    assert due_at(at(2025, 11, 13, 10, 0), 2, "working_days").due_at == at(2025, 11, 17, 17, 0)
    # Received on the province's day off: counted from the make-up Saturday's opening.
    assert due_at(at(2025, 11, 14, 9, 0), 1, "working_days").counted_from == at(2025, 11, 15, 7, 30)
    assert (date(2025, 11, 15), "Làm bù cho ngày 14/11/2025") in non_working_days(2025)


@pytest.mark.django_db
def test_office_hours_rows_from_the_database() -> None:
    OfficeHours.objects.create(
        weekday=0,
        morning_start=time(8, 0),
        morning_end=time(12, 0),
        afternoon_start=time(13, 0),
        afternoon_end=time(17, 30),
    )

    assert due_at(at(2025, 10, 31, 10, 0), 1, "working_days").due_at == at(2025, 11, 3, 17, 30)
    assert due_at(at(2025, 11, 3, 12, 30), 1, "working_hours").due_at == at(2025, 11, 3, 14, 0)


@pytest.mark.django_db
def test_a_change_saved_by_an_admin_takes_effect_at_once() -> None:
    assert is_working_day(date(2025, 11, 14))

    override = CalendarOverride.objects.create(
        date=date(2025, 11, 14), kind="day_off", reason="Kỷ niệm ngày thành lập tỉnh"
    )
    assert not is_working_day(date(2025, 11, 14))

    override.kind = "working_day"
    override.save()
    assert is_working_day(date(2025, 11, 14))

    override.delete()
    hours = OfficeHours.objects.create(
        weekday=4,
        morning_start=time(7, 0),
        morning_end=time(11, 0),
        afternoon_start=time(13, 0),
        afternoon_end=time(16, 30),
    )
    assert sessions(date(2025, 11, 14))[-1].end == at(2025, 11, 14, 16, 30)

    hours.delete()
    assert sessions(date(2025, 11, 14))[-1].end == at(2025, 11, 14, 17, 0)


@pytest.mark.django_db
def test_a_bulk_update_without_signals_shows_after_the_ttl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    CalendarOverride.objects.create(date=date(2025, 11, 14), kind="day_off", reason="Nghỉ")
    assert not is_working_day(date(2025, 11, 14))

    CalendarOverride.objects.filter(date=date(2025, 11, 14)).update(kind="working_day")
    assert not is_working_day(date(2025, 11, 14)), "cached until the TTL runs out"

    monkeypatch.setattr(legal_clock, "CACHE_TTL_SECONDS", 0.0)
    assert is_working_day(date(2025, 11, 14))


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        # Friday afternoon + 4 office hours: the rest of Friday, then Monday morning.
        (at(2026, 11, 27, 16, 0), 4, at(2026, 11, 30, 10, 30)),
        # A Saturday submission waits for Monday's opening before its hours start to run.
        (at(2026, 11, 28, 9, 0), 1, at(2026, 11, 30, 8, 30)),
        # Across the lunch break.
        (at(2026, 11, 26, 11, 0), 1, at(2026, 11, 26, 14, 0)),
        # Tết 2026: from the last working day before it to the first after.
        (at(2026, 2, 13, 16, 30), 1, at(2026, 2, 23, 8, 0)),
    ],
)
def test_add_office_time_counts_only_office_hours(
    start: datetime, hours: int, expected: datetime
) -> None:
    assert legal_clock.add_office_time(start, timedelta(hours=hours), calendar=NATIONAL) == expected
    assert legal_clock.working_time_between(start, expected, calendar=NATIONAL) == timedelta(
        hours=hours
    )
