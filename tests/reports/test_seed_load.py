"""`motcua seed-load`: N dossiers with the expected mix, and aggregates equal to the dossiers."""

import dataclasses
import io
import random
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from motcua.core import calendar
from motcua.core.models import AuditEntry
from motcua.dossiers.models import Channel, Dossier, Event, Pause, Status
from motcua.org.models import Agency
from motcua.reports import aggregates, seed_load
from motcua.reports.indicators import (
    PERIOD_COLUMNS,
    GroupBy,
    Scheme,
    judged_dossiers,
    on_time,
    on_time_by_month,
    on_time_dossiers,
    online_rate,
    online_rate_by_agency,
    online_rate_by_month,
    online_rate_dossiers,
    period_dossiers,
    period_report,
    received_by_month,
    received_count,
)
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


def test_calendar_day_limits_answered_once_per_day_equal_the_legal_clock(cast, procedures):
    generator = seed_load._Generator(rng=random.Random(3), years=2, now=NOW, mix=seed_load.Mix())
    cal = generator.cal
    weeks = dataclasses.replace(generator.procs[0], unit="calendar_days", time_limit=10)
    rng = random.Random(4)
    for _ in range(300):
        index = rng.randint(0, cal.last_index)
        # Two instants of one day: the second answer comes from the cache.
        for share in (rng.random(), rng.random()):
            at = cal.moment(index, share)
            expected = calendar.due_at(at, 10, "calendar_days", calendar=cal.working).due_at
            due_index, due = generator.due(weeks, index, at)
            assert due == expected
            assert cal.days[due_index] == timezone.localtime(expected).date()


def test_identity_numbers_look_like_gia_lai_or_binh_dinh_citizen_ids(cast, procedures):
    generator = seed_load._Generator(rng=random.Random(3), years=2, now=NOW, mix=seed_load.Mix())
    batch = generator.batch(1, 2000, seed_load.LoadReport())

    column = seed_load.DOSSIER_COLUMNS.index("applicant_id_number")
    numbers = [row[column] for row in batch.dossiers]
    assert all(re.fullmatch(r"0(64|52)[0-3]\d{8}", number) for number in numbers)
    assert {number[:3] for number in numbers} == {"064", "052"}
    assert len(set(numbers)) > 1990


def test_the_dossiers_behind_each_timeliness_count_are_the_same_from_the_facts(loaded, procedures):
    # The drill-down (and Decision 766's 2.1 and 5.4) read the facts once the aggregates are
    # ready; the lists must be the ones the per-dossier verdicts give, and as long as the counts.
    scopes = [resolve_scope(), resolve_scope(procedure=procedures.lltp.code)]
    categories = (
        "early",
        "on_time",
        "late",
        "unjudged",
        "in_progress_within_time",
        "in_progress_overdue",
    )
    for start, end in [("2025-01-01", "2025-12-31"), ("2026-02-01", "2026-03-02")]:
        period = parse_period(start, end)
        for scope in scopes:
            counts = on_time(period, scope).counts
            for category in categories:
                facts = set(on_time_dossiers(period, scope, category=category))
                raw = set(on_time_dossiers(period, scope, category=category, source="raw"))
                assert facts == raw, (start, scope, category)
                assert len(facts) == getattr(counts, category)
            judged = judged_dossiers(period, scope, categories=("late", "in_progress_overdue"))
            assert set(judged) == set(
                judged_dossiers(
                    period, scope, categories=("late", "in_progress_overdue"), source="raw"
                )
            )
    year = parse_period("2025-01-01", "2025-12-31")
    assert len(set(on_time_dossiers(year, scopes[0], category="late"))) > 10


def test_the_dossiers_behind_each_period_and_online_count_are_the_same_from_the_facts(
    loaded, procedures, cast
):
    # The drill-down lists the facts once the aggregates are ready: the same dossiers the
    # dossiers table gives, as many as the number on the page, whatever the cell.
    assert aggregates.ready()
    scopes = [resolve_scope(), resolve_scope(agency=cast.center.code)]
    for start, end in [("2025-01-01", "2025-12-31"), ("2026-02-01", "2026-03-02")]:
        period = parse_period(start, end)
        for scope in scopes:
            report = period_report(period, scope, by=GroupBy.PROCEDURE)
            total = next(row for row in report.rows if row.group == "total")
            for column in PERIOD_COLUMNS:
                facts = set(period_dossiers(period, scope, column=column))
                raw = set(period_dossiers(period, scope, column=column, source="raw"))
                assert facts == raw, (start, scope, column)
                assert len(facts) == total.counts[column], (start, scope, column)
            lltp = procedures.lltp.code
            in_lltp = period_dossiers(
                period, scope, column="received", by=GroupBy.PROCEDURE, group=lltp
            )
            lltp_row = next(row for row in report.rows if row.group == lltp)
            assert len(set(in_lltp)) == lltp_row.counts["received"] > 0
            for scheme in Scheme:
                rate = online_rate(period, scope, scheme=scheme)
                for row in rate.rows:
                    for measure in ("online", "total", "postal"):
                        asked = {"scheme": scheme, "group": row.group, "measure": measure}
                        facts = set(online_rate_dossiers(period, scope, **asked))
                        raw = set(online_rate_dossiers(period, scope, **asked, source="raw"))
                        assert facts == raw, (start, scope, asked)
                        assert len(facts) == getattr(row, measure), (start, scope, asked)


def test_every_agencys_online_rate_at_once_equals_asking_each(loaded, cast):
    codes = sorted(Agency.objects.values_list("code", flat=True))
    scopes = [resolve_scope(agency=code) for code in codes]
    province = resolve_scope()
    answered = 0
    for start, end in [("2025-01-01", "2025-12-31"), ("2026-02-10", "2026-03-02")]:
        period = parse_period(start, end)
        for scheme in Scheme:
            for source in ("aggregates", "raw"):
                at_once = online_rate_by_agency(
                    period, province, scopes, scheme=scheme, source=source
                )
                assert set(at_once) == set(codes)
                for scope in scopes:
                    each = online_rate(period, scope, scheme=scheme, source=source)
                    assert at_once[scope.code].as_dict() == each.as_dict()
                    assert at_once[scope.code].rows == each.rows  # procedures and postal too
                    answered += each.rows[-1].total > 0
    assert answered >= 8  # some agencies received dossiers, and the others' zeros held too


def test_a_periods_months_are_asked_together_and_equal_asking_each(loaded, cast):
    # The public page and the dashboard's sparklines read every month in one go.
    partial = parse_period("2025-11-15", "2026-03-02")
    assert [(m.start.isoformat(), m.end.isoformat()) for m in partial.months()] == [
        ("2025-11-15", "2025-11-30"),
        ("2025-12-01", "2025-12-31"),
        ("2026-01-01", "2026-01-31"),
        ("2026-02-01", "2026-02-28"),
        ("2026-03-01", "2026-03-02"),
    ]
    assert aggregates.ready()
    for period in (parse_period("2025-01-01", "2025-12-31"), partial):
        for scope in (resolve_scope(), resolve_scope(agency=cast.center.code)):
            rates = online_rate_by_month(period, scope, scheme=Scheme.DECREE42)
            assert [rate.period for rate in rates] == period.months()
            for rate in rates:
                alone = online_rate(rate.period, scope, scheme=Scheme.DECREE42, source="raw")
                assert rate.as_dict() == alone.as_dict(), rate.period
            for timely in on_time_by_month(period, scope):
                alone = on_time(timely.period, scope, source="raw")
                assert timely.as_dict() == alone.as_dict(), timely.period
            assert received_by_month(period, scope) == [
                (month, received_count(month, scope, source="raw")) for month in period.months()
            ]
    assert sum(count for _, count in received_by_month(partial, resolve_scope())) > 100
