"""Monitoring of the gateway, computed from the message log (issue 5 item 4).

Per service and consumer, over recent windows (LGSP_MONITOR_WINDOWS, seconds, default 5 minutes
and 1 hour): how many exchanges, how many refused (4xx) and failed (5xx), the error rate (5xx
over all), and the latency (responded_at - received_at) at p50, p95 and p99 by the nearest-rank
method (exact, so an operator's number can be checked against the log).

Efficiency: a window reads only its own rows through the index on responded_at, and only four
columns with the duration computed by the database; the result is kept LGSP_MONITOR_CACHE_SECONDS
(default 10) per process, so a page refreshed by several operators and a Prometheus scrape every
15 s cost one query per window. Totals since the start are the chain head's sequence, free.
"""

import math
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import DurationField, ExpressionWrapper, F
from django.utils import timezone

from .models import LogHead, MessageRecord

QUANTILES = (0.5, 0.95, 0.99)


def windows() -> list[int]:
    return [int(s) for s in getattr(settings, "LGSP_MONITOR_WINDOWS", [300, 3600])]


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest rank: the smallest value with at least q of all values at or below it."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(q * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class Row:
    service: str
    consumer: str
    count: int = 0
    refused: int = 0  # 4xx: the gateway's refusals and the national systems' 4xx answers
    failed: int = 0  # 5xx: timeouts, unavailable upstreams, open circuits
    latencies: list[float] = field(default_factory=list, repr=False)
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0

    @property
    def error_rate(self) -> float:
        return self.failed / self.count if self.count else 0.0

    @property
    def error_percent(self) -> float:
        return round(100 * self.error_rate, 2)

    @property
    def latency_ms(self) -> tuple[float, float, float]:
        return (round(self.p50 * 1000, 1), round(self.p95 * 1000, 1), round(self.p99 * 1000, 1))

    def finish(self) -> None:
        self.latencies.sort()
        self.p50, self.p95, self.p99 = (percentile(self.latencies, q) for q in QUANTILES)
        self.latencies = []


@dataclass
class Window:
    seconds: int
    since: datetime
    rows: list[Row]

    @property
    def label(self) -> str:
        if self.seconds % 3600 == 0:
            return f"{self.seconds // 3600}h"
        if self.seconds % 60 == 0:
            return f"{self.seconds // 60}m"
        return f"{self.seconds}s"

    @property
    def total(self) -> Row:
        total = Row(service="*", consumer="*")
        for row in self.rows:
            total.count += row.count
            total.refused += row.refused
            total.failed += row.failed
        return total


@dataclass
class Snapshot:
    at: datetime
    windows: list[Window]
    messages_total: int
    sealed_total: int
    last_sealed_at: datetime | None
    unsealed_since: datetime | None


def window(seconds: int, *, now: datetime) -> Window:
    since = now - timedelta(seconds=seconds)
    duration = ExpressionWrapper(F("responded_at") - F("received_at"), output_field=DurationField())
    rows: dict[tuple[str, str], Row] = {}
    records = (
        MessageRecord.objects.filter(responded_at__gt=since, responded_at__lte=now)
        .order_by()
        .annotate(duration=duration)
        .values_list("service_code", "consumer_code", "status_code", "duration")
        .iterator(chunk_size=5000)
    )
    for service, consumer, status, elapsed in records:
        row = rows.get((service, consumer))
        if row is None:
            row = rows[(service, consumer)] = Row(service=service, consumer=consumer)
        row.count += 1
        if 400 <= status < 500:
            row.refused += 1
        elif status >= 500:
            row.failed += 1
        row.latencies.append(max(elapsed.total_seconds(), 0.0) if elapsed is not None else 0.0)
    for row in rows.values():
        row.finish()
    return Window(seconds, since, sorted(rows.values(), key=lambda r: (r.service, r.consumer)))


def compute(now: datetime | None = None) -> Snapshot:
    now = now or timezone.now()
    head = LogHead.objects.filter(pk=1).first()
    return Snapshot(
        at=now,
        windows=[window(seconds, now=now) for seconds in windows()],
        messages_total=head.last_sequence if head else 0,
        sealed_total=head.sealed_sequence if head else 0,
        last_sealed_at=head.last_sealed_at if head else None,
        unsealed_since=head.first_unsealed_at if head else None,
    )


_cached: tuple[float, Snapshot] | None = None
_lock = threading.Lock()


def snapshot() -> Snapshot:
    """compute(), reused for LGSP_MONITOR_CACHE_SECONDS."""
    global _cached
    ttl = float(getattr(settings, "LGSP_MONITOR_CACHE_SECONDS", 10))
    with _lock:
        if _cached is not None and _cached[0] > time.monotonic():
            return _cached[1]
    fresh = compute()
    with _lock:
        _cached = (time.monotonic() + ttl, fresh)
    return fresh


def forget() -> None:
    global _cached
    with _lock:
        _cached = None


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def prometheus(snap: Snapshot) -> str:
    """The Prometheus text exposition format (0.0.4): windowed gauges, plus true counters."""
    lines = [
        "# HELP lgsp_messages_total Exchanges written to the LGSP message log since it began.",
        "# TYPE lgsp_messages_total counter",
        f"lgsp_messages_total {snap.messages_total}",
        "# HELP lgsp_messages_sealed_total Exchanges covered by a signed seal.",
        "# TYPE lgsp_messages_sealed_total counter",
        f"lgsp_messages_sealed_total {snap.sealed_total}",
        "# HELP lgsp_log_unsealed_seconds Age of the oldest exchange waiting for its seal.",
        "# TYPE lgsp_log_unsealed_seconds gauge",
        "lgsp_log_unsealed_seconds "
        + (
            f"{max((snap.at - snap.unsealed_since).total_seconds(), 0):.3f}"
            if snap.unsealed_since
            else "0"
        ),
    ]
    families = (
        ("lgsp_window_requests", "Exchanges in the window.", lambda r: str(r.count)),
        ("lgsp_window_refused", "Exchanges answered 4xx in the window.", lambda r: str(r.refused)),
        ("lgsp_window_failed", "Exchanges answered 5xx in the window.", lambda r: str(r.failed)),
        (
            "lgsp_window_error_ratio",
            "Share of exchanges answered 5xx in the window.",
            lambda r: f"{r.error_rate:.6f}",
        ),
    )
    for name, help_text, value in families:
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge"]
        for win in snap.windows:
            for row in win.rows:
                lines.append(f"{name}{{{_labels(win, row)}}} {value(row)}")
    name = "lgsp_window_latency_seconds"
    lines += [
        f"# HELP {name} Latency quantiles (nearest rank) in the window.",
        f"# TYPE {name} gauge",
    ]
    for win in snap.windows:
        for row in win.rows:
            for q, v in zip(QUANTILES, (row.p50, row.p95, row.p99), strict=True):
                lines.append(f'{name}{{{_labels(win, row)},quantile="{q}"}} {v:.6f}')
    return "\n".join(lines) + "\n"


def _labels(win: Window, row: Row) -> str:
    return (
        f'window="{win.label}",service="{_escape(row.service)}",consumer="{_escape(row.consumer)}"'
    )
