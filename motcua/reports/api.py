"""Public report API (transparency figures, DOMAIN.md §8): the same shapes as `motcua report`.

Anyone may read them; each client IP is rate-limited like the public dossier lookup, because
each call scans a period of dossiers. The optional settings REPORTS_RATE_LIMIT and
REPORTS_RATE_WINDOW (seconds) tune the cap (default 30 calls a minute).
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from motcua.core.ratelimit import rate_limit

from .exports import build_report, jsonable

router = Router(tags=["Báo cáo, thống kê"])

REPORTS_SCOPE = "reports"
REPORTS_LIMIT_SETTING = "REPORTS_RATE_LIMIT"
REPORTS_WINDOW_SETTING = "REPORTS_RATE_WINDOW"


class ReportQuery(Schema):
    # Dates stay text here: reports.scope checks them and answers in Vietnamese.
    start: str | None = Field(None, alias="from", description="Ngày bắt đầu, YYYY-MM-DD.")
    end: str | None = Field(None, alias="to", description="Ngày kết thúc, YYYY-MM-DD (tính cả).")
    agency: str | None = Field(None, description="Mã định danh cơ quan tiếp nhận.")
    field: str | None = Field(None, description="Mã lĩnh vực.")
    procedure: str | None = Field(None, description="Mã thủ tục (mã quốc gia).")
    commune: str | None = Field(None, description="Mã xã, phường.")


class OnlineRateQuery(ReportQuery):
    scheme: str | None = Field(None, description="legacy (mức độ 3, 4) hoặc decree42.")


class PeriodQuery(ReportQuery):
    by: str | None = Field(None, description="agency (theo cơ quan) hoặc procedure.")


class PeriodOut(Schema):
    start: str = Field(..., alias="from")
    end: str = Field(..., alias="to")


class ScopeOut(Schema):
    kind: str
    code: str
    name: str


class OnlineRateRowOut(Schema):
    group: str
    online: int
    total: int
    ratio: float | None


class OnlineRateOut(Schema):
    period: PeriodOut
    scope: ScopeOut
    rows: list[OnlineRateRowOut]


class OnTimeRowOut(Schema):
    group: str
    early: int
    on_time: int
    late: int
    in_progress_within_time: int | None
    in_progress_overdue: int | None
    numerator: int
    denominator: int
    ratio: float | None


class OnTimeOut(Schema):
    period: PeriodOut
    scope: ScopeOut
    rows: list[OnTimeRowOut]


class PeriodRowOut(Schema):
    group: str
    name: str
    carried_over: int
    received: int
    received_online: int
    received_desk: int
    received_postal: int
    finished: int
    early: int
    on_time: int
    late: int
    in_progress: int
    in_progress_within_time: int
    in_progress_overdue: int
    awaiting_supplement: int
    stopped: int
    returned: int


class PeriodReportOut(Schema):
    period: PeriodOut
    scope: ScopeOut
    by: str
    rows: list[PeriodRowOut]


class ErrorOut(Schema):
    code: str
    message: str


ERRORS: dict[int, Any] = {422: ErrorOut, 429: ErrorOut}
LIMITS = (
    "Không cần đăng nhập. Kỳ báo cáo là ngày theo giờ Việt Nam, tính cả ngày đầu và ngày cuối. "
    "Mỗi địa chỉ IP có giới hạn số lần gọi mỗi phút (quá giới hạn: 429)."
)


def _report(name: str, query: ReportQuery, **options: str | None) -> dict[str, Any]:
    data = build_report(
        name,
        start=query.start,
        end=query.end,
        agency=query.agency,
        field=query.field,
        procedure=query.procedure,
        commune=query.commune,
        **options,
    )
    return jsonable(data)


@router.get(
    "/reports/online-rate",
    response={200: OnlineRateOut, **ERRORS},
    by_alias=True,
    summary="Tỷ lệ hồ sơ trực tuyến (phương pháp Bộ Nội vụ)",
    description="Theo từng nhóm: online = hồ sơ trực tuyến, total = trực tuyến + trực tiếp, "
    "ratio = online / total (null khi total = 0). Chỉ tính thủ tục có dịch vụ công trực tuyến "
    "do hệ thống của tỉnh cung cấp; hồ sơ bưu chính không tính vào tỷ lệ. " + LIMITS,
    auth=None,
)
@rate_limit(
    REPORTS_SCOPE, limit_setting=REPORTS_LIMIT_SETTING, window_setting=REPORTS_WINDOW_SETTING
)
def online_rate(request: HttpRequest, query: Query[OnlineRateQuery]) -> dict[str, Any]:
    return _report("online-rate", query, scheme=query.scheme)


@router.get(
    "/reports/on-time",
    response={200: OnTimeOut, **ERRORS},
    by_alias=True,
    summary="Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn",
    description="finished_on_time_ratio: trên hồ sơ đã giải quyết trong kỳ; indicator_2_1 "
    "(Quyết định 766): hồ sơ đã giải quyết và đang giải quyết, hồ sơ đang giải quyết được xét "
    "tại thời điểm cuối kỳ. " + LIMITS,
    auth=None,
)
@rate_limit(
    REPORTS_SCOPE, limit_setting=REPORTS_LIMIT_SETTING, window_setting=REPORTS_WINDOW_SETTING
)
def on_time(request: HttpRequest, query: Query[ReportQuery]) -> dict[str, Any]:
    return _report("on-time", query)


@router.get(
    "/reports/period",
    response={200: PeriodReportOut, **ERRORS},
    by_alias=True,
    summary="Báo cáo tình hình giải quyết hồ sơ trong kỳ",
    description="Mỗi dòng một cơ quan tiếp nhận (hoặc một thủ tục), dòng cuối là tổng cộng: kỳ "
    "trước chuyển sang, tiếp nhận (trực tuyến, trực tiếp, bưu chính), đã giải quyết (trước hạn, "
    "đúng hạn, quá hạn), đang giải quyết (trong hạn, quá hạn), chờ bổ sung, dừng xử lý, đã trả "
    "kết quả. " + LIMITS,
    auth=None,
)
@rate_limit(
    REPORTS_SCOPE, limit_setting=REPORTS_LIMIT_SETTING, window_setting=REPORTS_WINDOW_SETTING
)
def period(request: HttpRequest, query: Query[PeriodQuery]) -> dict[str, Any]:
    return _report("period", query, by=query.by)
