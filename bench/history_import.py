"""How fast does a province's dossier history load? A province migrating from another one-stop
system brings years of dossiers; issue target: at least 50,000 rows a minute on SQLite.

Run:  .venv/bin/python bench/history_import.py [ROWS]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/history_import.py

In a throwaway database (a temporary SQLite file, or <name>_bench_history on PostgreSQL, created
and dropped), with the demo agencies and curated catalog, a generated CSV of ROWS finished
dossiers (default 20,000) in the national sync layout is imported with
dossiers.history_import.import_dossiers. The baseline, in the same run, is the bare ORM cost of
the same volume: bulk_create of as many Dossier and Event rows with no parsing or checks.
"""

import csv
import io
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

_TMP = tempfile.TemporaryDirectory(prefix="motcua-bench-history-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP.name}/unused.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from motcua.catalog.models import Procedure  # noqa: E402
from motcua.dossiers.history_import import COLUMNS, import_dossiers  # noqa: E402
from motcua.dossiers.models import Dossier, Event, Status  # noqa: E402
from motcua.org.models import Agency  # noqa: E402

PROCEDURE = "2.001417"
AGENCY = "000.00.02.H21"


def write_file(path: Path, rows: int) -> None:
    start = datetime(2024, 1, 2, 8, 0)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(rows):
            received = start + timedelta(minutes=37 * number)
            stamp = f"{received:%Y%m%d%H%M%S}"
            due = f"{received + timedelta(days=14):%Y%m%d%H%M%S}"
            end = f"{received + timedelta(days=10):%Y%m%d%H%M%S}"
            code = f"{AGENCY}-{received:%y%m%d}-{number % 10_000:04d}-{number}"
            writer.writerow(
                [code, PROCEDURE, AGENCY, number % 3 + 1, 1, stamp, stamp, due, end, end, 10]
            )


def baseline(rows: int) -> float:
    procedure = Procedure.objects.get(code=PROCEDURE)
    agency = Agency.objects.get(code=AGENCY)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        dossiers = Dossier.objects.bulk_create(
            (
                Dossier(
                    reference=f"BASE-{n}",
                    code=f"BASE-{n}",
                    procedure=procedure,
                    status=Status.RETURNED,
                    channel=n % 3 + 1,
                    applicant_name="-",
                    receiving_agency=agency,
                    current_agency=agency,
                    received_at=now,
                    due_at=now,
                    finished_at=now,
                    returned_at=now,
                    imported=True,
                )
                for n in range(rows)
            ),
            batch_size=1000,
        )
        Event.objects.bulk_create(
            (
                Event(dossier=d, at=now, action="imported", to_status=Status.RETURNED)
                for d in dossiers
            ),
            batch_size=1000,
        )
    seconds = time.perf_counter() - started
    Event.objects.filter(dossier__reference__startswith="BASE-")._raw_delete(connection.alias)
    Dossier.objects.filter(reference__startswith="BASE-").delete()
    return seconds


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        db["TEST"]["NAME"] = str(Path(_TMP.name) / "bench.sqlite3")
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_bench_history"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from motcua.catalog.seeding import seed_curated
        from motcua.org import demo

        demo.seed(OutputWrapper(io.StringIO()))
        seed_curated()
        path = Path(_TMP.name) / "history.csv"
        write_file(path, rows)

        base = baseline(rows)
        started = time.perf_counter()
        report = import_dossiers(path)
        seconds = time.perf_counter() - started
        assert report.created == rows, report
        print(f"{connection.vendor}: {rows:,} finished dossiers in the national sync layout")
        print(f"import-dossiers   {seconds:6.1f} s  {rows / seconds * 60:>10,.0f} rows a minute")
        print(f"bare bulk_create  {base:6.1f} s  {rows / base * 60:>10,.0f} rows a minute")
        print(f"import costs x{seconds / base:.1f} the bare inserts (parsing, checks, history)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
