"""`motcua seed-load`: N dossiers with the expected mix, and aggregates equal to the dossiers."""

import io
import random
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from motcua.core.models import AuditEntry
from motcua.dossiers.models import Channel, Dossier, Event, Pause, Status
from motcua.reports import aggregates, seed_load
from motcua.reports.indicators import GroupBy, Scheme, on_time, online_rate, period_report
from motcua.reports.scope import parse_period, resolve_scope

from .conftest import local

NOW = local(2026, 3, 2, 12)


@pytest.fixture
def loaded(cast, procedures):
    for procedure in (procedures.household, procedures.copy_cert):
        procedure.is_published = True
        procedure.postal_submission = True
        procedure.save()
        procedure.receiving_agencies.add(cast.center)
    return seed_load.load(dossiers=3000, years=2, seed=7, now=NOW)


def test_seed_load_writes_n_dossiers_with_the_expected_mix(loaded):
    dossiers = Dossier.objects.filter(reference__startswith=seed_load.REFERENCE_PREFIX)

    assert dossiers.count() == loaded.dossiers == 3000
    assert not Event.objects.filter(dossier__in=dossiers).exists()  # reports read no history
    assert Pause.objects.filter(dossier__in=dossiers).count() == loaded.pauses > 100
    by_channel = loaded.by_channel
    online_share = by_channel[Channel.ONLINE] / 3000
    assert 0.3 < online_share < 0.6  # lltp and building are online; copy_cert is desk only
    assert by_channel.get(Channel.POSTAL, 0) > 0
    late = on_time(parse_period("2024-03-01", "2026-03-01"), resolve_scope(), source="raw")
    finished_on_time = (late.counts.early + late.counts.on_time) / late.counts.finished
    assert 0.85 < finished_on_time < 0.99
    assert late.counts.late > 50
    statuses = loaded.by_status
    assert statuses[Status.RETURNED] > 2000
    assert statuses[Status.REFUSED] > 10
    assert Status.PROCESSING in statuses and Status.AWAITING_SUPPLEMENT in statuses
    received = dossiers.exclude(received_at=None)
    assert received.filter(code__isnull=True).count() == 0
    assert len(set(received.values_list("code", flat=True))) == received.count()
    first = dossiers.order_by("received_at").exclude(received_at=None).first()
    assert first is not None and first.received_at.year == 2024
    assert AuditEntry.objects.filter(action="dossier.seed_load").count() == 1


def test_the_aggregates_after_seed_load_equal_the_dossiers(loaded, cast, procedures):
    assert aggregates.ready()
    scopes = [resolve_scope(), resolve_scope(procedure=procedures.lltp.code)]
    for start, end in [
        ("2024-03-01", "2026-03-31"),
        ("2025-01-01", "2025-12-31"),
        ("2025-07-01", "2025-07-31"),
        ("2026-02-01", "2026-03-02"),
        ("2026-03-02", "2026-03-02"),
    ]:
        period = parse_period(start, end)
        for scope in scopes:
            for scheme in Scheme:
                raw = online_rate(period, scope, scheme=scheme, source="raw")
                assert online_rate(period, scope, scheme=scheme).as_dict() == raw.as_dict()
            assert (
                on_time(period, scope).as_dict() == on_time(period, scope, source="raw").as_dict()
            )
            for by in GroupBy:
                raw_p = period_report(period, scope, by=by, source="raw")
                assert period_report(period, scope, by=by).as_dict() == raw_p.as_dict()


def test_a_second_load_on_built_aggregates_rebuilds_only_its_days(loaded):
    again = seed_load.load(dossiers=500, years=1, seed=8, now=NOW)

    assert again.first_day is not None and again.first_day >= date(2025, 3, 1)
    assert aggregates.ready()
    period, scope = parse_period("2024-01-01", "2026-03-31"), resolve_scope()
    assert period_report(period, scope).as_dict() == (
        period_report(period, scope, source="raw").as_dict()
    )


def test_the_command_shows_progress_and_refuses_nonsense(cast):
    out = io.StringIO()
    with pytest.raises(CommandError, match="lớn hơn 0"):
        call_command("seed_load", "--dossiers", "0", stdout=out)
    call_command("seed_load", "--dossiers", "200", "--years", "1", stdout=out)

    text = out.getvalue()
    assert "200/200 hồ sơ" in text and "Đã tạo 200 hồ sơ" in text
    assert Dossier.objects.filter(reference__startswith="TAI-").count() == 200


def test_drawing_rows_asks_the_database_nothing(cast, procedures, django_assert_num_queries):
    # On PostgreSQL the rows stream through COPY: a query on the same connection meanwhile
    # (a calendar reload, say) would wait on the COPY for ever.
    generator = seed_load._Generator(rng=random.Random(3), years=2, now=NOW, mix=seed_load.Mix())
    report = seed_load.LoadReport()
    with django_assert_num_queries(0):
        batch = generator.batch(1, 2000, report)
    assert len(batch.dossiers) == 2000
