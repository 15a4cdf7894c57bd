"""The standard period report and both timeliness figures (DOMAIN.md §8), hand-computed.

October 2025 (P1) and November 2025 (P2), no public holiday in either. Dossiers received at the
service center (local times, due dates as the life cycle set them):

| | procedure, channel | received    | due         | end                                | verdict  |
|-|--------------------|-------------|-------------|------------------------------------|----------|
|A| lltp, desk         | 06/10 09:00 | 20/10 17:00 | ready 15/10 10:00                  | early    |
|B| lltp, online       | 07/10 09:00 | 21/10 17:00 | ready 21/10 16:00, returned 22/10  | on time  |
|C| lltp, desk         | 08/10 09:00 | 22/10 17:00 | ready 23/10 09:00                  | late     |
|D| lltp, postal       | 31/10 16:00 | 14/11 17:00 | ready 05/11 10:00, returned 06/11  | P2 early |
|E| lltp, desk         | 01/10 08:00 | 15/10 17:00 | still processing                   | overdue  |
|F| lltp, online       | 10/10 09:00 | 24/10 17:00 | supplement asked 20/10, unanswered | in time  |
|I| building, desk     | 09/10 09:00 | 30/10 17:00 | ready 20/10, 2 supplement requests | late     |
|J| lltp, desk         | 13/10 09:00 | 27/10 17:00 | stopped 16/10 10:00                | early    |
|G| copy of A at Sở Tư pháp (inter-agency): never counted                                     |

P1: carried over 0, received 8 (online 2, desk 5, postal 1), finished 5 (early 2 — A, J; on time
1 — B; late 2 — C, I), in progress 3 (within time 2 — D, F; overdue 1 — E), awaiting supplement 1
(F), stopped 1 (J), returned 1 (B). finished_on_time_ratio 3/5; indicator 2.1 (3 + 2)/(5 + 3).
P2: carried over 3 (D, E, F), finished 1 (D early), in progress 2 (E overdue, F within time),
awaiting supplement 1, returned 1 (D). finished_on_time_ratio 1/1; indicator 2.1 2/3.
"""

from decimal import Decimal

import pytest

from motcua.core import calendar
from motcua.dossiers.models import Channel, Pause, Status
from motcua.reports.indicators import (
    GroupBy,
    on_time,
    on_time_dossiers,
    period_dossiers,
    period_report,
)
from motcua.reports.scope import parse_period, resolve_scope

from .conftest import local, make_dossier

OCTOBER = ("2025-10-01", "2025-10-31")
NOVEMBER = ("2025-11-01", "2025-11-30")


@pytest.fixture
def autumn(cast, procedures):
    center, lltp = cast.center, procedures.lltp

    def add(**kwargs):
        kwargs.setdefault("channel", Channel.DESK)
        return make_dossier(kwargs.pop("procedure", lltp), center, **kwargs)

    d = {}
    d["A"] = add(
        received=local(2025, 10, 6, 9),
        due=local(2025, 10, 20, 17),
        finished=local(2025, 10, 15, 10),
        status=Status.RESULT_READY,
    )
    d["B"] = add(
        channel=Channel.ONLINE,
        received=local(2025, 10, 7, 9),
        due=local(2025, 10, 21, 17),
        finished=local(2025, 10, 21, 16),
        returned=local(2025, 10, 22, 9),
        status=Status.RETURNED,
    )
    d["C"] = add(
        received=local(2025, 10, 8, 9),
        due=local(2025, 10, 22, 17),
        finished=local(2025, 10, 23, 9),
        status=Status.RESULT_READY,
    )
    d["D"] = add(
        channel=Channel.POSTAL,
        received=local(2025, 10, 31, 16),
        due=local(2025, 11, 14, 17),
        finished=local(2025, 11, 5, 10),
        returned=local(2025, 11, 6, 9),
        status=Status.RETURNED,
    )
    d["E"] = add(received=local(2025, 10, 1, 8), due=local(2025, 10, 15, 17))
    d["F"] = add(
        channel=Channel.ONLINE,
        received=local(2025, 10, 10, 9),
        due=local(2025, 10, 24, 17),
        status=Status.AWAITING_SUPPLEMENT,
        supplement_requests=1,
    )
    Pause.objects.create(
        dossier=d["F"],
        reason=Pause.Reason.SUPPLEMENT,
        started_at=local(2025, 10, 20, 10),
        due_at_before=d["F"].due_at,
    )
    # DOMAIN.md §4: more than one supplement request after reception makes it late.
    d["I"] = add(
        procedure=procedures.building,
        received=local(2025, 10, 9, 9),
        due=local(2025, 10, 30, 17),
        finished=local(2025, 10, 20, 10),
        status=Status.RESULT_READY,
        supplement_requests=2,
    )
    d["J"] = add(
        received=local(2025, 10, 13, 9),
        due=local(2025, 10, 27, 17),
        finished=local(2025, 10, 16, 10),
        status=Status.STOPPED,
    )
    d["G"] = make_dossier(
        lltp,
        cast.tu_phap,
        received=local(2025, 10, 6, 10),
        due=local(2025, 10, 20, 17),
        finished=local(2025, 10, 14, 10),
        status=Status.RESULT_READY,
        origin=d["A"],
    )
    return d


def _total(report):
    assert report.rows[-1].group == "total"
    return report.rows[-1].as_dict()


def test_october_period_report_hand_computed(autumn):
    report = period_report(parse_period(*OCTOBER), resolve_scope())

    assert _total(report) == {
        "group": "total",
        "name": "Tổng cộng",
        "carried_over": 0,
        "received": 8,
        "received_online": 2,
        "received_desk": 5,
        "received_postal": 1,
        "finished": 5,
        "early": 2,
        "on_time": 1,
        "late": 2,
        "in_progress": 3,
        "in_progress_within_time": 2,
        "in_progress_overdue": 1,
        "awaiting_supplement": 1,
        "stopped": 1,
        "returned": 1,
    }


def test_a_dossier_received_on_the_last_day_is_carried_over_and_finished_next_period(autumn):
    report = period_report(parse_period(*NOVEMBER), resolve_scope())

    total = _total(report)
    assert (total["carried_over"], total["received"], total["finished"]) == (3, 0, 1)
    assert (total["early"], total["on_time"], total["late"]) == (1, 0, 0)
    assert (total["in_progress_within_time"], total["in_progress_overdue"]) == (1, 1)
    assert (total["awaiting_supplement"], total["returned"]) == (1, 1)
    period = parse_period(*NOVEMBER)
    assert set(period_dossiers(period, resolve_scope(), column="carried_over")) == {
        autumn["D"].pk,
        autumn["E"].pk,
        autumn["F"].pk,
    }
    assert set(period_dossiers(period, resolve_scope(), column="early")) == {autumn["D"].pk}


def test_carried_over_plus_received_equals_finished_plus_in_progress(autumn):
    for dates in (OCTOBER, NOVEMBER, ("2025-10-01", "2025-11-30")):
        for row in period_report(parse_period(*dates), resolve_scope()).rows:
            r = row.as_dict()
            assert r["carried_over"] + r["received"] == r["finished"] + r["in_progress"], dates
            assert r["early"] + r["on_time"] + r["late"] == r["finished"]


def test_rows_per_procedure_and_the_inter_agency_copy_counted_once(autumn, cast, procedures):
    by_procedure = period_report(parse_period(*OCTOBER), resolve_scope(), by=GroupBy.PROCEDURE)
    by_agency = period_report(parse_period(*OCTOBER), resolve_scope(), by=GroupBy.AGENCY)

    rows = {row.group: row.as_dict() for row in by_procedure.rows}
    assert list(rows) == [procedures.building.code, procedures.lltp.code, "total"]
    assert (rows[procedures.building.code]["received"], rows[procedures.building.code]["late"]) == (
        1,
        1,
    )
    assert rows[procedures.lltp.code]["received"] == 7
    # Sở Tư pháp processed a copy of A: no row for it, the center's row holds A once.
    assert [row.group for row in by_agency.rows] == [cast.center.code, "total"]
    assert by_agency.rows[0].counts["finished"] == 5


def test_on_time_figures_of_october_and_november(autumn):
    october = on_time(parse_period(*OCTOBER), resolve_scope()).as_dict()["rows"]
    november = on_time(parse_period(*NOVEMBER), resolve_scope()).as_dict()["rows"]

    assert october[0] == {
        "group": "finished_on_time_ratio",
        "early": 2,
        "on_time": 1,
        "late": 2,
        "in_progress_within_time": None,
        "in_progress_overdue": None,
        "numerator": 3,
        "denominator": 5,
        "ratio": Decimal("0.6000"),
    }
    assert october[1] == {
        "group": "indicator_2_1",
        "early": 2,
        "on_time": 1,
        "late": 2,
        "in_progress_within_time": 2,
        "in_progress_overdue": 1,
        "numerator": 5,
        "denominator": 8,
        "ratio": Decimal("0.6250"),
    }
    assert (november[0]["numerator"], november[0]["denominator"]) == (1, 1)
    assert (november[1]["numerator"], november[1]["denominator"], november[1]["ratio"]) == (
        2,
        3,
        Decimal("0.6667"),
    )


def test_the_drill_down_lists_each_timeliness_category(autumn):
    period, scope = parse_period(*OCTOBER), resolve_scope()

    def ids(category):
        return set(on_time_dossiers(period, scope, category=category))

    assert ids("early") == {autumn["A"].pk, autumn["J"].pk}
    assert ids("on_time") == {autumn["B"].pk}
    assert ids("late") == {autumn["C"].pk, autumn["I"].pk}
    assert ids("in_progress_within_time") == {autumn["D"].pk, autumn["F"].pk}
    assert ids("in_progress_overdue") == {autumn["E"].pk}
    assert set(period_dossiers(period, scope, column="awaiting_supplement")) == {autumn["F"].pk}
    assert set(period_dossiers(period, scope, column="stopped")) == {autumn["J"].pk}


def test_an_imported_dossier_late_only_because_its_old_system_missed_a_holiday(cast):
    """The old system counted 5 working days from Monday 25/8/2025 as if 1/9 and 2/9 (National
    Day) were working days: due 1/9. DOMAIN.md §10: the imported due date stays the verdict's
    reference, so the dossier finished on 3/9 is late in the report, although the right count
    would have made it on time; the auditor sees the imported due date behind the number."""
    received = local(2025, 8, 25, 9)
    dossier = make_dossier(
        cast.lltp,
        cast.center,
        received=received,
        due=local(2025, 9, 1, 17),
        finished=local(2025, 9, 3, 10),
        returned=local(2025, 9, 3, 10),
        status=Status.RETURNED,
        imported=True,
        snapshot={"time_limit": 5, "time_limit_unit": "working_days", "source": "import"},
    )
    right_due = calendar.due_at(received, 5, "working_days").due_at
    assert right_due == local(2025, 9, 3, 17)

    result = on_time(parse_period("2025-09-01", "2025-09-30"), resolve_scope())

    assert (result.counts.late, result.counts.on_time, result.counts.early) == (1, 0, 0)
    assert set(
        on_time_dossiers(parse_period("2025-09-01", "2025-09-30"), resolve_scope(), category="late")
    ) == {dossier.pk}


def test_reports_stay_set_based(autumn, django_assert_max_num_queries):
    period, scope = parse_period(*OCTOBER), resolve_scope()

    # Two queries per per-row pass (rows, their pauses) plus the GROUP BY.
    with django_assert_max_num_queries(4):
        on_time(period, scope, source="raw")
    with django_assert_max_num_queries(5):
        period_report(period, scope, by=GroupBy.PROCEDURE, source="raw")
