"""`motcua seed-load`: realistic report volume, fast (issue 7: a million dossiers in under two
minutes on PostgreSQL).

Like the demo's year (dossiers.synthetic) and the history import, a documented exception to
ARCHITECTURE.md rule 1: dossiers are written in bulk, without the life cycle, outbox or
per-dossier audit (one audit entry records the load). The same story is told at volume: every
published procedure with its receiving agencies (communes weigh three times a department), all
three channels by what the procedure offers, several years of working days, a reception delay
for online dossiers, due dates from `core.calendar` (a supplement restarts the limit), early, on
time and late results, refusals, withdrawals, stops, and the last weeks still open.

What the reports need and no more: the dossier row and its supplement Pauses; no per-dossier
history Event (the reports read none, and it would cost a third of the load). A demo tells these
dossiers apart by their "TAI-" reference (the back office's search finds them by it) and one
audit entry records each load. Rows go in with COPY on PostgreSQL and executemany in large
batches on SQLite, with explicit ids under a table lock so Pauses can point at their dossier
without a round trip. On PostgreSQL a load at least as large as the table drops the table's
secondary indexes and foreign keys first and builds them once at the end (bulk_load): a million
rows went from 122 s to 85 s on the shared benchmark machine (bench/README.md). Per-row work is
kept to draws and array lookups: the working calendar is precomputed per day, and the legal
clock is asked only where a limit depends on the time of day.
"""

import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.core import audit, calendar, text
from motcua.core.errors import InvalidInput
from motcua.dossiers import rules, synthetic
from motcua.dossiers.models import Channel, DailySequence, Status

from . import aggregates, bulk_load
from .scope import LOCAL

BATCH = 20_000
REFERENCE_PREFIX = "TAI-"
DOSSIERS = "dossiers_dossier"
# Plain values, read once: an enum member's attribute lookup costs more than the comparison, and
# these are asked for every row.
WORKING_DAYS = calendar.DurationUnit.WORKING_DAYS.value
CALENDAR_DAYS = calendar.DurationUnit.CALENDAR_DAYS.value
ONLINE, POSTAL, DESK = Channel.ONLINE.value, Channel.POSTAL.value, Channel.DESK.value
AWAITING_SUPPLEMENT = Status.AWAITING_SUPPLEMENT.value
PROCESSING = Status.PROCESSING.value
REFUSED = Status.REFUSED.value
RESULT_READY = Status.RESULT_READY.value
RETURNED = Status.RETURNED.value
STOPPED = Status.STOPPED.value
WITHDRAWN = Status.WITHDRAWN.value


@dataclass(frozen=True)
class Mix:
    """Shares close to the province's published figures (DEMO.md: 50–60% online, >95% on time)."""

    online: float = 0.6  # of dossiers of procedures offered online
    postal: float = 0.06
    refused: float = 0.03  # online ones refused at reception (never received)
    withdrawn: float = 0.01
    stopped: float = 0.005
    supplement: float = 0.06
    second_supplement: float = 0.1  # of those with a supplement: late by rule
    late: float = 0.04
    on_time: float = 0.15  # finished on the due day itself
    not_returned: float = 0.03  # result ready, not yet collected


@dataclass
class LoadReport:
    dossiers: int = 0
    pauses: int = 0
    first_day: date | None = None
    last_day: date | None = None
    by_channel: dict[int, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    indexes_rebuilt: bool = False  # dropped for the load and built again after it (PostgreSQL)


DOSSIER_COLUMNS = (
    "id", "reference", "code", "procedure_id", "status", "channel", "rule_set",
    "procedure_snapshot", "applicant_kind", "applicant_name", "applicant_name_folded",
    "applicant_id_number", "applicant_phone", "applicant_email", "applicant_address",
    "form_data", "receiving_agency_id", "current_agency_id", "submitted_at", "received_at",
    "counted_from", "due_at", "original_due_at", "supplement_requests", "finished_at",
    "returned_at", "decision", "decision_note", "return_method", "fee_amount", "imported",
    "created_at", "updated_at",
)  # fmt: skip
PAUSE_COLUMNS = ("dossier_id", "reason", "started_at", "ended_at", "due_at_before")


class _Calendar:
    """The working calendar as arrays: the N-th working day after a day is an index away."""

    def __init__(self, first: date, last: date) -> None:
        # Enough working days after `last` for the longest limits and late results.
        span = (last - first).days + 800
        # Loaded once: the shared default calendar reloads from the database when its cache
        # expires, and no query may run on the connection while COPY streams the rows.
        self.working = calendar.WorkingCalendar.from_database()
        self.days = [
            first + timedelta(days=n)
            for n in range(span)
            if self.working.is_working_day(first + timedelta(days=n))
        ]
        self.index = {day: i for i, day in enumerate(self.days)}
        # Per working day index: its sessions as (start, length in seconds) and their total,
        # filled on first use (a million rows ask for each of a few thousand days hundreds of
        # times).
        self._sessions: list[tuple[list[tuple[datetime, float]], float] | None] = [None] * span
        self._closes: dict[int, datetime] = {}
        self.last_index = max(i for i, day in enumerate(self.days) if day <= last)

    def sessions(self, index: int) -> tuple[list[tuple[datetime, float]], float]:
        """Working day `index`'s sessions as (start, length in seconds), and their total."""
        found = self._sessions[index]
        if found is None:
            sessions = [
                (s.start, (s.end - s.start).total_seconds())
                for s in calendar.sessions(self.days[index], calendar=self.working)
            ]
            found = (sessions, sum(length for _, length in sessions))
            self._sessions[index] = found
        return found

    def moment(self, index: int, share: float) -> datetime:
        """An instant `share` of the way through the office hours of working day `index`."""
        sessions, total = self._sessions[index] or self.sessions(index)
        offset = share * total
        for start, length in sessions:
            if offset < length:
                return start + timedelta(seconds=int(offset))
            offset -= length
        start, length = sessions[-1]
        return start + timedelta(seconds=length - 300)

    def close(self, index: int) -> datetime:
        found = self._closes.get(index)
        if found is None:
            start, length = self.sessions(index)[0][-1]
            found = self._closes[index] = start + timedelta(seconds=length)
        return found


@dataclass(frozen=True)
class _Proc:
    pk: int
    time_limit: int
    unit: str
    online: bool
    online_only: bool
    postal: bool
    fee: int
    receiving: tuple[tuple[int, str], ...]  # (agency id, code)
    snapshots: dict[int, str]  # implementing agency id -> snapshot JSON
    implementing: tuple[int, ...]
    business: bool


def _procedures() -> tuple[list[_Proc], list[int]]:
    found, weights = [], []
    for proc in synthetic.load_procedures():
        p: Procedure = proc.procedure
        if p.time_limit <= 0:
            continue
        implementing = tuple(a.pk for a in proc.implementing) or (proc.receiving[0].pk,)
        agencies = {a.pk: a for a in [*proc.implementing, *proc.receiving]}
        snapshots = {
            pk: json.dumps(
                rules.procedure_snapshot(p, fee=proc.fee, implementing=agencies[pk]),
                ensure_ascii=False,
            )
            for pk in implementing
        }
        found.append(
            _Proc(
                pk=p.pk,
                time_limit=p.time_limit,
                unit=p.time_limit_unit,
                online=p.is_online,
                online_only=p.online_only,
                postal=p.postal_submission,
                fee=proc.fee,
                receiving=tuple((a.pk, a.code) for a in proc.receiving),
                snapshots=snapshots,
                implementing=implementing,
                business=proc.business,
            )
        )
        weights.append(3 if p.level == Procedure.Level.COMMUNE else 1)
    if not found:
        raise InvalidInput(
            "Chưa có thủ tục nào đã công bố và có nơi tiếp nhận: chạy “motcua seed-demo” trước."
        )
    return found, weights


def _names(rng: random.Random) -> list[tuple[str, str]]:
    pool = []
    for _ in range(600):
        women = rng.random() < 0.5
        middle = synthetic.MIDDLE_WOMEN if women else synthetic.MIDDLE_MEN
        given = synthetic.GIVEN_WOMEN if women else synthetic.GIVEN_MEN
        name = f"{rng.choice(synthetic.FAMILY)} {rng.choice(middle)} {rng.choice(given)}"
        pool.append(name)
    pool += list(synthetic.HIGHLAND) * 3
    companies = [
        f"{kind} {name}" for kind in synthetic.COMPANY_KINDS for name in synthetic.COMPANY_NAMES
    ]
    return [(name, text.fold(name)) for name in pool + companies * 2]


@dataclass
class _Batch:
    dossiers: list[tuple[Any, ...]] = field(default_factory=list)
    pauses: list[tuple[Any, ...]] = field(default_factory=list)


class _Generator:
    def __init__(self, *, rng: random.Random, years: int, now: datetime, mix: Mix) -> None:
        self.rng, self.mix, self.now = rng, mix, now
        today = timezone.localtime(now).date()
        self.cal = _Calendar(today - timedelta(days=round(365.25 * years)), today - timedelta(1))
        self.procs, self.weights = _procedures()
        self.names = _names(rng)
        self.run = timezone.localtime(now).strftime("%y%m%d%H%M%S")
        self._rule_sets: dict[date, str] = {}
        self._calendar_dues: dict[tuple[int, int], tuple[int, datetime]] = {}
        self.sequences: dict[tuple[int, date], int] = {
            (row.agency_id, row.day): row.last
            for row in DailySequence.objects.filter(day__gte=self.cal.days[0])
        }

    def rule_set(self, day: date) -> str:
        # dossiers.rules.rule_set_on, by the local day already known; once per day.
        chosen = self._rule_sets.get(day)
        if chosen is None:
            chosen = rules.RULE_SETS[0][1]
            for valid_from, rule_set in rules.RULE_SETS:
                if day >= valid_from:
                    chosen = rule_set
            self._rule_sets[day] = chosen
        return chosen

    def due(self, proc: _Proc, index: int, at: datetime) -> tuple[int, datetime]:
        """(index of the due day, due instant) of a limit counted from `at`, which falls inside
        the office hours of working day `index` (DOMAIN.md §4: day 0 is that day)."""
        if proc.unit == WORKING_DAYS:
            return index + proc.time_limit, self.cal.close(index + proc.time_limit)
        # A calendar-day limit depends on day 0 alone (core.calendar.due_at: day 0 plus N days,
        # moved to the next working day's close), and `at` lies inside day `index`'s office
        # hours, so one answer per (limit, day) is exact. Hours and same-day limits depend on
        # the time of day: asked each time.
        key = (proc.time_limit, index) if proc.unit == CALENDAR_DAYS else None
        found = self._calendar_dues.get(key) if key else None
        if found is None:
            due = calendar.due_at(at, proc.time_limit, proc.unit, calendar=self.cal.working).due_at
            found = (self.cal.index[due.astimezone(LOCAL).date()], due)
            if key:
                self._calendar_dues[key] = found
        return found

    def batch(self, start: int, size: int, report: LoadReport) -> _Batch:
        rng, cal, mix, now = self.rng, self.cal, self.mix, self.now
        out = _Batch()
        channels: Counter[int] = Counter()
        statuses: Counter[str] = Counter()
        first, last = date.max, date.min
        for n, proc in enumerate(rng.choices(self.procs, weights=self.weights, k=size)):
            pk = start + n
            agency_id, agency_code = rng.choice(proc.receiving)
            roll = rng.random()
            if proc.online and (proc.online_only or roll < mix.online):
                channel = ONLINE
            elif proc.postal and roll > 1 - mix.postal:
                channel = POSTAL
            else:
                channel = DESK
            index = rng.randint(0, cal.last_index)
            day = cal.days[index]
            reception = cal.moment(index, rng.random())
            received: datetime | None = reception
            submitted = reception
            if channel == ONLINE:
                # Submitted at any hour before; received within the province's target mostly.
                submitted = reception - timedelta(hours=rng.uniform(0.2, 30))
            status, finished, returned, supplements = RETURNED, None, None, 0
            counted, due, due_index = received, None, index
            original: datetime | None = None
            if channel == ONLINE and rng.random() < mix.refused:
                status, finished, received, counted = REFUSED, received, None, None
            else:
                assert received is not None
                due_index, due = self.due(proc, index, received)
                original = due
                if rng.random() < mix.supplement and index + 2 < len(cal.days) - 400:
                    asked = cal.moment(index + 1, rng.random())
                    back_index = index + 1 + rng.randint(1, 5)
                    back = cal.moment(back_index, rng.random())
                    supplements = 2 if rng.random() < mix.second_supplement else 1
                    if back > now:
                        out.pauses.append((pk, "supplement", asked, None, due))
                        status = AWAITING_SUPPLEMENT
                    else:
                        out.pauses.append((pk, "supplement", asked, back, due))
                        counted = back
                        due_index, due = self.due(proc, back_index, back)
                        index = back_index
                if status != AWAITING_SUPPLEMENT:
                    status, finished, returned = self._outcome(index, due_index, due)
            code = None
            if received is not None:
                key = (agency_id, day)
                self.sequences[key] = self.sequences.get(key, 0) + 1
                code = f"{agency_code}-{day:%y%m%d}-{self.sequences[key]:04d}"
            kind = 2 if proc.business and rng.random() < 0.7 else 1
            name, folded = rng.choice(self.names[-48:] if kind == 2 else self.names[:-48])
            implementing = rng.choice(proc.implementing)
            # One draw for the identity number: province code 064 (Gia Lai) or 052 (Bình Định),
            # a century-and-sex digit 0–3, eight more digits.
            identity = int(rng.random() * 800_000_000)
            out.dossiers.append(
                (
                    pk,
                    f"{REFERENCE_PREFIX}{self.run}-{pk:09d}",
                    code,
                    proc.pk,
                    status,
                    channel,
                    self.rule_set(day),
                    proc.snapshots[implementing] if received is not None else "{}",
                    kind,
                    name,
                    folded,
                    f"0{('64', '52')[identity >= 400_000_000]}{identity % 400_000_000:09d}",
                    "",
                    "",
                    "",
                    "{}",
                    agency_id,
                    agency_id,
                    submitted,
                    received,
                    counted,
                    due,
                    original if received is not None else None,
                    supplements,
                    finished,
                    returned,
                    "approved" if finished and status in (RETURNED, RESULT_READY) else "",
                    "",
                    "online" if channel == ONLINE and rng.random() < 0.4 else "desk",
                    proc.fee,
                    False,
                    now,
                    now,
                )
            )
            channels[channel] += 1
            statuses[status] += 1
            first, last = min(first, day), max(last, day)
        for channel, count in channels.items():
            report.by_channel[channel] = report.by_channel.get(channel, 0) + count
        for status, count in statuses.items():
            report.by_status[status] = report.by_status.get(status, 0) + count
        report.first_day = min(report.first_day or first, first)
        report.last_day = max(report.last_day or last, last)
        return out

    def _outcome(
        self, index: int, due_index: int, due: datetime
    ) -> tuple[str, datetime | None, datetime | None]:
        """How a received dossier ended (or has not yet): status, end of processing, return."""
        rng, cal, mix, now = self.rng, self.cal, self.mix, self.now
        roll = rng.random()
        if roll < mix.withdrawn + mix.stopped:
            status = WITHDRAWN if roll < mix.withdrawn else STOPPED
            end = cal.moment(index + rng.randint(0, 3), rng.random())
            return (status, end, None) if end <= now else (PROCESSING, None, None)
        roll = rng.random()
        if roll < mix.late:
            end_index = due_index + rng.randint(1, 8)
            end = cal.moment(end_index, rng.random())
        elif roll < mix.late + mix.on_time or due_index <= index:
            end_index = due_index
            end = min(cal.moment(due_index, rng.random() * 0.9), due)
        else:
            end_index = rng.randint(index, due_index - 1)
            end = cal.moment(end_index, rng.random())
        if end > now:
            return PROCESSING, None, None
        if rng.random() < mix.not_returned:
            return RESULT_READY, end, None
        returned = max(cal.moment(end_index + rng.randint(0, 3), rng.random()), end)
        if returned > now:
            return RESULT_READY, end, None
        return RETURNED, end, returned


def _sqlite_rows(columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The ORM stores naive UTC text on SQLite; raw executemany must write the same."""
    instants = [i for i, name in enumerate(columns) if name == "at" or name.endswith("_at")]
    converted = []
    for row in rows:
        values = list(row)
        for i in instants:
            value = values[i]
            if value is not None:
                values[i] = value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
        converted.append(tuple(values))
    return converted


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                _sqlite_rows(columns, rows),
            )


def _write_dossiers(batches: Iterator[_Batch]) -> list[tuple[Any, ...]]:
    """Write the batches' dossiers as they are generated; return their pauses.

    On PostgreSQL one COPY streams all of them: the server indexes a batch while Python draws
    the next one, so the two cores work at once.
    """
    pauses: list[tuple[Any, ...]] = []
    table, names = DOSSIERS, ", ".join(DOSSIER_COLUMNS)
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for batch in batches:
                for row in batch.dossiers:
                    copy.write_row(row)
                pauses += batch.pauses
        return pauses
    for batch in batches:
        _insert(table, DOSSIER_COLUMNS, batch.dossiers)
        pauses += batch.pauses
    return pauses


def load(
    *,
    dossiers: int,
    years: int = 3,
    seed: int = 2026,
    mix: Mix | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    rebuild: bool = True,
) -> LoadReport:
    """Write `dossiers` dossiers received over the last `years` years, in one transaction, then
    bring the report aggregates up to date for the days they touched."""
    if dossiers < 1:
        raise InvalidInput("Số hồ sơ cần tạo phải lớn hơn 0.")
    if not 1 <= years <= 30:
        raise InvalidInput("Số năm phải từ 1 đến 30.")
    now = now or timezone.now()
    generator = _Generator(
        rng=random.Random(seed),  # noqa: S311 - reproducible test data, not secrets
        years=years,
        now=now,
        mix=mix or Mix(),
    )
    report = LoadReport()
    was_ready = aggregates.ready()
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Explicit ids: nobody else may take one meanwhile.
                cursor.execute("LOCK TABLE dossiers_dossier IN EXCLUSIVE MODE")
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM dossiers_dossier")
            first_id = cursor.fetchone()[0] + 1

        def batches() -> Iterator[_Batch]:
            for offset in range(0, dossiers, BATCH):
                size = min(BATCH, dossiers - offset)
                yield generator.batch(first_id + offset, size, report)
                report.dossiers += size
                if progress is not None:
                    progress(report.dossiers, dossiers)

        # A load at least as big as the table: cheaper to build its indexes and check its foreign
        # keys once afterwards than row by row (bulk_load explains why it is safe). A small load
        # into a big table keeps them: rebuilding would cost the whole table.
        report.indexes_rebuilt = connection.vendor == "postgresql" and first_id - 1 <= dossiers
        with bulk_load.set_aside(DOSSIERS) if report.indexes_rebuilt else nullcontext():
            pauses = _write_dossiers(batches())
        _insert("dossiers_pause", PAUSE_COLUMNS, pauses)
        report.pauses = len(pauses)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'), "
                    "(SELECT MAX(id) FROM dossiers_dossier))"
                )
        DailySequence.objects.bulk_create(
            [
                DailySequence(agency_id=agency, day=day, last=last)
                for (agency, day), last in generator.sequences.items()
            ],
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last"],
            batch_size=5000,
        )
        audit.record(
            None,
            "dossier.seed_load",
            details={"dossiers": report.dossiers, "seed": seed, "years": years},
        )
    if rebuild:
        if was_ready and report.first_day and report.last_day:
            aggregates.rebuild(report.first_day, report.last_day)
        else:
            aggregates.rebuild()
    return report


def progress_bar(stream: Any = sys.stdout) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        width = 40
        filled = width * done // total
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} hồ sơ")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


def rows_of(report: LoadReport) -> Iterator[str]:
    channels = {c.value: c.label for c in Channel}
    for channel, count in sorted(report.by_channel.items()):
        yield f"  {channels[channel]}: {count}"
    for status, count in sorted(report.by_status.items(), key=lambda kv: -kv[1]):
        yield f"  {Status(status).label}: {count}"
