"""Was a dossier early, on time or late? The verdict rule of DOMAIN.md §4 (Decision 766, 2.1).

One function answers it for the public lookup, the back office, the slips and the reports, so a
citizen and an indicator never disagree about the same dossier:

- `verdict(dossier, at=None)`: early / on time / late for a finished dossier, None while it is
  unfinished (or was never received, so it does not count).
- `is_overdue(dossier, at)`: for an unfinished dossier, is it already past its due instant at
  `at`? Work queues and the "in progress / overdue" columns of reports use it.
"""

from datetime import datetime

from django.db import models
from django.utils import timezone

from motcua.core import calendar
from motcua.core.errors import DomainError

from .models import Dossier, Pause, Status


class Timeliness(models.TextChoices):
    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Quá hạn"


# States in which processing has ended (DOMAIN.md §3): result ready or returned, or ended without
# a result (stopped by law or on request, refused, withdrawn).
FINISHED = frozenset(
    {Status.RESULT_READY, Status.RETURNED, Status.STOPPED, Status.REFUSED, Status.WITHDRAWN}
)

# DOMAIN.md §4: more than one supplement request after reception makes a dossier late.
MAX_SUPPLEMENT_REQUESTS = 1


def end_of_processing(dossier: Dossier) -> datetime | None:
    """DOMAIN.md §4: the time of "result ready", else of the return, else of stopping/refusal.

    The lifecycle writes `finished_at` when the result is ready and when processing stops or is
    refused, and `returned_at` when the result is handed over; a dossier imported with only a
    return date (NgayTra without NgayKetThucXuLy) ends at its return.
    """
    if dossier.status not in FINISHED:
        return None
    return dossier.finished_at or dossier.returned_at


def verdict(dossier: Dossier, *, at: datetime | None = None) -> Timeliness | None:
    """Early, on time or late (DOMAIN.md §4), or None when there is nothing to judge yet.

    `at` is the instant the question is asked about (the last instant of a report's period): a
    dossier that ended after it was still unfinished then. None means: unfinished at `at`, never
    received (refused at reception, withdrawn before reception: DOMAIN.md §4 counts withdrawn
    dossiers only if they had been received), or no due date and no time limit to compare with.
    """
    end = end_of_processing(dossier)
    if end is None or (at is not None and end > at):
        return None
    if dossier.received_at is None:
        return None
    # DOMAIN.md §4 (Decision 766): more than one supplement request after reception is late,
    # whatever the dates say.
    if dossier.supplement_requests > MAX_SUPPLEMENT_REQUESTS:
        return Timeliness.LATE
    # The due date in force: the latest one after a supplement restart, never the apology's new
    # date (DOMAIN.md §4: an apologised dossier finished after its due date is late).
    due = dossier.due_at or due_from_statutory_limit(dossier)
    if due is None:
        return None
    return judge(end, due)


def is_overdue(dossier: Dossier, at: datetime) -> bool:
    """Is the unfinished `dossier` past its due instant at `at` (DOMAIN.md §4, last rule)?

    A finished dossier is never "overdue": ask `verdict` instead. While the applicant holds the
    dossier (an open supplement or payment pause) the clock is stopped, so the dossier is judged
    at the instant the pause began. A second supplement request already makes the verdict late,
    so such a dossier is overdue whatever its dates.
    """
    end = end_of_processing(dossier)
    if end is not None and end <= at:
        return False
    if dossier.received_at is None:
        return False
    if dossier.supplement_requests > MAX_SUPPLEMENT_REQUESTS:
        return True
    due = dossier.due_at or due_from_statutory_limit(dossier)
    if due is None:
        return False
    judged_at = at
    if dossier.status in (Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT):
        paused = _open_pause_start(dossier, at)
        if paused is not None:
            judged_at = min(judged_at, paused)
    return judged_at > due


def judge(end: datetime, due: datetime) -> Timeliness:
    """DOMAIN.md §4: early if the end falls on a day before the due date's working day, on time
    if on that day and not after the due instant, otherwise late.

    Days are compared as local calendar dates (Asia/Ho_Chi_Minh): a dossier finished on the
    evening before its due date was finished a day early, even if no office hours were left.
    """
    end_day = timezone.localtime(end).date()
    due_day = timezone.localtime(due).date()
    if end_day < due_day:
        return Timeliness.EARLY
    if end_day == due_day and end <= due:
        return Timeliness.ON_TIME
    return Timeliness.LATE


def due_from_statutory_limit(dossier: Dossier) -> datetime | None:
    """The due instant of a dossier that has none, from its statutory limit (DOMAIN.md §4).

    DOMAIN.md §4 compares (end − start − supplement time) with the limit. We compute the same
    thing as a due instant, so one rule judges every dossier: the limit counted from the start of
    the clock (`counted_from`, else reception) with the working calendar, then pushed later by the
    office time of each supplement pause.

    The limit is the one in force at reception, from `procedure_snapshot` ("time_limit",
    "time_limit_unit", as written at reception). When the snapshot lacks it (dossiers imported
    from older systems, or received before snapshots existed) we fall back to the procedure's
    current limit in the catalog: the best estimate there is, and limits seldom change. A limit
    the calendar refuses (bad unit or number) leaves the dossier without a verdict rather than
    failing a page or a report.
    """
    start = dossier.counted_from or dossier.received_at
    if start is None:
        return None
    limit = _statutory_limit(dossier)
    if limit is None:
        return None
    duration, unit = limit
    try:
        due = calendar.due_at(start, duration, unit).due_at
        for pause in dossier.pauses.all():
            if pause.reason != Pause.Reason.SUPPLEMENT or pause.ended_at is None:
                continue
            due = calendar.resume_after_pause(due, pause.started_at, pause.ended_at)
    except DomainError:
        return None
    return due


def _statutory_limit(dossier: Dossier) -> tuple[int, str] | None:
    snapshot = dossier.procedure_snapshot or {}
    duration = snapshot.get("time_limit")
    unit = snapshot.get("time_limit_unit")
    if isinstance(duration, int) and isinstance(unit, str):
        return duration, unit
    procedure = dossier.procedure
    return procedure.time_limit, procedure.time_limit_unit


def _open_pause_start(dossier: Dossier, at: datetime) -> datetime | None:
    starts = [
        pause.started_at
        for pause in dossier.pauses.all()
        if pause.started_at <= at and (pause.ended_at is None or pause.ended_at > at)
    ]
    return max(starts) if starts else None
