"""The stand-in national systems' own data: never the province's database (ARCHITECTURE.md).

Field names follow the national systems' vocabulary where a real integration would see them
(QCVN 109:2017 for citizens, DOMAIN.md §6 and §9), in English where only the sandbox reads them.
"""

from django.db import models


class Citizen(models.Model):
    """A record of the stand-in national population database (QCVN 109:2017/BTTTT)."""

    class Sex(models.IntegerChoices):
        UNKNOWN = 0, "Chưa có thông tin"
        MALE = 1, "Nam"
        FEMALE = 2, "Nữ"

    id_number = models.CharField("số định danh cá nhân", max_length=12, unique=True)
    family = models.CharField("họ", max_length=50)
    middle = models.CharField("chữ đệm", max_length=50, blank=True)
    given = models.CharField("tên", max_length=50)
    sex = models.PositiveSmallIntegerField("giới tính", choices=Sex.choices, default=Sex.UNKNOWN)
    born = models.DateField("ngày sinh")
    ethnicity = models.CharField("dân tộc", max_length=50, blank=True)
    religion = models.CharField("tôn giáo", max_length=50, blank=True, default="Không")
    marital_status = models.PositiveSmallIntegerField("tình trạng hôn nhân", default=0)
    blood_group = models.CharField("nhóm máu", max_length=2, default="00")
    nationality = models.CharField("quốc tịch", max_length=2, default="VN")
    unit_code = models.CharField("mã đơn vị hành chính thường trú", max_length=10)
    address = models.CharField("địa chỉ thường trú (chi tiết)", max_length=300)
    father_name = models.CharField("họ tên cha", max_length=150, blank=True)
    mother_name = models.CharField("họ tên mẹ", max_length=150, blank=True)
    father_id = models.CharField("số định danh của cha", max_length=12, blank=True)
    mother_id = models.CharField("số định danh của mẹ", max_length=12, blank=True)
    spouse_name = models.CharField("họ tên vợ/chồng", max_length=150, blank=True)
    spouse_id = models.CharField("số định danh của vợ/chồng", max_length=12, blank=True)
    # The household (hộ khẩu): its book number, its head and this person's relation to the head.
    household_book = models.CharField("số sổ hộ khẩu", max_length=20, blank=True)
    household_head_name = models.CharField("họ tên chủ hộ", max_length=150, blank=True)
    household_head_id = models.CharField("số định danh chủ hộ", max_length=12, blank=True)
    household_relation = models.CharField("quan hệ với chủ hộ", max_length=30, blank=True)
    # Elements the data owner has not authorised for sharing: QCVN 109 (Circular 13/2017) tells
    # "has data but not authorised" apart from "has no data".
    withheld = models.JSONField("trường không được chia sẻ", default=list, blank=True)

    class Meta:
        verbose_name = "công dân"
        verbose_name_plural = "công dân"

    def __str__(self) -> str:
        return f"{self.full_name} ({self.id_number})"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family, self.middle, self.given) if p)


class Business(models.Model):
    """A record of the stand-in national business registration database."""

    code = models.CharField("mã số doanh nghiệp", max_length=14, unique=True)
    name = models.CharField("tên doanh nghiệp", max_length=300)
    kind = models.CharField("loại hình", max_length=100)
    address = models.CharField("địa chỉ trụ sở", max_length=300)
    representative = models.CharField("người đại diện theo pháp luật", max_length=150)
    representative_id = models.CharField("số định danh người đại diện", max_length=12)
    registered_on = models.DateField("ngày đăng ký lần đầu")
    status = models.CharField("tình trạng", max_length=50, default="Đang hoạt động")

    class Meta:
        verbose_name = "doanh nghiệp"
        verbose_name_plural = "doanh nghiệp"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Lookup(models.Model):
    """Every population lookup is logged with officer, purpose and request id (DOMAIN.md §6)."""

    request_id = models.CharField("mã yêu cầu", max_length=100, unique=True)
    service = models.CharField(max_length=50)
    id_number = models.CharField(max_length=20)
    officer = models.CharField("cán bộ tra cứu", max_length=200)
    purpose = models.CharField("mục đích", max_length=300)
    matched = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.id_number}"


class Message(models.Model):
    """A text message the SMS service accepted: the demo reads one-time codes here."""

    request_id = models.CharField(max_length=100, unique=True)
    phone = models.CharField("số điện thoại", max_length=20)
    body = models.TextField("nội dung")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.phone}: {self.body[:40]}"


class PortalSync(models.Model):
    """A dossier status the province sent to the national public service portal (DongBoHoSoMC)."""

    code = models.CharField("mã hồ sơ", max_length=60, db_index=True)
    status_code = models.PositiveSmallIntegerField("trạng thái")
    payload = models.JSONField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} → {self.status_code}"


class SsoGrant(models.Model):
    """An authorization code, then the access token it was exchanged for (single use each)."""

    client_id = models.CharField(max_length=100)
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="+")
    code_sha256 = models.CharField(max_length=64, unique=True)
    redirect_uri = models.CharField(max_length=500)
    nonce = models.CharField(max_length=200, blank=True)
    code_challenge = models.CharField(max_length=200, blank=True)
    code_expires_at = models.DateTimeField()
    code_used_at = models.DateTimeField(null=True, blank=True)
    token_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.client_id} → {self.citizen_id}"


class InsuranceRecord(models.Model):
    """A participant of the stand-in social insurance database (CSDL quốc gia về bảo hiểm)."""

    insurance_number = models.CharField("mã số BHXH", max_length=10, unique=True)
    id_number = models.CharField("số định danh cá nhân", max_length=12, unique=True)
    full_name = models.CharField("họ và tên", max_length=150)
    born = models.DateField("ngày sinh")
    employer = models.CharField("đơn vị tham gia", max_length=300, blank=True)
    employer_code = models.CharField("mã đơn vị", max_length=20, blank=True)
    started_on = models.DateField("ngày bắt đầu tham gia")
    months_paid = models.PositiveIntegerField("số tháng đã đóng", default=0)
    status = models.CharField("tình trạng", max_length=50, default="Đang tham gia")
    health_card = models.CharField("số thẻ BHYT", max_length=15)
    health_card_valid_to = models.DateField("thẻ BHYT có giá trị đến")
    hospital = models.CharField("nơi đăng ký khám chữa bệnh ban đầu", max_length=200)

    class Meta:
        verbose_name = "người tham gia bảo hiểm"
        verbose_name_plural = "người tham gia bảo hiểm"

    def __str__(self) -> str:
        return f"{self.full_name} ({self.insurance_number})"


class CivilRecord(models.Model):
    """An entry of the stand-in civil status database (CSDL hộ tịch điện tử): birth or marriage."""

    class Kind(models.TextChoices):
        BIRTH = "KS", "Khai sinh"
        MARRIAGE = "KH", "Kết hôn"

    kind = models.CharField("loại", max_length=2, choices=Kind.choices)
    record_number = models.CharField("số đăng ký", max_length=30, unique=True)
    book = models.CharField("quyển số", max_length=30)
    registered_on = models.DateField("ngày đăng ký")
    registry_office = models.CharField("nơi đăng ký", max_length=200)
    # Whom the extract is about: the child of a birth, either spouse of a marriage.
    id_numbers = models.JSONField("số định danh của người trong sự kiện", default=list)
    details = models.JSONField("nội dung đăng ký", default=dict)

    class Meta:
        verbose_name = "sự kiện hộ tịch"
        verbose_name_plural = "sự kiện hộ tịch"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.record_number}"


class JudicialRequest(models.Model):
    """A request for a judicial record certificate (Phiếu lý lịch tư pháp), answered later."""

    class Status(models.TextChoices):
        RECEIVED = "DA_TIEP_NHAN", "Đã tiếp nhận"
        PROCESSING = "DANG_XU_LY", "Đang xác minh"
        ISSUED = "DA_CAP", "Đã cấp phiếu"

    request_id = models.CharField("mã yêu cầu", max_length=40, unique=True)
    dossier_code = models.CharField("mã hồ sơ", max_length=60, unique=True)
    form = models.PositiveSmallIntegerField("loại phiếu")  # 1 or 2 (Law 28/2009 Art. 41-43)
    id_number = models.CharField("số định danh cá nhân", max_length=12)
    full_name = models.CharField("họ và tên", max_length=150)
    born = models.DateField("ngày sinh")
    purpose = models.CharField("mục đích", max_length=300)
    officer = models.CharField("cán bộ gửi yêu cầu", max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField()
    changed_at = models.DateTimeField()
    document_number = models.CharField("số phiếu", max_length=40, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    convictions = models.CharField("án tích", max_length=300, default="Không có án tích")

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.request_id} ({self.status})"


class PostalOrder(models.Model):
    """A VNPost order for a dossier (Decision 45/2016): collect it, return its result, or both."""

    class Kind(models.IntegerChoices):
        SEND = 1, "Gửi hồ sơ"
        RETURN = 2, "Nhận kết quả"
        BOTH = 3, "Gửi hồ sơ và nhận kết quả"

    order_number = models.CharField("mã hồ sơ (OrderNumber)", max_length=60)
    kind = models.PositiveSmallIntegerField("dịch vụ", choices=Kind.choices)
    item_code = models.CharField("mã vận đơn (ItemCode)", max_length=13, unique=True)
    customer_code = models.CharField(max_length=50)
    cod_amount = models.PositiveBigIntegerField("tiền thu hộ (CODAmount)", default=0)
    sender = models.JSONField("người gửi")
    receiver = models.JSONField("người nhận")
    description = models.CharField(max_length=500, blank=True)
    status = models.PositiveSmallIntegerField("trạng thái", default=1)
    created_at = models.DateTimeField()
    handed_over_at = models.DateTimeField("thời điểm ký biên bản giao nhận", null=True, blank=True)
    handover_signature = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["order_number", "kind"], name="sandbox_postal_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_code} ({self.order_number})"


class PostalEvent(models.Model):
    order = models.ForeignKey(PostalOrder, on_delete=models.CASCADE, related_name="events")
    status = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=300)
    place = models.CharField(max_length=200)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.note}"


class Payment(models.Model):
    """A transaction of the stand-in payment platform (DOMAIN.md §9, vn-standards §8.6)."""

    class Status(models.TextChoices):
        PENDING = "CHO_THANH_TOAN", "Chờ thanh toán"
        PAID = "THANH_CONG", "Thành công"
        CANCELLED = "HUY", "Đã hủy"

    partner = models.CharField("mã đối tác", max_length=50)
    reference = models.CharField("mã tham chiếu", max_length=100, unique=True)
    amount = models.PositiveBigIntegerField("số tiền")
    description = models.CharField("thông tin giao dịch", max_length=500)
    bill = models.JSONField("thông tin biên lai")
    return_url = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    transaction_id = models.CharField("mã giao dịch", max_length=40, blank=True)
    created_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    receipt_number = models.CharField("số biên lai", max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount} ({self.status})"


class LegalDocument(models.Model):
    """A text of the stand-in national legal documents database (CSDL quốc gia về văn bản pháp
    luật). Fields the project's references do not tell are left empty rather than guessed."""

    class Status(models.TextChoices):
        IN_FORCE = "CON_HIEU_LUC", "Còn hiệu lực"
        EXPIRED = "HET_HIEU_LUC", "Hết hiệu lực toàn bộ"
        PARTLY_EXPIRED = "HET_HIEU_LUC_MOT_PHAN", "Hết hiệu lực một phần"

    number = models.CharField("số, ký hiệu", max_length=50, unique=True)
    kind = models.CharField("loại văn bản", max_length=50)
    issuer = models.CharField("cơ quan ban hành", max_length=200)
    title = models.CharField("trích yếu", max_length=500, blank=True)
    # What the text is about in our own words, for search: never shown as its official title.
    summary = models.CharField("nội dung chính (mô tả)", max_length=500, blank=True)
    signed_on = models.DateField("ngày ban hành", null=True, blank=True)
    effective_on = models.DateField("ngày có hiệu lực", null=True, blank=True)
    expired_on = models.DateField("ngày hết hiệu lực", null=True, blank=True)
    status = models.CharField(
        "tình trạng hiệu lực", max_length=30, choices=Status.choices, blank=True
    )
    replaces = models.JSONField("thay thế văn bản", default=list, blank=True)
    amends = models.JSONField("sửa đổi, bổ sung văn bản", default=list, blank=True)
    # Accent-folded number, title and summary (core.text.fold): what a search is matched on.
    search_text = models.TextField(blank=True)

    class Meta:
        verbose_name = "văn bản pháp luật"
        verbose_name_plural = "văn bản pháp luật"
        ordering = ["-signed_on", "number"]

    def __str__(self) -> str:
        return self.number


class BudgetUnit(models.Model):
    """A unit of the stand-in budget-unit code service (mã số đơn vị có quan hệ với ngân sách,
    Circular 185/2015/TT-BTC): seven digits per unit."""

    code = models.CharField("mã số ĐVQHNS", max_length=7, unique=True)
    name = models.CharField("tên đơn vị", max_length=300)
    kind = models.CharField("loại đơn vị", max_length=100)
    parent_code = models.CharField("mã đơn vị cấp trên", max_length=7, blank=True)
    authority = models.CharField("cơ quan chủ quản", max_length=300, blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    issued_on = models.DateField("ngày cấp mã", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=50, default="Đang hoạt động")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    search_text = models.TextField(blank=True)

    class Meta:
        verbose_name = "đơn vị có quan hệ với ngân sách"
        verbose_name_plural = "đơn vị có quan hệ với ngân sách"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class FaultRule(models.Model):
    """A fault an operator switched on for one stand-in (PUT /_faults/<service>). Kept in the
    database so every thread and process of the sandbox applies the same rule."""

    class Mode(models.TextChoices):
        SLOW = "slow", "Chậm"
        FAIL = "fail", "Lỗi"
        TIMEOUT = "timeout", "Không trả lời"

    service = models.CharField(max_length=30, unique=True)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    delay_ms = models.PositiveIntegerField(default=0)
    status = models.PositiveSmallIntegerField(default=503)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.service}: {self.mode}"


class PostalCallback(models.Model):
    """Where VNPost reports an order's tracking states (the order's CallbackUrl)."""

    order = models.OneToOneField(PostalOrder, on_delete=models.CASCADE, related_name="callback")
    url = models.URLField(max_length=500)

    def __str__(self) -> str:
        return f"{self.order_id} → {self.url}"


class WebhookDelivery(models.Model):
    """One tracking event to POST to an order's callback, retried with backoff until it is
    acknowledged (2xx) or the attempts run out."""

    event = models.OneToOneField(PostalEvent, on_delete=models.CASCADE, related_name="delivery")
    url = models.URLField(max_length=500)
    body = models.TextField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    given_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # deliver_due(): the pending ones whose time has come.
            models.Index(
                fields=["delivered_at", "given_up_at", "next_attempt_at"],
                name="sandbox_webhook_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.url} ({self.attempts})"
