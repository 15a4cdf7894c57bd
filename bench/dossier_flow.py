"""How many dossiers per second can the life cycle carry from submission to the returned result?
Every change of state goes through motcua.dossiers.lifecycle (ARCHITECTURE.md rule 1): a row
lock, permission checks, the transition table, an Event, an audit entry and outbox events, each
action in its own transaction. This measures what that costs against the bare rows it writes.

Run:  .venv/bin/python bench/dossier_flow.py [N]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua \
          .venv/bin/python bench/dossier_flow.py [N]

The demo world (org demo seed, curated catalog) is built in a throwaway database: a temporary
SQLite file, or with DATABASE_URL a PostgreSQL database named <name>_bench_flow that is created
and dropped again (the role needs CREATEDB). The procedure is the curated judicial record
certificate 2.001417 of Sở Tư pháp (000.00.02.H21), submitted online at the provincial Service
Center (000.00.01.H21); its steps include an inter-agency hop to Công an tỉnh, whose specialist
is added to the demo staff here.

N dossiers (default 300) each go through submit_online, receive, assign, forward through every
step, approve, mark_result_ready and return_result, each call by the official who would make it
and with an explicit `at` on a working day (so every call that reads the calendar uses it).
The baseline, in the same process, writes the same rows bare: per dossier one Dossier insert,
then one single-row UPDATE of the status per later action, and one Event insert per action, each
action in its own transaction like the life cycle's, with no checks, audit or outbox.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

_TMP = tempfile.TemporaryDirectory(prefix="motcua-bench-flow-")
# Without DATABASE_URL the settings would use var/motcua.sqlite3: point them at the temporary
# directory instead, so that nothing the developer keeps is touched.
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP.name}/unused.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.catalog.models import Procedure  # noqa: E402
from motcua.core import calendar  # noqa: E402
from motcua.dossiers import lifecycle  # noqa: E402
from motcua.dossiers.models import Channel, Dossier, Event, Status  # noqa: E402
from motcua.org.models import Agency, Role, StaffAssignment  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PROCEDURE = "2.001417"
CENTER = "000.00.01.H21"
TU_PHAP = "000.00.02.H21"
CONG_AN = "000.00.12.H21"
PER_DAY = 20  # dossiers submitted per working day
FIRST_DAY = date(2026, 1, 5)

APPLICANT: dict[str, Any] = {
    "kind": 1,
    "name": "Hồ Thị Lan",
    "id_number": "064190001234",
    "phone": "0905123456",
    "email": "lan@example.vn",
    "address": "12 Hùng Vương, phường Pleiku, tỉnh Gia Lai",
}
FORM: dict[str, Any] = {
    "card_type": "Phiếu lý lịch tư pháp số 1",
    "copies_requested": 1,
    "purpose": "Bổ sung hồ sơ xin việc",
    "residence_history": "Từ 2004 đến nay: 12 Hùng Vương, phường Pleiku, tỉnh Gia Lai",
}


class World:
    """The demo province, its curated catalog and the officials who handle 2.001417."""

    def __init__(self) -> None:
        from motcua.catalog.seeding import seed_curated
        from motcua.org import demo

        demo.seed(OutputWrapper(io.StringIO()))
        seed_curated()
        self.procedure = Procedure.objects.get(code=PROCEDURE)
        self.center = Agency.objects.get(code=CENTER)
        self.tu_phap = Agency.objects.get(code=TU_PHAP)
        cong_an = Agency.objects.get(code=CONG_AN)
        # The demo has nobody at Công an tỉnh, which holds the verification step.
        police = User.objects.create_user(
            username="congan.chuyenvien", password=None, full_name="Nguyễn Văn An"
        )
        StaffAssignment.objects.create(
            user=police, agency=cong_an, role=Role.objects.get(code="specialist")
        )
        self.officer = User.objects.get(username="motcua.tiepnhan")
        self.specialist = User.objects.get(username="tuphap.chuyenvien")
        self.leader = User.objects.get(username="tuphap.lanhdao")
        self.citizen = User.objects.create_user(
            username="lan", password=None, full_name="Hồ Thị Lan"
        )
        # Who works a step, by the agency holding the dossier at that step.
        self.processor = {self.tu_phap.pk: self.specialist, cong_an.pk: police}
        steps = list(self.procedure.steps.order_by("order"))
        self.forwards = sum(s.kind in lifecycle.WORK_STEPS for s in steps) - 1
        self.steps_shown = " → ".join(
            f"{s.kind}{'@' + s.agency.code if s.agency else ''}" for s in steps
        )


def working_days(start: date, count: int) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < count:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def flow(world: World, days: list[date], i: int, timings: dict[str, list[float]]) -> Dossier:
    """One dossier from submission to returned result; `timings` gets ms per call by action."""
    first = i // PER_DAY
    minute = i % PER_DAY * 2

    def at(day: int, hour: int) -> datetime:
        d = days[first + day]
        return datetime(d.year, d.month, d.day, hour, minute, tzinfo=VN)

    def timed(name: str, action: Callable[..., Dossier], *args: Any, **kwargs: Any) -> Dossier:
        started = time.perf_counter()
        result = action(*args, **kwargs)
        timings[name].append((time.perf_counter() - started) * 1000)
        return result

    w = world
    # Looked up at each call, not bound at import: count_queries wraps them.
    lc = lifecycle
    d = timed(
        "submit_online",
        lc.submit_online,
        w.procedure,
        applicant=APPLICANT,
        form_data=FORM,
        by=w.citizen,
        receiving_agency=w.center,
        at=at(0, 8),
    )
    d = timed("receive", lc.receive, d, by=w.officer, at=at(0, 9))
    d = timed("assign", lc.assign, d, by=w.leader, to=w.specialist, at=at(0, 10))
    for n in range(w.forwards):
        by = w.processor[d.current_agency_id]
        d = timed("forward", lc.forward, d, by=by, at=at(1 + n, 9))
    day = 1 + w.forwards
    d = timed("approve", lc.approve, d, by=w.leader, at=at(day, 9))
    d = timed("mark_result_ready", lc.mark_result_ready, d, by=w.specialist, at=at(day, 14))
    d = timed("return_result", lc.return_result, d, by=w.officer, at=at(day + 1, 9))
    assert d.status == Status.RETURNED, d.status
    return d


def bare(world: World, days: list[date], i: int, actions: int) -> None:
    """The same rows without the life cycle: one insert, then a status UPDATE per action, and
    one Event per action, each action in its own transaction."""
    d = days[i // PER_DAY]
    at = datetime(d.year, d.month, d.day, 8, i % PER_DAY * 2, tzinfo=VN)
    statuses = [Status.RECEIVED] + [Status.PROCESSING] * (actions - 4)
    statuses += [Status.RESULT_READY, Status.RETURNED]
    with transaction.atomic():
        dossier = Dossier.objects.create(
            reference=f"BENCH-{i:06d}",
            procedure=world.procedure,
            channel=Channel.ONLINE,
            applicant_name=APPLICANT["name"],
            form_data=FORM,
            receiving_agency=world.center,
            current_agency=world.center,
            submitted_at=at,
        )
        Event.objects.create(
            dossier=dossier, at=at, action="submit", to_status=Status.SUBMITTED, agency=world.center
        )
    before = Status.SUBMITTED
    for status in statuses:
        with transaction.atomic():
            # The check constraint wants a code once received: set with the first UPDATE.
            extra = {"code": f"BENCH-{i:06d}"} if before == Status.SUBMITTED else {}
            Dossier.objects.filter(pk=dossier.pk).update(status=status, **extra)
            Event.objects.create(
                dossier=dossier,
                at=at,
                action="bench",
                from_status=before,
                to_status=status,
                agency=world.center,
            )
        before = status


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def query_kinds(queries: list[dict[str, str]]) -> str:
    kinds: Counter[str] = Counter()
    for q in queries:
        sql = q["sql"].lstrip().upper()
        if sql.startswith("SELECT"):
            kinds["SELECT"] += 1
        elif sql.startswith("INSERT"):
            kinds["INSERT"] += 1
        elif sql.startswith("UPDATE"):
            kinds["UPDATE"] += 1
        else:
            kinds["other"] += 1
    return ", ".join(f"{n} {k}" for k, n in kinds.items())


def count_queries(world: World, days: list[date], i: int) -> None:
    """Queries per action for one dossier (the calls wrapped one by one)."""
    captured: dict[str, list[list[dict[str, str]]]] = defaultdict(list)
    real = {name: getattr(lifecycle, name) for name in _ACTIONS}

    def wrap(name: str) -> Callable[..., Dossier]:
        def call(*args: Any, **kwargs: Any) -> Dossier:
            with CaptureQueriesContext(connection) as ctx:
                result = real[name](*args, **kwargs)
            captured[name].append(list(ctx.captured_queries))
            return result

        return call

    for name in _ACTIONS:
        setattr(lifecycle, name, wrap(name))
    try:
        flow(world, days, i, defaultdict(list))
    finally:
        for name, function in real.items():
            setattr(lifecycle, name, function)
    total = 0
    print("\nqueries for one dossier (each call's transaction included):")
    for name in _ACTIONS:
        for queries in captured[name]:
            total += len(queries)
            print(f"  {name:<18} {len(queries):>3}  ({query_kinds(queries)})")
    print(f"  {'total':<18} {total:>3}")


_ACTIONS = (
    "submit_online",
    "receive",
    "assign",
    "forward",
    "approve",
    "mark_result_ready",
    "return_result",
)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        db["TEST"]["NAME"] = str(Path(_TMP.name) / "bench.sqlite3")
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_bench_flow"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        world = World()
        seeded = time.perf_counter() - started
        days = working_days(FIRST_DAY, (2 * n + 2) // PER_DAY + world.forwards + 10)
        actions = 6 + world.forwards
        print(
            f"{connection.vendor} {connection.settings_dict['NAME']}: demo world seeded in "
            f"{seeded:.1f} s; procedure {PROCEDURE}, steps {world.steps_shown}; "
            f"{actions} lifecycle calls per dossier ({world.forwards} forwards), {n} dossiers"
        )

        # Warm-up (the calendar's caches, the ORM's), then the query count on a warm path.
        flow(world, days, n, defaultdict(list))
        count_queries(world, days, n + 1)

        timings: dict[str, list[float]] = defaultdict(list)
        started = time.perf_counter()
        for i in range(n):
            flow(world, days, i, timings)
        full = time.perf_counter() - started

        base_id = n + 2
        started = time.perf_counter()
        for i in range(base_id, base_id + n):
            bare(world, days, i, actions)
        baseline = time.perf_counter() - started

        print(f"\n{'action':<18} {'calls':>6} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
        for name in _ACTIONS:
            s = timings[name]
            print(
                f"{name:<18} {len(s):>6} {percentile(s, 50):>8.2f} {percentile(s, 95):>8.2f} "
                f"{statistics.fmean(s):>8.2f}"
            )
        every = [t for s in timings.values() for t in s]
        print(
            f"{'any call':<18} {len(every):>6} {percentile(every, 50):>8.2f} "
            f"{percentile(every, 95):>8.2f} {statistics.fmean(every):>8.2f}"
        )
        print(
            f"\nfull flow: {n / full:,.1f} dossiers/s ({full / n * 1000:.1f} ms per dossier)\n"
            f"baseline (bare rows): {n / baseline:,.1f} dossiers/s "
            f"({baseline / n * 1000:.1f} ms per dossier)\n"
            f"cost vs baseline: {full / baseline:.1f}"
        )
        returned = Dossier.objects.filter(status=Status.RETURNED).exclude(code__startswith="BENCH")
        assert returned.count() == n + 2, returned.count()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
