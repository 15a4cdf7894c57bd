"""Public statistics: anyone may read them, and they are the API's numbers, page and open data."""

# ruff: noqa: F811  (the `march` fixture is imported from test_decision766)

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from motcua.reports import public
from motcua.reports.public import year_period

from .test_decision766 import march  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

YEAR = 2026


def _api(client, name, period):
    response = client.get(f"/api/v1/reports/{name}", {"from": period.start, "to": period.end})
    assert response.status_code == 200
    return response.json()


def test_year_period_runs_to_today_in_the_current_year():
    assert year_period(2025, today=date(2026, 5, 2)).as_dict() == {
        "from": "2025-01-01",
        "to": "2025-12-31",
    }
    assert year_period(2026, today=date(2026, 5, 2)).as_dict() == {
        "from": "2026-01-01",
        "to": "2026-05-02",
    }


def test_json_figures_equal_the_apis(client, cast, march):
    data = client.get(reverse("statistics:json"), {"nam": YEAR}).json()
    period = year_period(YEAR)
    assert data["period"] == period.as_dict()
    online = _api(client, "online-rate", period)["rows"][-1]
    assert online["group"] == "total"
    province = data["province"]
    assert (province["online"], province["online_total"], province["online_ratio"]) == (
        online["online"],
        online["total"],
        online["ratio"],
    )
    report = {row["group"]: row for row in _api(client, "period", period)["rows"]}
    assert province["received"] == report["total"]["received"] == 6  # five in March, one in Feb
    assert province["finished"] == report["total"]["finished"]
    for agency in data["agencies"]:
        row = report[agency["code"]]
        assert (agency["received"], agency["finished"]) == (row["received"], row["finished"])
        assert agency["finished_on_time"] == row["early"] + row["on_time"]
        assert agency["finished_judged"] == row["early"] + row["on_time"] + row["late"]
    on_time = _api(client, "on-time", period)["rows"][0]
    assert province["finished_on_time_ratio"] == on_time["ratio"]
    march_row = next(m for m in data["months"] if m["month"] == "2026-03")
    assert march_row["received"] == 5


def test_page_shows_the_same_numbers_with_charts_and_open_data_links(client, cast, march):
    response = client.get(reverse("statistics:statistics"), {"nam": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    data = public.figures(YEAR)
    assert f'data-figure="received">{data["province"]["received"]}<' in html
    assert html.count("<svg") >= 2
    assert reverse("statistics:json") in html and reverse("statistics:csv") in html
    assert f'data-agency="{cast.center.code}"' in html
    assert "<script" not in html.split("<main", 1)[1]
    assert "max-age=300" in response["Cache-Control"]


def test_csv_has_one_line_per_agency_and_the_province_last(client, cast, march):
    response = client.get(reverse("statistics:csv"), {"nam": YEAR})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    data = public.figures(YEAR)
    assert [r["code"] for r in rows] == [a["code"] for a in data["agencies"]] + [
        data["province"]["code"]
    ]
    last = rows[-1]
    assert last["received"] == "6"
    assert last["online_ratio"] == str(data["province"]["online_ratio"])


def test_figures_are_cached_a_few_minutes(client, cast, march, django_assert_max_num_queries):
    client.get(reverse("statistics:json"), {"nam": YEAR})
    with django_assert_max_num_queries(0):
        public.figures(YEAR)


@pytest.mark.parametrize("year", ["1999", "abc", str(date.today().year + 1)])
def test_an_impossible_year_is_a_404(client, cast, year):
    assert client.get(reverse("statistics:statistics"), {"nam": year}).status_code == 404
