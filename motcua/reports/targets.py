"""Targets the province administrator sets, and the red / amber / green verdict against them.

The model lives here rather than in models.py (the daily aggregates' module) and is imported
by ReportsConfig.ready(); its migration is `reports/migrations/*_targets.py`.
"""

from decimal import Decimal
from enum import StrEnum

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from motcua.org.models import Agency


class Measure(models.TextChoices):
    """The ratios the dashboard colours: all are "higher is better" fractions of 1."""

    ONLINE_RATIO = "online_ratio", "Tỷ lệ hồ sơ trực tuyến (phương pháp Bộ Nội vụ)"
    FINISHED_ON_TIME = "finished_on_time", "Tỷ lệ giải quyết trước hạn, đúng hạn"
    INDICATOR_2_1 = "766_2.1", "QĐ 766 chỉ số 2.1: xử lý trước hạn, đúng hạn"
    INDICATOR_3_3 = "766_3.3", "QĐ 766 chỉ số 3.3: hồ sơ trực tuyến"
    INDICATOR_4_2 = "766_4.2", "QĐ 766 chỉ số 4.2: hồ sơ số hóa"
    INDICATOR_4_3 = "766_4.3", "QĐ 766 chỉ số 4.3: tái sử dụng dữ liệu số hóa"
    INDICATOR_5_4 = "766_5.4", "QĐ 766 chỉ số 5.4: mức độ hài lòng"


_FRACTION = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]


class Target(models.Model):
    measure = models.CharField("chỉ tiêu", max_length=30, choices=Measure.choices)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="cơ quan",
        help_text="Để trống: áp dụng cho toàn tỉnh và mọi cơ quan chưa có chỉ tiêu riêng.",
    )
    green_from = models.DecimalField(
        "đạt (xanh) từ",
        max_digits=5,
        decimal_places=4,
        validators=_FRACTION,
        help_text="Tỷ lệ dạng số thập phân: 0,95 là 95%.",
    )
    amber_from = models.DecimalField(
        "cần chú ý (vàng) từ",
        max_digits=5,
        decimal_places=4,
        validators=_FRACTION,
        help_text="Dưới mức này là chưa đạt (đỏ).",
    )

    class Meta:
        verbose_name = "chỉ tiêu báo cáo"
        verbose_name_plural = "chỉ tiêu báo cáo"
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "agency"],
                name="report_target_one_per_agency",
                violation_error_message="Cơ quan này đã có chỉ tiêu cho chỉ số này.",
            ),
            # NULLs are distinct in a unique constraint: the province-wide row needs its own.
            models.UniqueConstraint(
                fields=["measure"],
                condition=Q(agency__isnull=True),
                name="report_target_one_province_wide",
                violation_error_message="Đã có chỉ tiêu chung toàn tỉnh cho chỉ số này.",
            ),
            models.CheckConstraint(
                condition=Q(amber_from__lte=models.F("green_from")),
                name="report_target_amber_below_green",
                violation_error_message="Mức “cần chú ý” phải thấp hơn hoặc bằng mức “đạt”.",
            ),
        ]

    def __str__(self) -> str:
        where = self.agency.name if self.agency is not None else "Toàn tỉnh"
        return f"{self.get_measure_display()} — {where}"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


RAG_LABELS = {
    Rag.GREEN: gettext_lazy("Đạt chỉ tiêu"),
    Rag.AMBER: gettext_lazy("Cần chú ý"),
    Rag.RED: gettext_lazy("Chưa đạt chỉ tiêu"),
    Rag.NONE: gettext_lazy("Chưa đặt chỉ tiêu"),
}


def rag(value: Decimal | None, target: Target | None) -> Rag:
    """Green at or above `green_from`, amber at or above `amber_from`, red below; no colour
    without a target or without a value (a zero denominator is no failure)."""
    if target is None or value is None:
        return Rag.NONE
    if value >= target.green_from:
        return Rag.GREEN
    if value >= target.amber_from:
        return Rag.AMBER
    return Rag.RED


def targets_for(agency: Agency | None) -> dict[str, Target]:
    """The target of each measure for `agency`: its own, else the province-wide one."""
    rows = Target.objects.filter(Q(agency__isnull=True) | Q(agency=agency)).order_by("agency_id")
    found: dict[str, Target] = {}
    for target in rows:
        if target.agency_id is None:
            found.setdefault(target.measure, target)
        else:
            found[target.measure] = target
    return found
