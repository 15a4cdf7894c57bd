"""Decision 766 on a small dataset, every point computed by hand (DOMAIN.md §8, reference §7.3).

March 2026, all dossiers received by the service centre:
- d1 lltp, online, due 17/3, finished 10/3, granted with a result file; a component digitised
  and one taken from the population database;
- d2 lltp, online, due 18/3, finished 20/3 (late), granted without a result file; digitised;
  rated 1/5 (a "dislike");
- d3 building, desk, due 15/4, still processing (within time); digitised;
- d4 household, desk, due 13/3, still processing (overdue); a component from national data;
- d5 copy_cert, desk, due 12/3, finished 11/3, granted with a result file; rated 5/5.
Also a dossier received in February and finished then: outside every figure.
"""

from decimal import Decimal
from types import MappingProxyType

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from motcua.core import outbox
from motcua.core.models import OutboxEvent
from motcua.dossiers.models import (
    Attachment,
    Channel,
    Decision,
    Dossier,
    DossierComponent,
    Status,
)
from motcua.reports import aggregates, decision766
from motcua.reports.decision766 import decision_766, indicator_dossiers, score
from motcua.reports.models import DailyCount, DossierFact, MonthlyCount
from motcua.reports.outbox_handlers import update_aggregates
from motcua.reports.scope import Period, Scope, ScopeKind, province_scope
from motcua.submissions import tracking
from motcua.submissions.models import Rating

from .conftest import local, make_dossier

MARCH = Period(local(2026, 3, 1).date(), local(2026, 3, 31).date())


def _granted(dossier: Dossier, *, result_file: bool) -> None:
    Dossier.objects.filter(pk=dossier.pk).update(status=Status.RETURNED, decision=Decision.APPROVED)
    if result_file:
        Attachment.objects.create(
            dossier=dossier,
            kind=Attachment.Kind.RESULT,
            title="Kết quả.pdf",
            file="dossiers/ket-qua.pdf",
            content_type="application/pdf",
            sha256="0" * 64,
        )


def _component(dossier: Dossier, *, digitised: bool = False, replaced_by: str = "") -> None:
    DossierComponent.objects.create(
        dossier=dossier, name="Giấy tờ", digitised=digitised, replaced_by=replaced_by
    )


@pytest.fixture
def march(cast, procedures):
    center = cast.center
    d1 = make_dossier(
        cast.lltp,
        center,
        channel=Channel.ONLINE,
        received=local(2026, 3, 3, 9),
        due=local(2026, 3, 17, 17),
        finished=local(2026, 3, 10, 10),
        returned=local(2026, 3, 10, 15),
        status=Status.RETURNED,
    )
    _granted(d1, result_file=True)
    _component(d1, digitised=True)
    _component(d1, replaced_by="CSDLQG_DAN_CU")
    d2 = make_dossier(
        cast.lltp,
        center,
        channel=Channel.ONLINE,
        received=local(2026, 3, 4, 9),
        due=local(2026, 3, 18, 17),
        finished=local(2026, 3, 20, 10),
        returned=local(2026, 3, 20, 15),
        status=Status.RETURNED,
    )
    _granted(d2, result_file=False)
    _component(d2, digitised=True)
    Rating.objects.create(dossier=d2, score=1)
    d3 = make_dossier(
        cast.building, center, received=local(2026, 3, 5, 9), due=local(2026, 4, 15, 17)
    )
    _component(d3, digitised=True)
    d4 = make_dossier(
        procedures.household, center, received=local(2026, 3, 6, 9), due=local(2026, 3, 13, 17)
    )
    _component(d4, replaced_by="CSDLQG_DAN_CU")
    d5 = make_dossier(
        procedures.copy_cert,
        center,
        received=local(2026, 3, 9, 9),
        due=local(2026, 3, 12, 17),
        finished=local(2026, 3, 11, 10),
        returned=local(2026, 3, 11, 15),
        status=Status.RETURNED,
    )
    _granted(d5, result_file=True)
    Rating.objects.create(dossier=d5, score=5)
    february = make_dossier(
        cast.lltp,
        center,
        channel=Channel.ONLINE,
        received=local(2026, 2, 2, 9),
        due=local(2026, 2, 16, 17),
        finished=local(2026, 2, 5, 9),
        status=Status.RETURNED,
    )
    _granted(february, result_file=False)
    return {"d1": d1, "d2": d2, "d3": d3, "d4": d4, "d5": d5}


def _rows(result):
    return {row.code: row for row in result.indicators}


def test_scoring_rule_gives_full_points_at_the_threshold_and_a_share_below():
    assert score(Decimal("0.8"), max_points=Decimal("4.4"), threshold=Decimal("0.8")) == Decimal(
        "4.4"
    )
    assert score(Decimal("0.95"), max_points=Decimal(6), threshold=Decimal("0.9")) == 6
    # 0.45 × 4.4 / 0.5 = 3.96
    assert score(Decimal("0.45"), max_points=Decimal("4.4"), threshold=Decimal("0.5")) == Decimal(
        "3.96"
    )
    assert score(None, max_points=Decimal(10), threshold=Decimal(1)) == 0


def test_group_points_add_up_to_100_and_the_split_stays_inside_each_group():
    assert sum(total for _name, total in decision766.GROUPS.values()) == 100
    for group, (_name, total) in decision766.GROUPS.items():
        used = sum(p for code, p in decision766.MAX_POINTS.items() if code.startswith(f"{group}."))
        assert used <= total


@pytest.mark.django_db
def test_hand_computed_indicators_and_points(march):
    rows = _rows(decision_766(MARCH, province_scope()))
    expected = {
        # code: (numerator, denominator, value, points)
        "2.1": (3, 5, "0.6000", "6.00"),  # d1, d5, d3 / d1, d2, d5, d3, d4; 0.6 × 10
        "3.1": (5, 6, "0.8333", "4.4"),  # five of six procedures online, ≥ 80%
        "3.2": (1, 5, "0.2000", "0.88"),  # only lltp had an online dossier; 0.2 × 4.4
        "3.3": (1, 5, "0.2000", "1.76"),  # d1 (d2 lacks its e-result); 0.2 × 4.4 / 0.5
        "4.1": (2, 3, "0.6667", "2.93"),  # d1, d5 of d1, d2, d5; 0.6667 × 4.4
        "4.2": (2, 5, "0.4000", "2.20"),  # d1, d3; 0.4 × 4.4 / 0.8
        "4.3": (2, 5, "0.4000", "2.20"),  # d1, d4
        "5.4": (2, 5, "0.4000", "2.67"),  # 100% − (2 late + 1 disliked) / 5; 0.4 × 6 / 0.9
    }
    assert set(rows) == set(expected)
    for code, (numerator, denominator, value, points) in expected.items():
        row = rows[code]
        assert (row.numerator, row.denominator) == (numerator, denominator), code
        assert row.value == Decimal(value), code
        assert row.points == Decimal(points), code
    result = decision_766(MARCH, province_scope())
    assert result.points == Decimal("23.04")
    assert result.max_points == Decimal("42.4")
    listed = {item["code"] for item in result.as_dict()["not_computable"]}
    assert {"1.1", "1.4", "3.6", "5.1"} <= listed
    assert listed.isdisjoint(expected)


@pytest.mark.django_db
def test_drill_down_lists_exactly_the_dossiers_behind_each_number(march):
    scope = province_scope()
    rows = _rows(decision_766(MARCH, scope))
    ids = {name: d.pk for name, d in march.items()}
    expected = {
        ("2.1", "numerator"): {"d1", "d3", "d5"},
        ("2.1", "denominator"): {"d1", "d2", "d3", "d4", "d5"},
        ("3.3", "numerator"): {"d1"},
        ("4.1", "numerator"): {"d1", "d5"},
        ("4.1", "denominator"): {"d1", "d2", "d5"},
        ("4.2", "numerator"): {"d1", "d3"},
        ("4.3", "numerator"): {"d1", "d4"},
        ("4.3", "denominator"): {"d1", "d2", "d3", "d4", "d5"},
        ("5.4", "late"): {"d2", "d4"},
        ("5.4", "disliked"): {"d2"},
    }
    for (code, part), names in expected.items():
        found = set(indicator_dossiers(MARCH, scope, code=code, part=part))
        assert found == {ids[n] for n in names}, (code, part)
        if part in ("numerator", "denominator"):
            assert len(found) == getattr(rows[code], part), (code, part)
    with pytest.raises(ValueError):
        indicator_dossiers(MARCH, scope, code="5.4", part="numerator")


@pytest.mark.django_db
def test_an_agency_scope_counts_only_the_dossiers_it_received(march, cast):
    other = Scope(ScopeKind.AGENCY, cast.tu_phap.code, cast.tu_phap.name)
    rows = _rows(decision_766(MARCH, other))
    assert rows["2.1"].denominator == 0
    assert rows["2.1"].points == 0
    # Sở Tư pháp carries out lltp (its only procedure here), which is online.
    assert (rows["3.1"].numerator, rows["3.1"].denominator) == (1, 1)


@pytest.mark.django_db
def test_a_province_sets_the_official_split_and_a_wrong_one_is_refused(march):
    rows = _rows(decision_766(MARCH, province_scope()))
    with override_settings(DECISION766_MAX_POINTS={"2.1": 12, "5.4": "4.5"}):
        assert rows["2.1"].max_points == 12
        assert rows["2.1"].points == Decimal("7.20")  # 0.6 × 12
        assert rows["5.4"].max_points == Decimal("4.5")
        assert rows["3.1"].max_points == Decimal("4.4")

    too_many = override_settings(DECISION766_MAX_POINTS={"2.1": 21})
    with too_many, pytest.raises(ImproperlyConfigured, match=r"nhóm 2 .* chỉ có 20 điểm"):
        decision766.max_points()
    unknown = override_settings(DECISION766_MAX_POINTS={"9.9": 1})
    with unknown, pytest.raises(ImproperlyConfigured, match=r"“9\.9”"):
        decision766.max_points()


def test_the_system_check_names_a_wrong_split_at_start():
    from motcua.reports.checks import decision766_points

    assert decision766_points() == []
    with override_settings(DECISION766_MAX_POINTS={"5.4": 19}):
        (error,) = decision766_points()
    assert error.id == "reports.E001"
    assert "nhóm 5" in error.msg


PARTS = ("numerator", "denominator")


def _figures(result):
    return {row.code: (row.numerator, row.denominator) for row in result.indicators}


@pytest.mark.django_db
def test_the_aggregates_answer_decision_766_as_the_dossiers_do(march, cast):
    scopes = [province_scope(), Scope(ScopeKind.AGENCY, cast.center.code, cast.center.name)]
    raw = {scope.code: _figures(decision_766(MARCH, scope)) for scope in scopes}

    lists = [
        ("2.1", "numerator"),
        ("2.1", "denominator"),
        *((code, part) for code in ("3.3", "4.1", "4.2", "4.3") for part in PARTS),
        ("5.4", "denominator"),
        ("5.4", "late"),
        ("5.4", "disliked"),
    ]
    listed = {
        (scope.code, code, part): set(
            indicator_dossiers(MARCH, scope, code=code, part=part, source="raw")
        )
        for scope in scopes
        for code, part in lists
    }

    aggregates.rebuild()

    assert aggregates.ready()
    for scope in scopes:
        assert _figures(decision_766(MARCH, scope)) == raw[scope.code], scope
        # The drill-down now reads the facts: the same dossiers behind each number.
        for code, part in lists:
            found = set(indicator_dossiers(MARCH, scope, code=code, part=part))
            assert found == listed[scope.code, code, part], (scope, code, part)
    # Kept by the events too: the facts of each dossier, refreshed one by one, are the same.
    rebuilt = sorted(DossierFact.objects.values_list(*("dossier_id", *aggregates.FACT_FIELDS)))
    DossierFact.objects.all().delete()
    DailyCount.objects.all().delete()
    MonthlyCount.objects.all().delete()
    for dossier_id in Dossier.objects.values_list("pk", flat=True):
        aggregates.refresh_dossier(dossier_id)
    refreshed = sorted(DossierFact.objects.values_list(*("dossier_id", *aggregates.FACT_FIELDS)))
    assert refreshed == rebuilt
    assert _figures(decision_766(MARCH, province_scope())) == raw[scopes[0].code]


@pytest.mark.django_db
def test_a_citizens_dislike_reaches_indicator_5_4_through_the_outbox(march, cast):
    aggregates.rebuild()
    before = _rows(decision_766(MARCH, province_scope()))["5.4"]
    returned = march["d5"]
    Rating.objects.filter(dossier=returned).delete()
    Dossier.objects.filter(pk=returned.pk).update(status=Status.RETURNED, applicant_user=cast.lan)
    returned.refresh_from_db()

    tracking.rate(returned, by=cast.lan, score=2)
    event = OutboxEvent.objects.get(topic="dossier.rated")
    update_aggregates(
        outbox.Event(
            id=event.pk,
            topic=event.topic,
            key=event.key,
            payload=MappingProxyType(event.payload),
            attempts=0,
        )
    )

    after = decision_766(MARCH, province_scope())
    disliked = next(row for row in after.indicators if row.code == "5.4")
    assert disliked.points < before.points
    assert aggregates.ready()
    assert DossierFact.objects.get(pk=returned.pk).disliked
