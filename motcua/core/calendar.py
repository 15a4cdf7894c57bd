"""The legal clock: working days, office hours and due dates (DOMAIN.md §4).

Public holidays and the Government's swap days come from the `holidays` package (VN calendar,
Vietnamese names); the province's own days off and make-up working days (CalendarOverride rows)
sit on top and win; office hours come from OfficeHours rows, with the national default when a
weekday has none.

Every function takes an optional `calendar=`; without it the calendar built from the database is
used. That one is cached: a change saved through the ORM (admin, commands) drops the cache of this
process at once through the signals below, while other processes (other web workers, the task
worker) keep their copy for at most CACHE_TTL_SECONDS. Bulk `QuerySet.update()`/`bulk_create()`
send no signals, so they too wait for the TTL.

All instants are aware datetimes in the local time zone (settings.TIME_ZONE); a naive input is
taken as local time. A working session is half-open: it holds its start, not its end.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from time import monotonic
from types import MappingProxyType
from typing import Any, NamedTuple

import holidays
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from motcua.core.errors import InvalidInput
from motcua.core.models import CalendarOverride, OfficeHours

CACHE_TTL_SECONDS = 60.0

# Decree 61 Art. 15: a paper dossier received after 15:00 goes on the next working day; DOMAIN.md
# §4 applies the same cut-off to "trong ngày" limits.
SAME_DAY_CUTOFF = time(15, 0)

DEFAULT_SESSIONS: tuple[tuple[time, time], ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 30), time(17, 0)),
)

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

# A cap on any duration: it keeps a typo or a hostile API call from walking the calendar for
# centuries; no procedure has a limit anywhere near it.
MAX_DURATION = 36_500

# No real calendar has a year without a working day; this only stops a broken override table
# (every day declared off) from looping for ever.
_MAX_DAYS_WITHOUT_WORK = 400

_ONE_DAY = timedelta(days=1)
_NOTHING = timedelta(0)


class DurationUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "Ngày làm việc"
    WORKING_HOURS = "working_hours", "Giờ làm việc"
    SAME_DAY = "same_day", "Trong ngày"
    CALENDAR_DAYS = "calendar_days", "Ngày"


@dataclass(frozen=True)
class Session:
    """One working session of one day, as aware local instants [start, end)."""

    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True)
class Deadline:
    received_at: datetime
    counted_from: datetime
    due_at: datetime


class DayNote(NamedTuple):
    date: date
    reason: str


@dataclass(frozen=True)
class Override:
    """A province's decision about one day: `working=False` is a day off, `True` a make-up day."""

    working: bool
    reason: str


class WorkingCalendar:
    """Which days are working days and what their sessions are; no arithmetic lives here."""

    def __init__(
        self,
        *,
        overrides: Mapping[date, Override] | None = None,
        office_hours: Mapping[int, Sequence[tuple[time, time]]] | None = None,
        tz: tzinfo | None = None,
    ) -> None:
        self.tz: tzinfo = tz if tz is not None else timezone.get_default_timezone()
        self._overrides_by_year: dict[int, dict[date, Override]] = {}
        for day, override in (overrides or {}).items():
            self._overrides_by_year.setdefault(day.year, {})[day] = override
        self._hours: dict[int, tuple[tuple[time, time], ...]] = {}
        for weekday, day_sessions in (office_hours or {}).items():
            self._hours[weekday] = _checked_sessions(weekday, day_sessions)
        self._office_time_by_weekday = {
            weekday: sum(
                (_time_span(start, end) for start, end in self._hours_of(weekday)), _NOTHING
            )
            for weekday in range(7)
        }
        self._exceptions_by_year: dict[int, Mapping[date, tuple[bool, str]]] = {}

    @classmethod
    def from_database(cls) -> WorkingCalendar:
        overrides = {
            row.date: Override(
                working=row.kind == CalendarOverride.Kind.WORKING_DAY, reason=row.reason
            )
            for row in CalendarOverride.objects.only("date", "kind", "reason")
        }
        office_hours = {
            row.weekday: (
                (row.morning_start, row.morning_end),
                (row.afternoon_start, row.afternoon_end),
            )
            for row in OfficeHours.objects.all()
        }
        return cls(overrides=overrides, office_hours=office_hours)

    def is_working_day(self, day: date) -> bool:
        exception = self._exceptions(day.year).get(day)
        if exception is not None:
            return exception[0]
        return day.weekday() < 5

    def non_working_days(self, year: int) -> list[DayNote]:
        return [DayNote(day, reason) for day, (_, reason) in sorted(self._exceptions(year).items())]

    def sessions(self, day: date) -> tuple[Session, ...]:
        if not self.is_working_day(day):
            return ()
        return tuple(
            Session(
                datetime.combine(day, start, tzinfo=self.tz),
                datetime.combine(day, end, tzinfo=self.tz),
            )
            for start, end in self._hours_of(day.weekday())
        )

    def office_time(self, day: date) -> timedelta:
        """Office time of a whole day, without building its sessions (spans of many years)."""
        if not self.is_working_day(day):
            return _NOTHING
        return self._office_time_by_weekday[day.weekday()]

    def _hours_of(self, weekday: int) -> tuple[tuple[time, time], ...]:
        # Weekends have no hours of their own unless the province set a row: a make-up Saturday
        # keeps the normal weekday office hours (DOMAIN.md §4).
        return self._hours.get(weekday, DEFAULT_SESSIONS)

    def _exceptions(self, year: int) -> Mapping[date, tuple[bool, str]]:
        """Days of `year` that break the plain Monday–Friday pattern, with the reason."""
        cached = self._exceptions_by_year.get(year)
        if cached is not None:
            return cached
        exceptions = dict(_package_exceptions(year))
        for day, override in self._overrides_by_year.get(year, {}).items():
            if override.working == (day.weekday() < 5):
                exceptions.pop(day, None)
            else:
                exceptions[day] = (override.working, override.reason)
        frozen = MappingProxyType(exceptions)
        self._exceptions_by_year[year] = frozen
        return frozen


def _checked_sessions(
    weekday: int, day_sessions: Sequence[tuple[time, time]]
) -> tuple[tuple[time, time], ...]:
    if weekday not in range(7):
        raise InvalidInput(f"Thứ trong tuần phải từ 0 (Thứ Hai) đến 6 (Chủ Nhật), nhận {weekday}.")
    checked = tuple((start, end) for start, end in day_sessions)
    previous_end = time.min
    for start, end in checked:
        if not previous_end <= start < end:
            raise InvalidInput(
                f"Giờ làm việc {WEEKDAY_NAMES[weekday]} không hợp lệ: các buổi phải theo thứ tự "
                "và không chồng lên nhau."
            )
        previous_end = end
    if not checked:
        raise InvalidInput(f"Giờ làm việc {WEEKDAY_NAMES[weekday]} phải có ít nhất một buổi.")
    return checked


def _time_span(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


@functools.lru_cache(maxsize=64)
def _package_exceptions(year: int) -> Mapping[date, tuple[bool, str]]:
    """What the `holidays` package says about `year`, beyond Saturdays and Sundays."""
    # The neighbouring years are loaded too: a swap can cross New Year (27/12/2014 for 2/1/2015).
    vn = holidays.VN(years=range(max(year - 1, 1), min(year + 1, 9999) + 1), language="vi")
    first = date(year, 1, 1)
    exceptions: dict[date, tuple[bool, str]] = {}
    for offset in range((date(year, 12, 31) - first).days + 1):
        day = first + timedelta(days=offset)
        working = vn.is_working_day(day)
        if working == (day.weekday() < 5):
            continue
        if working:
            exceptions[day] = (True, _make_up_reason(vn, day))
        else:
            exceptions[day] = (False, vn.get(day) or "Ngày nghỉ theo lịch của Chính phủ")
    return MappingProxyType(exceptions)


def _make_up_reason(vn: holidays.HolidayBase, day: date) -> str:
    # The package names the swapped day off "Ngày nghỉ (thay cho ngày 26/04/2025)" but gives the
    # working Saturday no name, so the reason is found through the day off that points at it.
    marker = day.strftime("%d/%m/%Y")
    for other, name in sorted(vn.items()):
        if marker in name:
            return f"Làm bù cho ngày nghỉ {other:%d/%m/%Y}"
    return "Ngày làm bù theo lịch của Chính phủ"


class _DefaultCalendarCache:
    """The database calendar of this process, rebuilt after a change or after the TTL."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entry: tuple[float, WorkingCalendar] | None = None
        self._generation = 0

    def get(self) -> WorkingCalendar:
        entry = self._entry
        if entry is not None and monotonic() - entry[0] < CACHE_TTL_SECONDS:
            return entry[1]
        generation = self._generation
        calendar = WorkingCalendar.from_database()
        with self._lock:
            # A row saved while we were reading may be missing from what we read: keep the
            # result for this call only and let the next caller read again.
            if generation == self._generation:
                self._entry = (monotonic(), calendar)
        return calendar

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1
            self._entry = None


_default_cache = _DefaultCalendarCache()


def default_calendar() -> WorkingCalendar:
    return _default_cache.get()


def invalidate_default_calendar() -> None:
    _default_cache.invalidate()


def _on_calendar_row_changed(sender: type[models.Model], **kwargs: Any) -> None:
    invalidate_default_calendar()
    # Another thread may reload the old rows before this transaction commits; dropping the cache
    # again at commit keeps it from holding them until the TTL.
    transaction.on_commit(invalidate_default_calendar, using=kwargs.get("using"))


# Connected here rather than in AppConfig.ready(): the cache lives in this module, so a process
# that never imported it has nothing to invalidate.
for _model in (CalendarOverride, OfficeHours):
    post_save.connect(
        _on_calendar_row_changed, sender=_model, dispatch_uid=f"calendar_{_model.__name__}_save"
    )
    post_delete.connect(
        _on_calendar_row_changed, sender=_model, dispatch_uid=f"calendar_{_model.__name__}_delete"
    )


# --- Questions about days -------------------------------------------------------------------


def is_working_day(day: date, *, calendar: WorkingCalendar | None = None) -> bool:
    cal = _resolve(calendar)
    return cal.is_working_day(_as_date(day, cal))


def non_working_days(year: int, *, calendar: WorkingCalendar | None = None) -> list[DayNote]:
    """Days of `year` that differ from plain Monday–Friday work, with the reason.

    Holidays, the Government's swap days and the province's days off that fall on a weekday, and
    the make-up working days that fall on a Saturday or Sunday. A holiday on a weekend changes
    nothing, so it is not listed.
    """
    if not 1 <= year <= 9999:
        raise InvalidInput(f"Năm không hợp lệ: {year}.")
    return _resolve(calendar).non_working_days(year)


def sessions(day: date, *, calendar: WorkingCalendar | None = None) -> tuple[Session, ...]:
    cal = _resolve(calendar)
    return cal.sessions(_as_date(day, cal))


def add_working_days(start: date, n: int, *, calendar: WorkingCalendar | None = None) -> date:
    """The n-th working day strictly after `start`; `start` itself when n is 0."""
    if n < 0:
        raise InvalidInput("Số ngày làm việc không được âm.")
    cal = _resolve(calendar)
    day = _as_date(start, cal)
    for _ in range(n):
        day = _next_working_day(day, cal)
    return day


# --- Due dates ------------------------------------------------------------------------------


def due_at(
    received_at: datetime,
    duration: int,
    unit: str,
    *,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """The due instant of a time limit that starts at `received_at` (DOMAIN.md §4)."""
    checked_unit = _checked_limit(duration, unit)
    cal = _resolve(calendar)
    received = _local(received_at, cal)
    counted = _clock_start(received, cal)
    day0 = counted.date()
    try:
        if checked_unit == DurationUnit.WORKING_DAYS:
            due = _office_close(add_working_days(day0, duration, calendar=cal), cal)
        elif checked_unit == DurationUnit.WORKING_HOURS:
            due = _advance(counted, timedelta(hours=duration), cal)
        elif checked_unit == DurationUnit.SAME_DAY:
            due = _office_close(_same_day_due_day(received, day0, cal), cal)
        else:
            target = day0 + timedelta(days=duration)
            if not cal.is_working_day(target):
                # DOMAIN.md §4: a calendar-day limit ending on a non-working day moves to the next
                # working day's end of office hours.
                target = _next_working_day(target, cal)
            due = _office_close(target, cal)
    except OverflowError as error:
        raise InvalidInput("Hạn giải quyết vượt quá phạm vi lịch.") from error
    return Deadline(received_at=received, counted_from=counted, due_at=due)


def restart_after_supplement(
    resumed_at: datetime,
    duration: int,
    unit: str,
    *,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """Decree 61 Art. 19.4: the full time limit restarts when the complete supplement arrives."""
    return due_at(resumed_at, duration, unit, calendar=calendar)


def resume_after_pause(
    due_at: datetime,
    paused_at: datetime,
    resumed_at: datetime,
    *,
    calendar: WorkingCalendar | None = None,
) -> datetime:
    """The due instant after a pause, keeping the office time that was left when it began."""
    cal = _resolve(calendar)
    due = _local(due_at, cal)
    paused = _local(paused_at, cal)
    resumed = _local(resumed_at, cal)
    if resumed < paused:
        raise InvalidInput("Thời điểm tiếp tục không được trước thời điểm tạm dừng.")
    # A pause that covers no office time took nothing from the agency. Answering it directly also
    # keeps due instants that are not session ends (imported dates at midnight) exactly as they
    # were.
    if working_time_between(paused, resumed, calendar=cal) == _NOTHING:
        return due
    # Already overdue when the clock stopped: no time was left to give back.
    if due <= paused:
        return due
    remaining = working_time_between(paused, due, calendar=cal)
    return _advance(_clock_start(resumed, cal), remaining, cal)


def add_office_time(
    start: datetime, amount: timedelta, *, calendar: WorkingCalendar | None = None
) -> datetime:
    """The instant at which `amount` of office time has passed since `start` (the inverse of
    `working_time_between`): "received four working hours after submission"."""
    if amount < _NOTHING:
        raise InvalidInput("Thời gian làm việc cộng thêm không được âm.")
    cal = _resolve(calendar)
    return _advance(_clock_start(_local(start, cal), cal), amount, cal)


def working_time_between(
    a: datetime, b: datetime, *, calendar: WorkingCalendar | None = None
) -> timedelta:
    """Office time between two instants; nothing when `b` is not after `a`."""
    cal = _resolve(calendar)
    start = _local(a, cal)
    end = _local(b, cal)
    if end <= start:
        return _NOTHING
    first_day = start.date()
    last_day = end.date()
    if first_day == last_day:
        return _overlap(cal.sessions(first_day), start, end)
    total = _overlap(cal.sessions(first_day), start, end)
    total += _overlap(cal.sessions(last_day), start, end)
    day = first_day + _ONE_DAY
    while day < last_day:
        total += cal.office_time(day)
        day += _ONE_DAY
    return total


# --- Helpers --------------------------------------------------------------------------------


def _resolve(calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else default_calendar()


def _local(instant: datetime, cal: WorkingCalendar) -> datetime:
    if not isinstance(instant, datetime):
        raise InvalidInput("Cần một thời điểm (ngày và giờ).")
    if timezone.is_naive(instant):
        return instant.replace(tzinfo=cal.tz)
    return instant.astimezone(cal.tz)


def _as_date(day: date, cal: WorkingCalendar) -> date:
    # A datetime is a date too, but never equal to one: compare its local calendar day.
    if isinstance(day, datetime):
        return _local(day, cal).date()
    return day


def _checked_limit(duration: int, unit: str) -> DurationUnit:
    if unit not in DurationUnit.values:
        units = ", ".join(DurationUnit.values)
        raise InvalidInput(f"Đơn vị thời hạn không hợp lệ: {unit!r} (chọn một trong: {units}).")
    checked_unit = DurationUnit(unit)
    if isinstance(duration, bool) or not isinstance(duration, int):
        raise InvalidInput(f"Thời hạn phải là số nguyên, nhận {duration!r}.")
    if duration < 0:
        raise InvalidInput("Thời hạn không được âm.")
    if duration > MAX_DURATION:
        raise InvalidInput(f"Thời hạn không được vượt quá {MAX_DURATION}.")
    # "Trong ngày" carries no number; 0 is what the catalogues store for it, so it is accepted.
    if duration == 0 and checked_unit != DurationUnit.SAME_DAY:
        raise InvalidInput(f"Thời hạn tính theo {checked_unit.label.lower()} phải lớn hơn 0.")
    return checked_unit


def _next_working_day(day: date, cal: WorkingCalendar) -> date:
    for _ in range(_MAX_DAYS_WITHOUT_WORK):
        day += _ONE_DAY
        if cal.is_working_day(day):
            return day
    raise InvalidInput(f"Không có ngày làm việc nào trong {_MAX_DAYS_WITHOUT_WORK} ngày sau {day}.")


def _office_close(day: date, cal: WorkingCalendar) -> datetime:
    """End of office hours of a working day."""
    return cal.sessions(day)[-1].end


def _clock_start(instant: datetime, cal: WorkingCalendar) -> datetime:
    """`instant` if it is inside a working session, else the start of the next session.

    DOMAIN.md §4: the clock starts at valid reception, moved to the next working session when
    reception falls in the evening, the lunch break, a weekend or a holiday.
    """
    day = instant.date()
    for session in cal.sessions(day):
        if instant < session.end:
            return max(instant, session.start)
    return cal.sessions(_next_working_day(day, cal))[0].start


def _advance(start: datetime, amount: timedelta, cal: WorkingCalendar) -> datetime:
    """The instant at which `amount` of office time has passed since `start`.

    A span that fills a session exactly ends when that session closes, not when the next one
    opens: the office time is used up at closing time.
    """
    remaining = amount
    day = start.date()
    while True:
        for session in cal.sessions(day):
            if session.end <= start:
                continue
            begin = max(session.start, start)
            available = session.end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        day = _next_working_day(day, cal)


def _overlap(day_sessions: tuple[Session, ...], start: datetime, end: datetime) -> timedelta:
    total = _NOTHING
    for session in day_sessions:
        low = max(session.start, start)
        high = min(session.end, end)
        if high > low:
            total += high - low
    return total


def _same_day_due_day(received: datetime, day0: date, cal: WorkingCalendar) -> date:
    # DOMAIN.md §4 "trong ngày": received after 15:00 (strictly) goes to the next working day.
    # The cut-off looks at the reception instant; a reception already moved to a later day
    # (evening, weekend) is due at the end of that later day.
    if received.date() == day0 and received.time() > SAME_DAY_CUTOFF:
        return _next_working_day(day0, cal)
    return day0
