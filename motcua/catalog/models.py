"""The province's administrative procedures (thủ tục hành chính), as the national procedure
database describes them (DOMAIN.md §7, §10), plus what MotCua needs to run them: processing steps,
the online form, and a history of every change.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from motcua.core.calendar import DurationUnit
from motcua.core.text import fold
from motcua.org.models import Agency, Role


class Field(models.Model):
    """A sector of procedures (lĩnh vực), e.g. Hộ tịch, Đất đai. Code format MX1X2-LV (TT 01/2018
    Art. 20) where known; imported codes are kept as given."""

    code = models.CharField("mã lĩnh vực", max_length=50, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=255)

    class Meta:
        ordering = ["name"]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        # The field's name is part of each procedure's search text: keep them in step, or a
        # renamed field would still be found only under its old name.
        procedures = list(self.procedures.all())
        for procedure in procedures:
            procedure.field = self
            procedure.refresh_search_fields()
        Procedure.objects.bulk_update(procedures, ["search_text"], batch_size=500)


class ProcedureQuerySet(models.QuerySet["Procedure"]):
    def published(self) -> "ProcedureQuerySet":
        return self.filter(is_published=True)


class Procedure(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "Cấp tỉnh"
        COMMUNE = "commune", "Cấp xã"

    class LegacyLevel(models.IntegerChoices):
        # Decree 43/2011. Level 1 (information only) is implied for every published procedure.
        LEVEL_2 = 2, "Mức độ 2"
        LEVEL_3 = 3, "Mức độ 3"
        LEVEL_4 = 4, "Mức độ 4"

    class OnlineClass(models.TextChoices):
        # Decree 42/2022; blank = not offered online.
        NONE = "", "Không cung cấp trực tuyến"
        PARTIAL = "partial", "Dịch vụ công trực tuyến một phần"
        FULL = "full", "Dịch vụ công trực tuyến toàn trình"

    class OnlineProvider(models.TextChoices):
        PROVINCE = "province", "Hệ thống của tỉnh"
        CENTRAL = "central", "Hệ thống của bộ, ngành trung ương"

    class ResultType(models.TextChoices):
        CERTIFICATE = "certificate", "Giấy chứng nhận, giấy xác nhận"
        LICENCE = "licence", "Giấy phép"
        DECISION = "decision", "Quyết định"
        DOCUMENT = "document", "Văn bản, trích lục, bản sao"
        CARD = "card", "Thẻ"
        OTHER = "other", "Khác"

    code = models.CharField(
        "mã thủ tục", max_length=40, unique=True, help_text="Mã quốc gia, ví dụ 1.001193."
    )
    local_code = models.CharField(
        "mã thủ tục tại địa phương",
        max_length=80,
        blank=True,
        help_text="Mã quốc gia kèm mã định danh cơ quan, ví dụ 1.001193.000.00.00.H21.",
    )
    name = models.CharField("tên thủ tục", max_length=500)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="procedures", verbose_name="lĩnh vực"
    )
    level = models.CharField("cấp thực hiện", max_length=20, choices=Level.choices)
    agencies = models.ManyToManyField(
        Agency, related_name="procedures", blank=True, verbose_name="cơ quan thực hiện"
    )
    receiving_agencies = models.ManyToManyField(
        Agency,
        related_name="received_procedures",
        blank=True,
        verbose_name="nơi tiếp nhận hồ sơ",
        help_text="Để trống: nhận tại bộ phận một cửa của cơ quan thực hiện.",
    )
    legal_basis = models.TextField("căn cứ pháp lý", blank=True)
    requirements = models.TextField("yêu cầu, điều kiện thực hiện", blank=True)
    time_limit = models.PositiveIntegerField("thời hạn giải quyết")
    time_limit_unit = models.CharField(
        "đơn vị thời hạn",
        max_length=20,
        choices=DurationUnit.choices,
        default=DurationUnit.WORKING_DAYS,
    )
    time_limit_note = models.CharField(
        "ghi chú thời hạn",
        max_length=300,
        blank=True,
        help_text="Ví dụ: kể từ ngày nhận đủ hồ sơ hợp lệ.",
    )
    applicant_types = models.JSONField("đối tượng thực hiện", default=list, blank=True)
    result_type = models.CharField(
        "loại kết quả", max_length=20, choices=ResultType.choices, default=ResultType.DOCUMENT
    )
    result_name = models.CharField("kết quả thực hiện", max_length=500, blank=True)
    legacy_level = models.PositiveSmallIntegerField(
        "mức độ DVCTT (cũ)", choices=LegacyLevel.choices, default=LegacyLevel.LEVEL_2
    )
    online_class = models.CharField(
        "dịch vụ công trực tuyến",
        max_length=10,
        choices=OnlineClass.choices,
        blank=True,
        default=OnlineClass.NONE,
    )
    online_provider = models.CharField(
        "đơn vị cung cấp DVCTT",
        max_length=10,
        choices=OnlineProvider.choices,
        default=OnlineProvider.PROVINCE,
    )
    online_only = models.BooleanField("chỉ tiếp nhận trực tuyến", default=False)
    postal_submission = models.BooleanField("cho phép nộp qua bưu chính", default=False)
    postal_return = models.BooleanField("cho phép trả kết quả qua bưu chính", default=False)
    form_schema = models.JSONField(
        "biểu mẫu điện tử (JSON Schema)",
        default=dict,
        blank=True,
        help_text="Để trống: biểu mẫu mặc định (thông tin người nộp).",
    )
    form_ui = models.JSONField("gợi ý hiển thị biểu mẫu", default=dict, blank=True)
    is_published = models.BooleanField("công khai", default=True)
    # Accent-folded copies for search (core.text.fold), refreshed on every save: "cap doi giay
    # phep lai xe" must find "Cấp đổi giấy phép lái xe" on both SQLite and PostgreSQL.
    name_folded = models.CharField(max_length=500, editable=False, db_index=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(online_only=True) | ~models.Q(online_class=""),
                name="procedure_online_only_needs_online_service",
                violation_error_message="Thủ tục chỉ tiếp nhận trực tuyến phải có dịch vụ công "
                "trực tuyến (một phần hoặc toàn trình).",
            ),
        ]
        indexes = [
            # Catalog filters: by field and level, the browse pages' questions.
            models.Index(fields=["field", "level"], name="procedure_field_level_idx"),
            models.Index(fields=["legacy_level", "online_class"], name="procedure_online_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.refresh_search_fields()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def refresh_search_fields(self) -> None:
        self.name_folded = fold(self.name)
        parts = [self.name, self.code, self.requirements, self.result_name]
        if self.field_id:
            parts.append(self.field.name)
        self.search_text = fold(" ".join(p for p in parts if p))

    @property
    def is_online(self) -> bool:
        return self.online_class != self.OnlineClass.NONE

    @property
    def base_fee(self) -> int:
        """Fees due in every case (lines without a condition), in VND."""
        return sum(fee.amount for fee in self.fees.all() if not fee.condition)


class Fee(models.Model):
    """A fee or charge (phí, lệ phí) of a procedure, possibly conditional."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("tên khoản thu", max_length=255, default="Lệ phí")
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    condition = models.CharField(
        "điều kiện áp dụng",
        max_length=500,
        blank=True,
        help_text="Để trống nếu áp dụng cho mọi trường hợp.",
    )

    class Meta:
        ordering = ["procedure", "order", "id"]
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"

    def __str__(self) -> str:
        return f"{self.name}: {self.amount:,} đồng".replace(",", ".")


class Component(models.Model):
    """A document of the dossier (thành phần hồ sơ), and the national data that can replace it."""

    class Source(models.TextChoices):
        # DOMAIN.md §10: the data sources of the exchange format.
        NONE = "", "Người nộp cung cấp"
        POPULATION = "CSDLQG_DAN_CU", "Cơ sở dữ liệu quốc gia về dân cư"
        BUSINESS = "CSDL_DKDN", "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp"
        SOCIAL_INSURANCE = "CSDL_BHXH", "Cơ sở dữ liệu quốc gia về bảo hiểm"
        CIVIL_STATUS = "CSDL_HO_TICH", "Cơ sở dữ liệu hộ tịch điện tử"
        JUDICIAL_RECORDS = "LLTP", "Cơ sở dữ liệu lý lịch tư pháp"
        EARLIER_RESULT = "KET_QUA", "Kết quả điện tử đã cấp trước đó"

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("tên giấy tờ", max_length=700)
    original_count = models.PositiveSmallIntegerField("số bản chính", default=0)
    copy_count = models.PositiveSmallIntegerField("số bản sao", default=0)
    required = models.BooleanField("bắt buộc", default=True)
    condition = models.CharField(
        "trường hợp phải nộp",
        max_length=500,
        blank=True,
        help_text="Với giấy tờ không bắt buộc: khi nào phải nộp.",
    )
    template = models.FileField("mẫu đơn, tờ khai", upload_to="catalog/templates/", blank=True)
    template_name = models.CharField("tên mẫu", max_length=255, blank=True)
    replaced_by = models.CharField(
        "có thể thay bằng dữ liệu",
        max_length=20,
        choices=Source.choices,
        blank=True,
        default=Source.NONE,
    )

    class Meta:
        ordering = ["procedure", "order", "id"]
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"

    def __str__(self) -> str:
        return self.name

    @property
    def needs_no_paper(self) -> bool:
        return self.replaced_by != self.Source.NONE


class Step(models.Model):
    """A processing step with its budget, in the procedure's time unit. The budgets add up to the
    legal time limit (checked by catalog.rules)."""

    class Kind(models.TextChoices):
        RECEIVE = "receive", "Tiếp nhận hồ sơ"
        PROCESS = "process", "Thẩm định, xử lý"
        TRANSFER = "transfer", "Liên thông với cơ quan khác"
        APPROVE = "approve", "Phê duyệt"
        RETURN = "return", "Trả kết quả"

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    kind = models.CharField("loại bước", max_length=20, choices=Kind.choices)
    name = models.CharField("tên bước", max_length=300)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cơ quan",
        help_text="Để trống: cơ quan thực hiện thủ tục. Bước liên thông phải ghi cơ quan phối hợp.",
    )
    role = models.ForeignKey(
        Role,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="vai trò",
    )
    budget = models.DecimalField(
        "thời gian",
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Theo đơn vị thời hạn của thủ tục (ví dụ 0,5 ngày làm việc).",
    )

    class Meta:
        ordering = ["procedure", "order", "id"]
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="transfer") | models.Q(agency__isnull=False),
                name="step_transfer_names_agency",
                violation_error_message="Bước liên thông phải ghi rõ cơ quan phối hợp.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Revision(models.Model):
    """One saved state of a procedure, with who changed it and how: the history DOMAIN.md §2
    asks for (a dossier keeps the rules of its reception date; an inspector can see what a
    citizen was told on any day)."""

    class Source(models.TextChoices):
        ADMIN = "admin", "Trang quản trị"
        IMPORT = "import", "Nhập từ tệp"
        SEED = "seed", "Dữ liệu mẫu"
        SYSTEM = "system", "Hệ thống"

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("phiên bản")
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người thay đổi",
    )
    source = models.CharField("nguồn", max_length=10, choices=Source.choices)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    changed_fields = models.JSONField("trường thay đổi", default=list, blank=True)
    snapshot = models.JSONField("nội dung")

    class Meta:
        ordering = ["procedure", "-number"]
        verbose_name = "lịch sử thay đổi"
        verbose_name_plural = "lịch sử thay đổi"
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"
