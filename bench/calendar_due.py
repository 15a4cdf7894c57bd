"""How fast is the legal clock? Due dates are computed for every dossier received, and again for
every dossier of a history import (millions), so the cost per call matters.

Run: .venv/bin/python bench/calendar_due.py [N]

Prints calls per second for each duration unit, and the ratio to a baseline run in the same
process: adding a plain timedelta to the same instants (the cost floor of any date arithmetic).
"""

import os
import random
import sys
import time
from datetime import datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

import django

django.setup()

from django.utils import timezone  # noqa: E402

from motcua.core.calendar import WorkingCalendar, due_at, working_time_between  # noqa: E402


def instants(n: int) -> list[datetime]:
    rng = random.Random(2026)
    tz = timezone.get_default_timezone()
    start = datetime(2020, 1, 1, tzinfo=tz)
    return [start + timedelta(minutes=rng.randrange(0, 10 * 365 * 24 * 60)) for _ in range(n)]


def rate(label: str, n: int, func, baseline: float | None = None) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    func()
    elapsed = time.perf_counter() - started
    per_second = n / elapsed
    ratio = f"  x{baseline / per_second:,.1f} the baseline's cost" if baseline else ""
    print(f"{label:<40} {per_second:>12,.0f} /s{ratio}")
    return per_second


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    calendar = WorkingCalendar()
    received = instants(n)
    # Warm the per-year holiday tables so the figures measure the steady state.
    for year in range(2019, 2032):
        calendar.is_working_day(datetime(year, 6, 1).date())

    print(f"{n:,} random reception instants, 2020-2030, calendar without database")
    base = rate(
        "baseline: instant + timedelta(days=7)",
        n,
        lambda: [r + timedelta(days=7) for r in received],
    )
    for unit, duration in [
        ("working_days", 5),
        ("working_days", 30),
        ("working_hours", 8),
        ("same_day", 0),
        ("calendar_days", 15),
    ]:
        rate(
            f"due_at({duration}, {unit})",
            n,
            lambda u=unit, d=duration: [due_at(r, d, u, calendar=calendar) for r in received],
            base,
        )
    pairs = list(zip(received, instants(n)[::-1], strict=True))
    rate(
        "working_time_between (spans up to 10 y)",
        n,
        lambda: [working_time_between(a, b, calendar=calendar) for a, b in pairs],
        base,
    )


if __name__ == "__main__":
    main()
