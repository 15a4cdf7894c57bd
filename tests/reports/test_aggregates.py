"""Daily aggregates (reports.aggregates): they answer exactly what the dossiers answer.

The slice-1 datasets (`year` of test_online_rate, `autumn` of test_period_and_on_time) are asked
every report over many periods and scopes, once from the dossiers and once from the aggregates,
built both by a rebuild and one event at a time by the outbox handler.
"""

from datetime import date, timedelta
from io import StringIO
from types import MappingProxyType

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from motcua.core import outbox
from motcua.core.models import OutboxEvent
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Channel, Dossier, Pause, Status
from motcua.reports import aggregates
from motcua.reports.indicators import GroupBy, Scheme, on_time, online_rate, period_report
from motcua.reports.models import AggregateState, DailyCount, DossierFact, MonthlyCount
from motcua.reports.outbox_handlers import update_aggregates
from motcua.reports.scope import parse_period, resolve_scope

from .conftest import local, make_dossier

YEAR_PERIODS = [
    ("2020-01-01", "2020-12-31"),
    ("2020-03-02", "2020-03-02"),
    ("2020-12-31", "2021-01-01"),
    ("2019-01-01", "2021-12-31"),
    ("2020-03-03", "2020-12-30"),
]
AUTUMN_PERIODS = [
    ("2025-10-01", "2025-10-31"),
    ("2025-11-01", "2025-11-30"),
    ("2025-10-01", "2025-11-30"),
    ("2025-10-31", "2025-10-31"),
    ("2025-10-20", "2025-10-24"),
    ("2025-09-01", "2025-09-30"),
    ("2026-01-01", "2026-12-31"),
]


def scopes(cast, procedures):
    return [
        resolve_scope(),
        resolve_scope(agency=cast.center.code),
        resolve_scope(agency=cast.tu_phap.code),
        resolve_scope(procedure=procedures.lltp.code),
        resolve_scope(procedure=procedures.building.code),
        resolve_scope(field=procedures.household.field.code),
    ]


def assert_same_answers(periods, scope_list):
    compared = 0
    for start, end in periods:
        period = parse_period(start, end)
        for scope in scope_list:
            for scheme in Scheme:
                raw = online_rate(period, scope, scheme=scheme, source="raw")
                agg = online_rate(period, scope, scheme=scheme, source="aggregates")
                assert agg.as_dict() == raw.as_dict(), (start, end, scope, scheme)
                assert [r.procedures for r in agg.rows] == [r.procedures for r in raw.rows]
                assert [r.postal for r in agg.rows] == [r.postal for r in raw.rows]
            raw_t, agg_t = (
                on_time(period, scope, source="raw"),
                on_time(period, scope, source="aggregates"),
            )
            assert agg_t.as_dict() == raw_t.as_dict(), (start, end, scope)
            assert agg_t.counts == raw_t.counts
            for by in GroupBy:
                raw_p = period_report(period, scope, by=by, source="raw")
                agg_p = period_report(period, scope, by=by, source="aggregates")
                assert agg_p.as_dict() == raw_p.as_dict(), (start, end, scope, by)
                # The dashboard reads on_time's counts off the report's total row.
                assert agg_p.timeliness == raw_p.timeliness == raw_t.counts, (start, end, by)
            compared += 1
    return compared


def refresh_everything():
    for pk in Dossier.objects.values_list("pk", flat=True):
        aggregates.refresh_dossier(pk)


def daily_rows():
    return sorted(
        DailyCount.objects.exclude(
            received=0,
            finished_early=0,
            finished_on_time=0,
            finished_late=0,
            finished_unjudged=0,
            stopped=0,
            returned=0,
        ).values_list(
            "day",
            "receiving_agency_id",
            "procedure_id",
            "channel",
            "legacy_level",
            "online_class",
            "online_provider",
            "received",
            "finished_early",
            "finished_on_time",
            "finished_late",
            "finished_unjudged",
            "stopped",
            "returned",
        )
    )


def facts():
    return sorted(DossierFact.objects.values_list(*("dossier_id", *aggregates.FACT_FIELDS)))


def test_rebuilt_aggregates_answer_the_online_rate_year_as_the_dossiers_do(year, cast, procedures):
    aggregates.rebuild()

    assert assert_same_answers(YEAR_PERIODS, scopes(cast, procedures)) == 30


def test_rebuilt_aggregates_answer_the_autumn_reports_as_the_dossiers_do(autumn, cast, procedures):
    aggregates.rebuild()

    assert assert_same_answers(AUTUMN_PERIODS, scopes(cast, procedures)) == 42
    # The hand-computed figures of slice 1 hold from the aggregates too.
    october = period_report(parse_period("2025-10-01", "2025-10-31"), resolve_scope())
    total = october.rows[-1].as_dict()
    assert (total["received"], total["finished"], total["in_progress"]) == (8, 5, 3)
    assert (total["in_progress_overdue"], total["awaiting_supplement"]) == (1, 1)


def test_events_one_at_a_time_build_what_the_rebuild_builds(autumn, year, cast, procedures):
    refresh_everything()
    incremental = (facts(), daily_rows())

    aggregates.rebuild()

    assert (facts(), daily_rows()) == incremental
    assert len(incremental[0]) == 8 + 18  # counted dossiers: no copies, no unreceived one
    assert assert_same_answers(AUTUMN_PERIODS[:3] + YEAR_PERIODS[:2], scopes(cast, procedures))


def test_rebuild_is_idempotent_and_a_range_rebuild_equals_a_full_one(autumn, cast, procedures):
    aggregates.rebuild()
    first = (facts(), daily_rows())
    aggregates.rebuild()
    assert (facts(), daily_rows()) == first

    # Counts spoiled for October, then rebuilt for October only.
    DailyCount.objects.filter(day__month=10).update(received=99)
    DossierFact.objects.update(verdict="late")
    report = aggregates.rebuild(date(2025, 10, 1), date(2025, 10, 31))

    assert (facts(), daily_rows()) == first
    # The days touched run to the last return of an October dossier (D: 6/11).
    assert (report.first, report.last) == (date(2025, 10, 1), date(2025, 11, 6))


def test_a_range_rebuild_recounts_the_days_the_replaced_facts_counted_on(cast, procedures):
    """Corrected without an event (an import, a fix by hand), a dossier's end moved from May
    back to March: rebuilding the month it was received in must also take it off May."""
    dossier = make_dossier(
        procedures.lltp,
        cast.center,
        received=local(2025, 3, 3, 9),
        due=local(2025, 3, 17, 17),
        finished=local(2025, 5, 5, 9),
        returned=local(2025, 5, 6, 9),
        status=Status.RETURNED,
    )
    aggregates.rebuild()
    Dossier.objects.filter(pk=dossier.pk).update(
        finished_at=local(2025, 3, 14, 9), returned_at=local(2025, 3, 14, 10)
    )

    report = aggregates.rebuild(date(2025, 3, 1), date(2025, 3, 31))

    assert (report.first, report.last) == (date(2025, 3, 1), date(2025, 5, 6))
    assert not DailyCount.objects.filter(day__month=5).exclude(finished_late=0, returned=0)
    assert_same_answers(
        [("2025-03-01", "2025-05-31"), ("2025-05-01", "2025-05-31")], [resolve_scope()]
    )


def test_a_full_rebuild_writes_the_facts_in_the_order_open_at_reads_them(autumn):
    # On PostgreSQL the rows stay where they were written: by bucket and reception, the facts
    # open at an instant share pages (250 ms a stock at ten million dossiers when scattered).
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps the facts in key order")
    aggregates.rebuild()
    # Those the working calendar must judge (paused, or without a due date) are rewritten
    # after, at the end: a few, leaving the rest where the rebuild put them.
    judged_in_sql = """
        SELECT span_bucket, received_at FROM reports_dossierfact
        WHERE verdict <> 'unjudged' AND NOT (ended_at IS NULL AND overdue_after IS NULL
            AND NOT always_overdue)
        ORDER BY ctid
    """
    with connection.cursor() as cursor:
        cursor.execute(judged_in_sql)
        written = cursor.fetchall()
    assert len(written) > 5
    assert len({bucket for bucket, _ in written}) > 2
    assert written == sorted(written)


def test_a_dossier_received_on_the_last_day_and_finished_the_next_counts_on_both_days(
    cast, procedures
):
    dossier = make_dossier(
        procedures.lltp,
        cast.center,
        # 23:30 local on 31/10 is 16:30 UTC the same day; 00:30 local on 1/11 is still 31/10 UTC.
        received=local(2025, 10, 31, 23, 30),
        due=local(2025, 11, 14, 17),
        finished=local(2025, 11, 1, 0, 30),
        status=Status.RESULT_READY,
    )
    aggregates.refresh_dossier(dossier.pk)

    cells = {(row.day, row.received, row.finished_early) for row in DailyCount.objects.all()}
    assert cells == {(date(2025, 10, 31), 1, 0), (date(2025, 11, 1), 0, 1)}
    october = period_report(
        parse_period("2025-10-01", "2025-10-31"), resolve_scope(), source="aggregates"
    )
    november = period_report(
        parse_period("2025-11-01", "2025-11-30"), resolve_scope(), source="aggregates"
    )
    assert (october.rows[-1].counts["received"], october.rows[-1].counts["in_progress"]) == (1, 1)
    assert november.rows[-1].counts["carried_over"] == 1
    assert november.rows[-1].counts["early"] == 1


def test_a_redelivered_event_changes_nothing(cast, procedures):
    dossier = make_dossier(
        procedures.lltp, cast.center, received=local(2025, 10, 6, 9), due=local(2025, 10, 20, 17)
    )
    event = outbox.Event(
        id=1,
        topic="dossier.status_changed",
        key=f"{dossier.reference}:1",
        payload=MappingProxyType({"reference": dossier.reference}),
        attempts=0,
    )
    update_aggregates(event)
    once = (facts(), daily_rows())

    update_aggregates(event)
    update_aggregates(event)

    assert (facts(), daily_rows()) == once
    assert [row[7] for row in once[1]] == [1]  # received once


def test_an_old_event_delivered_late_still_leaves_the_current_state(cast, procedures):
    dossier = make_dossier(
        procedures.lltp, cast.center, received=local(2025, 10, 6, 9), due=local(2025, 10, 20, 17)
    )
    aggregates.refresh_dossier(dossier.pk)
    Dossier.objects.filter(pk=dossier.pk).update(
        status=Status.RESULT_READY, finished_at=local(2025, 10, 8, 9)
    )
    aggregates.refresh_dossier(dossier.pk)
    # The reception's event arrives last (a retry after a failure): nothing moves back.
    assert not aggregates.refresh_dossier(dossier.pk)

    row = DailyCount.objects.get(day=date(2025, 10, 8))
    assert (row.finished_early, row.received) == (1, 0)
    assert DailyCount.objects.get(day=date(2025, 10, 6)).received == 1


@pytest.fixture
def awkward(cast, procedures):
    """Dossiers whose verdict or overdue state needs the working calendar or their pauses."""
    lltp, center = procedures.lltp, cast.center
    made = [
        # Imported without a due date: judged by the statutory limit (5 working days here).
        make_dossier(
            procedures.household,
            center,
            received=local(2025, 10, 6, 9),
            finished=local(2025, 10, 17, 9),
            status=Status.RETURNED,
            returned=local(2025, 10, 17, 9),
            imported=True,
            snapshot={},
        ),
        make_dossier(procedures.household, center, received=local(2025, 10, 6, 9), imported=True),
        # Imported while awaiting a supplement: awaiting at every period end.
        make_dossier(
            lltp,
            center,
            received=local(2025, 9, 1, 9),
            due=local(2025, 9, 15, 17),
            status=Status.AWAITING_SUPPLEMENT,
            imported=True,
        ),
        # Held by the applicant since after its due date: overdue.
        make_dossier(
            lltp,
            center,
            received=local(2025, 10, 1, 9),
            due=local(2025, 10, 15, 17),
            status=Status.AWAITING_PAYMENT,
        ),
        # Stopped years later: a long span bucket.
        make_dossier(
            lltp,
            center,
            received=local(2021, 5, 3, 9),
            due=local(2021, 5, 17, 17),
            finished=local(2025, 10, 2, 9),
            status=Status.STOPPED,
        ),
        # Never finished, received long ago.
        make_dossier(lltp, center, received=local(2019, 2, 1, 9), due=local(2019, 2, 20, 17)),
    ]
    Pause.objects.create(
        dossier=made[3],
        reason=Pause.Reason.PAYMENT,
        started_at=local(2025, 10, 20, 9),
        due_at_before=made[3].due_at,
    )
    # An earlier supplement pause spanning the due date: not overdue until it ended.
    Pause.objects.create(
        dossier=made[3],
        reason=Pause.Reason.SUPPLEMENT,
        started_at=local(2025, 10, 14, 9),
        ended_at=local(2025, 10, 16, 9),
    )
    return made


AWKWARD_PERIODS = [
    ("2025-10-01", "2025-10-14"),
    ("2025-10-01", "2025-10-15"),
    ("2025-10-01", "2025-10-16"),
    ("2025-10-01", "2025-10-19"),
    ("2025-10-01", "2025-10-31"),
    ("2021-01-01", "2021-12-31"),
    ("2019-01-01", "2025-12-31"),
]


def test_verdicts_and_overdue_that_need_the_calendar_or_pauses_match(awkward, cast, procedures):
    aggregates.rebuild()

    assert assert_same_answers(AWKWARD_PERIODS, scopes(cast, procedures)[:2])
    refresh_everything()
    assert assert_same_answers(AWKWARD_PERIODS, scopes(cast, procedures)[:2])


def test_the_life_cycle_events_keep_the_aggregates_equal_to_the_dossiers(cast, lan_applicant):
    aggregates.rebuild()
    received_at = local(2026, 3, 2, 9)
    dossier = lifecycle.submit_online(
        cast.lltp,
        applicant=lan_applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        at=received_at - timedelta(hours=20),
    )
    steps = [
        lambda d: lifecycle.receive(d, by=cast.ha, at=received_at),
        lambda d: lifecycle.assign(d, by=cast.nhung, to=cast.khoa, at=received_at),
        lambda d: lifecycle.forward(d, by=cast.khoa, at=local(2026, 3, 20, 9)),
        lambda d: lifecycle.approve(d, by=cast.nhung, at=local(2026, 3, 24, 9)),
        lambda d: lifecycle.mark_result_ready(d, by=cast.nhung, at=local(2026, 3, 24, 10)),
        lambda d: lifecycle.return_result(d, by=cast.ha, at=local(2026, 3, 25, 8)),
    ]
    scope = [resolve_scope()]
    periods = [("2026-03-01", "2026-03-31"), ("2026-03-01", "2026-03-23")]
    for step in steps:
        dossier = step(dossier)
        for row in OutboxEvent.objects.filter(
            topic="dossier.status_changed", status=OutboxEvent.Status.PENDING
        ):
            event = outbox.Event(
                id=row.pk, topic=row.topic, key=row.key, payload=row.payload, attempts=0
            )
            update_aggregates(event)
            OutboxEvent.objects.filter(pk=row.pk).update(status=OutboxEvent.Status.DELIVERED)
        assert aggregates.ready()
        assert assert_same_answers(periods, scope)
    march = on_time(parse_period(*periods[0]), scope[0])
    assert march.counts.late == 1


def test_the_aggregates_answer_only_once_built_and_until_a_later_import(cast, procedures):
    assert not aggregates.ready()
    aggregates.rebuild()
    assert aggregates.ready()
    assert AggregateState.objects.count() == 1

    make_dossier(procedures.lltp, cast.center, received=local(2025, 10, 6, 9), imported=True)

    assert not aggregates.ready()
    aggregates.rebuild()
    assert aggregates.ready()


def test_queries_stay_constant_as_data_grows(cast, procedures, django_assert_num_queries):
    def grow(n):
        for i in range(n):
            make_dossier(
                [procedures.lltp, procedures.building, procedures.household][i % 3],
                cast.center if i % 2 else cast.tu_phap,
                channel=[Channel.DESK, Channel.ONLINE, Channel.POSTAL][i % 3],
                received=local(2025, 10, 1 + i % 28, 9),
                due=local(2025, 11, 1 + i % 28, 17),
                finished=local(2025, 10, 20, 9) if i % 4 else None,
                status=Status.RESULT_READY if i % 4 else Status.PROCESSING,
            )
        aggregates.rebuild()

    period, scope = parse_period("2025-10-01", "2025-10-31"), resolve_scope()
    for n in (5, 60):
        grow(n)
        # The source check, then: online rate, one scan of the month's days giving the sums
        # and the procedures of each group; period report, the flows with the finished
        # verdicts, and two stocks (the last with the open verdicts).
        with django_assert_num_queries(2):
            online_rate(period, scope)
        with django_assert_num_queries(3):
            on_time(period, scope)
        with django_assert_num_queries(4):
            period_report(period, scope, by=GroupBy.PROCEDURE)


def test_a_period_reads_whole_months_from_monthly_rows_and_its_edges_from_daily_ones(
    autumn, cast, procedures, django_assert_num_queries
):
    aggregates.rebuild()
    # 15/10 to 20/11: the edges 15–31/10 and 1–20/11 from days; 1/10 to 30/11: two months.
    for start, end in [("2025-10-15", "2025-11-20"), ("2025-09-15", "2025-12-10")]:
        assert assert_same_answers([(start, end)], [resolve_scope()])
    period, scope = parse_period("2025-09-15", "2025-12-10"), resolve_scope()
    # The source check, the probe of the days after 10/12 (none: December counts whole), then
    # one scan of each piece (a month run and an edge) for the sums and the procedures alike.
    with django_assert_num_queries(1 + 1 + 2):
        online_rate(period, scope)
    assert MonthlyCount.objects.filter(month=date(2025, 10, 1)).exists()


def test_a_month_to_date_is_read_whole_unless_a_later_day_of_it_was_counted(
    autumn, cast, procedures, django_assert_num_queries
):
    aggregates.rebuild()
    # D was received 1/10 and returned 6/11: November's rows hold 6/11 and nothing later.
    to_date = [("2025-10-01", "2025-11-06"), ("2025-11-01", "2025-11-10")]
    assert assert_same_answers(to_date, [resolve_scope()])
    province = resolve_scope()
    with django_assert_num_queries(1 + 1 + 1):  # source, probe, months 10 and 11 whole
        online_rate(parse_period("2025-10-01", "2025-11-06"), province)
    # To 5/11 (D finished): the return of 6/11 is in November's rows, so the days are read,
    # and they leave it out.
    assert assert_same_answers([("2025-10-01", "2025-11-05")], [resolve_scope()])
    with django_assert_num_queries(1 + 1 + 2):  # source, probe, October whole, 1–5/11 by day
        online_rate(parse_period("2025-10-01", "2025-11-05"), province)
    returned = period_report(parse_period("2025-11-01", "2025-11-05"), province)
    assert returned.rows[-1].counts["returned"] == 0


def test_the_rebuild_command_says_what_it_did(autumn):
    out = StringIO()
    call_command("report", "rebuild", stdout=out)
    assert "Đã tính lại số liệu tổng hợp của 8 hồ sơ" in out.getvalue()
    assert aggregates.ready()

    out = StringIO()
    call_command("report", "rebuild", "--from", "2025-10-01", "--to", "2025-10-31", stdout=out)
    assert "8 hồ sơ" in out.getvalue() and "06/11/2025" in out.getvalue()
    with pytest.raises(CommandError, match="Cần cả --from và --to"):
        call_command("report", "rebuild", "--from", "2025-10-01")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("report", "rebuild", "--from", "2025-13-01", "--to", "2025-12-31")


@pytest.mark.django_db
def test_a_scoped_read_of_the_facts_is_bounded_in_time_by_their_indexes(cast):
    # With an index on the receiving agency alone, SQLite read a busy agency's facts of every
    # year for each "open at T" (7.9 s for its dashboard at a million dossiers).
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, DossierFact._meta.db_table)
    leading = {tuple(found["columns"][:1]) for found in indexes.values() if found["index"]}
    assert ("receiving_agency_id",) not in leading
    assert ("procedure_id",) not in leading
    if connection.vendor != "sqlite":
        return
    scope = resolve_scope(agency=cast.center.code)
    october = parse_period("2025-10-01", "2025-10-31")
    for facts in (
        aggregates.period_facts(october, scope, "in_progress"),
        aggregates.period_facts(october, scope, "received_online"),
        aggregates.judged_facts(october, scope, ("late",)),
    ):
        sql, params = facts.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "reports_dossierfact USING" in plan and "report_fact_" in plan, plan
