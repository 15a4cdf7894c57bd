"""One report as JSON, CSV or a table for people; the command line and the API share it.

JSON and CSV are for machines: numbers with a dot, never the vi locale's "0,5674" or "1.826"
(ARCHITECTURE.md, known traps), so nothing here goes through Django's localisation. The table is
for people: Vietnamese headings, thousands with a dot and percentages with 2 decimals ("56,74%").
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from motcua.core.errors import InvalidInput

from . import indicators
from .indicators import GroupBy, Scheme
from .scope import Period, Scope, parse_period, resolve_scope

FORMATS = ("json", "csv", "table")


@dataclass(frozen=True)
class ReportSpec:
    title: str
    build: Callable[..., Any]
    options: tuple[str, ...] = ()


REPORTS: dict[str, ReportSpec] = {
    "online-rate": ReportSpec(
        "Tỷ lệ hồ sơ trực tuyến (phương pháp Bộ Nội vụ)",
        lambda period, scope, scheme, **_: indicators.online_rate(period, scope, scheme=scheme),
        ("scheme",),
    ),
    "on-time": ReportSpec(
        "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn",
        lambda period, scope, **_: indicators.on_time(period, scope),
    ),
    "period": ReportSpec(
        "Báo cáo tình hình giải quyết hồ sơ trong kỳ",
        lambda period, scope, by, **_: indicators.period_report(period, scope, by=by),
        ("by",),
    ),
    "reception-delay": ReportSpec(
        "Thời gian tiếp nhận hồ sơ trực tuyến (giờ làm việc)",
        lambda period, scope, **_: indicators.reception_delay(period, scope),
    ),
    "papers-not-asked": ReportSpec(
        "Giấy tờ không phải nộp nhờ khai thác dữ liệu",
        lambda period, scope, **_: indicators.papers_not_asked(period, scope),
    ),
}


def parse_scheme(value: str | None) -> Scheme:
    try:
        return Scheme(value or Scheme.LEGACY)
    except ValueError:
        raise InvalidInput(
            f"Cách phân nhóm “{value}” không hợp lệ: chọn legacy (mức độ 3, 4) hoặc decree42 "
            "(một phần, toàn trình)."
        ) from None


def parse_group_by(value: str | None) -> GroupBy:
    try:
        return GroupBy(value or GroupBy.AGENCY)
    except ValueError:
        raise InvalidInput(
            f"Cách nhóm “{value}” không hợp lệ: chọn agency (theo cơ quan) hoặc procedure "
            "(theo thủ tục)."
        ) from None


def build_report(
    name: str,
    *,
    start: str | None,
    end: str | None,
    agency: str | None = None,
    field: str | None = None,
    procedure: str | None = None,
    commune: str | None = None,
    scheme: str | None = None,
    by: str | None = None,
) -> dict[str, Any]:
    """The report `name` as plain data ({"period", "scope", "rows", ...}); InvalidInput (422)
    with a Vietnamese message for a bad date, scheme or grouping, UnknownScope for a bad code."""
    spec = REPORTS[name]
    period: Period = parse_period(start, end)
    # Options are checked before the scope: they cost no query.
    chosen_scheme = parse_scheme(scheme)
    chosen_by = parse_group_by(by)
    scope: Scope = resolve_scope(agency=agency, field=field, procedure=procedure, commune=commune)
    result = spec.build(period, scope, scheme=chosen_scheme, by=chosen_by)
    data: dict[str, Any] = result.as_dict()
    return data


# --- Rendering ------------------------------------------------------------------------------


def _plain(value: object) -> object:
    # Ratios and hours are Decimals, exact to their places: JSON carries them as numbers.
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with Decimals as floats, as the API and `to_json` print them."""
    result: dict[str, Any] = json.loads(json.dumps(data, default=_plain))
    return result


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, default=_plain, ensure_ascii=False, indent=2)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    return columns


def to_csv(data: dict[str, Any]) -> str:
    """One line per row, the JSON's keys as header; ratios as "0.5674", empty for null."""
    rows = data["rows"]
    columns = _columns(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else str(row.get(c)) for c in columns])
    return out.getvalue()


HEADINGS = {
    "group": "Nhóm",
    "name": "Tên",
    "online": "Trực tuyến",
    "total": "Tổng (trực tuyến + trực tiếp)",
    "ratio": "Tỷ lệ",
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    "in_progress_within_time": "Đang xử lý trong hạn",
    "in_progress_overdue": "Đang xử lý quá hạn",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "carried_over": "Kỳ trước chuyển sang",
    "received": "Tiếp nhận trong kỳ",
    "received_online": "Trực tuyến",
    "received_desk": "Trực tiếp",
    "received_postal": "Bưu chính",
    "finished": "Đã giải quyết",
    "in_progress": "Đang giải quyết",
    "awaiting_supplement": "Chờ bổ sung",
    "stopped": "Dừng xử lý",
    "returned": "Đã trả kết quả",
    "target_hours": "Chỉ tiêu (giờ làm việc)",
    "within_target": "Đạt chỉ tiêu",
    "median_hours": "Trung vị (giờ)",
    "p90_hours": "Phân vị 90 (giờ)",
    "components": "Giấy tờ không phải nộp",
    "dossiers": "Số hồ sơ",
    "all_components": "Tổng số giấy tờ",
}

GROUP_LABELS = {
    "level3": "Mức độ 3",
    "level4": "Mức độ 4",
    "partial": "Một phần",
    "full": "Toàn trình",
    "total": "Tổng cộng",
    "finished_on_time_ratio": "Tỷ lệ giải quyết trước hạn, đúng hạn",
    "indicator_2_1": "Chỉ số 2.1 (Quyết định 766)",
    "online_reception": "Hồ sơ trực tuyến được tiếp nhận",
}

SCOPE_LABELS = {
    "province": "Toàn tỉnh",
    "agency": "Cơ quan",
    "field": "Lĩnh vực",
    "procedure": "Thủ tục",
    "commune": "Xã, phường",
}


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _decimal(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _cell(column: str, value: object) -> str:
    if value is None:
        return "—"
    if column == "ratio" and isinstance(value, Decimal):
        return _decimal(value * 100) + "%"
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, int):
        return _number(value)
    if column == "group":
        return GROUP_LABELS.get(str(value), str(value))
    return str(value)


def to_table(data: dict[str, Any], title: str) -> str:
    """A plain-text table in Vietnamese: title, period (dd/mm/yyyy), scope, then the rows."""
    start = date.fromisoformat(data["period"]["from"])
    end = date.fromisoformat(data["period"]["to"])
    scope = data["scope"]
    where = SCOPE_LABELS.get(scope["kind"], scope["kind"])
    lines = [
        title,
        f"Kỳ báo cáo: {start:%d/%m/%Y} – {end:%d/%m/%Y}",
        f"Phạm vi: {where} {scope['name']} ({scope['code']})",
        "",
    ]
    rows = data["rows"]
    columns = _columns(rows)
    table = [[HEADINGS.get(c, c) for c in columns]]
    table += [[_cell(c, row.get(c)) for c in columns] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    for index, line in enumerate(table):
        cells = [
            text.ljust(width) if i == 0 or columns[i] == "name" else text.rjust(width)
            for i, (text, width) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def render(name: str, data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return to_json(data) + "\n"
    if fmt == "csv":
        return to_csv(data)
    return to_table(data, REPORTS[name].title)
