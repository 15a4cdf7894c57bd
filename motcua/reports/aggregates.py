"""Daily aggregates behind the indicators, so reports answer in well under a second at 10 million
dossiers (issue 7).

Two derived tables (reports.models):

* `DossierFact`: one narrow row per counted dossier (received, not an inter-agency copy,
  DOMAIN.md §8), with its level / class / provider at reception, its end of processing and verdict
  (`dossiers.timeliness`, never re-derived except as the same rule in SQL for the rebuild), when it
  becomes overdue, and a span bucket that makes "open at instant T" a set of bounded index scans.
* `DailyCount`: the facts summed per local day × receiving agency × procedure × channel × level,
  class and provider: received, finished early / on time / late / unjudged, stopped, returned;
  `MonthlyCount`, the same per month, so a year is read as twelve months of rows.

Flows (received, finished, returned) come from the counts (whole months from MonthlyCount, the
edge days from DailyCount); stocks at an instant (carried over, in progress within time /
overdue, awaiting supplement) from the `DossierFact` rows open then.

Local days are Asia/Ho_Chi_Minh (DOMAIN.md §8). Level, class and provider "at reception" fall
back to today's catalog when a dossier's snapshot lacks them (as indicators._at_reception does);
the fact freezes that fallback when it is computed, so a catalog change after it shows in the
dossier-based figures only until the next rebuild.

Kept current by `refresh_dossier`, called by the outbox handler on "dossier.status_changed":
it recomputes the dossier's fact from the dossier as it is now, and when it differs from the
stored one, takes the old fact's counts out and puts the new one's in, all in one transaction
under the dossier's row lock. So a redelivered or late event changes nothing (the fact already
matches) and events applied out of order still end on the dossier's current state: exactly once
in effect without a table of processed keys. Bulk writers emit no events: `rebuild()` (set-based
INSERT ... SELECT ... GROUP BY) recomputes the facts of the dossiers received in a range and the
days they touch.
"""

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from motcua.dossiers.models import (
    Attachment,
    Channel,
    Decision,
    Dossier,
    DossierComponent,
    Pause,
    Status,
)
from motcua.dossiers.timeliness import (
    FINISHED,
    MAX_SUPPLEMENT_REQUESTS,
    due_from_statutory_limit,
    end_of_processing,
    verdict,
)
from motcua.submissions.models import Rating

from . import bulk_load
from .models import AggregateState, DailyCount, DossierFact, MonthlyCount, Verdict
from .scope import LOCAL, Period, Scope

WITHIN_TIME, OVERDUE = "in_progress_within_time", "in_progress_overdue"
PAUSED = (Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT)

# Span buckets: a closed dossier is in the first bucket whose span its open time does not
# exceed; bucket 0 holds the open ones, LAST the rest. Open at T means received in [T - span, T)
# for its bucket, so each bucket is one bounded range scan of the (bucket, received_at) index.
OPEN_BUCKET, LAST_BUCKET = 0, 7
BUCKET_DAYS = {1: 1, 2: 7, 3: 31, 4: 92, 5: 366, 6: 3700}
# Slack on each span: the rebuild measures spans in floating-point days (julianday on SQLite),
# so a span a few microseconds off its bucket's edge must still be found.
SLACK = timedelta(hours=1)
MICROSECOND = timedelta(microseconds=1)

MEASURES = (
    "received",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "finished_unjudged",
    "stopped",
    "returned",
    "received_766_3_3",
    "received_766_4_2",
    "received_766_4_3",
    "finished_granted",
    "finished_granted_e",
)
DIMENSIONS = ("receiving_agency_id", "procedure_id", "channel", "legacy_level", "online_class")


def local_day(instant: datetime) -> date:
    return instant.astimezone(LOCAL).date()


def span_bucket(received: datetime, ended: datetime | None) -> int:
    if ended is None:
        return OPEN_BUCKET
    for bucket, days in BUCKET_DAYS.items():
        if ended - received <= timedelta(days=days):
            return bucket
    return LAST_BUCKET


def open_at(instant: datetime) -> Q:
    """Facts of dossiers received before `instant` and not finished before it: the raw rule of
    indicators._open_at, spelled so each span bucket is a bounded index range."""
    condition = Q(span_bucket=OPEN_BUCKET, received_at__lt=instant)
    for bucket, days in BUCKET_DAYS.items():
        condition |= Q(
            span_bucket=bucket,
            received_at__gte=instant - timedelta(days=days) - SLACK,
            received_at__lt=instant,
            ended_at__gte=instant,
        )
    return condition | Q(span_bucket=LAST_BUCKET, received_at__lt=instant, ended_at__gte=instant)


def overdue_at(at: datetime) -> Q:
    return Q(always_overdue=True) | Q(overdue_after__lt=at)


# --- One dossier's fact ---------------------------------------------------------------------


def _at_reception(dossier: Dossier, key: str) -> Any:
    # indicators._at_reception: the snapshot's value, today's catalog when the snapshot lacks it.
    snapshot = dossier.procedure_snapshot or {}
    return snapshot[key] if key in snapshot else getattr(dossier.procedure, key)


def overdue_threshold(dossier: Dossier) -> tuple[bool, datetime | None]:
    """`timeliness.is_overdue(dossier, at)` for an open dossier, as (always, after): overdue iff
    always or after < at.

    is_overdue judges a dossier currently held by the applicant at the start of the pause open at
    `at`. A pause still open that began by the due date means never overdue; an ended pause that
    spans the due date delays "overdue" to its end. Pauses are never taken to overlap.
    """
    if dossier.supplement_requests > MAX_SUPPLEMENT_REQUESTS:
        return True, None
    due = dossier.due_at or due_from_statutory_limit(dossier)
    if due is None:
        return False, None
    if dossier.status not in PAUSED:
        return False, due
    pauses = list(dossier.pauses.all())
    open_starts = [p.started_at for p in pauses if p.ended_at is None]
    if open_starts and max(open_starts) <= due:
        return False, None
    after = due
    for pause in pauses:
        if pause.ended_at is not None and pause.started_at <= due < pause.ended_at:
            after = max(after, pause.ended_at - MICROSECOND)
    return False, after


def fact_values(dossier: Dossier) -> dict[str, Any] | None:
    """The fact of `dossier` as a dict of DossierFact fields, None when it is not counted."""
    if dossier.origin_id is not None or dossier.received_at is None:
        return None
    end = end_of_processing(dossier)
    judged = verdict(dossier) if end is not None else None
    always, after = overdue_threshold(dossier)
    return {
        "receiving_agency_id": dossier.receiving_agency_id,
        "procedure_id": dossier.procedure_id,
        "channel": dossier.channel,
        "legacy_level": int(_at_reception(dossier, "legacy_level") or 0),
        "online_class": _at_reception(dossier, "online_class") or "",
        "online_provider": _at_reception(dossier, "online_provider") or "",
        "received_at": dossier.received_at,
        "ended_at": end,
        "returned_at": dossier.returned_at,
        "verdict": "" if end is None else (judged.value if judged else Verdict.UNJUDGED.value),
        "stopped": end is not None and dossier.status == Status.STOPPED,
        "span_bucket": span_bucket(dossier.received_at, end),
        "overdue_after": after,
        "always_overdue": always,
        "imported_awaiting": dossier.imported and dossier.status == Status.AWAITING_SUPPLEMENT,
        **decision766_flags(dossier),
    }


def decision766_flags(dossier: Dossier) -> dict[str, bool]:
    """What Decision 766 asks of one dossier beyond its dates (reports.decision766)."""
    components = DossierComponent.objects.filter(dossier=dossier)
    return {
        "granted": dossier.status in GRANTED_STATUSES and dossier.decision == Decision.APPROVED,
        "e_result": Attachment.objects.filter(
            dossier=dossier, kind=Attachment.Kind.RESULT
        ).exists(),
        "digitised": components.filter(digitised=True).exists(),
        "reused": components.filter(replaced_by__gt="").exists(),
        "disliked": Rating.objects.filter(dossier=dossier, score__lte=DISLIKE_AT_MOST).exists(),
    }


FACT_FIELDS = (
    "receiving_agency_id",
    "procedure_id",
    "channel",
    "legacy_level",
    "online_class",
    "online_provider",
    "received_at",
    "ended_at",
    "returned_at",
    "verdict",
    "stopped",
    "span_bucket",
    "overdue_after",
    "always_overdue",
    "imported_awaiting",
    "granted",
    "e_result",
    "digitised",
    "reused",
    "disliked",
)
# A result granted: ready or returned, and the decision approved (Decision 766's 3.3, 4.1, 4.2).
GRANTED_STATUSES = (Status.RESULT_READY, Status.RETURNED)
# A rating of 1 or 2 of 5 stands for the national portal's "dislike" (5.4).
DISLIKE_AT_MOST = 2


def _contributions(fact: dict[str, Any]) -> list[tuple[date, str]]:
    """The (day, measure) cells of DailyCount one fact adds 1 to."""
    received = local_day(fact["received_at"])
    cells = [(received, "received")]
    # Decision 766: an electronic result is owed once a result is granted, not before.
    e_ok = not fact["granted"] or fact["e_result"]
    if fact["channel"] == Channel.ONLINE and e_ok:
        cells.append((received, "received_766_3_3"))
    if fact["digitised"] and e_ok:
        cells.append((received, "received_766_4_2"))
    if fact["reused"]:
        cells.append((received, "received_766_4_3"))
    if fact["ended_at"] is not None and fact["verdict"]:
        ended = local_day(fact["ended_at"])
        cells.append((ended, f"finished_{fact['verdict']}"))
        if fact["stopped"]:
            cells.append((ended, "stopped"))
        if fact["granted"]:
            cells.append((ended, "finished_granted"))
            if fact["e_result"]:
                cells.append((ended, "finished_granted_e"))
    if fact["returned_at"] is not None:
        cells.append((local_day(fact["returned_at"]), "returned"))
    return cells


def _bump(fact: dict[str, Any], sign: int) -> None:
    key = {name: fact[name] for name in (*DIMENSIONS, "online_provider")}
    for day, measure in _contributions(fact):
        for model, when in (
            (DailyCount, {"day": day}),
            (MonthlyCount, {"month": day.replace(day=1)}),
        ):
            cell = model.objects.filter(**when, **key)
            if cell.update(**{measure: F(measure) + sign}):
                continue
            try:
                with transaction.atomic():
                    model.objects.create(**when, **key, **{measure: sign})
            except IntegrityError:
                # Another dossier's refresh created the row meanwhile (PostgreSQL).
                cell.update(**{measure: F(measure) + sign})


def _lock_against_rebuild(*, exclusive: bool) -> None:
    """A rebuild and a refresh must not interleave: a refresh that read a fact before the
    rebuild replaced it would apply its difference on top of counts that already hold it.
    Refreshes share a lock that a rebuild takes alone (PostgreSQL; SQLite's IMMEDIATE
    transactions already run one writer at a time)."""
    if connection.vendor != "postgresql":
        return
    mode = "EXCLUSIVE" if exclusive else "ROW SHARE"
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE reports_aggregatestate IN {mode} MODE")


def refresh_dossier(dossier_id: int) -> bool:
    """Bring the dossier's fact and its daily counts to the dossier's current state; True when
    something changed. Idempotent: a second call with nothing new changes nothing."""
    with transaction.atomic():
        _lock_against_rebuild(exclusive=False)
        # The row lock serialises refreshes of one dossier (two workers, two events).
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("procedure")
            .filter(pk=dossier_id)
            .first()
        )
        stored = DossierFact.objects.filter(pk=dossier_id).values(*FACT_FIELDS).first()
        new = fact_values(dossier) if dossier is not None else None
        if stored == new:
            return False
        if stored is not None:
            _bump(stored, -1)
        if new is None:
            DossierFact.objects.filter(pk=dossier_id).delete()
            return True
        _bump(new, +1)
        DossierFact.objects.update_or_create(dossier_id=dossier_id, defaults=new)
        return True


# --- Rebuild, set-based ---------------------------------------------------------------------


def _sql_local_date(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"(({column}) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
    # Vietnam has kept UTC+7 without daylight saving since 1975; SQLite stores UTC text.
    return f"date({column}, '+7 hours')"


def _sql_days(start: str, end: str) -> str:
    if connection.vendor == "postgresql":
        return f"(EXTRACT(EPOCH FROM ({end}) - ({start})) / 86400.0)"
    return f"(julianday({end}) - julianday({start}))"


def _sql_at_reception(key: str, *, integer: bool) -> str:
    if connection.vendor == "postgresql":
        value = f"(d.procedure_snapshot ->> '{key}')" + ("::int" if integer else "")
        present = f"jsonb_exists(d.procedure_snapshot, '{key}')"
    else:
        value = f"json_extract(d.procedure_snapshot, '$.{key}')"
        present = f"json_type(d.procedure_snapshot, '$.{key}') IS NOT NULL"
    empty = "0" if integer else "''"
    return f"COALESCE(CASE WHEN {present} THEN {value} ELSE p.{key} END, {empty})"


def _bool(condition: str) -> str:
    return (
        f"CASE WHEN {condition} THEN 1 ELSE 0 END"
        if connection.vendor != "postgresql"
        else (f"({condition})")
    )


def _exists(model: Any, condition: str) -> str:
    """A row of `model` (a table with a dossier_id) for the dossier `d` meeting `condition`."""
    table = connection.ops.quote_name(model._meta.db_table)
    return f"EXISTS (SELECT 1 FROM {table} x WHERE x.dossier_id = d.id AND x.{condition})"  # noqa: S608 - constants


# Rows the SQL cannot judge alone, fixed by fact_values in Python afterwards: a verdict without a
# due date (the statutory limit needs the working calendar) and open dossiers held by the
# applicant (judged at the pause's start). They are few: imports without NgayHenTra, open queues.
PENDING = "?"


def _insert_facts(start: datetime | None, end: datetime | None) -> list[int]:
    finished = ", ".join(f"'{status}'" for status in sorted(FINISHED))
    paused = ", ".join(f"'{status}'" for status in PAUSED)
    granted = ", ".join(f"'{status}'" for status in GRANTED_STATUSES)
    ended = f"(CASE WHEN d.status IN ({finished}) THEN COALESCE(d.finished_at, d.returned_at) END)"
    days = _sql_days("d.received_at", ended)
    buckets = " ".join(
        f"WHEN {days} <= {span} THEN {bucket}" for bucket, span in BUCKET_DAYS.items()
    )
    where, params = ["d.origin_id IS NULL", "d.received_at IS NOT NULL"], []
    if start is not None and end is not None:
        where += ["d.received_at >= %s", "d.received_at < %s"]
        params += [start, end]
    # PostgreSQL keeps rows where they were written: written by span bucket and reception, the
    # facts open at an instant lie on a few hundred pages, not one page each (20,000 at the end
    # of a year at ten million dossiers: 250 ms a stock, 22 ms so). SQLite keeps them by key.
    order = "ORDER BY 13, 8" if connection.vendor == "postgresql" else ""
    # Only constants and column names are formatted in; the dates are parameters.
    sql = f"""
        INSERT INTO reports_dossierfact (
            dossier_id, receiving_agency_id, procedure_id, channel, legacy_level, online_class,
            online_provider, received_at, ended_at, returned_at, verdict, stopped, span_bucket,
            overdue_after, always_overdue, imported_awaiting,
            granted, e_result, digitised, reused, disliked)
        SELECT d.id, d.receiving_agency_id, d.procedure_id, d.channel,
            {_sql_at_reception("legacy_level", integer=True)},
            {_sql_at_reception("online_class", integer=False)},
            {_sql_at_reception("online_provider", integer=False)},
            d.received_at, {ended}, d.returned_at,
            CASE
                WHEN {ended} IS NULL THEN ''
                WHEN d.supplement_requests > {MAX_SUPPLEMENT_REQUESTS} THEN 'late'
                WHEN d.due_at IS NULL THEN '{PENDING}'
                WHEN {_sql_local_date(ended)} < {_sql_local_date("d.due_at")} THEN 'early'
                WHEN {_sql_local_date(ended)} = {_sql_local_date("d.due_at")}
                    AND {ended} <= d.due_at THEN 'on_time'
                ELSE 'late'
            END,
            {_bool(f"{ended} IS NOT NULL AND d.status = '{Status.STOPPED}'")},
            CASE WHEN {ended} IS NULL THEN {OPEN_BUCKET} {buckets} ELSE {LAST_BUCKET} END,
            CASE WHEN d.status IN ({paused}) OR d.supplement_requests > {MAX_SUPPLEMENT_REQUESTS}
                THEN NULL ELSE d.due_at END,
            {_bool(f"d.supplement_requests > {MAX_SUPPLEMENT_REQUESTS}")},
            {_bool(f"d.imported AND d.status = '{Status.AWAITING_SUPPLEMENT}'")},
            {_bool(f"d.status IN ({granted}) AND d.decision = '{Decision.APPROVED}'")},
            {_bool(_exists(Attachment, f"kind = '{Attachment.Kind.RESULT}'"))},
            {_bool(_exists(DossierComponent, "digitised"))},
            {_bool(_exists(DossierComponent, "replaced_by > ''"))},
            {_bool(_exists(Rating, f"score <= {DISLIKE_AT_MOST}"))}
        FROM dossiers_dossier d JOIN catalog_procedure p ON p.id = d.procedure_id
        WHERE {" AND ".join(where)}
        {order}
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    pending = DossierFact.objects.filter(
        Q(verdict=PENDING)
        | Q(ended_at__isnull=True, overdue_after__isnull=True, always_overdue=False)
    )
    if start is not None and end is not None:
        pending = pending.filter(received_at__gte=start, received_at__lt=end)
    return list(pending.values_list("pk", flat=True))


def _fix_pending(ids: list[int]) -> None:
    for chunk_start in range(0, len(ids), 1000):
        chunk = ids[chunk_start : chunk_start + 1000]
        dossiers = (
            Dossier.objects.filter(pk__in=chunk)
            .select_related("procedure")
            .prefetch_related("pauses")
        )
        for dossier in dossiers:
            values = fact_values(dossier)
            assert values is not None  # the SQL selected only counted dossiers
            DossierFact.objects.filter(pk=dossier.pk).update(**values)


def _insert_daily(first: date, last: date) -> None:
    """Count the days from `first` to `last` from the facts.

    Rows go in by day (ORDER BY): a report reads a range of days or months, and rows of one day
    kept together are a few pages to read instead of one page a row. At ten million dossiers,
    rows written in GROUP BY's hash order made a month of daily rows half a second of random
    reads on PostgreSQL."""
    start = datetime.combine(first, datetime.min.time(), tzinfo=LOCAL)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=LOCAL)
    dims = "receiving_agency_id, procedure_id, channel, legacy_level, online_class, online_provider"
    stopped = "CASE WHEN stopped THEN 1 ELSE 0 END"

    def verdict_is(name: str) -> str:
        return f"CASE WHEN verdict = '{name}' THEN 1 ELSE 0 END"

    def one_if(condition: str) -> str:
        return f"CASE WHEN {condition} THEN 1 ELSE 0 END"

    # Decision 766: an electronic result is owed once a result is granted, not before.
    e_ok = "(NOT granted OR e_result)"

    sql = f"""
        INSERT INTO reports_dailycount (day, {dims}, received, finished_early, finished_on_time,
            finished_late, finished_unjudged, stopped, returned, received_766_3_3,
            received_766_4_2, received_766_4_3, finished_granted, finished_granted_e)
        SELECT day, {dims}, SUM(r), SUM(e), SUM(o), SUM(l), SUM(u), SUM(s), SUM(t), SUM(a),
            SUM(b), SUM(c), SUM(g), SUM(h) FROM (
            SELECT {_sql_local_date("received_at")} AS day, {dims},
                1 AS r, 0 AS e, 0 AS o, 0 AS l, 0 AS u, 0 AS s, 0 AS t,
                {one_if(f"channel = {Channel.ONLINE} AND {e_ok}")} AS a,
                {one_if(f"digitised AND {e_ok}")} AS b, {one_if("reused")} AS c,
                0 AS g, 0 AS h
            FROM reports_dossierfact WHERE received_at >= %s AND received_at < %s
            UNION ALL
            SELECT {_sql_local_date("ended_at")}, {dims}, 0, {verdict_is("early")},
                {verdict_is("on_time")}, {verdict_is("late")}, {verdict_is("unjudged")},
                {stopped}, 0, 0, 0, 0, {one_if("granted")}, {one_if("granted AND e_result")}
            FROM reports_dossierfact
            WHERE ended_at >= %s AND ended_at < %s AND verdict <> ''
            UNION ALL
            SELECT {_sql_local_date("returned_at")}, {dims}, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0
            FROM reports_dossierfact WHERE returned_at >= %s AND returned_at < %s
        ) cells
        GROUP BY day, {dims}
        ORDER BY day
    """  # noqa: S608
    DailyCount.objects.filter(day__gte=first, day__lte=last).delete()
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end] * 3)
    _insert_monthly(first.replace(day=1), last.replace(day=1))


def _insert_monthly(first: date, last: date) -> None:
    """Recount the months from `first` to `last` (first days) from their daily rows."""
    if connection.vendor == "postgresql":
        month = "date_trunc('month', day)::date"
    else:
        month = "date(day, 'start of month')"
    dims = "receiving_agency_id, procedure_id, channel, legacy_level, online_class, online_provider"
    measures = ", ".join(MEASURES)
    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    sql = f"""
        INSERT INTO reports_monthlycount (month, {dims}, {measures})
        SELECT {month}, {dims}, {sums} FROM reports_dailycount
        WHERE day >= %s AND day < %s
        GROUP BY {month}, {dims}
        ORDER BY 1
    """  # noqa: S608
    after = (last + timedelta(days=32)).replace(day=1)
    MonthlyCount.objects.filter(month__gte=first, month__lte=last).delete()
    with connection.cursor() as cursor:
        cursor.execute(sql, [first, after])


@dataclass(frozen=True)
class RebuildReport:
    first: date | None
    last: date | None
    facts: int
    days: int


def _empty(model: Any) -> None:
    """Delete every row of a report table. On PostgreSQL by TRUNCATE: a DELETE leaves every old
    row dead in the table for the next scans to step over until a vacuum (a full rebuild holds
    the table alone already; the truncation rolls back with the rebuild)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(model._meta.db_table)}")
    else:
        model.objects.all().delete()


BULK_TABLES = ("reports_dossierfact", "reports_dailycount", "reports_monthlycount")


@contextmanager
def _set_aside(tables: tuple[str, ...]) -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    with ExitStack() as stack:
        for table in tables:
            stack.enter_context(bulk_load.set_aside(table))
        yield


def rebuild(first: date | None = None, last: date | None = None) -> RebuildReport:
    """Recompute the facts of the dossiers received from `first` to `last` (local dates,
    inclusive; all dossiers when both are None) and the daily counts of every day they touch.

    Facts of dossiers received outside the range are kept (the outbox handler keeps them
    current), so the days touched are recounted from all facts. A full rebuild also marks the
    aggregates ready. One transaction: readers see the old counts or the new, never half.
    """
    if (first is None) != (last is None):
        raise ValueError("Give both dates or neither.")
    with transaction.atomic():
        _lock_against_rebuild(exclusive=True)
        # A full rebuild rewrites every row: cheaper to build the tables' indexes and check
        # their foreign keys once at the end than row by row (bulk_load; PostgreSQL only).
        with _set_aside(BULK_TABLES) if first is None else nullcontext():
            if first is None or last is None:
                watermark = (
                    Dossier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                )
                _empty(DossierFact)
                pending = _insert_facts(None, None)
                start = end = None
            else:
                start = datetime.combine(first, datetime.min.time(), tzinfo=LOCAL)
                end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=LOCAL)
                old = DossierFact.objects.filter(received_at__gte=start, received_at__lt=end)
                # The days the replaced facts counted on are recounted too: a dossier whose end
                # moved earlier left its old end's day counting it.
                before = old.aggregate(ended=Max("ended_at"), returned=Max("returned_at"))
                old.delete()
                pending = _insert_facts(start, end)
            _fix_pending(pending)
            facts = DossierFact.objects.all()
            if start is not None:
                facts = facts.filter(received_at__gte=start, received_at__lt=end)
            span = facts.aggregate(
                count=Count("pk"),
                received=Min("received_at"),
                ended=Max("ended_at"),
                returned=Max("returned_at"),
                latest=Max("received_at"),
            )
            instants = [span[k] for k in ("received", "ended", "returned", "latest") if span[k]]
            if first is None:
                days_first = local_day(min(instants)) if instants else None
                days_last = local_day(max(instants)) if instants else None
                _empty(DailyCount)
                _empty(MonthlyCount)
            else:
                assert last is not None  # both or neither, checked above
                instants += [instant for instant in before.values() if instant is not None]
                days_first = first
                days_last = max([last, *(local_day(i) for i in instants)])
            if days_first is not None and days_last is not None:
                _insert_daily(days_first, days_last)
        if first is None:
            AggregateState.objects.all().delete()
            AggregateState.objects.create(built_at=timezone.now(), watermark=watermark)
    if first is None and connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Statistics and the visibility map for the rewritten tables, now rather than whenever
        # autovacuum comes: at ten million dossiers the period tables took 1.0–1.2 s right after
        # a rebuild and 0.6–0.7 s after this (40 s). VACUUM cannot run inside a transaction, so
        # a rebuild inside a caller's one leaves it to autovacuum.
        with connection.cursor() as cursor:
            for table in BULK_TABLES:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
    days = (days_last - days_first).days + 1 if days_first and days_last else 0
    return RebuildReport(first=days_first, last=days_last, facts=span["count"], days=days)


def ready() -> bool:
    """Do the aggregates stand for every dossier? After a full rebuild, unless a dossier was
    imported after it that no import followed (follow_import; imports emit no events)."""
    # One query: the state row and whether an imported dossier came after it.
    stale = Exists(Dossier.objects.filter(pk__gt=OuterRef("watermark"), imported=True))
    state = (
        AggregateState.objects.annotate(stale=stale)
        .order_by("-built_at")
        .values_list("stale", flat=True)
        .first()
    )
    return state is not None and not state


@dataclass(frozen=True)
class Followed:
    # The days rebuilt, when the import wrote too many dossiers to refresh one at a time.
    rebuilt: RebuildReport | None = None
    # Why the aggregates were left to a full rebuild instead: EARLIER_IMPORT or TOO_WIDE.
    left: str = ""


EARLIER_IMPORT, TOO_WIDE = "earlier_import", "too_wide"


def follow_import(
    dossier_ids: list[int], starting: Callable[[], None] | None = None
) -> Followed | None:
    """Bring the aggregates up to what a history import wrote (`dossier_ids`, created or
    changed; an import writes no events), in the import's transaction, when they stood for every
    dossier before it; the watermark then moves past the new ones, so the reports keep answering
    from the aggregates. A few dossiers are refreshed one by one, as their events would have
    been. More, the days from the first to the last reception among them, as they were and as
    they are now, are rebuilt: a range rebuild reads each day once, where a refresh costs a few
    queries a dossier. Left to a full rebuild (`left` says why; the reports read the dossiers
    until then) when the aggregates did not stand for every dossier (an earlier import not
    followed), or when that range would span more than FOLLOW_AT_MOST of the facts' time (a
    full rebuild is then quicker, and holds no import open). None when they were never built.
    `starting` is called before the work starts (the import tells its user to wait)."""
    # Locked: two imports following at once, or a full rebuild replacing the row meanwhile,
    # must not leave the watermark behind either.
    state = AggregateState.objects.select_for_update().order_by("-built_at").first()
    if state is None or not dossier_ids:
        return None
    new = [pk for pk in dossier_ids if pk > state.watermark]
    # Any other imported dossier above the watermark (an earlier import, not followed, whose
    # rows this one may partly rewrite) means the aggregates miss it.
    if Dossier.objects.filter(imported=True, pk__gt=state.watermark).count() != len(new):
        return Followed(left=EARLIER_IMPORT)
    rebuilt = None
    if len(dossier_ids) <= FOLLOW_ONE_BY_ONE:
        if starting is not None:
            starting()
        for pk in dossier_ids:
            refresh_dossier(pk)
    else:
        received: list[datetime] = []
        for start in range(0, len(dossier_ids), FOLLOW_CHUNK):
            chunk = dossier_ids[start : start + FOLLOW_CHUNK]
            for rows in (
                Dossier.objects.filter(pk__in=chunk),
                DossierFact.objects.filter(pk__in=chunk),
            ):
                span = rows.aggregate(first=Min("received_at"), last=Max("received_at"))
                received += [instant for instant in span.values() if instant is not None]
        if received:
            first, last = local_day(min(received)), local_day(max(received))
            if _share_of_time(first, last) > FOLLOW_AT_MOST:
                # Changed dossiers may be among them: the aggregates no longer stand for all.
                AggregateState.objects.all().delete()
                return Followed(left=TOO_WIDE)
            if starting is not None:
                starting()
            rebuilt = rebuild(first, last)
    if new:
        AggregateState.objects.filter(pk=state.pk).update(
            watermark=Greatest(F("watermark"), Value(max(new)))
        )
    return Followed(rebuilt=rebuilt)


def _share_of_time(first: date, last: date) -> float:
    """The share of the facts' reception days from `first` to `last` covers (receptions spread
    evenly enough over the years for a bound: two ends of an index, not a count)."""
    ends = DossierFact.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
    if ends["first"] is None or ends["last"] is None:
        return 0.0
    whole = (local_day(ends["last"]) - local_day(ends["first"])).days + 1
    return ((last - first).days + 1) / whole


FOLLOW_ONE_BY_ONE = 2_000
# Beyond this share of the facts' years, a range rebuild in the import is slower than a full
# rebuild (10M on PostgreSQL: 160 µs a fact in range, 44 µs a fact in full; bench/README.md).
FOLLOW_AT_MOST = 0.25
# Ids per IN list: under SQLite's oldest limit on a statement's parameters (999).
FOLLOW_CHUNK = 900


# --- Answers for the indicators -------------------------------------------------------------


def _pieces(period: Period, scope: Scope) -> list[Any]:
    """The count rows of a period: whole months from MonthlyCount, the days before the first
    whole month and after the last from DailyCount. At most three querysets, whatever the
    period's length.

    A last month with no day counted after the period's end (the month to date, as the year
    to date of the public page) counts as whole: its monthly rows hold those days alone. One
    probe of the daily index decides it, where the daily rows of a month to date cost about
    0.1 s a scan at ten million dossiers, and a page scans them a few times.
    """
    first, last = period.start, period.end
    whole_from = (
        first if first.day == 1 else (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    )
    after_last = last + timedelta(days=1)
    whole_to = last if after_last.day == 1 else last.replace(day=1) - timedelta(days=1)
    if whole_to < last:
        next_month = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
        if not DailyCount.objects.filter(day__gt=last, day__lt=next_month).exists():
            whole_to = last
    scoped = scope.dossier_filter()
    if whole_from > whole_to:
        return [DailyCount.objects.filter(scoped, day__gte=first, day__lte=last)]
    pieces: list[Any] = [
        MonthlyCount.objects.filter(scoped, month__gte=whole_from, month__lte=whole_to)
    ]
    if first < whole_from:
        pieces.append(DailyCount.objects.filter(scoped, day__gte=first, day__lt=whole_from))
    if whole_to < last:
        pieces.append(DailyCount.objects.filter(scoped, day__gt=whole_to, day__lte=last))
    return pieces


# A group_field of its own: the calendar month (its first day) each count falls in.
MONTH = "month"


class _MonthOf(Func):
    """The first day of a date's month, in SQL: Django's TruncMonth is a Python function on
    SQLite, called once a row (0.18 s for a month of daily rows at a million dossiers)."""

    template = "date_trunc('month', %(expressions)s)::date"
    output_field = DateField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, 'start of month')", **extra
        )


def _grouped(piece: Any, group_field: str | None) -> Any:
    """A piece of _pieces ready to group by `group_field`: the monthly rows hold their month,
    the daily rows get the month of their day."""
    if group_field == MONTH and piece.model is DailyCount:
        return piece.annotate(month=_MonthOf("day"))
    return piece


def _add(totals: dict[Any, Any], more: dict[Any, Any]) -> dict[Any, Any]:
    for key, value in more.items():
        totals[key] = totals.get(key, 0) + value
    return totals


def _facts(scope: Scope) -> Any:
    return DossierFact.objects.filter(scope.dossier_filter()).order_by()


def _sum(measure: str | F | Any, condition: Q | None = None) -> Coalesce:
    return Coalesce(Sum(measure, filter=condition), 0)


def online_totals(period: Period, groups: dict[str, Q], provincial: Q, scope: Scope) -> dict:
    """The counts indicators.online_rate reads, from DailyCount: `groups` and `provincial` are
    conditions on the level / class / provider columns (the same names as the snapshot's keys)."""
    return _online_cells(period, groups, provincial, scope, None).get(None, {})


def online_totals_by(
    period: Period, groups: dict[str, Q], provincial: Q, scope: Scope, group_field: str
) -> dict[Any, dict[str, Any]]:
    """online_totals per value of `group_field` (an agency's code, or MONTH), in the same few
    queries whatever the number of groups: a page listing every agency or month asks once."""
    return _online_cells(period, groups, provincial, scope, group_field)


def _online_cells(
    period: Period, groups: dict[str, Q], provincial: Q, scope: Scope, group_field: str | None
) -> dict[Any, dict[str, Any]]:
    """One scan of each piece, grouped by procedure (and `group_field`): the sums per group and
    channel, and whether the procedure had a desk or online dossier in the group. DOMAIN.md §8
    counts those procedures once across the pieces: a set of ids per group, unioned here. (Three
    UNION counts rescanned the months once a group: at ten million dossiers, 1.5 s of 2.8.)"""
    anything = Q()
    for condition in groups.values():
        anything |= condition
    every = {**groups, "total": anything}
    sums: dict[str, Any] = {}
    for name, condition in every.items():
        for measure, channel in (("online", 2), ("desk", 1), ("postal", 3)):
            sums[f"{name}_{measure}"] = _sum("received", condition & Q(channel=channel))
        offered = condition & Q(channel__in=[1, 2], received__gt=0)
        sums[f"{name}_has"] = Max(Case(When(offered, then=Value(1)), default=Value(0)))
    keys = ["procedure_id"] if group_field is None else [group_field, "procedure_id"]
    found: dict[Any, dict[str, Any]] = {}
    procedures: dict[Any, dict[str, set[int]]] = {}
    for piece in _pieces(period, scope):
        rows = (
            _grouped(piece, group_field)
            .filter(provincial, anything)
            .order_by()
            .values(*keys)
            .annotate(**sums)
        )
        for row in rows:
            key = row.pop(group_field) if group_field is not None else None
            procedure = row.pop("procedure_id")
            sets = procedures.setdefault(key, {name: set() for name in every})
            for name in every:
                if row.pop(f"{name}_has"):
                    sets[name].add(procedure)
            _add(found.setdefault(key, {}), row)
    for key, totals in found.items():
        for name in every:
            totals[f"{name}_procedures"] = len(procedures[key][name])
    return found


FINISHED_MEASURES = {
    "early": "finished_early",
    "on_time": "finished_on_time",
    "late": "finished_late",
    "unjudged": "finished_unjudged",
}


def judged_finished(
    period: Period, scope: Scope, group_field: str | None = None
) -> dict[Any, Counter[str]]:
    """indicators._judge_finished from DailyCount: one GROUP BY (by agency, say, or MONTH)."""
    sums = {name: _sum(measure) for name, measure in FINISHED_MEASURES.items()}
    judged: dict[Any, Counter[str]] = {}
    for rows in _pieces(period, scope):
        if group_field is None:
            judged.setdefault(None, Counter()).update(rows.aggregate(**sums))
            continue
        grouped = _grouped(rows, group_field)
        for row in grouped.values(group_field).annotate(**sums).order_by():
            judged.setdefault(row.pop(group_field), Counter()).update(row)
    return judged


def _open_split(period: Period) -> dict[str, Count]:
    """The facts open at the period's end counted within time and overdue at its last instant
    (indicators._judge_open's rule)."""
    overdue = overdue_at(period.last_instant)
    return {WITHIN_TIME: Count("pk", filter=~overdue), OVERDUE: Count("pk", filter=overdue)}


def judged_open(period: Period, scope: Scope) -> Counter[str]:
    """indicators._judge_open from the facts open at the period's end: one query."""
    rows = _facts(scope).filter(open_at(period.end_instant))
    return Counter(rows.aggregate(**_open_split(period)))


def received(period: Period, scope: Scope) -> int:
    """The dossiers received in the period: the `received` column of the period report alone."""
    return sum(piece.aggregate(n=_sum("received"))["n"] for piece in _pieces(period, scope))


def received_by_month(period: Period, scope: Scope) -> dict[date, int]:
    """`received` of each month of the period (its first day; months without any are absent)."""
    found: dict[date, int] = {}
    for piece in _pieces(period, scope):
        rows = _grouped(piece, MONTH).order_by().values(MONTH).annotate(n=_sum("received"))
        _add(found, {row[MONTH]: row["n"] for row in rows})
    return found


def decision766_counts(period: Period, scope: Scope) -> dict[str, int]:
    """Decision 766's dossier counts of the period (reports.decision766): received, the 3.3,
    4.2, 4.3 numerators over it, and 4.1's granted and granted with an electronic result."""
    names = (
        "received",
        "received_766_3_3",
        "received_766_4_2",
        "received_766_4_3",
        "finished_granted",
        "finished_granted_e",
    )
    totals = dict.fromkeys(names, 0)
    for piece in _pieces(period, scope):
        found = piece.aggregate(**{name: _sum(name) for name in names})
        for name in names:
            totals[name] += found[name]
    return totals


def procedures_received_online(period: Period, scope: Scope) -> set[int]:
    """The procedures with at least one dossier received online in the period (766's 3.2)."""
    found: set[int] = set()
    for piece in _pieces(period, scope):
        rows = piece.filter(channel=Channel.ONLINE, received__gt=0)
        found.update(rows.values_list("procedure_id", flat=True).distinct())
    return found


def _awaiting_at(instant: datetime) -> Q:
    """Holding a supplement request at `instant` (indicators._awaiting_supplement_at)."""
    return Exists(
        Pause.objects.filter(
            dossier=OuterRef("pk"), reason=Pause.Reason.SUPPLEMENT, started_at__lt=instant
        ).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=instant))
    ) | Q(imported_awaiting=True)


def _period_conditions(period: Period) -> dict[str, Q]:
    """Each column of period_counts as a condition on a fact (indicators._period_conditions on
    the facts' columns): the days the daily rows count a flow on are the local days of its
    instant, which the period's instants bound."""
    start, end = period.start_instant, period.end_instant
    received = Q(received_at__gte=start, received_at__lt=end)
    # Every verdict but "" (unfinished), named: an IN list the (verdict, ended_at) index serves.
    verdicts = [v for v in Verdict.values if v]
    finished = Q(verdict__in=verdicts, ended_at__gte=start, ended_at__lt=end)
    open_at_end = open_at(end)
    return {
        "carried_over": open_at(start),
        "received": received,
        "received_online": received & Q(channel=Channel.ONLINE),
        "received_desk": received & Q(channel=Channel.DESK),
        "received_postal": received & Q(channel=Channel.POSTAL),
        "finished": finished,
        "in_progress": open_at_end,
        "awaiting_supplement": open_at_end & _awaiting_at(end),
        "stopped": finished & Q(stopped=True),
        "returned": Q(returned_at__gte=start, returned_at__lt=end),
    }


def period_facts(period: Period, scope: Scope, column: str) -> Any:
    """The facts behind one column of period_counts (the drill-down of the standard period
    report), by the conditions the daily rows and the stocks count. KeyError: no such column."""
    return _facts(scope).filter(_period_conditions(period)[column])


def listed(facts: Any, *, chosen_by_reception: bool) -> Any:
    """The dossier ids of `facts` in order of reception, as a drill-down pages them.

    A set chosen by its reception period is read in the reception index's order. Any other
    (finished in the period, open at an instant) is found through its own index, then sorted:
    asked for a first page in reception order, PostgreSQL walked the reception index from the
    oldest fact, filtering (40 s for a year's late dossiers at ten million). NULLS FIRST on a
    column without nulls changes no order, but it is not the index's, which rules that walk out.
    """
    received_at = F("received_at")
    order = received_at if chosen_by_reception else received_at.asc(nulls_first=True)
    return facts.order_by(order, "pk").values_list("pk", flat=True)


def judged_facts(period: Period, scope: Scope, categories: tuple[str, ...]) -> Any:
    """The facts behind judged_finished and judged_open in the given timeliness categories
    (early, on_time, late, unjudged, in_progress_within_time, in_progress_overdue): the
    drill-down of the counts above, by the same conditions, in one query."""
    finished = [c for c in categories if c not in (WITHIN_TIME, OVERDUE)]
    wanted = Q(pk__in=[])
    if finished:
        # Counted on the local day of ended_at (_insert_daily): the period's instants bound it.
        wanted |= Q(
            verdict__in=finished,
            ended_at__gte=period.start_instant,
            ended_at__lt=period.end_instant,
        )
    if WITHIN_TIME in categories or OVERDUE in categories:
        overdue = overdue_at(period.last_instant)
        open_ = open_at(period.end_instant)
        if WITHIN_TIME not in categories:
            open_ &= overdue
        elif OVERDUE not in categories:
            open_ &= ~overdue
        wanted |= open_
    return _facts(scope).filter(wanted)


def period_counts(
    period: Period, scope: Scope, code_field: str, name_field: str
) -> dict[str, dict[str, Any]]:
    """The columns of indicators.period_report per group code (with its name), the timeliness
    splits included: flows from DailyCount, stocks from the facts open at the period's first and
    last instants. Three queries (and the pieces'), whatever the number of groups."""
    # Annotations are named apart from the columns they sum ("received" is both).
    sums = {
        **{name: _sum(measure) for name, measure in FINISHED_MEASURES.items()},
        "received": _sum("received"),
        "received_online": _sum("received", Q(channel=2)),
        "received_desk": _sum("received", Q(channel=1)),
        "received_postal": _sum("received", Q(channel=3)),
        "finished": _sum(
            F("finished_early")
            + F("finished_on_time")
            + F("finished_late")
            + F("finished_unjudged")
        ),
        "stopped": _sum("stopped"),
        "returned": _sum("returned"),
    }
    found: dict[str, dict[str, Any]] = {}
    for piece in _pieces(period, scope):
        flows = (
            piece.values(code_field, name_field)
            .annotate(**{f"sum_{name}": value for name, value in sums.items()})
            .order_by()
        )
        for row in flows:
            cell = found.setdefault(row[code_field], {name_field: row[name_field]})
            _add(cell, {name: row[f"sum_{name}"] for name in sums})
    end = period.end_instant
    stocks: tuple[tuple[str, Any, dict[str, Any]], ...] = (
        ("carried_over", _facts(scope).filter(open_at(period.start_instant)), {}),
        (
            "in_progress",
            _facts(scope).filter(open_at(end)),
            {"awaiting_supplement": Count("pk", filter=_awaiting_at(end)), **_open_split(period)},
        ),
    )
    for column, rows, extra in stocks:
        grouped = rows.values(code_field, name_field).annotate(**{column: Count("pk")}, **extra)
        for row in grouped.order_by():
            code = row.pop(code_field)
            found.setdefault(code, {name_field: row[name_field]}).update(row)
    return found
