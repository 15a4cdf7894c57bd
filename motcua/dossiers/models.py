"""Dossiers (hồ sơ) and their append-only history (DOMAIN.md §3, §4, §5).

A dossier changes state only through motcua.dossiers.lifecycle (ARCHITECTURE.md rule 1): the
fields below are written there, in one transaction with the history, audit and outbox rows.
"""

from typing import Any

from django.conf import settings
from django.db import models

from motcua.catalog.models import Component, Procedure, Step
from motcua.org.models import Agency


class Status(models.TextChoices):
    SUBMITTED = "submitted", "Mới đăng ký"
    RECEIVED = "received", "Được tiếp nhận"
    REFUSED = "refused", "Không được tiếp nhận"
    PROCESSING = "processing", "Đang xử lý"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "Yêu cầu bổ sung giấy tờ"
    AWAITING_PAYMENT = "awaiting_payment", "Yêu cầu thực hiện nghĩa vụ tài chính"
    WITHDRAWN = "withdrawn", "Công dân yêu cầu rút hồ sơ"
    STOPPED = "stopped", "Dừng xử lý"
    RESULT_READY = "result_ready", "Đã xử lý xong"
    RETURNED = "returned", "Đã trả kết quả"


# The status codes sent to the national portal (TrangThaiHoSo, DOMAIN.md §3).
NATIONAL_STATUS_CODE: dict[str, int] = {
    Status.SUBMITTED: 1,
    Status.RECEIVED: 2,
    Status.REFUSED: 3,
    Status.PROCESSING: 4,
    Status.AWAITING_SUPPLEMENT: 5,
    Status.AWAITING_PAYMENT: 6,
    Status.WITHDRAWN: 7,
    Status.STOPPED: 8,
    Status.RESULT_READY: 9,
    Status.RETURNED: 10,
}


class Channel(models.IntegerChoices):
    # KenhThucHien. Assisted submission is channel 2 with `submitted_by` set (DOMAIN.md §3).
    DESK = 1, "Trực tiếp"
    ONLINE = 2, "Trực tuyến"
    POSTAL = 3, "Bưu chính công ích"


class ApplicantKind(models.IntegerChoices):
    # LoaiDoiTuong.
    CITIZEN = 1, "Công dân"
    BUSINESS = 2, "Doanh nghiệp"
    STATE_AGENCY = 3, "Cơ quan nhà nước"
    OTHER = 4, "Tổ chức khác"


class RuleSet(models.TextChoices):
    """The legal regime a dossier was received under (DOMAIN.md §2): kept for its whole life."""

    ND61_2018 = "nd61_2018", "Nghị định 61/2018/NĐ-CP, Thông tư 01/2018/TT-VPCP"
    ND118_2025 = "nd118_2025", "Nghị định 118/2025/NĐ-CP, Thông tư 03/2025/TT-VPCP"


class Decision(models.TextChoices):
    APPROVED = "approved", "Giải quyết"
    REJECTED = "rejected", "Từ chối giải quyết"


class ReturnMethod(models.TextChoices):
    DESK = "desk", "Tại bộ phận một cửa"
    ONLINE = "online", "Trực tuyến"
    POSTAL = "postal", "Qua bưu chính công ích"


class DossierQuerySet(models.QuerySet["Dossier"]):
    def open(self) -> "DossierQuerySet":
        return self.exclude(
            status__in=[Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED]
        )


class Dossier(models.Model):
    # Before reception an online dossier is known by its submission reference; the legal code
    # (Circular 01/2018 Art. 19) is issued at reception and never reused.
    reference = models.CharField("số đăng ký", max_length=40, unique=True)
    code = models.CharField("mã hồ sơ", max_length=60, null=True, blank=True, unique=True)
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name="thủ tục"
    )
    status = models.CharField(
        "trạng thái", max_length=30, choices=Status.choices, default=Status.SUBMITTED
    )
    channel = models.PositiveSmallIntegerField("kênh nộp", choices=Channel.choices)
    rule_set = models.CharField(
        "quy định áp dụng", max_length=20, choices=RuleSet.choices, blank=True
    )
    # What the procedure said at reception: level/class, limit and fee (DOMAIN.md §2). Reports
    # read the level from here, not from today's catalog.
    procedure_snapshot = models.JSONField(
        "thủ tục tại thời điểm tiếp nhận", default=dict, blank=True
    )

    applicant_kind = models.PositiveSmallIntegerField(
        "loại chủ hồ sơ", choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN
    )
    applicant_name = models.CharField("chủ hồ sơ", max_length=255)
    # The name without accents, lower case (core.text.fold): the back office finds "Nguyễn Văn
    # An" from "nguyen van an" with a plain indexed lookup on both SQLite and PostgreSQL.
    applicant_name_folded = models.CharField(max_length=255, blank=True, db_index=True)
    applicant_id_number = models.CharField(
        "số định danh / mã số doanh nghiệp", max_length=20, blank=True, db_index=True
    )
    applicant_phone = models.CharField("điện thoại", max_length=20, blank=True)
    applicant_email = models.EmailField("thư điện tử", blank=True)
    applicant_address = models.CharField("địa chỉ", max_length=500, blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        verbose_name="tài khoản chủ hồ sơ",
    )
    # The person who handed it in, when not the applicant: a delegate, a post-office clerk, a
    # commune digital-team member (assisted submission), or the official at the desk.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_dossiers",
        verbose_name="người nộp thay",
    )
    consent_at = models.DateTimeField("thời điểm chủ hồ sơ đồng ý", null=True, blank=True)
    form_data = models.JSONField("tờ khai", default=dict, blank=True)

    receiving_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="received_dossiers",
        verbose_name="nơi tiếp nhận",
    )
    current_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="current_dossiers",
        verbose_name="cơ quan đang xử lý",
    )
    current_step = models.ForeignKey(
        Step,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="bước hiện tại",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_dossiers",
        verbose_name="người xử lý",
    )
    origin = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
        verbose_name="hồ sơ gốc (liên thông)",
    )

    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)
    received_at = models.DateTimeField("ngày tiếp nhận", null=True, blank=True)
    counted_from = models.DateTimeField("bắt đầu tính hạn", null=True, blank=True)
    due_at = models.DateTimeField("ngày hẹn trả", null=True, blank=True, db_index=True)
    # The due date before any supplement restart, and the date promised in an apology (which the
    # verdict ignores: DOMAIN.md §4).
    original_due_at = models.DateTimeField("ngày hẹn trả ban đầu", null=True, blank=True)
    apology_due_at = models.DateTimeField("ngày hẹn lại", null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    finished_at = models.DateTimeField("ngày kết thúc xử lý", null=True, blank=True)
    returned_at = models.DateTimeField("ngày trả kết quả", null=True, blank=True)

    decision = models.CharField(
        "kết quả giải quyết", max_length=20, choices=Decision.choices, blank=True
    )
    decision_note = models.TextField("nội dung, lý do", blank=True)
    return_method = models.CharField(
        "hình thức nhận kết quả",
        max_length=20,
        choices=ReturnMethod.choices,
        default=ReturnMethod.DESK,
    )
    fee_amount = models.PositiveBigIntegerField("phí, lệ phí (đồng)", default=0)
    imported = models.BooleanField("nhập từ hệ thống cũ", default=False)

    # Deadline alarms (motcua.dossiers.alarms): when each alarm was raised, so that several
    # workers raise it once. Cleared when the due date moves (supplement restart, apology).
    due_soon_alerted_at = models.DateTimeField("đã báo sắp đến hạn", null=True, blank=True)
    overdue_alerted_at = models.DateTimeField("đã báo quá hạn", null=True, blank=True)
    reception_late_alerted_at = models.DateTimeField("đã báo chậm tiếp nhận", null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        indexes = [
            # Work queues: an agency's dossiers in one state, oldest first.
            models.Index(
                fields=["current_agency", "status", "submitted_at"], name="dossier_queue_idx"
            ),
            # Reports: receptions of a period per receiving agency.
            models.Index(fields=["receiving_agency", "received_at"], name="dossier_received_idx"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due_idx"),
            # Imported dossiers by id, and only them: "was anything imported after the last
            # rebuild of the report aggregates?" (reports.aggregates.ready, asked by every
            # indicator) is then a look at a tiny index, not a scan of every newer dossier.
            models.Index(
                fields=["id"], condition=models.Q(imported=True), name="dossier_imported_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="submitted")
                | models.Q(status="refused")
                | models.Q(status="withdrawn")
                | models.Q(code__isnull=False),
                name="dossier_received_has_code",
                violation_error_message="Hồ sơ đã tiếp nhận phải có mã hồ sơ.",
            ),
        ]

    def __str__(self) -> str:
        return self.code or self.reference

    @property
    def national_status_code(self) -> int:
        return NATIONAL_STATUS_CODE[self.status]

    @property
    def display_code(self) -> str:
        return self.code or self.reference


class DossierComponent(models.Model):
    """One document of a dossier: files handed in, or the national record that replaced them."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    component = models.ForeignKey(
        Component, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField("tên giấy tờ", max_length=700)
    replaced_by = models.CharField(
        "dữ liệu thay thế", max_length=20, choices=Component.Source.choices, blank=True
    )
    # The national record's identifier (e.g. the lookup's message id) when data replaced paper.
    record_reference = models.CharField("mã bản ghi dữ liệu", max_length=200, blank=True)
    consent_at = models.DateTimeField("thời điểm đồng ý khai thác dữ liệu", null=True, blank=True)
    digitised = models.BooleanField("đã số hóa", default=False)

    class Meta:
        ordering = ["dossier", "id"]
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"

    def __str__(self) -> str:
        return self.name


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Never under a public URL: downloads go through a view that checks permission.
    return f"dossiers/{instance.dossier_id}/{filename}"


class SlipKind(models.TextChoices):
    """The legal slips (Circular 01/2018 forms, DOMAIN.md), generated as PDF by dossiers.slips."""

    RECEIPT = "receipt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    CONTROL_SHEET = "control_sheet", "Phiếu kiểm soát quá trình giải quyết hồ sơ"
    SUPPLEMENT = "supplement", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
    REFUSAL = "refusal", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
    APOLOGY = "apology", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        COMPONENT = "component", "Giấy tờ trong hồ sơ"
        SLIP = "slip", "Phiếu, giấy biên nhận"
        RESULT = "result", "Kết quả giải quyết"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    component = models.ForeignKey(
        DossierComponent, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    title = models.CharField("tên tệp", max_length=255)
    file = models.FileField(upload_to=attachment_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # For a slip: which one, and the history event it records (a dossier may get several
    # supplement requests, each with its own slip). The control sheet has no event: it is redrawn
    # from the whole history, and the latest one stands.
    slip = models.CharField("loại phiếu", max_length=20, choices=SlipKind.choices, blank=True)
    event = models.ForeignKey(
        "Event", null=True, blank=True, on_delete=models.PROTECT, related_name="slips"
    )

    class Meta:
        ordering = ["dossier", "uploaded_at"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        constraints = [
            # One slip per event: generating it twice (worker retry, two clicks) stores it once.
            models.UniqueConstraint(
                fields=["dossier", "slip", "event"],
                condition=models.Q(event__isnull=False),
                name="attachment_one_slip_per_event",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Pause(models.Model):
    """A span during which the legal clock did not run for the agency (DOMAIN.md §4)."""

    class Reason(models.TextChoices):
        SUPPLEMENT = "supplement", "Chờ bổ sung hồ sơ"
        PAYMENT = "payment", "Chờ thực hiện nghĩa vụ tài chính"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    due_at_before = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "started_at"]
        verbose_name = "thời gian tạm dừng"
        verbose_name_plural = "thời gian tạm dừng"

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.started_at:%d/%m/%Y}"


class Event(models.Model):
    """The dossier's history, append-only: who did what, from which state to which, when."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=50)
    from_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    step = models.ForeignKey(
        Step, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["dossier", "at", "id"]
        verbose_name = "lịch sử hồ sơ"
        verbose_name_plural = "lịch sử hồ sơ"

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Lịch sử hồ sơ chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Lịch sử hồ sơ không được xóa.")


class DailySequence(models.Model):
    """The last number of the day per receiving agency: the XXXX of the dossier code."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="daily_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"
