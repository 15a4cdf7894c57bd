"""The officials' dashboard: indicators per period and agency, coloured against the targets,
with the dossiers behind every number and the standard period report as XLSX, CSV or PDF.

Who sees what (org.access): an official holding "reports.view" sees the agencies of those
assignments; a province-wide role holding it (the province administrator) sees the province and
every agency. Another agency's figures are a 404, exactly like another agency's dossier.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import User
from motcua.backoffice.access import official, official_required
from motcua.core import audit
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import visible_to
from motcua.org.access import agencies_with
from motcua.org.models import Agency, StaffAssignment

from . import charts, decision766, indicators
from .exports import to_csv
from .indicators import GroupBy, Scheme
from .scope import Period, Scope, ScopeKind, province_scope
from .targets import RAG_LABELS, Measure, Rag, Target, rag, targets_for

CAPABILITY = "reports.view"
PAGE_SIZE = 50
SPARK_MONTHS = 12
SPARK_CACHE_SECONDS = 300

KINDS = {"thang": gettext_lazy("Tháng"), "quy": gettext_lazy("Quý"), "nam": gettext_lazy("Năm")}


# --- Who may see which scope -----------------------------------------------------------------


def _province_wide(user: User) -> bool:
    assignments = StaffAssignment.objects.filter(
        user_id=user.pk,
        is_active=True,
        role__province_wide=True,
        agency__in=Agency.objects.current(),
    ).select_related("role")
    return any(CAPABILITY in a.role.capabilities for a in assignments)


@dataclass(frozen=True)
class Selection:
    kind: str
    year: int
    number: int
    period: Period
    scope: Scope
    agency: Agency | None

    def query(self, **extra: str) -> str:
        params = {"ky": self.kind, "nam": str(self.year), "so": str(self.number)}
        params["co_quan"] = self.agency.code if self.agency is not None else ""
        return urlencode({**params, **extra})


def period_of(kind: str, year: int, number: int) -> Period:
    """A month, a quarter or a year as a Period of local dates (DOMAIN.md §8)."""
    if kind == "nam":
        return Period(date(year, 1, 1), date(year, 12, 31))
    first_month = number if kind == "thang" else 3 * (number - 1) + 1
    months = 1 if kind == "thang" else 3
    start = date(year, first_month, 1)
    after = date(year + (first_month + months - 1) // 12, (first_month + months - 1) % 12 + 1, 1)
    return Period(start, after - timedelta(days=1))


def _int(raw: str | None, default: int, low: int, high: int) -> int:
    if raw is None or not raw.strip().isdigit():
        return default
    return min(max(int(raw), low), high)


def select(request: HttpRequest, user: User) -> Selection:
    """The period and scope asked for, checked against what the official may see (404)."""
    today = date.today()
    kind = request.GET.get("ky", "thang")
    kind = kind if kind in KINDS else "thang"
    year = _int(request.GET.get("nam"), today.year, 2000, today.year + 1)
    default = {"thang": today.month, "quy": (today.month - 1) // 3 + 1, "nam": 1}[kind]
    number = _int(request.GET.get("so"), default, 1, {"thang": 12, "quy": 4, "nam": 1}[kind])
    allowed = agencies_with(user, CAPABILITY)
    code = request.GET.get("co_quan")
    wide = _province_wide(user)
    agency: Agency | None
    if code:
        agency = allowed.filter(code=code).first()
        if agency is None:
            raise Http404(_("Không có cơ quan này trong phạm vi báo cáo của bạn."))
    elif wide:
        agency = None
    else:
        agency = allowed.order_by("name").first()
        if agency is None:
            raise Http404
    scope = (
        province_scope() if agency is None else Scope(ScopeKind.AGENCY, agency.code, agency.name)
    )
    return Selection(kind, year, number, period_of(kind, year, number), scope, agency)


def reports_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """An official (backoffice.access) who holds "reports.view" somewhere; others get the 403."""

    @official_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not agencies_with(request.user, CAPABILITY).exists():
            return render(request, "backoffice/forbidden.html", {"hide_nav": True}, status=403)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# --- Formatting for people (DOMAIN.md §8: "56,74%") ------------------------------------------


def percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.2f}%".replace(".", ",")


def number(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


# --- Drill-down: one spelled key per number on the page ---------------------------------------


def dossier_ids(selection: Selection, key: str) -> QuerySet[Any, int]:
    """The ids behind the number named `key`, in order of reception, through the indicators'
    own drill-down functions: `online:<group>:<measure>`, `ontime:<category>`,
    `period:<column>[:<by>:<group>]`, `766:<code>:<part>`. A malformed key is a 404, never a
    500."""
    period, scope = selection.period, selection.scope
    parts = key.split(":")
    try:
        if parts[0] == "online" and len(parts) == 3:
            return indicators.online_rate_dossiers(
                period, scope, scheme=Scheme.LEGACY, group=parts[1], measure=parts[2]
            )
        if parts[0] == "ontime" and len(parts) == 2:
            return indicators.on_time_dossiers(period, scope, category=parts[1])
        if parts[0] == "period" and len(parts) in (2, 4):
            by = GroupBy(parts[2]) if len(parts) == 4 else None
            group = parts[3] if len(parts) == 4 else None
            return indicators.period_dossiers(period, scope, column=parts[1], by=by, group=group)
        if parts[0] == "766" and len(parts) == 3:
            return decision766.indicator_dossiers(period, scope, code=parts[1], part=parts[2])
    except (KeyError, ValueError):
        pass
    raise Http404(_("Không có số liệu này."))


# --- The dashboard page -------------------------------------------------------------------------


def _months_before(period: Period, count: int) -> list[Period]:
    """The `count` calendar months ending with the one holding the period's last day."""
    year, month = period.end.year, period.end.month
    months = []
    for _step in range(count):
        months.append(period_of("thang", year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _history(scope: Scope, months: list[Period]) -> list[dict[str, Decimal | None]]:
    """The sparkline figures of each month, cached per month (a past month changes only with
    late edits). The months not cached are asked together, in a few queries."""
    keys = [f"reports:spark:{scope.kind}:{scope.code}:{m.start.isoformat()}" for m in months]
    found: dict[str, dict[str, Decimal | None]] = cache.get_many(keys)
    missing = [(month, key) for month, key in zip(months, keys, strict=True) if key not in found]
    if missing:
        span = Period(missing[0][0].start, missing[-1][0].end)
        online = {r.period.start: r.rows[-1] for r in indicators.online_rate_by_month(span, scope)}
        received = dict(indicators.received_by_month(span, scope))
        timely = {t.period.start: t.counts for t in indicators.on_time_by_month(span, scope)}
        fresh = {}
        for month, key in missing:
            counts = timely[month.start]
            fresh[key] = {
                Measure.ONLINE_RATIO: online[month.start].ratio,
                Measure.FINISHED_ON_TIME: indicators.ratio(*counts.finished_on_time),
                Measure.INDICATOR_2_1: indicators.ratio(*counts.indicator_2_1),
                "received": Decimal(received[month]),
            }
        cache.set_many(fresh, SPARK_CACHE_SECONDS)
        found.update(fresh)
    return [found[key] for key in keys]


@dataclass
class Card:
    label: str
    value: str
    detail: str
    colour: Rag
    colour_label: str
    spark: str
    links: list[tuple[str, str]]


def _card(
    selection: Selection,
    label: str,
    numerator: int,
    denominator: int,
    measure: str,
    targets: dict[str, Target],
    history: list[dict[str, Decimal | None]],
    links: list[tuple[str, str]],
) -> Card:
    value = indicators.ratio(numerator, denominator)
    colour = rag(value, targets.get(measure))
    series = [month.get(measure) for month in history]
    return Card(
        label=label,
        value=percent(value),
        detail=f"{number(numerator)} / {number(denominator)}",
        colour=colour,
        colour_label=str(RAG_LABELS[colour]),
        spark=charts.sparkline(series, title=_("%(label)s, 12 tháng gần nhất") % {"label": label})
        if series and any(v is not None for v in series)
        else "",
        links=[(text, _drill_url(selection, key)) for text, key in links],
    )


def _drill_url(selection: Selection, key: str, base: str = "") -> str:
    # A dashboard links each of its hundreds of cells: `base`, the common part, is built once.
    base = base or reverse("reports:dossiers") + "?" + selection.query()
    return base + "&" + urlencode({"chi_so": key})


@reports_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = official(request)
    selection = select(request, user)
    period, scope = selection.period, selection.scope
    targets = targets_for(selection.agency)
    months = _months_before(period, SPARK_MONTHS)
    history = _history(scope, months)
    online = indicators.online_rate(period, scope).rows[-1]
    by = GroupBy.AGENCY if scope.kind == ScopeKind.PROVINCE else GroupBy.PROCEDURE
    report = indicators.period_report(period, scope, by=by)
    counts = report.timeliness
    cards = [
        _card(
            selection,
            _("Tỷ lệ hồ sơ trực tuyến"),
            online.online,
            online.total,
            Measure.ONLINE_RATIO,
            targets,
            history,
            [(_("trực tuyến"), "online:total:online"), (_("tổng"), "online:total:total")],
        ),
        _card(
            selection,
            _("Giải quyết trước hạn, đúng hạn"),
            *counts.finished_on_time,
            Measure.FINISHED_ON_TIME,
            targets,
            history,
            [(_("quá hạn"), "ontime:late"), (_("đã giải quyết"), "period:finished")],
        ),
        _card(
            selection,
            _("QĐ 766, %(code)s. %(name)s") % {"code": "2.1", "name": decision766.NAME_2_1},
            *counts.indicator_2_1,
            Measure.INDICATOR_2_1,
            targets,
            history,
            [(_("tử số"), "766:2.1:numerator"), (_("mẫu số"), "766:2.1:denominator")],
        ),
    ]
    received = [month["received"] for month in history]
    base = reverse("reports:dossiers") + "?" + selection.query()
    context = {
        **_picker(user, selection),
        "cards": cards,
        "received_chart": charts.bars(
            [f"{m.start:%m/%y}" for m in months],
            [int(v) if v is not None else None for v in received],
            title=_("Hồ sơ tiếp nhận theo tháng"),
        ),
        "decision_url": reverse("reports:decision766") + "?" + selection.query(),
        "report_columns": PERIOD_HEADINGS,
        "report_rows": [
            {
                "name": row.name,
                "cells": [
                    (
                        number(row.counts.get(column, 0)),
                        _drill_url(selection, f"period:{column}:{by.value}:{row.group}", base),
                    )
                    for column, _heading in PERIOD_HEADINGS
                ],
            }
            for row in report.rows
        ],
        "export_query": selection.query(),
    }
    return render(request, "reports/dashboard.html", context)


def _picker(user: User, selection: Selection) -> dict[str, Any]:
    """The period and scope picker at the top of the report pages."""
    return {
        "selection": selection,
        "kinds": KINDS,
        "numbers": range(1, {"thang": 13, "quy": 5, "nam": 2}[selection.kind]),
        "years": range(date.today().year, date.today().year - 8, -1),
        "agencies": agencies_with(user, CAPABILITY).order_by("name"),
        "province_wide": _province_wide(user),
    }


# The Decision 766 indicators with a card (a target and a drill-down), besides 2.1's on the
# dashboard.
DECISION_CARDS = {
    "3.3": Measure.INDICATOR_3_3,
    "4.2": Measure.INDICATOR_4_2,
    "4.3": Measure.INDICATOR_4_3,
    "5.4": Measure.INDICATOR_5_4,
}


@reports_required
def decision(request: HttpRequest) -> HttpResponse:
    """Decision 766's computable indicators, scored, with the same period, scope and sparklines
    as the dashboard; each numerator and denominator links to its dossiers."""
    user = official(request)
    selection = select(request, user)
    period, scope = selection.period, selection.scope
    targets = targets_for(selection.agency)
    months = _months_before(period, SPARK_MONTHS)
    history = _history(scope, months)
    scored = decision766.decision_766(period, scope)
    cards = []
    for row in scored.indicators:
        if row.code not in DECISION_CARDS:
            continue
        links = [(_("tử số"), f"766:{row.code}:numerator")]
        if row.code == "5.4":
            # 5.4 subtracts two shares: its explanation is the late and the disliked lists.
            links = [(_("quá hạn"), "766:5.4:late"), (_("không hài lòng"), "766:5.4:disliked")]
        cards.append(
            _card(
                selection,
                _("QĐ 766, %(code)s. %(name)s") % {"code": row.code, "name": row.name},
                row.numerator,
                row.denominator,
                DECISION_CARDS[row.code],
                targets,
                history,
                [*links, (_("mẫu số"), f"766:{row.code}:denominator")],
            )
        )
    context = {
        **_picker(user, selection),
        "cards": cards,
        "decision": scored,
        "decision_rows": [
            {
                "row": row,
                "value": percent(row.value),
                "threshold": percent(row.threshold),
                "points": number(row.points),
                "max_points": number(row.max_points),
                "numerator_url": _drill_url(selection, f"766:{row.code}:numerator")
                if row.code not in ("3.1", "3.2", "5.4")
                else "",
                "denominator_url": _drill_url(selection, f"766:{row.code}:denominator")
                if row.code not in ("3.1", "3.2")
                else "",
            }
            for row in scored.indicators
        ],
        "not_computable": decision766.NOT_COMPUTABLE,
        "decision_points": number(scored.points),
        "decision_max": number(scored.max_points),
        "dashboard_url": reverse("reports:dashboard") + "?" + selection.query(),
    }
    return render(request, "reports/decision766.html", context)


PERIOD_HEADINGS = (
    ("carried_over", gettext_lazy("Kỳ trước chuyển sang")),
    ("received", gettext_lazy("Tiếp nhận")),
    ("received_online", gettext_lazy("Trực tuyến")),
    ("finished", gettext_lazy("Đã giải quyết")),
    ("early", gettext_lazy("Trước hạn")),
    ("on_time", gettext_lazy("Đúng hạn")),
    ("late", gettext_lazy("Quá hạn")),
    ("in_progress", gettext_lazy("Đang giải quyết")),
    ("in_progress_overdue", gettext_lazy("Đang quá hạn")),
)


@reports_required
def dossiers(request: HttpRequest) -> HttpResponse:
    """The dossiers behind one number, paginated, each linking to its back-office page."""
    user = official(request)
    selection = select(request, user)
    key = request.GET.get("chi_so", "")
    # Counted and paged on the ids' own table, in order of reception: the facts carry the
    # reception instant too, so a page is one index read there, not a join of a year's ids.
    page = Paginator(dossier_ids(selection, key), PAGE_SIZE).get_page(request.GET.get("trang"))
    on_page = list(page.object_list)
    found = Dossier.objects.select_related("procedure", "receiving_agency").in_bulk(on_page)
    rows = [found[pk] for pk in on_page if pk in found]
    # The list is the report's own (codes, dates, no personal data); a dossier's page needs
    # dossier.view on it, which a province administrator, for one, does not hold.
    openable = set(
        visible_to(user, Dossier.objects.filter(pk__in=on_page)).values_list("pk", flat=True)
    )
    audit.record(
        user,
        "reports.drilldown",
        details={"key": key, "scope": selection.scope.as_dict(), **selection.period.as_dict()},
    )
    context = {
        "selection": selection,
        "key": key,
        "page": page,
        "rows": rows,
        "openable": openable,
        "total": page.paginator.count,
        "back": reverse("reports:dashboard") + "?" + selection.query(),
        "page_query": selection.query(chi_so=key),
    }
    return render(request, "reports/dossiers.html", context)


EXPORTS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


@reports_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The standard period report of the selection: by agency for the province, else by
    procedure (`theo=agency|procedure` to choose)."""
    if fmt not in EXPORTS:
        raise Http404
    user = official(request)
    selection = select(request, user)
    default = GroupBy.AGENCY if selection.scope.kind == ScopeKind.PROVINCE else GroupBy.PROCEDURE
    try:
        by = GroupBy(request.GET.get("theo") or default)
    except ValueError:
        raise Http404 from None
    data = indicators.period_report(selection.period, selection.scope, by=by).as_dict()
    # Imported here: openpyxl and fpdf2 are only needed for a download.
    if fmt == "xlsx":
        from .xlsx import to_xlsx

        body: bytes = to_xlsx(data)
    elif fmt == "pdf":
        from .pdf import to_pdf

        body = to_pdf(data)
    else:
        # A byte-order mark, so that spreadsheet programs read the Vietnamese letters as UTF-8.
        body = ("\ufeff" + to_csv(data)).encode()
    audit.record(
        user,
        "reports.export",
        details={"format": fmt, "by": by.value, "scope": selection.scope.as_dict()}
        | selection.period.as_dict(),
    )
    period = selection.period
    name = f"bao-cao-{selection.scope.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    response = HttpResponse(body, content_type=EXPORTS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
