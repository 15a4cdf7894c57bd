"""The indicators the province is judged by, computed from the dossiers themselves (DOMAIN.md §8).

Each indicator is a plain function of (period, scope) returning rows that carry their numerator,
denominator and value, so any published figure can be explained; each has a companion that
lists the dossiers behind a number (a queryset of dossier ids) for the drill-down.

Rules shared by every indicator, cited from DOMAIN.md §8:

* A dossier belongs to a period by its reception (received counts), by its end of processing
  (finished counts) or by being open at the period's last instant (in progress, carried over).
* Inter-agency chains count once, under the agency that received the dossier from the
  applicant: linked copies (`origin` set) are never counted (`_counted`).
* Imported dossiers are first-class: history imported from the old system counts like any other.
* Timeliness is `motcua.dossiers.timeliness` (DOMAIN.md §4), never re-derived here.

Counting is done in the database: one GROUP BY with conditional counts per report. Where the
verdict needs per-row logic (early / on time / late, overdue at the period end, working hours
between submission and reception) only the needed columns are read, in chunks.

Where they come from (`source`): online_rate, on_time and period_report answer from the daily
aggregates (reports.aggregates) once a full `motcua report rebuild` has built them and no dossier
was imported since (`aggregates.ready()`), and from the dossiers otherwise; `source="raw"` or
`"aggregates"` forces one (tests and the benchmark compare both). The drill-down lists and the
reception delay and papers reports always read the dossiers.
"""

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from motcua.catalog.models import Component, Procedure
from motcua.core import calendar
from motcua.dossiers.models import Channel, Dossier, DossierComponent, Pause, Status
from motcua.dossiers.timeliness import FINISHED, Timeliness, is_overdue, verdict

from . import aggregates
from .scope import Period, Scope

RATIO_PLACES = Decimal("0.0001")
HOUR_PLACES = Decimal("0.01")
CHUNK = 2000


class Source(StrEnum):
    RAW = "raw"
    AGGREGATES = "aggregates"


def _from_aggregates(source: "Source | str | None") -> bool:
    if source is None:
        return aggregates.ready()
    return Source(source) == Source.AGGREGATES


def ratio(numerator: int, denominator: int) -> Decimal | None:
    """A decimal fraction rounded half up to 4 places, None when the denominator is 0
    (DOMAIN.md §8: "null when total is 0")."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(RATIO_PLACES, ROUND_HALF_UP)


# --- The periods' dossier sets, as SQL conditions -------------------------------------------


def _counted(scope: Scope) -> QuerySet[Dossier]:
    """The dossiers a scope's figures count: inter-agency copies are left out (DOMAIN.md §8)."""
    return (
        Dossier.objects.filter(origin__isnull=True)
        .filter(scope.dossier_filter())
        .alias(ended_at=Coalesce("finished_at", "returned_at"))
        .order_by()
    )


def in_reception_order(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier, int]:
    """The ids of `dossiers` in order of reception, as a drill-down pages them (from the facts:
    aggregates.listed)."""
    return dossiers.order_by("received_at", "pk").values_list("pk", flat=True)


def _received_in(period: Period) -> Q:
    return Q(received_at__gte=period.start_instant, received_at__lt=period.end_instant)


def _closed_before(instant: datetime) -> Q:
    # timeliness.end_of_processing: finished states end at `finished_at`, else at `returned_at`.
    return Q(status__in=FINISHED, ended_at__isnull=False, ended_at__lt=instant)


def _open_at(instant: datetime) -> Q:
    """Received before `instant` and not finished before it: in progress at that moment.
    Only received dossiers count (DOMAIN.md §4: withdrawn ones only if they had been received)."""
    return Q(received_at__lt=instant) & ~_closed_before(instant)


def _finished_in(period: Period) -> Q:
    return Q(received_at__isnull=False, status__in=FINISHED, ended_at__isnull=False) & Q(
        ended_at__gte=period.start_instant, ended_at__lt=period.end_instant
    )


def _returned_in(period: Period) -> Q:
    return Q(returned_at__gte=period.start_instant, returned_at__lt=period.end_instant)


def _awaiting_supplement_at(instant: datetime) -> Q:
    """Holding a supplement request at `instant` (DOMAIN.md §4: the clock is stopped).

    The lifecycle records each request after reception as a Pause; imported dossiers carry no
    pauses, only their state at import, which stands for the time of import.
    """
    pause = Pause.objects.filter(
        dossier=OuterRef("pk"), reason=Pause.Reason.SUPPLEMENT, started_at__lt=instant
    ).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=instant))
    return Q(Exists(pause)) | Q(imported=True, status=Status.AWAITING_SUPPLEMENT)


def _at_reception(key: str, value: object) -> Q:
    """The procedure's `key` as it was when the dossier was received (DOMAIN.md §8: "the level
    or class in force when each dossier was received"), read from the dossier's snapshot.
    Dossiers received before snapshots existed fall back to today's catalog."""
    return Q(**{f"procedure_snapshot__{key}": value}) | (
        ~Q(procedure_snapshot__has_key=key) & Q(**{f"procedure__{key}": value})
    )


# --- Online ratio, Ministry of Home Affairs method (DOMAIN.md §8) ---------------------------


class Scheme(StrEnum):
    LEGACY = "legacy"  # Decree 43/2011 levels 3 and 4
    DECREE42 = "decree42"  # Decree 42/2022 classes partial and full


def _online_groups(scheme: Scheme) -> dict[str, Q]:
    """The groups of a scheme, each a condition on the level/class at reception.

    DOMAIN.md §7: legacy 4 maps to toàn trình (full) and 3 to một phần (partial) "for old data",
    so a dossier whose snapshot has no Decree 42 class is classed by its legacy level. The legacy
    scheme reads the legacy level only: the mapping is one way.
    """
    if scheme == Scheme.LEGACY:
        return {
            "level3": _at_reception("legacy_level", Procedure.LegacyLevel.LEVEL_3),
            "level4": _at_reception("legacy_level", Procedure.LegacyLevel.LEVEL_4),
        }
    unclassed = _at_reception("online_class", Procedure.OnlineClass.NONE)
    return {
        "partial": _at_reception("online_class", Procedure.OnlineClass.PARTIAL)
        | (unclassed & _at_reception("legacy_level", Procedure.LegacyLevel.LEVEL_3)),
        "full": _at_reception("online_class", Procedure.OnlineClass.FULL)
        | (unclassed & _at_reception("legacy_level", Procedure.LegacyLevel.LEVEL_4)),
    }


def _provincial() -> Q:
    """DOMAIN.md §7/§8: services provided by a central ministry's system are excluded."""
    return _at_reception("online_provider", Procedure.OnlineProvider.PROVINCE)


@dataclass(frozen=True)
class OnlineRateRow:
    group: str
    online: int
    total: int
    # Reported beside the ratio, never in it (DOMAIN.md §8).
    postal: int
    # Procedures with at least one dossier on channel 1 or 2 in the period (DOMAIN.md §8).
    procedures: int

    @property
    def ratio(self) -> Decimal | None:
        return ratio(self.online, self.total)

    def as_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "online": self.online,
            "total": self.total,
            "ratio": self.ratio,
        }


@dataclass(frozen=True)
class OnlineRate:
    period: Period
    scope: Scope
    scheme: Scheme
    rows: list[OnlineRateRow]

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.as_dict(),
            "scope": self.scope.as_dict(),
            "rows": [row.as_dict() for row in self.rows],
        }


def _online_columns(scheme: Scheme) -> tuple[dict[str, Q], Q]:
    """`_online_groups` and `_provincial` on the aggregates' columns, which hold the values in
    force at reception already resolved (aggregates.fact_values)."""
    legacy_3 = Q(legacy_level=Procedure.LegacyLevel.LEVEL_3)
    legacy_4 = Q(legacy_level=Procedure.LegacyLevel.LEVEL_4)
    if scheme == Scheme.LEGACY:
        groups = {"level3": legacy_3, "level4": legacy_4}
    else:
        unclassed = Q(online_class=Procedure.OnlineClass.NONE)
        groups = {
            "partial": Q(online_class=Procedure.OnlineClass.PARTIAL) | (unclassed & legacy_3),
            "full": Q(online_class=Procedure.OnlineClass.FULL) | (unclassed & legacy_4),
        }
    return groups, Q(online_provider=Procedure.OnlineProvider.PROVINCE)


def online_rate(
    period: Period,
    scope: Scope,
    *,
    scheme: Scheme = Scheme.LEGACY,
    source: Source | str | None = None,
) -> OnlineRate:
    """DOMAIN.md §8, MoHA online ratio: per group, `online` = dossiers received in the period on
    channel 2, `total` = online + dossiers received on channel 1, `ratio = online / total`.

    Only procedures offered online (the group's level/class at reception) through the province's
    own system and with at least one dossier on channel 1 or 2 in the period count. That last
    condition needs no filter of its own: a procedure without such a dossier adds 0 to both
    `online` and `total`; `procedures` counts those that did. One query.
    """
    groups = _online_groups(scheme)
    if _from_aggregates(source):
        columns, provincial = _online_columns(scheme)
        totals = aggregates.online_totals(period, columns, provincial, scope)
    else:
        anything, counts = _online_counts(groups)
        totals = (
            _counted(scope)
            .filter(_received_in(period), _provincial(), anything)
            .aggregate(**counts)
        )
    return OnlineRate(period=period, scope=scope, scheme=scheme, rows=_online_rows(groups, totals))


def _online_counts(groups: dict[str, Q]) -> tuple[Q, dict[str, Any]]:
    """The dossiers of any group, and per group (and "total") the counts online, at the desk,
    by post, and of procedures with a dossier online or at the desk."""
    anything = Q()
    for condition in groups.values():
        anything |= condition
    desk_or_online = Q(channel__in=[Channel.DESK, Channel.ONLINE])
    counts: dict[str, Any] = {}
    for name, condition in {**groups, "total": anything}.items():
        counts[f"{name}_online"] = Count("pk", filter=condition & Q(channel=Channel.ONLINE))
        counts[f"{name}_desk"] = Count("pk", filter=condition & Q(channel=Channel.DESK))
        counts[f"{name}_postal"] = Count("pk", filter=condition & Q(channel=Channel.POSTAL))
        counts[f"{name}_procedures"] = Count(
            "procedure", distinct=True, filter=condition & desk_or_online
        )
    return anything, counts


def _online_rows(groups: dict[str, Q], totals: dict[str, Any]) -> list[OnlineRateRow]:
    # A count missing from `totals` is 0: a group without a single dossier in the period.
    return [
        OnlineRateRow(
            group=name,
            online=totals.get(f"{name}_online", 0),
            total=totals.get(f"{name}_online", 0) + totals.get(f"{name}_desk", 0),
            postal=totals.get(f"{name}_postal", 0),
            procedures=totals.get(f"{name}_procedures", 0),
        )
        for name in [*groups, "total"]
    ]


def online_rate_by_agency(
    period: Period,
    scope: Scope,
    agencies: list[Scope],
    *,
    scheme: Scheme = Scheme.LEGACY,
    source: Source | str | None = None,
) -> dict[str, OnlineRate]:
    """`online_rate` of each receiving agency (scopes of kind agency) within `scope`, in a few
    queries whatever their number. Equal, agency by agency, to asking `online_rate` of each."""
    groups = _online_groups(scheme)
    field = _GROUP_FIELDS[GroupBy.AGENCY][0]
    if _from_aggregates(source):
        columns, provincial = _online_columns(scheme)
        found = aggregates.online_totals_by(period, columns, provincial, scope, field)
    else:
        anything, counts = _online_counts(groups)
        rows = (
            _counted(scope)
            .filter(_received_in(period), _provincial(), anything)
            .values(field)
            .annotate(**counts)
        )
        found = {row.pop(field): row for row in rows}
    return {
        agency.code: OnlineRate(
            period=period,
            scope=agency,
            scheme=scheme,
            rows=_online_rows(groups, found.get(agency.code, {})),
        )
        for agency in agencies
    }


def online_rate_by_month(
    period: Period,
    scope: Scope,
    *,
    scheme: Scheme = Scheme.LEGACY,
    source: Source | str | None = None,
) -> list[OnlineRate]:
    """`online_rate` of each month of the period (cut to it), oldest first: from the aggregates
    in the same few queries as one period, where a query a month made a year's chart slow."""
    months = period.months()
    if not _from_aggregates(source):
        return [online_rate(month, scope, scheme=scheme, source=source) for month in months]
    groups = _online_groups(scheme)
    columns, provincial = _online_columns(scheme)
    found = aggregates.online_totals_by(period, columns, provincial, scope, aggregates.MONTH)
    return [
        OnlineRate(
            period=month,
            scope=scope,
            scheme=scheme,
            rows=_online_rows(groups, found.get(month.start.replace(day=1), {})),
        )
        for month in months
    ]


ONLINE_MEASURES = ("online", "total", "postal")


def online_rate_dossiers(
    period: Period,
    scope: Scope,
    *,
    scheme: Scheme,
    group: str,
    measure: str,
    source: Source | str | None = None,
) -> QuerySet[Any, int]:
    """The ids of the dossiers behind one number of `online_rate`: the same conditions, listed
    (from the facts when the aggregates are ready, as the number itself is)."""
    from_facts = _from_aggregates(source)
    if from_facts:
        groups, provincial = _online_columns(scheme)
    else:
        groups, provincial = _online_groups(scheme), _provincial()
    if group == "total":
        condition = Q()
        for each in groups.values():
            condition |= each
    elif group in groups:
        condition = groups[group]
    else:
        raise ValueError(f"unknown group {group!r} for scheme {scheme}")
    channels = {
        "online": [Channel.ONLINE],
        "total": [Channel.ONLINE, Channel.DESK],
        "postal": [Channel.POSTAL],
    }[measure]
    if from_facts:
        facts = aggregates.period_facts(period, scope, "received")
        chosen = facts.filter(provincial, condition, channel__in=channels)
        return aggregates.listed(chosen, chosen_by_reception=True)
    return in_reception_order(
        _counted(scope).filter(_received_in(period), provincial, condition, channel__in=channels)
    )


# --- Timeliness: per-row verdicts through dossiers.timeliness -------------------------------

# The columns `timeliness.verdict` and `is_overdue` read; nothing else is loaded.
_VERDICT_COLUMNS = (
    "id",
    "status",
    "received_at",
    "counted_from",
    "due_at",
    "finished_at",
    "returned_at",
    "supplement_requests",
    "procedure_snapshot",
    "procedure__time_limit",
    "procedure__time_limit_unit",
)

EARLY, ON_TIME, LATE = Timeliness.EARLY.value, Timeliness.ON_TIME.value, Timeliness.LATE.value
UNJUDGED = "unjudged"
WITHIN_TIME, OVERDUE = "in_progress_within_time", "in_progress_overdue"


def _verdict_rows(dossiers: QuerySet[Dossier], group_field: str | None) -> Iterator[Dossier]:
    """The dossiers with only the verdict's columns (and the group's code as `group_key`), in
    chunks, their pauses prefetched per chunk: two queries per chunk, whatever the number."""
    pauses = Pause.objects.only("id", "dossier_id", "reason", "started_at", "ended_at")
    rows = (
        dossiers.select_related("procedure")
        .only(*_VERDICT_COLUMNS)
        .prefetch_related(Prefetch("pauses", queryset=pauses))
    )
    if group_field is not None:
        rows = rows.annotate(group_key=F(group_field))
    return rows.iterator(chunk_size=CHUNK)


def _key(dossier: Dossier, group_field: str | None) -> str | None:
    return getattr(dossier, "group_key", None) if group_field is not None else None


def _judge_finished(
    period: Period, scope: Scope, group_field: str | None = None
) -> dict[str | None, Counter[str]]:
    """Early / on time / late of the dossiers finished in the period (DOMAIN.md §4, §8)."""
    judged: dict[str | None, Counter[str]] = {}
    at = period.last_instant
    for dossier in _verdict_rows(_counted(scope).filter(_finished_in(period)), group_field):
        outcome = verdict(dossier, at=at)
        judged.setdefault(_key(dossier, group_field), Counter())[
            outcome.value if outcome is not None else UNJUDGED
        ] += 1
    return judged


def _judge_open(
    period: Period, scope: Scope, group_field: str | None = None
) -> dict[str | None, Counter[str]]:
    """In progress at the period's last instant, within time or overdue then (DOMAIN.md §4:
    "unfinished dossiers are judged against the last instant of the period")."""
    judged: dict[str | None, Counter[str]] = {}
    at = period.last_instant
    for dossier in _verdict_rows(_counted(scope).filter(_open_at(period.end_instant)), group_field):
        judged.setdefault(_key(dossier, group_field), Counter())[
            OVERDUE if is_overdue(dossier, at) else WITHIN_TIME
        ] += 1
    return judged


@dataclass(frozen=True)
class Timeliness766:
    """The counts both timeliness figures are made of, for one group of dossiers."""

    early: int = 0
    on_time: int = 0
    late: int = 0
    # Finished, but with neither a due date nor a statutory limit to compare with.
    unjudged: int = 0
    in_progress_within_time: int = 0
    in_progress_overdue: int = 0

    @classmethod
    def of(cls, finished: Counter[str] | None, open_: Counter[str] | None) -> "Timeliness766":
        finished = finished or Counter()
        open_ = open_ or Counter()
        return cls(
            early=finished[EARLY],
            on_time=finished[ON_TIME],
            late=finished[LATE],
            unjudged=finished[UNJUDGED],
            in_progress_within_time=open_[WITHIN_TIME],
            in_progress_overdue=open_[OVERDUE],
        )

    @property
    def finished(self) -> int:
        return self.early + self.on_time + self.late + self.unjudged

    @property
    def in_progress(self) -> int:
        return self.in_progress_within_time + self.in_progress_overdue

    @property
    def finished_on_time(self) -> tuple[int, int]:
        """DOMAIN.md §8: `finished_on_time_ratio = (early + on_time) / finished`, over the
        finished dossiers that have a verdict."""
        return self.early + self.on_time, self.early + self.on_time + self.late

    @property
    def indicator_2_1(self) -> tuple[int, int]:
        """DOMAIN.md §8, Decision 766 indicator 2.1: dossiers finished or in progress in the
        period, in-progress ones judged at the period end: (early + on time + in progress within
        time) / (finished with a verdict + in progress)."""
        numerator = self.early + self.on_time + self.in_progress_within_time
        return numerator, self.early + self.on_time + self.late + self.in_progress

    def __add__(self, other: "Timeliness766") -> "Timeliness766":
        return Timeliness766(
            *(getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__)
        )


@dataclass(frozen=True)
class OnTime:
    period: Period
    scope: Scope
    counts: Timeliness766

    def as_dict(self) -> dict[str, Any]:
        c = self.counts
        finished_num, finished_den = c.finished_on_time
        num_2_1, den_2_1 = c.indicator_2_1
        return {
            "period": self.period.as_dict(),
            "scope": self.scope.as_dict(),
            "rows": [
                {
                    "group": "finished_on_time_ratio",
                    "early": c.early,
                    "on_time": c.on_time,
                    "late": c.late,
                    "in_progress_within_time": None,
                    "in_progress_overdue": None,
                    "numerator": finished_num,
                    "denominator": finished_den,
                    "ratio": ratio(finished_num, finished_den),
                },
                {
                    "group": "indicator_2_1",
                    "early": c.early,
                    "on_time": c.on_time,
                    "late": c.late,
                    "in_progress_within_time": c.in_progress_within_time,
                    "in_progress_overdue": c.in_progress_overdue,
                    "numerator": num_2_1,
                    "denominator": den_2_1,
                    "ratio": ratio(num_2_1, den_2_1),
                },
            ],
        }


def on_time(period: Period, scope: Scope, *, source: Source | str | None = None) -> OnTime:
    """Both timeliness figures of DOMAIN.md §8 for the scope: `finished_on_time_ratio` and
    `indicator_2_1`, with the counts they are made of."""
    if _from_aggregates(source):
        finished = aggregates.judged_finished(period, scope).get(None)
        open_: Counter[str] | None = aggregates.judged_open(period, scope)
    else:
        finished = _judge_finished(period, scope).get(None)
        open_ = _judge_open(period, scope).get(None)
    return OnTime(period=period, scope=scope, counts=Timeliness766.of(finished, open_))


def on_time_by_month(
    period: Period, scope: Scope, *, source: Source | str | None = None
) -> list[OnTime]:
    """`on_time` of each month of the period (cut to it), oldest first: from the aggregates, the
    finished in one grouped query, the stock at each month's end one query each (asked in one,
    with a count per end, they took three times as long at ten million dossiers)."""
    months = period.months()
    if not _from_aggregates(source):
        return [on_time(month, scope, source=source) for month in months]
    finished = aggregates.judged_finished(period, scope, aggregates.MONTH)
    open_ = [aggregates.judged_open(month, scope) for month in months]
    return [
        OnTime(
            period=month,
            scope=scope,
            counts=Timeliness766.of(finished.get(month.start.replace(day=1)), at_end),
        )
        for month, at_end in zip(months, open_, strict=True)
    ]


ON_TIME_CATEGORIES = (EARLY, ON_TIME, LATE, UNJUDGED, WITHIN_TIME, OVERDUE)


def on_time_dossiers(
    period: Period, scope: Scope, *, category: str, source: Source | str | None = None
) -> QuerySet[Any, int]:
    """The ids of the dossiers counted in one timeliness category (early, on_time, late,
    unjudged, in_progress_within_time, in_progress_overdue)."""
    return judged_dossiers(period, scope, categories=(category,), source=source)


def judged_dossiers(
    period: Period,
    scope: Scope,
    *,
    categories: tuple[str, ...],
    source: Source | str | None = None,
) -> QuerySet[Any, int]:
    """The ids of the dossiers counted in any of the timeliness categories. From the facts when
    the aggregates are ready (a fact's key is its dossier's): one query the database answers,
    where the raw form judges every dossier of the period in Python (minutes at ten million)."""
    for category in categories:
        if category not in ON_TIME_CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
    if _from_aggregates(source):
        facts = aggregates.judged_facts(period, scope, categories)
        return aggregates.listed(facts, chosen_by_reception=False)
    ids = [pk for category in categories for pk in _category_ids(period, scope, category)]
    return in_reception_order(Dossier.objects.filter(pk__in=ids))


def _category_ids(period: Period, scope: Scope, category: str) -> list[int]:
    at = period.last_instant
    if category in (WITHIN_TIME, OVERDUE):
        rows = _verdict_rows(_counted(scope).filter(_open_at(period.end_instant)), None)
        wanted_overdue = category == OVERDUE
        return [d.pk for d in rows if is_overdue(d, at) == wanted_overdue]
    rows = _verdict_rows(_counted(scope).filter(_finished_in(period)), None)
    ids = []
    for dossier in rows:
        outcome = verdict(dossier, at=at)
        if (outcome.value if outcome is not None else UNJUDGED) == category:
            ids.append(dossier.pk)
    return ids


# --- The standard period report (DOMAIN.md §8) ----------------------------------------------


class GroupBy(StrEnum):
    AGENCY = "agency"
    PROCEDURE = "procedure"


# The group's code and name. Agencies are the receiving ones: DOMAIN.md §8 counts a chain once,
# under the agency that received the dossier from the applicant.
_GROUP_FIELDS = {
    GroupBy.AGENCY: ("receiving_agency__code", "receiving_agency__name"),
    GroupBy.PROCEDURE: ("procedure__code", "procedure__name"),
}

PERIOD_COLUMNS = (
    "carried_over",
    "received",
    "received_online",
    "received_desk",
    "received_postal",
    "finished",
    "early",
    "on_time",
    "late",
    "in_progress",
    "in_progress_within_time",
    "in_progress_overdue",
    "awaiting_supplement",
    "stopped",
    "returned",
)
# Columns counted by the database; the rest need the per-row verdict.
_SQL_COLUMNS = (
    "carried_over",
    "received",
    "received_online",
    "received_desk",
    "received_postal",
    "finished",
    "in_progress",
    "awaiting_supplement",
    "stopped",
    "returned",
)


def _period_conditions(period: Period) -> dict[str, Q]:
    """Each SQL column of the period report as a condition on a dossier row.

    carried over = open at the period's first instant; in progress = open at its last. So for
    every group: carried over + received = finished + in progress (each dossier is either closed
    in the period or still open at its end), an identity an auditor can check. The same on the
    facts: aggregates._period_conditions.
    """
    start, end = period.start_instant, period.end_instant
    received = _received_in(period)
    finished = _finished_in(period)
    open_at_end = _open_at(end)
    return {
        "carried_over": _open_at(start),
        "received": received,
        "received_online": received & Q(channel=Channel.ONLINE),
        "received_desk": received & Q(channel=Channel.DESK),
        "received_postal": received & Q(channel=Channel.POSTAL),
        "finished": finished,
        "in_progress": open_at_end,
        "awaiting_supplement": open_at_end & _awaiting_supplement_at(end),
        "stopped": finished & Q(status=Status.STOPPED),
        "returned": _returned_in(period),
    }


@dataclass
class PeriodRow:
    group: str
    name: str
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "name": self.name,
            **{column: self.counts.get(column, 0) for column in PERIOD_COLUMNS},
        }


@dataclass(frozen=True)
class PeriodReport:
    period: Period
    scope: Scope
    by: GroupBy
    rows: list[PeriodRow]

    @property
    def timeliness(self) -> "Timeliness766":
        """The total row's timeliness counts: `on_time`'s for the same period and scope, as each
        dossier counted falls in exactly one group (tested), without asking again."""
        total = self.rows[-1].counts
        return Timeliness766(
            **{name: total.get(name, 0) for name in Timeliness766.__dataclass_fields__}
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.as_dict(),
            "scope": self.scope.as_dict(),
            "by": self.by.value,
            "rows": [row.as_dict() for row in self.rows],
        }


def period_report(
    period: Period,
    scope: Scope,
    *,
    by: GroupBy = GroupBy.AGENCY,
    source: Source | str | None = None,
) -> PeriodReport:
    """The standard period report (DOMAIN.md §8), one row per agency or procedure and a last
    row "total": carried over, received (online / desk / postal), finished (early / on time /
    late), in progress (within time / overdue), awaiting supplement, stopped, returned.

    From the aggregates, the splits are counted with the columns (aggregates.period_counts).
    From the dossiers, one GROUP BY for the counts; the early/on time/late and within
    time/overdue splits come from the per-row verdict (`_judge_finished`, `_judge_open`).
    """
    code_field, name_field = _GROUP_FIELDS[by]
    grouped: Iterable[dict[str, Any]]
    finished: dict[str | None, Counter[str]]
    open_: dict[str | None, Counter[str]]
    if _from_aggregates(source):
        found = aggregates.period_counts(period, scope, code_field, name_field)
        grouped = [{code_field: code, **found[code]} for code in sorted(found)]
        # The timeliness splits are counted with the columns, under Timeliness766's names.
        finished = open_ = {code: Counter(cell) for code, cell in found.items()}
    else:
        conditions = _period_conditions(period)
        relevant = Q(received_at__lt=period.end_instant) & (
            ~_closed_before(period.start_instant) | _returned_in(period)
        )
        grouped = (
            _counted(scope)
            .filter(relevant)
            .values(code_field, name_field)
            .annotate(**{name: Count("pk", filter=conditions[name]) for name in _SQL_COLUMNS})
            .order_by(code_field)
        )
        finished = _judge_finished(period, scope, code_field)
        open_ = _judge_open(period, scope, code_field)
    rows = []
    total = PeriodRow(group="total", name="Tổng cộng")
    for values in grouped:
        code = values[code_field]
        judged = Timeliness766.of(finished.get(code), open_.get(code))
        counts = {name: values.get(name, 0) for name in _SQL_COLUMNS}
        counts |= {
            "early": judged.early,
            # Not a column of the report; kept so that the total row is a Timeliness766 whole.
            "unjudged": judged.unjudged,
            "on_time": judged.on_time,
            "late": judged.late,
            "in_progress_within_time": judged.in_progress_within_time,
            "in_progress_overdue": judged.in_progress_overdue,
        }
        if not any(counts.values()):
            # Only dossiers returned or closed outside the period matched the broad filter.
            continue
        rows.append(PeriodRow(group=code, name=values[name_field], counts=counts))
        for name, value in counts.items():
            total.counts[name] = total.counts.get(name, 0) + value
    return PeriodReport(period=period, scope=scope, by=by, rows=[*rows, total])


def period_dossiers(
    period: Period,
    scope: Scope,
    *,
    column: str,
    by: GroupBy | None = None,
    group: str | None = None,
    source: Source | str | None = None,
) -> QuerySet[Any, int]:
    """The ids of the dossiers behind one cell of `period_report` (a group's code, or all),
    from the facts when the aggregates are ready, as the cell itself is. The facts carry the
    receiving agency and procedure under the dossier's own names, so one filter fits both."""
    in_group = Q()
    if by is not None and group is not None and group != "total":
        in_group = Q(**{_GROUP_FIELDS[by][0]: group})
    conditions = _period_conditions(period)
    if column not in conditions and column not in ON_TIME_CATEGORIES:
        raise ValueError(f"unknown column {column!r}")
    if _from_aggregates(source):
        if column in conditions:
            facts = aggregates.period_facts(period, scope, column)
        else:
            facts = aggregates.judged_facts(period, scope, (column,))
        by_reception = column.startswith("received")
        return aggregates.listed(facts.filter(in_group), chosen_by_reception=by_reception)
    counted = _counted(scope).filter(in_group)
    if column in conditions:
        return in_reception_order(counted.filter(conditions[column]))
    ids = on_time_dossiers(period, scope, category=column, source=source)
    return in_reception_order(counted.filter(pk__in=ids))


def received_count(period: Period, scope: Scope, *, source: Source | str | None = None) -> int:
    """How many dossiers were received in the period."""
    if _from_aggregates(source):
        return aggregates.received(period, scope)
    return period_dossiers(period, scope, column="received", source=source).count()


def received_by_month(
    period: Period, scope: Scope, *, source: Source | str | None = None
) -> list[tuple[Period, int]]:
    """`received_count` of each month of the period (cut to it), oldest first."""
    months = period.months()
    if not _from_aggregates(source):
        return [(month, received_count(month, scope, source=source)) for month in months]
    found = aggregates.received_by_month(period, scope)
    return [(month, found.get(month.start.replace(day=1), 0)) for month in months]


# --- Online reception delay -----------------------------------------------------------------


def _hours(span: timedelta) -> Decimal:
    return (Decimal(span.total_seconds()) / Decimal(3600)).quantize(HOUR_PLACES, ROUND_HALF_UP)


def _delays(period: Period, scope: Scope) -> Iterator[tuple[int, timedelta]]:
    """(dossier id, office time from submission to reception) of the online dossiers received in
    the period. Only three columns are read; the working calendar does the counting."""
    rows = (
        _counted(scope)
        .filter(_received_in(period), channel=Channel.ONLINE, submitted_at__isnull=False)
        .values_list("pk", "submitted_at", "received_at")
        .iterator(chunk_size=CHUNK)
    )
    for pk, submitted, received in rows:
        # Both are set: the filter asks for a submission, and reception defines the period.
        assert submitted is not None and received is not None
        yield pk, calendar.working_time_between(submitted, received)


@dataclass(frozen=True)
class ReceptionDelay:
    period: Period
    scope: Scope
    target_hours: int
    received: int
    within_target: int
    median_hours: Decimal | None
    p90_hours: Decimal | None

    @property
    def ratio(self) -> Decimal | None:
        return ratio(self.within_target, self.received)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.as_dict(),
            "scope": self.scope.as_dict(),
            "rows": [
                {
                    "group": "online_reception",
                    "target_hours": self.target_hours,
                    "received": self.received,
                    "within_target": self.within_target,
                    "ratio": self.ratio,
                    "median_hours": self.median_hours,
                    "p90_hours": self.p90_hours,
                }
            ],
        }


def reception_delay(period: Period, scope: Scope) -> ReceptionDelay:
    """Working hours from submission to reception of online dossiers received in the period
    (issue 7; `core.calendar.working_time_between`): median, 90th percentile (nearest rank: the
    smallest delay at least 90% of dossiers did not exceed) and the share received within
    `settings.RECEPTION_TARGET_WORKING_HOURS`."""
    target_hours = int(settings.RECEPTION_TARGET_WORKING_HOURS)
    target = timedelta(hours=target_hours)
    delays = sorted(delay for _, delay in _delays(period, scope))
    median = _hours(_median(delays)) if delays else None
    p90 = _hours(delays[math.ceil(0.9 * len(delays)) - 1]) if delays else None
    return ReceptionDelay(
        period=period,
        scope=scope,
        target_hours=target_hours,
        received=len(delays),
        within_target=sum(1 for delay in delays if delay <= target),
        median_hours=median,
        p90_hours=p90,
    )


def _median(ordered: list[timedelta]) -> timedelta:
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def reception_delay_dossiers(
    period: Period, scope: Scope, *, within_target: bool
) -> QuerySet[Dossier, int]:
    """The ids of the online dossiers received within (or beyond) the province's target."""
    target = timedelta(hours=int(settings.RECEPTION_TARGET_WORKING_HOURS))
    ids = [pk for pk, delay in _delays(period, scope) if (delay <= target) == within_target]
    return Dossier.objects.filter(pk__in=ids).values_list("pk", flat=True)


# --- Papers not asked for, thanks to data reuse ---------------------------------------------


@dataclass(frozen=True)
class PapersRow:
    group: str
    components: int
    dossiers: int


@dataclass(frozen=True)
class PapersNotAsked:
    """Components of the dossiers received in the period that national data replaced (DOMAIN.md
    §7: "a component replaceable by a national database is not asked for"), per data source, out
    of all their components."""

    period: Period
    scope: Scope
    rows: list[PapersRow]
    all_components: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.as_dict(),
            "scope": self.scope.as_dict(),
            "rows": [
                {
                    "group": row.group,
                    "components": row.components,
                    "dossiers": row.dossiers,
                    "all_components": self.all_components,
                    "ratio": ratio(row.components, self.all_components),
                }
                for row in self.rows
            ],
        }


def papers_not_asked(period: Period, scope: Scope) -> PapersNotAsked:
    """Two queries: the components per data source, and the dossiers with any replaced one."""
    components = DossierComponent.objects.filter(
        dossier__in=_counted(scope).filter(_received_in(period)).values("pk")
    ).order_by()
    per_source = list(
        components.values("replaced_by").annotate(
            components=Count("pk"), dossiers=Count("dossier", distinct=True)
        )
    )
    replaced = [row for row in per_source if row["replaced_by"]]
    dossiers = (
        components.exclude(replaced_by="").aggregate(n=Count("dossier", distinct=True))["n"]
        if replaced
        else 0
    )
    # The catalog's order of data sources, not the collation's: it differs between engines.
    order = {source: index for index, source in enumerate(Component.Source.values)}
    replaced.sort(key=lambda row: order.get(row["replaced_by"], len(order)))
    rows = [PapersRow(row["replaced_by"], row["components"], row["dossiers"]) for row in replaced]
    rows.append(PapersRow("total", sum(row.components for row in rows), dossiers))
    return PapersNotAsked(
        period=period,
        scope=scope,
        rows=rows,
        all_components=sum(row["components"] for row in per_source),
    )


def papers_not_asked_dossiers(
    period: Period, scope: Scope, *, source: str | None = None
) -> QuerySet[Dossier, int]:
    """The ids of the dossiers with a component replaced by national data (from `source`)."""
    replaced = DossierComponent.objects.exclude(replaced_by="")
    if source is not None and source != "total":
        replaced = replaced.filter(replaced_by=source)
    return (
        _counted(scope)
        .filter(_received_in(period), Exists(replaced.filter(dossier=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
