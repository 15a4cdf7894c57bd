"""The officials' dashboard: who sees which scope, colours against targets, drill-down lists."""

# ruff: noqa: F811  (the `march` fixture is imported from test_decision766)

from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.core.models.audit import AuditEntry
from motcua.reports import aggregates, dashboard
from motcua.reports.targets import Measure, Rag, Target, rag, targets_for
from tests.dossiers.conftest import official

from .test_decision766 import march  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

MARCH_QUERY = {"ky": "thang", "nam": "2026", "so": "3"}


@pytest.fixture
def minh(cast):
    """The province administrator: a province-wide role holding reports.view."""
    return official("minh", "Đinh Công Minh", (cast.center, "province_admin"))


def _get(client, name, user=None, **params):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name), params)


def test_anonymous_visitor_is_sent_to_the_login_page(client, cast):
    response = _get(client, "reports:dashboard")
    assert response.status_code == 302
    assert reverse("backoffice:login") in response["Location"]


def test_a_citizen_gets_403(client, cast):
    assert _get(client, "reports:dashboard", cast.lan).status_code == 403


def test_an_official_without_reports_view_gets_403(client, cast):
    # Hà is a one-stop officer: she receives dossiers but reads no reports.
    assert _get(client, "reports:dashboard", cast.ha).status_code == 403
    assert _get(client, "reports:dossiers", cast.ha, chi_so="period:received").status_code == 403


def test_a_leader_sees_their_agency_and_gets_404_for_another(client, cast, march):
    response = _get(client, "reports:dashboard", cast.nhung, **MARCH_QUERY)
    assert response.status_code == 200
    assert response.context["selection"].agency == cast.tu_phap
    assert not response.context["province_wide"]
    other = _get(client, "reports:dashboard", cast.nhung, co_quan=cast.center.code, **MARCH_QUERY)
    assert other.status_code == 404
    drill = _get(
        client,
        "reports:dossiers",
        cast.nhung,
        co_quan=cast.center.code,
        chi_so="period:received",
        **MARCH_QUERY,
    )
    assert drill.status_code == 404


def test_province_administrator_sees_the_province_and_every_agency(client, cast, march, minh):
    response = _get(client, "reports:dashboard", minh, **MARCH_QUERY)
    assert response.status_code == 200
    assert response.context["selection"].agency is None
    html = response.content.decode()
    assert "Toàn tỉnh" in html and cast.center.name in html
    assert "<svg" in html
    # Decision 766 has a page of its own, same selection.
    assert reverse("reports:decision766") + "?" in html
    assert 'id="decision-766"' not in html
    one = _get(client, "reports:dashboard", minh, co_quan=cast.center.code, **MARCH_QUERY)
    assert one.context["selection"].scope.code == cast.center.code


def test_rag_thresholds():
    target = Target(
        measure=Measure.ONLINE_RATIO, green_from=Decimal("0.9"), amber_from=Decimal("0.5")
    )
    assert rag(Decimal("0.9"), target) == Rag.GREEN
    assert rag(Decimal("0.8999"), target) == Rag.AMBER
    assert rag(Decimal("0.5"), target) == Rag.AMBER
    assert rag(Decimal("0.4999"), target) == Rag.RED
    assert rag(None, target) == Rag.NONE
    assert rag(Decimal(1), None) == Rag.NONE


def test_an_agency_target_overrides_the_province_wide_one(cast):
    Target.objects.create(measure=Measure.ONLINE_RATIO, green_from=Decimal("0.9"), amber_from=0)
    own = Target.objects.create(
        measure=Measure.ONLINE_RATIO, agency=cast.center, green_from=Decimal("0.4"), amber_from=0
    )
    assert targets_for(cast.center)[Measure.ONLINE_RATIO] == own
    assert targets_for(cast.tu_phap)[Measure.ONLINE_RATIO].agency is None


def test_cards_are_coloured_against_the_targets(client, cast, march, minh):
    # Online ratio in March: lltp's two online dossiers of four at level 3/4 (d1, d2 / + d3, d4).
    Target.objects.create(
        measure=Measure.ONLINE_RATIO, green_from=Decimal("0.9"), amber_from=Decimal("0.5")
    )
    response = _get(client, "reports:dashboard", minh, **MARCH_QUERY)
    card = response.context["cards"][0]
    assert (card.value, card.detail, card.colour) == ("50,00%", "2 / 4", Rag.AMBER)
    assert 'data-rag="amber"' in response.content.decode()
    Target.objects.create(
        measure=Measure.ONLINE_RATIO,
        agency=cast.center,
        green_from=Decimal("0.45"),
        amber_from=Decimal("0.3"),
    )
    response = _get(client, "reports:dashboard", minh, co_quan=cast.center.code, **MARCH_QUERY)
    assert response.context["cards"][0].colour == Rag.GREEN


@pytest.mark.parametrize(
    ("key", "names"),
    [
        ("766:2.1:denominator", {"d1", "d2", "d3", "d4", "d5"}),
        ("766:4.1:numerator", {"d1", "d5"}),
        ("766:5.4:late", {"d2", "d4"}),
        ("766:5.4:disliked", {"d2"}),
        ("online:total:online", {"d1", "d2"}),
        ("ontime:late", {"d2"}),
        ("period:received", {"d1", "d2", "d3", "d4", "d5"}),
        ("period:in_progress_overdue:procedure:1.004194", {"d4"}),
    ],
)
@pytest.mark.parametrize("aggregated", [False, True], ids=["dossiers", "facts"])
def test_drill_down_lists_the_dossiers_behind_the_number(
    client, cast, march, minh, key, names, aggregated
):
    if aggregated:
        aggregates.rebuild()
    assert aggregates.ready() == aggregated
    response = _get(client, "reports:dossiers", minh, chi_so=key, **MARCH_QUERY)
    assert response.status_code == 200
    listed = {d.pk for d in response.context["rows"]}
    assert listed == {march[n].pk for n in names}
    assert response.context["total"] == len(names)
    html = response.content.decode()
    for name in names:
        # Listed by code; not linked, since the province administrator may not open dossiers
        # (no dossier.view: the link would be a 404).
        assert (march[name].code or march[name].reference) in html
        assert reverse("backoffice:dossier", args=[march[name].reference]) not in html
    assert AuditEntry.objects.filter(action="reports.drilldown", actor=minh).exists()


def test_a_leader_drills_down_to_dossiers_she_may_open(client, cast, march):
    leader = official("lanhdao", "Lê Thị Hồng", (march["d1"].receiving_agency, "leader"))
    response = _get(client, "reports:dossiers", leader, chi_so="period:received", **MARCH_QUERY)
    listed = response.context["rows"]
    assert listed
    html = response.content.decode()
    for dossier in listed:
        assert reverse("backoffice:dossier", args=[dossier.reference]) in html
        assert (
            client.get(reverse("backoffice:dossier", args=[dossier.reference])).status_code == 200
        )


def test_the_decision_766_page_scores_the_period_with_cards_and_access_like_the_dashboard(
    client, cast, march, minh
):
    response = _get(client, "reports:decision766", minh, **MARCH_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="decision-766"' in html
    assert response.context["decision_points"] == dashboard.number(
        response.context["decision"].points
    )
    assert [card.label.split(".")[0] for card in response.context["cards"]] == [
        "QĐ 766, 3",
        "QĐ 766, 4",
        "QĐ 766, 4",
        "QĐ 766, 5",
    ]
    assert _get(client, "reports:decision766", cast.ha).status_code == 403
    other = _get(client, "reports:decision766", cast.nhung, co_quan=cast.center.code)
    assert other.status_code == 404


def test_the_dashboard_card_of_2_1_equals_the_decision_766_row(client, cast, march, minh):
    dashboard_cards = _get(client, "reports:dashboard", minh, **MARCH_QUERY).context["cards"]
    rows = _get(client, "reports:decision766", minh, **MARCH_QUERY).context["decision"].indicators
    row = next(row for row in rows if row.code == "2.1")
    card = next(card for card in dashboard_cards if "2.1" in card.label)
    assert card.detail == f"{row.numerator} / {row.denominator}"


def test_numbers_on_the_page_equal_their_drill_down_counts(client, cast, march, minh):
    response = _get(client, "reports:decision766", minh, **MARCH_QUERY)
    for item in response.context["decision_rows"]:
        row = item["row"]
        for part in ("numerator", "denominator"):
            url = item[f"{part}_url"]
            if url:
                listed = client.get(url)
                assert listed.context["total"] == getattr(row, part), (row.code, part)


@pytest.mark.parametrize("aggregated", [False, True], ids=["dossiers", "facts"])
def test_drill_down_is_paginated_in_order_of_reception(
    client, cast, march, minh, monkeypatch, aggregated
):
    if aggregated:
        aggregates.rebuild()
    monkeypatch.setattr(dashboard, "PAGE_SIZE", 2)
    pages = [
        _get(
            client,
            "reports:dossiers",
            minh,
            chi_so="period:received",
            trang=str(number),
            **MARCH_QUERY,
        )
        for number in (1, 2, 3)
    ]
    assert "trang=2" in pages[0].content.decode()
    listed = [d.pk for page in pages for d in page.context["rows"]]
    in_order = sorted(march.values(), key=lambda d: (d.received_at, d.pk))
    assert listed == [d.pk for d in in_order]
    assert [len(page.context["rows"]) for page in pages] == [2, 2, 1]


@pytest.mark.parametrize(
    "key", ["", "period", "period:nonsense", "online:x:y", "766:1.1:numerator"]
)
def test_a_malformed_drill_down_key_is_a_404(client, cast, minh, key):
    response = _get(client, "reports:dossiers", minh, chi_so=key, **MARCH_QUERY)
    assert response.status_code == 404


def test_period_of_month_quarter_and_year():
    assert dashboard.period_of("thang", 2024, 2).as_dict() == {
        "from": "2024-02-01",
        "to": "2024-02-29",
    }
    assert dashboard.period_of("thang", 2025, 12).as_dict() == {
        "from": "2025-12-01",
        "to": "2025-12-31",
    }
    assert dashboard.period_of("quy", 2025, 4).as_dict() == {
        "from": "2025-10-01",
        "to": "2025-12-31",
    }
    assert dashboard.period_of("nam", 2025, 1).as_dict() == {
        "from": "2025-01-01",
        "to": "2025-12-31",
    }
