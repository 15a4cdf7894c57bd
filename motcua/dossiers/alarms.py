"""Deadline alarms (issue 4 item 8): due soon, overdue, and online dossiers waiting too long.

`scan()` is run by the worker every ALARM_SCAN_SECONDS (dossiers/periodic_jobs.py) and by
`motcua alarms scan`. It raises three alarms, each at most once per due date:

* due soon: an open dossier whose clock runs (RECEIVED, PROCESSING, AWAITING_PAYMENT; never
  AWAITING_SUPPLEMENT, whose clock is stopped) has at most one working day of office time left
  before its promised date — so a dossier received late on the day before its due day, which
  still has that whole day ahead, is not yet "due soon", and a weekend or Tết in between counts
  for nothing;
* overdue: the promised date has passed;
* reception late: an online dossier has waited, in office time since its submission, longer than
  the province's target (settings.RECEPTION_TARGET_WORKING_HOURS).

The promised date is the apology's new date when there is one, else `due_at`. The verdict keeps
using `due_at` (DOMAIN.md §4), but the alarms tell officials what they promised the applicant;
lifecycle clears the due-soon and overdue marks when that date moves (supplement restart,
apology), so the alarms fire again for the new date.

Each alarm is raised by a conditional UPDATE of its timestamp (only if still null and the dossier
still in the state and at the date that was read), in one transaction with its outbox event and
audit entry: two workers scanning at once raise it once. Candidates are narrowed in SQL on the
(status, due_at) index first; working-time arithmetic runs only on them. They are read in full
before any is raised: SQLite does not isolate a cursor from writes to the rows it walks.

The outbox payloads carry no personal data: operators read the outbox.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from motcua.core import audit, calendar, outbox
from motcua.org.models import Agency

from .models import Channel, Dossier, DossierQuerySet, Status

logger = logging.getLogger("motcua.alarms")

# The states in which the legal clock runs. AWAITING_SUPPLEMENT is left out: the clock is
# stopped while the applicant completes the dossier (DOMAIN.md §4).
CLOCK_RUNNING = (Status.RECEIVED, Status.PROCESSING, Status.AWAITING_PAYMENT)

DUE_SOON = "dossier.due_soon"
OVERDUE = "dossier.overdue"
RECEPTION_LATE = "dossier.reception_late"

_NOTHING = timedelta(0)


@dataclass
class ScanReport:
    due_soon: int = 0
    overdue: int = 0
    reception_late: int = 0

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)

    @property
    def total(self) -> int:
        return self.due_soon + self.overdue + self.reception_late


def scan(now: datetime | None = None) -> ScanReport:
    """Raise every alarm that is due at `now` (default: the clock) and not raised yet."""
    now = now if now is not None else timezone.now()
    cal = calendar.default_calendar()
    report = ScanReport(
        # Overdue first: a dossier found already past its date (the worker was down) gets the
        # overdue alarm only, not a "due soon" that is no longer true.
        overdue=_raise_overdue(now),
        due_soon=_raise_due_soon(now, cal),
        reception_late=_raise_reception_late(now, cal),
    )
    if report.total:
        logger.info(
            "Deadline alarms raised: %s due soon, %s overdue, %s reception late",
            report.due_soon,
            report.overdue,
            report.reception_late,
            extra=report.as_dict(),
        )
    return report


# --- Reception waiting time, for queues and reports ------------------------------------------


def reception_target() -> timedelta:
    return timedelta(hours=settings.RECEPTION_TARGET_WORKING_HOURS)


def reception_wait(dossier: Dossier, now: datetime | None = None) -> timedelta:
    """Office time the dossier waited for reception: until it was received, or until `now`
    while it still waits. Nothing for a dossier that was never submitted online."""
    if dossier.submitted_at is None:
        return _NOTHING
    if dossier.received_at is not None:
        end = dossier.received_at
    elif dossier.status == Status.SUBMITTED:
        end = now if now is not None else timezone.now()
    else:
        # Refused or withdrawn before reception: the wait ended with that last change.
        end = dossier.finished_at or dossier.updated_at
    return calendar.working_time_between(dossier.submitted_at, end)


def is_reception_late(dossier: Dossier, now: datetime | None = None) -> bool:
    """Is this online dossier still waiting for reception beyond the province's target?"""
    return (
        dossier.channel == Channel.ONLINE
        and dossier.status == Status.SUBMITTED
        and reception_wait(dossier, now) > reception_target()
    )


def reception_late_count(agencies: Iterable[Agency], now: datetime | None = None) -> int:
    """How many online dossiers wait for reception at `agencies` beyond the target."""
    now = now if now is not None else timezone.now()
    waiting = _awaiting_reception().filter(receiving_agency__in=list(agencies))
    # A dossier already flagged by the scan is late for good: its wait only grows.
    flagged = waiting.filter(reception_late_alerted_at__lte=now).count()
    unflagged = waiting.filter(
        Q(reception_late_alerted_at__isnull=True) | Q(reception_late_alerted_at__gt=now)
    )
    cal = calendar.default_calendar()
    target = reception_target()
    late = flagged
    for submitted_at in _possibly_late(unflagged, now).values_list("submitted_at", flat=True):
        assert submitted_at is not None  # _awaiting_reception
        if calendar.working_time_between(submitted_at, now, calendar=cal) > target:
            late += 1
    return late


# --- The three alarms --------------------------------------------------------------------------


def _raise_overdue(now: datetime) -> int:
    # The promised date is never before due_at (an apology moves it later), so `due_at < now`
    # on the index narrows first and the promised date decides.
    candidates = (
        _clock_running()
        .filter(due_at__lt=now, overdue_alerted_at__isnull=True)
        .annotate(promised=Coalesce("apology_due_at", "due_at"))
        .filter(promised__lt=now)
    )
    return sum(
        _raise(dossier, OVERDUE, "overdue_alerted_at", now=now) for dossier in list(candidates)
    )


def _raise_due_soon(now: datetime, cal: calendar.WorkingCalendar) -> int:
    # At most one working day of office time left: the promised date is no later than the
    # instant one working day of office time from now. When that instant is a closing time, a
    # date in the evening or night after it has no more office time left, so the bound is the
    # next opening (add_office_time(·, 0) moves to it): the filter is then exact, in SQL.
    one_day = cal.office_time(calendar.add_working_days(timezone.localtime(now).date(), 1))
    bound = calendar.add_office_time(
        calendar.add_office_time(now, one_day, calendar=cal), _NOTHING, calendar=cal
    )
    candidates = (
        _clock_running()
        .filter(due_at__lte=bound, due_soon_alerted_at__isnull=True)
        .annotate(promised=Coalesce("apology_due_at", "due_at"))
        .filter(promised__gte=now, promised__lte=bound)
    )
    return sum(
        _raise(dossier, DUE_SOON, "due_soon_alerted_at", now=now) for dossier in list(candidates)
    )


def _raise_reception_late(now: datetime, cal: calendar.WorkingCalendar) -> int:
    target = reception_target()
    candidates = _possibly_late(
        _awaiting_reception().filter(reception_late_alerted_at__isnull=True), now
    )
    raised = 0
    for dossier in list(candidates):
        assert dossier.submitted_at is not None  # _awaiting_reception
        waited = calendar.working_time_between(dossier.submitted_at, now, calendar=cal)
        if waited > target:
            hours = round(waited.total_seconds() / 3600, 2)
            raised += _raise(
                dossier,
                RECEPTION_LATE,
                "reception_late_alerted_at",
                now=now,
                extra={"waited_working_hours": hours},
            )
    return raised


def _clock_running() -> DossierQuerySet:
    return Dossier.objects.filter(status__in=CLOCK_RUNNING, due_at__isnull=False).select_related(
        "procedure", "current_agency", "receiving_agency"
    )


def _awaiting_reception() -> DossierQuerySet:
    return Dossier.objects.filter(
        status=Status.SUBMITTED, channel=Channel.ONLINE, submitted_at__isnull=False
    )


def _possibly_late(dossiers: DossierQuerySet, now: datetime) -> DossierQuerySet:
    # Office time never exceeds calendar time, so only dossiers submitted more than the target
    # ago in calendar time can be late: the working-time sum then runs on those alone.
    return dossiers.filter(submitted_at__lt=now - reception_target()).select_related(
        "procedure", "current_agency", "receiving_agency"
    )


def _raise(
    dossier: Dossier,
    topic: str,
    field: str,
    *,
    now: datetime,
    extra: dict[str, Any] | None = None,
) -> int:
    """Mark the alarm raised and emit it, once: 1 if this call raised it, 0 if it was not ours."""
    unraised = Dossier.objects.filter(pk=dossier.pk, **{f"{field}__isnull": True})
    if topic == RECEPTION_LATE:
        unraised = unraised.filter(status=Status.SUBMITTED)
        key = f"{dossier.reference}:{topic}"
    else:
        # The date read must still be the date: a supplement restart or an apology committed
        # since then is judged by the next scan, against the new date.
        same_apology = (
            Q(apology_due_at=dossier.apology_due_at)
            if dossier.apology_due_at is not None
            else Q(apology_due_at__isnull=True)
        )
        unraised = unraised.filter(same_apology, status__in=CLOCK_RUNNING, due_at=dossier.due_at)
        key = f"{dossier.reference}:{topic}:{_iso(_promised(dossier))}"
    payload = {
        "reference": dossier.reference,
        "code": dossier.code,
        "procedure_code": dossier.procedure.code,
        "status": dossier.status,
        "current_agency_code": dossier.current_agency.code,
        "receiving_agency_code": dossier.receiving_agency.code,
        "assignee_id": dossier.assignee_id,
        "due_at": _iso(_promised(dossier)),
        "raised_at": _iso(now),
        **(extra or {}),
    }
    with transaction.atomic():
        if unraised.update(**{field: now}) != 1:
            return 0
        outbox.emit(topic, payload=payload, key=key)
        audit.record(
            None, f"dossier.alarm.{topic.removeprefix('dossier.')}", target=dossier, details=payload
        )
    return 1


def _promised(dossier: Dossier) -> datetime | None:
    return dossier.apology_due_at or dossier.due_at


def _iso(instant: datetime | None) -> str | None:
    return timezone.localtime(instant).isoformat() if instant is not None else None
