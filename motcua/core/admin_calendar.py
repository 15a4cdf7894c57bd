"""Admin screens for the province's calendar: days off, make-up working days and office hours.

Saving or deleting a row here drops the cached calendar of this process at once (signals in
motcua.core.calendar); other processes pick the change up within CACHE_TTL_SECONDS.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from motcua.core.calendar import CACHE_TTL_SECONDS, WEEKDAY_NAMES
from motcua.core.models import CalendarOverride, OfficeHours


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date_shown", "weekday", "kind", "reason", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    ordering = ["-date"]
    fields = ["date", "kind", "reason"]

    @admin.display(description="ngày", ordering="date")
    def date_shown(self, obj: CalendarOverride) -> str:
        return f"{obj.date:%d/%m/%Y}"

    @admin.display(description="thứ")
    def weekday(self, obj: CalendarOverride) -> str:
        return WEEKDAY_NAMES[obj.date.weekday()]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        note = (
            "Ngày lễ, Tết và ngày hoán đổi của Chính phủ đã có sẵn; chỉ khai báo những ngày tỉnh "
            "quyết định khác. Thay đổi có hiệu lực ngay trên máy chủ này và trong vòng "
            f"{CACHE_TTL_SECONDS:.0f} giây trên các máy chủ khác."
        )
        return super().changelist_view(request, {"subtitle": note, **(extra_context or {})})


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = ["weekday", "morning_start", "morning_end", "afternoon_start", "afternoon_end"]
    ordering = ["weekday"]
