"""Demo: the report aggregates over the demo's dossiers (DEMO.md).

The demo's year of dossiers is written in bulk without outbox events (dossiers.synthetic), so
the aggregates are rebuilt once after it; from then on the worker keeps them current.
"""

from django.core.management.base import OutputWrapper

from motcua.core.management.commands.seed_demo import DemoLogin

from . import aggregates


def seed(out: OutputWrapper) -> list[DemoLogin]:
    report = aggregates.rebuild()
    out.write(f"Báo cáo: đã tổng hợp số liệu của {report.facts} hồ sơ.")
    return []
