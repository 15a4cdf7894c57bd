"""`seed-demo` leaves the report aggregates ready, equal to the dossiers behind them."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django.fixtures import Settings

from motcua.org.units import load_units
from motcua.reports import aggregates
from motcua.reports.indicators import Source, on_time, online_rate
from motcua.reports.scope import parse_period, province_scope

pytestmark = pytest.mark.django_db


def test_the_demo_year_is_aggregated_and_agrees_with_its_dossiers(settings: Settings) -> None:
    settings.DEBUG = True
    settings.DEMO_DOSSIERS = 300
    load_units(province="52")
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert "Báo cáo: đã tổng hợp số liệu của" in out.getvalue()
    assert aggregates.ready()
    today = timezone.localdate()
    period = parse_period(today - timedelta(days=365), today)
    scope = province_scope()
    from_aggregates = online_rate(period, scope, source=Source.AGGREGATES)
    assert from_aggregates == online_rate(period, scope, source=Source.RAW)
    assert sum(row.total for row in from_aggregates.rows) > 0
    assert on_time(period, scope, source=Source.AGGREGATES) == on_time(
        period, scope, source=Source.RAW
    )
