"""Laws the legal clock must obey on any day of 2020–2030, checked with hypothesis.

The calendars are built without the database so that hundreds of examples run in a blink; one is
the national calendar, the other adds a province's days off, make-up Saturdays and odd hours.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.calendar import (
    Override,
    WorkingCalendar,
    add_working_days,
    due_at,
    is_working_day,
    resume_after_pause,
    sessions,
    working_time_between,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")

NATIONAL = WorkingCalendar(tz=VN)
PROVINCE = WorkingCalendar(
    tz=VN,
    overrides={
        date(2025, 11, 14): Override(working=False, reason="Kỷ niệm ngày thành lập tỉnh"),
        date(2025, 11, 15): Override(working=True, reason="Làm bù cho ngày 14/11/2025"),
        date(2026, 2, 21): Override(working=True, reason="Làm bù sau Tết"),
        date(2027, 3, 1): Override(working=False, reason="Bầu cử"),
        date(2029, 6, 3): Override(working=True, reason="Làm bù (Chủ Nhật)"),
    },
    office_hours={
        0: ((time(8, 0), time(12, 0)), (time(13, 0), time(17, 30))),
        # Adjacent sessions: a session end that is also the next session's start.
        2: ((time(7, 0), time(11, 0)), (time(11, 0), time(15, 0))),
        5: ((time(8, 0), time(11, 0)), (time(14, 0), time(16, 0))),
    },
)

calendars = st.sampled_from([NATIONAL, PROVINCE])
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
# Session edges, the 15:00 cut-off and arbitrary moments, so boundaries are not left to luck.
edge_times = st.sampled_from(
    [
        *(time(0, 0), time(7, 30), time(8, 0), time(11, 0), time(11, 30), time(12, 0)),
        *(time(13, 30), time(15, 0), time(16, 0), time(17, 0), time(17, 30), time(23, 59)),
    ]
)
clock_times = st.one_of(edge_times, st.times())
instants = st.builds(
    lambda day, moment: datetime.combine(day, moment, tzinfo=VN), days, clock_times
)
limits = st.one_of(
    st.tuples(st.just("working_days"), st.integers(1, 60)),
    st.tuples(st.just("working_hours"), st.integers(1, 200)),
    st.tuples(st.just("same_day"), st.just(0)),
    st.tuples(st.just("calendar_days"), st.integers(1, 90)),
)


def _inside_a_session(instant: datetime, calendar: WorkingCalendar) -> bool:
    return any(s.start <= instant < s.end for s in sessions(instant.date(), calendar=calendar))


@given(calendars, days, st.integers(0, 40), st.integers(0, 40))
def test_adding_working_days_twice_is_adding_their_sum(
    calendar: WorkingCalendar, day: date, n: int, m: int
) -> None:
    once = add_working_days(day, n + m, calendar=calendar)
    twice = add_working_days(add_working_days(day, n, calendar=calendar), m, calendar=calendar)

    assert twice == once


@given(calendars, days, st.integers(1, 40))
def test_adding_working_days_lands_on_a_working_day(
    calendar: WorkingCalendar, day: date, n: int
) -> None:
    assert is_working_day(add_working_days(day, n, calendar=calendar), calendar=calendar)


@given(calendars, instants, limits)
def test_the_clock_starts_inside_a_working_session_never_before_reception(
    calendar: WorkingCalendar, received: datetime, limit: tuple[str, int]
) -> None:
    unit, duration = limit
    deadline = due_at(received, duration, unit, calendar=calendar)

    assert deadline.counted_from >= received
    assert _inside_a_session(deadline.counted_from, calendar)
    # Nothing of office time is skipped between reception and the start of the clock.
    assert working_time_between(received, deadline.counted_from, calendar=calendar) == timedelta(0)


@given(calendars, instants, limits)
def test_a_due_date_is_on_a_working_day_within_office_hours_after_the_clock_starts(
    calendar: WorkingCalendar, received: datetime, limit: tuple[str, int]
) -> None:
    unit, duration = limit
    deadline = due_at(received, duration, unit, calendar=calendar)

    assert deadline.due_at > deadline.counted_from
    assert is_working_day(deadline.due_at, calendar=calendar)
    assert any(
        s.start < deadline.due_at <= s.end
        for s in sessions(deadline.due_at.date(), calendar=calendar)
    )


@given(calendars, instants, st.integers(1, 200))
def test_working_hours_are_exactly_that_much_office_time(
    calendar: WorkingCalendar, received: datetime, hours: int
) -> None:
    deadline = due_at(received, hours, "working_hours", calendar=calendar)

    assert working_time_between(
        deadline.counted_from, deadline.due_at, calendar=calendar
    ) == timedelta(hours=hours)


@given(calendars, instants, st.timedeltas(timedelta(0), timedelta(days=20)), limits)
def test_a_later_reception_is_never_due_earlier(
    calendar: WorkingCalendar,
    received: datetime,
    later_by: timedelta,
    limit: tuple[str, int],
) -> None:
    unit, duration = limit
    earlier = due_at(received, duration, unit, calendar=calendar)
    later = due_at(received + later_by, duration, unit, calendar=calendar)

    assert later.due_at >= earlier.due_at


@given(calendars, instants, limits, instants, st.floats(0, 1))
def test_pausing_during_non_working_time_changes_nothing(
    calendar: WorkingCalendar,
    received: datetime,
    limit: tuple[str, int],
    paused: datetime,
    share: float,
) -> None:
    unit, duration = limit
    deadline = due_at(received, duration, unit, calendar=calendar)
    # Move the pause out of office time (to the end of its session, if it fell in one) and
    # resume somewhere before the next session opens: the pause then holds no office time.
    for session in sessions(paused.date(), calendar=calendar):
        if session.start <= paused < session.end:
            paused = session.end
    next_opening = due_at(paused, 1, "working_days", calendar=calendar).counted_from
    resumed = paused + (next_opening - paused) * share
    assert working_time_between(paused, resumed, calendar=calendar) == timedelta(0)

    assert resume_after_pause(deadline.due_at, paused, resumed, calendar=calendar) == (
        deadline.due_at
    )


@given(calendars, instants, limits, instants, st.timedeltas(timedelta(0), timedelta(days=30)))
def test_a_pause_keeps_the_office_time_that_was_left(
    calendar: WorkingCalendar,
    received: datetime,
    limit: tuple[str, int],
    paused: datetime,
    pause_length: timedelta,
) -> None:
    unit, duration = limit
    deadline = due_at(received, duration, unit, calendar=calendar)
    resumed = paused + pause_length

    new_due = resume_after_pause(deadline.due_at, paused, resumed, calendar=calendar)

    if deadline.due_at <= paused:
        assert new_due == deadline.due_at
    else:
        left = working_time_between(paused, deadline.due_at, calendar=calendar)
        assert working_time_between(resumed, new_due, calendar=calendar) == left
        assert new_due >= deadline.due_at


@settings(max_examples=200)
@given(calendars, st.lists(instants, min_size=3, max_size=3))
def test_working_time_is_additive(calendar: WorkingCalendar, moments: list[datetime]) -> None:
    a, b, c = sorted(moments)

    assert working_time_between(a, c, calendar=calendar) == working_time_between(
        a, b, calendar=calendar
    ) + working_time_between(b, c, calendar=calendar)


@given(calendars, instants, instants)
def test_working_time_is_never_negative_and_zero_backwards(
    calendar: WorkingCalendar, a: datetime, b: datetime
) -> None:
    forwards = working_time_between(a, b, calendar=calendar)

    assert forwards >= timedelta(0)
    if b <= a:
        assert forwards == timedelta(0)
