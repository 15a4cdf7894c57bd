"""Online reception delay in working hours, and papers not asked for thanks to data reuse.

Office hours are the default 07:30–11:30 and 13:30–17:00; October 2025 has no holiday.
"""

from decimal import Decimal

import pytest

from motcua.catalog.models import Component
from motcua.dossiers.models import Channel, DossierComponent
from motcua.reports.indicators import (
    papers_not_asked,
    papers_not_asked_dossiers,
    reception_delay,
    reception_delay_dossiers,
)
from motcua.reports.scope import parse_period, resolve_scope

from .conftest import local, make_dossier

OCTOBER = parse_period("2025-10-01", "2025-10-31")


@pytest.fixture
def online_receptions(cast):
    def add(submitted, received, **kwargs):
        return make_dossier(
            cast.lltp,
            cast.center,
            channel=Channel.ONLINE,
            submitted=submitted,
            received=received,
            **kwargs,
        )

    return {
        # Monday 08:00 → 10:00: 2 working hours.
        "two": add(local(2025, 10, 6, 8), local(2025, 10, 6, 10)),
        # Friday 16:00 → Monday 09:30: 1 hour on Friday, 2 on Monday: 3.
        "three": add(local(2025, 10, 10, 16), local(2025, 10, 13, 9, 30)),
        # Tuesday 08:00 → Wednesday 08:00: 3.5 + 3.5 + 0.5 = 7.5.
        "seven_and_a_half": add(local(2025, 10, 14, 8), local(2025, 10, 15, 8)),
        # Not online, or received outside the period, or a linked copy: not counted.
        "desk": make_dossier(cast.lltp, cast.center, received=local(2025, 10, 6, 10)),
        "november": add(local(2025, 10, 31, 16), local(2025, 11, 3, 9)),
    }


def test_median_p90_and_share_within_the_target(online_receptions, settings):
    settings.RECEPTION_TARGET_WORKING_HOURS = 4

    result = reception_delay(OCTOBER, resolve_scope())

    assert result.received == 3
    assert result.within_target == 2
    assert result.ratio == Decimal("0.6667")
    assert result.median_hours == Decimal("3.00")
    # Nearest rank: the ceil(0.9 × 3) = 3rd smallest delay.
    assert result.p90_hours == Decimal("7.50")
    assert set(reception_delay_dossiers(OCTOBER, resolve_scope(), within_target=False)) == {
        online_receptions["seven_and_a_half"].pk
    }


def test_the_target_comes_from_the_settings(online_receptions, settings):
    settings.RECEPTION_TARGET_WORKING_HOURS = 8

    result = reception_delay(OCTOBER, resolve_scope())

    assert (result.within_target, result.target_hours) == (3, 8)


def test_an_even_count_takes_the_middle_pair_for_the_median(online_receptions):
    online_receptions["two"].delete()

    result = reception_delay(OCTOBER, resolve_scope())

    assert result.median_hours == Decimal("5.25")


def test_no_online_dossier_gives_no_figures(cast):
    result = reception_delay(OCTOBER, resolve_scope())

    assert (result.received, result.ratio, result.median_hours, result.p90_hours) == (
        0,
        None,
        None,
        None,
    )


def test_papers_not_asked_per_data_source(cast):
    def dossier_with(*sources, received=None):
        dossier = make_dossier(cast.lltp, cast.center, received=received or local(2025, 10, 6, 9))
        for index, source in enumerate(sources):
            DossierComponent.objects.create(
                dossier=dossier, name=f"Giấy tờ {index}", replaced_by=source
            )
        return dossier

    population, civil = Component.Source.POPULATION, Component.Source.CIVIL_STATUS
    first = dossier_with(population, "")
    second = dossier_with(population, civil, "")
    dossier_with("", "")
    dossier_with(population, received=local(2025, 11, 1, 0))

    result = papers_not_asked(OCTOBER, resolve_scope()).as_dict()["rows"]

    assert result == [
        {
            "group": population.value,
            "components": 2,
            "dossiers": 2,
            "all_components": 7,
            "ratio": Decimal("0.2857"),
        },
        {
            "group": civil.value,
            "components": 1,
            "dossiers": 1,
            "all_components": 7,
            "ratio": Decimal("0.1429"),
        },
        {
            "group": "total",
            "components": 3,
            "dossiers": 2,
            "all_components": 7,
            "ratio": Decimal("0.4286"),
        },
    ]
    assert set(papers_not_asked_dossiers(OCTOBER, resolve_scope())) == {first.pk, second.pk}
    assert set(papers_not_asked_dossiers(OCTOBER, resolve_scope(), source=civil)) == {second.pk}
