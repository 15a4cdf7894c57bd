"""Public statistics (/thong-ke/): the province's and each agency's figures, for anyone.

Transparency (issue 7, item 5): received and finished counts, the online ratio (MoHA method)
and the finished-on-time ratio, for the current year to date and previous years, as a light page
with SVG charts and as open data (JSON, CSV). Every figure is the one the API and `motcua
report` give for the same period and scope: they call the same indicator functions.

No personal data and no dossier list is shown here. The figures are cached a few minutes
(PUBLIC_CACHE_SECONDS): the page is public and each computation scans a year of dossiers.
"""

import csv
import io
from datetime import date
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from motcua.org.models import Agency

from . import charts, indicators
from .exports import jsonable
from .indicators import GroupBy, ratio
from .scope import Period, Scope, ScopeKind, province_scope

PUBLIC_CACHE_SECONDS = 300
FIRST_YEAR = 2015
YEARS_LISTED = 6


def year_period(year: int, today: date | None = None) -> Period:
    """The whole year, or the current year up to today (its figures are year to date)."""
    today = today or date.today()
    end = min(date(year, 12, 31), today)
    return Period(date(year, 1, 1), end)


def _year(request: HttpRequest) -> int:
    today = date.today()
    raw = request.GET.get("nam", "")
    if not raw:
        return today.year
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= today.year:
        raise Http404(_("Không có số liệu của năm này."))
    return int(raw)


def _figures(received: int, finished: int, on_time: tuple[int, int], online: Any) -> dict[str, Any]:
    return {
        "received": received,
        "finished": finished,
        "online": online.online,
        "online_total": online.total,
        "online_ratio": online.ratio,
        "finished_on_time": on_time[0],
        "finished_judged": on_time[1],
        "finished_on_time_ratio": ratio(*on_time),
    }


def figures(year: int) -> dict[str, Any]:
    """The public figures of a year, computed once per few minutes."""
    period = year_period(year)
    key = f"reports:public:{period.start.isoformat()}:{period.end.isoformat()}"
    found: dict[str, Any] | None = cache.get(key)
    if found is not None:
        return found
    province = province_scope()
    report = indicators.period_report(period, province, by=GroupBy.AGENCY)
    names = dict(Agency.objects.values_list("code", "name"))
    agencies = []
    total: dict[str, Any] = {}
    scopes = [
        Scope(ScopeKind.AGENCY, row.group, names.get(row.group, row.name))
        for row in report.rows
        if row.group != "total"
    ]
    # One grouped ask for every agency's ratio: a query each made the page take seconds.
    online_by_agency = indicators.online_rate_by_agency(period, province, scopes)
    for row in report.rows:
        c = row.counts
        # DOMAIN.md §8 finished_on_time_ratio: (early + on time) / finished with a verdict.
        in_time = c.get("early", 0) + c.get("on_time", 0)
        judged = (in_time, in_time + c.get("late", 0))
        if row.group == "total":
            online = indicators.online_rate(period, province).rows[-1]
            total = _figures(c.get("received", 0), c.get("finished", 0), judged, online)
            continue
        online = online_by_agency[row.group].rows[-1]
        agencies.append(
            {
                "code": row.group,
                "name": row.name,
                **_figures(c.get("received", 0), c.get("finished", 0), judged, online),
            }
        )
    received = indicators.received_by_month(period, province)
    online_by_month = indicators.online_rate_by_month(period, province)
    months = [
        {"month": f"{month.start:%Y-%m}", "received": count, "online_ratio": online.rows[-1].ratio}
        for (month, count), online in zip(received, online_by_month, strict=True)
    ]
    found = {
        "period": period.as_dict(),
        "province": {"code": province.code, "name": province.name, **total},
        "agencies": agencies,
        "months": months,
    }
    cache.set(key, found, PUBLIC_CACHE_SECONDS)
    return found


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
    return response


def _percent(value: Any) -> str:
    return "—" if value is None else f"{value * 100:.2f}%".replace(".", ",")


def statistics(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    data = figures(year)
    today = date.today()
    rows = [
        {
            **agency,
            "online_percent": _percent(agency["online_ratio"]),
            "on_time_percent": _percent(agency["finished_on_time_ratio"]),
        }
        for agency in data["agencies"]
    ]
    context = {
        "year": year,
        "is_current": year == today.year,
        "years": [y for y in range(today.year, today.year - YEARS_LISTED, -1) if y >= FIRST_YEAR],
        "period": year_period(year),
        "province": data["province"],
        "online_percent": _percent(data["province"].get("online_ratio")),
        "on_time_percent": _percent(data["province"].get("finished_on_time_ratio")),
        "rows": rows,
        "received_chart": charts.bars(
            [m["month"][5:] for m in data["months"]],
            [m["received"] for m in data["months"]],
            title=_("Hồ sơ tiếp nhận theo tháng năm %(year)s") % {"year": year},
        ),
        "online_chart": charts.bars(
            [m["month"][5:] for m in data["months"]],
            [m["online_ratio"] for m in data["months"]],
            title=_("Tỷ lệ hồ sơ trực tuyến theo tháng năm %(year)s") % {"year": year},
            percent=True,
        ),
        "api_query": f"from={data['period']['from']}&to={data['period']['to']}",
    }
    return _public(render(request, "reports/statistics.html", context))


def data_json(request: HttpRequest) -> HttpResponse:
    data = jsonable(figures(_year(request)))
    return _public(JsonResponse(data, json_dumps_params={"ensure_ascii": False}))


CSV_COLUMNS = (
    "code",
    "name",
    "received",
    "finished",
    "online",
    "online_total",
    "online_ratio",
    "finished_on_time",
    "finished_judged",
    "finished_on_time_ratio",
)


def data_csv(request: HttpRequest) -> HttpResponse:
    """One line per agency and a last line for the province; ratios as "0.5674"."""
    year = _year(request)
    data = figures(year)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["from", "to", *CSV_COLUMNS])
    period = data["period"]
    for row in [*data["agencies"], data["province"]]:
        values = ["" if row.get(c) is None else str(row.get(c)) for c in CSV_COLUMNS]
        writer.writerow([period["from"], period["to"], *values])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="thong-ke-{year}.csv"'
    return _public(response)
