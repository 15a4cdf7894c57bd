"""The MoHA online ratio (DOMAIN.md §8), hand-computed on a small year of dossiers.

Received in 2020 at the provincial service center, by procedure (level/class at reception):

| procedure                   | at reception        | online | desk | postal | counted in     |
|-----------------------------|---------------------|--------|------|--------|----------------|
| lltp                        | level 4, full       | 3      | 1    | 1      | level4 / full  |
| building                    | level 3, partial    | 1      | 2    |        | level3/partial |
| building (snapshot said 4)  | level 4, full       | 1      |      |        | level4 / full  |
| household (online, desk only)| level 3, partial   |        | 1    |        | level3/partial |
| new_partial                 | level 2, partial    | 1      |      |        | partial only   |
| copy_cert (not online)      | level 2             |        | 2    |        | excluded       |
| passport (central system)   | level 4, full       | 2      | 1    |        | excluded       |

Legacy: level3 1/4 = 0.25, level4 4/5 = 0.8, total 5/9 = 0.5556.
Decree 42: partial 2/5 = 0.4, full 4/5 = 0.8, total 6/10 = 0.6.
Outside the figures: an lltp dossier received at 00:00 on 1/1/2021 and one at 23:59 on
31/12/2019, an inter-agency copy received by Sở Tư pháp, and an online submission not received.
"""

from decimal import Decimal

import pytest

from motcua.dossiers.models import Channel, Status
from motcua.reports.indicators import Scheme, online_rate, online_rate_dossiers
from motcua.reports.scope import parse_period, resolve_scope

from .conftest import local, make_dossier

ONLINE, DESK, POSTAL = Channel.ONLINE, Channel.DESK, Channel.POSTAL
YEAR_2020 = ("2020-01-01", "2020-12-31")


@pytest.fixture
def year(cast, procedures):
    p, center = procedures, cast.center
    march = local(2020, 3, 2, 9)
    made = {}

    def add(name, procedure, channel, received=march, **kwargs):
        made.setdefault(name, []).append(
            make_dossier(procedure, center, channel=channel, received=received, **kwargs)
        )

    add("lltp_online", p.lltp, ONLINE)
    add("lltp_online", p.lltp, ONLINE)
    # DOMAIN.md §8: local dates, both inclusive: 23:59 on 31/12 local is in the year.
    add("lltp_online", p.lltp, ONLINE, received=local(2020, 12, 31, 23, 59))
    add("lltp_desk", p.lltp, DESK)
    add("lltp_postal", p.lltp, POSTAL)
    add("next_year", p.lltp, ONLINE, received=local(2021, 1, 1, 0, 0))
    add("last_year", p.lltp, ONLINE, received=local(2019, 12, 31, 23, 59))
    add("building_online", p.building, ONLINE)
    add("building_desk", p.building, DESK)
    add("building_desk", p.building, DESK)
    # Level 4 when received, level 3 in today's catalog: the snapshot decides.
    add(
        "building_was_level4",
        p.building,
        ONLINE,
        snapshot={"legacy_level": 4, "online_class": "full", "online_provider": "province"},
    )
    add("household_desk", p.household, DESK)
    add("new_partial_online", p.new_partial, ONLINE)
    add("copy_cert_desk", p.copy_cert, DESK)
    add("copy_cert_desk", p.copy_cert, DESK)
    add("passport", p.passport, ONLINE)
    add("passport", p.passport, ONLINE)
    add("passport", p.passport, DESK)
    # Inter-agency copy of an lltp dossier: counted once, under the center (DOMAIN.md §8).
    made["copy"] = [
        make_dossier(
            p.lltp,
            cast.tu_phap,
            channel=ONLINE,
            received=local(2020, 3, 2, 10),
            origin=made["lltp_online"][0],
        )
    ]
    made["not_received"] = [
        make_dossier(p.lltp, center, channel=ONLINE, received=None, status=Status.SUBMITTED)
    ]
    return made


def _rows(result):
    return {row.group: (row.online, row.total, row.ratio) for row in result.rows}


def test_legacy_levels_hand_computed(year):
    result = online_rate(parse_period(*YEAR_2020), resolve_scope(), scheme=Scheme.LEGACY)

    assert _rows(result) == {
        "level3": (1, 4, Decimal("0.2500")),
        "level4": (4, 5, Decimal("0.8000")),
        "total": (5, 9, Decimal("0.5556")),
    }


def test_decree42_classes_hand_computed(year):
    result = online_rate(parse_period(*YEAR_2020), resolve_scope(), scheme=Scheme.DECREE42)

    assert _rows(result) == {
        "partial": (2, 5, Decimal("0.4000")),
        "full": (4, 5, Decimal("0.8000")),
        "total": (6, 10, Decimal("0.6000")),
    }


def test_postal_dossiers_are_reported_beside_the_ratio_not_in_it(year):
    result = online_rate(parse_period(*YEAR_2020), resolve_scope())

    assert {row.group: row.postal for row in result.rows} == {
        "level3": 0,
        "level4": 1,
        "total": 1,
    }


def test_a_procedure_counts_when_it_had_a_desk_or_online_dossier(year):
    """DOMAIN.md §8: "at least one dossier on channel 1 or 2": household, offered online but
    used only at the desk, counts; copy_cert (not online) and passport (central) do not."""
    result = online_rate(parse_period(*YEAR_2020), resolve_scope())

    assert {row.group: row.procedures for row in result.rows} == {
        "level3": 2,  # building, household
        "level4": 2,  # lltp, building (level 4 at reception)
        "total": 3,
    }


def test_the_drill_down_lists_exactly_the_dossiers_behind_each_number(year):
    period, scope = parse_period(*YEAR_2020), resolve_scope()

    def ids(group, measure):
        return set(
            online_rate_dossiers(period, scope, scheme=Scheme.LEGACY, group=group, measure=measure)
        )

    expected_online = {d.pk for d in year["lltp_online"] + year["building_was_level4"]}
    assert ids("level4", "online") == expected_online
    assert ids("level3", "total") == {
        d.pk for d in year["building_online"] + year["building_desk"] + year["household_desk"]
    }
    assert ids("level4", "postal") == {year["lltp_postal"][0].pk}
    assert len(ids("total", "total")) == 9


def test_a_period_of_one_day_ends_at_local_midnight(year):
    last_day = online_rate(parse_period("2020-12-31", "2020-12-31"), resolve_scope())
    first_day = online_rate(parse_period("2021-01-01", "2021-01-01"), resolve_scope())

    assert _rows(last_day)["level4"] == (1, 1, Decimal("1.0000"))
    assert _rows(first_day)["level4"] == (1, 1, Decimal("1.0000"))
    assert _rows(online_rate(parse_period("2020-12-30", "2020-12-30"), resolve_scope())) == {
        "level3": (0, 0, None),
        "level4": (0, 0, None),
        "total": (0, 0, None),
    }


def test_an_inter_agency_copy_is_not_counted_under_the_agency_that_processed_it(year, cast):
    at_tu_phap = online_rate(parse_period(*YEAR_2020), resolve_scope(agency=cast.tu_phap.code))
    at_center = online_rate(parse_period(*YEAR_2020), resolve_scope(agency=cast.center.code))

    assert _rows(at_tu_phap)["total"] == (0, 0, None)
    assert _rows(at_center)["total"] == (5, 9, Decimal("0.5556"))


def test_scopes_by_field_and_procedure(year, cast, procedures):
    period = parse_period(*YEAR_2020)

    by_procedure = online_rate(period, resolve_scope(procedure=procedures.building.code))
    by_field = online_rate(period, resolve_scope(field="H21-CT"))

    assert _rows(by_procedure)["level3"] == (1, 3, Decimal("0.3333"))
    assert _rows(by_procedure)["level4"] == (1, 1, Decimal("1.0000"))
    # Field "Chứng thực": household (desk), new_partial (level 2), copy_cert, passport.
    assert _rows(by_field)["total"] == (0, 1, Decimal("0.0000"))


def test_a_dossier_without_snapshot_keys_falls_back_to_the_catalog(cast, procedures):
    make_dossier(
        procedures.lltp, cast.center, channel=ONLINE, received=local(2020, 5, 4, 9), snapshot={}
    )

    result = online_rate(parse_period(*YEAR_2020), resolve_scope())

    assert _rows(result)["level4"] == (1, 1, Decimal("1.0000"))


def test_online_rate_is_one_query_whatever_the_volume(year, django_assert_num_queries):
    period, scope = parse_period(*YEAR_2020), resolve_scope()

    # From the dossiers, as forced here; reports.aggregates adds one query to choose the source.
    with django_assert_num_queries(1):
        online_rate(period, scope, scheme=Scheme.DECREE42, source="raw")


def test_a_commune_scope_counts_what_its_agencies_received(cast, procedures):
    from motcua.org.models import AdministrativeUnit, Agency

    ward = AdministrativeUnit.objects.create(
        code="21550",
        name="Phường Pleiku",
        level=AdministrativeUnit.Level.COMMUNE,
        parent=cast.gia_lai,
    )
    committee = Agency.objects.create(
        unit=ward,
        code="000.21.55.H21",
        name="UBND phường Pleiku",
        kind=Agency.Kind.COMMUNE_COMMITTEE,
    )
    make_dossier(procedures.household, committee, channel=ONLINE, received=local(2020, 6, 1, 9))
    make_dossier(procedures.household, cast.center, channel=DESK, received=local(2020, 6, 1, 9))

    result = online_rate(parse_period(*YEAR_2020), resolve_scope(commune="21550"))

    assert result.scope.name == "Phường Pleiku"
    assert _rows(result)["level3"] == (1, 1, Decimal("1.0000"))
