"""How fast do the reports answer at volume? Issue 7: under 1 s at 10 million dossiers on
PostgreSQL and 1 million on SQLite, from the daily aggregates.

Run:  .venv/bin/python bench/reports.py [DOSSIERS] [YEARS]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper_aggregates \
          .venv/bin/python bench/reports.py 1000000 5

In a throwaway database (a temporary SQLite file, or <name>_bench_reports on PostgreSQL, created
and dropped), with the demo agencies and curated catalog, `seed-load` writes DOSSIERS dossiers
(default 50,000) over YEARS years (default 3), then the aggregates are rebuilt. Each report is
then asked from the aggregates (best of 3) and from the dossiers table in the same run (slice 1's
direct GROUP BY, plus its per-row verdict pass where the report needs one; once), and the two
answers must be equal. Then the dashboard, its drill-down and export, the public statistics
and the API are asked as a person would, cache emptied first. The 10-million-row PostgreSQL run
is by hand, never in CI (BENCH_KEEP=1 keeps the database afterwards, to time a change against
the same volume; drop it by hand):

      DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper_aggregates \
          .venv/bin/python bench/reports.py 10000000 8

A kept database is timed again, pages only, after `motcua migrate` on it:

      DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper_aggregates_bench_reports \
          .venv/bin/python bench/reports.py pages
"""

import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

_TMP = tempfile.TemporaryDirectory(prefix="motcua-bench-reports-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP.name}/unused.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from motcua.reports import aggregates, seed_load  # noqa: E402
from motcua.reports.indicators import (  # noqa: E402
    GroupBy,
    Scheme,
    on_time,
    online_rate,
    period_report,
)
from motcua.reports.models import DailyCount  # noqa: E402
from motcua.reports.scope import parse_period, resolve_scope  # noqa: E402


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    return best, result


def pages(last_year: str, agency: str) -> None:
    """The screens and the API as a person meets them: whole responses, cache emptied first
    (the sparklines and the public figures are cached for minutes; a first visit pays)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    official = Client()
    official.force_login(get_user_model().objects.get(username="tinh.quantri"))
    anyone = Client()
    year = f"ky=nam&nam={last_year}"
    asks = [
        ("dashboard, this month", official, "/can-bo/bao-cao/"),
        ("dashboard, last year", official, f"/can-bo/bao-cao/?{year}"),
        ("dashboard, busiest agency, year", official, f"/can-bo/bao-cao/?{year}&co_quan={agency}"),
        ("Decision 766 page, last year", official, f"/can-bo/bao-cao/qd766/?{year}"),
        ("drill-down: late, year", official, f"/can-bo/bao-cao/ho-so/?{year}&chi_so=ontime:late"),
        (
            "drill-down: online, year",
            official,
            f"/can-bo/bao-cao/ho-so/?{year}&chi_so=online:total:online",
        ),
        (
            "drill-down: received, year",
            official,
            f"/can-bo/bao-cao/ho-so/?{year}&chi_so=period:received",
        ),
        ("export XLSX, last year", official, f"/can-bo/bao-cao/xuat.xlsx?{year}"),
        ("public statistics page", anyone, "/thong-ke/"),
        ("public open data JSON", anyone, "/thong-ke/du-lieu.json"),
        (
            "API online-rate, year",
            official,
            f"/api/v1/reports/online-rate?from={last_year}-01-01&to={last_year}-12-31",
        ),
    ]
    print(f"{'page (cold cache, best of 3)':34} {'time':>11}  status")
    for name, client, url in asks:
        best, status = float("inf"), 0
        for _ in range(3):
            cache.clear()
            started = time.perf_counter()
            status = client.get(url).status_code
            best = min(best, time.perf_counter() - started)
            if best > 5:
                break  # far over the second already: once is enough to say so
        print(f"{name:34} {best * 1000:9.1f}ms  {status}", flush=True)


def _busiest_agency() -> str:
    code = (
        DailyCount.objects.values_list("receiving_agency__code", flat=True)
        .order_by("-received")
        .first()
    )
    if code is None:
        sys.exit("no aggregates in this database: load it first")
    return code


def main() -> None:
    if sys.argv[1:] == ["pages"]:
        # A database kept by an earlier run (BENCH_KEEP=1), as it is.
        print(f"{connection.vendor}: {connection.settings_dict['NAME']}")
        pages(str(timezone.localdate().year - 1), _busiest_agency())
        return
    dossiers = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    years = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        db["TEST"]["NAME"] = f"{_TMP.name}/bench.sqlite3"
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_bench_reports"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from motcua.catalog.seeding import seed_curated
        from motcua.org import demo

        demo.seed(OutputWrapper(io.StringIO()))
        seed_curated()
        started = time.perf_counter()
        loaded = seed_load.load(
            dossiers=dossiers,
            years=years,
            progress=seed_load.progress_bar(sys.stderr),
            rebuild=False,
        )
        load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        aggregates.rebuild()
        rebuild_seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"{connection.vendor}: {loaded.dossiers:,} dossiers over {years} years")
        print(f"seed-load {load_seconds:7.1f} s   rebuild {rebuild_seconds:7.1f} s   "
              f"daily rows {DailyCount.objects.count():,}")  # fmt: skip

        today = timezone.localdate()
        last_year = str(today.year - 1)
        year = parse_period(f"{last_year}-01-01", f"{last_year}-12-31")
        month = parse_period(f"{last_year}-06-01", f"{last_year}-06-30")
        all_years = parse_period(str(loaded.first_day), str(today))
        province = resolve_scope()
        busiest = _busiest_agency()
        agency = resolve_scope(agency=busiest)
        cases: list[tuple[str, Callable[[str], Any]]] = [
            ("online-rate legacy, year", lambda s: online_rate(year, province, source=s)),
            (
                "online-rate decree42, all years",
                lambda s: online_rate(all_years, province, scheme=Scheme.DECREE42, source=s),
            ),
            ("online-rate, one agency, year", lambda s: online_rate(year, agency, source=s)),
            ("on-time, month", lambda s: on_time(month, province, source=s)),
            ("on-time, year", lambda s: on_time(year, province, source=s)),
            ("period by agency, month", lambda s: period_report(month, province, source=s)),
            (
                "period by procedure, year",
                lambda s: period_report(year, province, by=GroupBy.PROCEDURE, source=s),
            ),
        ]
        print(f"{'report':34} {'aggregates':>11} {'raw rows':>11} {'ratio':>8}")
        for name, ask in cases:
            fast, answer = timed(lambda ask=ask: ask("aggregates"), 3)
            slow, expected = timed(lambda ask=ask: ask("raw"), 1)
            assert answer.as_dict() == expected.as_dict(), name
            print(
                f"{name:34} {fast * 1000:9.1f}ms {slow * 1000:9.0f}ms {slow / fast:7.0f}x",
                flush=True,
            )
        pages(last_year, busiest)
    finally:
        if os.environ.get("BENCH_KEEP"):
            # To time a change against the same volume without loading it again.
            print(f"kept: {connection.settings_dict['NAME']}")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
