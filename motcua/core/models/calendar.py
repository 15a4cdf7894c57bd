from django.db import models


class CalendarOverride(models.Model):
    """A day the province declares off, or a make-up working day (ngày làm bù).

    Public holidays and the Government's swap days come from the `holidays` package; these rows
    sit on top of it and win.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ"
        WORKING_DAY = "working_day", "Ngày làm việc (làm bù)"

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    reason = models.CharField("lý do", max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày nghỉ / làm bù của tỉnh"
        verbose_name_plural = "ngày nghỉ / làm bù của tỉnh"

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}: {self.reason}"


class OfficeHours(models.Model):
    """Office hours of one weekday: a morning and an afternoon session (Decree 61 counts in them).

    Without a row, the default 07:30–11:30 and 13:30–17:00 applies Monday to Friday.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Thứ Hai"
        TUESDAY = 1, "Thứ Ba"
        WEDNESDAY = 2, "Thứ Tư"
        THURSDAY = 3, "Thứ Năm"
        FRIDAY = 4, "Thứ Sáu"
        SATURDAY = 5, "Thứ Bảy"
        SUNDAY = 6, "Chủ Nhật"

    weekday = models.PositiveSmallIntegerField("thứ", choices=Weekday.choices, unique=True)
    morning_start = models.TimeField("sáng từ")
    morning_end = models.TimeField("sáng đến")
    afternoon_start = models.TimeField("chiều từ")
    afternoon_end = models.TimeField("chiều đến")

    class Meta:
        ordering = ["weekday"]
        verbose_name = "giờ làm việc"
        verbose_name_plural = "giờ làm việc"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(morning_start__lt=models.F("morning_end"))
                & models.Q(morning_end__lte=models.F("afternoon_start"))
                & models.Q(afternoon_start__lt=models.F("afternoon_end")),
                name="office_hours_sessions_in_order",
                violation_error_message="Các buổi phải theo thứ tự: sáng bắt đầu < sáng kết thúc "
                "≤ chiều bắt đầu < chiều kết thúc.",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_weekday_display()}: {self.morning_start:%H:%M}–{self.morning_end:%H:%M}, "
            f"{self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M}"
        )
