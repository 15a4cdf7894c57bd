"""The LGSP registry and its message log.

Identifiers follow X-Road's vocabulary (DOMAIN.md §9): a provider (member) offers services, a
consumer (client subsystem) calls them when an access right allows it; every exchange is one
MessageRecord in a hash chain, sealed in signed batches (Seal).
"""

from datetime import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q


class Provider(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", "Quốc gia"
        PROVINCIAL = "provincial", "Cấp tỉnh"

    code = models.SlugField("mã", max_length=64, unique=True)
    name = models.CharField("tên", max_length=200)
    level = models.CharField("cấp", max_length=20, choices=Level.choices)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "hệ thống cung cấp"
        verbose_name_plural = "hệ thống cung cấp"
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Service(models.Model):
    class Protocol(models.TextChoices):
        REST = "rest", "REST/JSON"
        SOAP = "soap", "SOAP/XML"

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="services", verbose_name="hệ thống"
    )
    code = models.SlugField("mã dịch vụ", max_length=64)
    version = models.CharField("phiên bản", max_length=20, default="v1")
    name = models.CharField("tên", max_length=200, blank=True)
    protocol = models.CharField(
        "giao thức", max_length=10, choices=Protocol.choices, default=Protocol.REST
    )
    upstream_url = models.URLField("địa chỉ dịch vụ gốc", max_length=500)
    request_schema = models.JSONField("JSON Schema của yêu cầu", null=True, blank=True)
    # QCVN 109 messages are XML: a SOAP/XML service's requests are checked against this schema.
    request_xsd = models.TextField("XML Schema (XSD) của yêu cầu", blank=True)
    timeout_seconds = models.FloatField(
        "thời gian chờ (giây)", default=10.0, validators=[MinValueValidator(0.01)]
    )
    # Safe to send twice: the gateway retries these (and every GET) when the upstream fails.
    idempotent = models.BooleanField("gọi lại an toàn (idempotent)", default=False)
    # Citizen data may not be kept by the gateway unless the data owner allows it.
    log_bodies = models.BooleanField("lưu nội dung thông điệp (mã hoá)", default=False)
    is_active = models.BooleanField("đang hoạt động", default=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "dịch vụ"
        verbose_name_plural = "dịch vụ"
        ordering = ("provider__code", "code")
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], name="lgsp_service_unique_code"),
            models.CheckConstraint(
                condition=Q(timeout_seconds__gt=0), name="lgsp_service_timeout_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.identifier

    @property
    def identifier(self) -> str:
        return f"{self.provider.code}/{self.code}"


class Consumer(models.Model):
    class Kind(models.TextChoices):
        PROVINCIAL_SYSTEM = "provincial_system", "Hệ thống của tỉnh"
        AGENCY_SYSTEM = "agency_system", "Hệ thống của sở, ngành"
        PARTNER = "partner", "Đối tác bên ngoài"

    # The OAuth2 client_id and the X-Road client subsystem code at once.
    code = models.SlugField("mã (client_id)", max_length=64, unique=True)
    name = models.CharField("tên", max_length=200)
    kind = models.CharField("loại", max_length=30, choices=Kind.choices)
    is_active = models.BooleanField("đang hoạt động", default=True)
    rate_limit_per_minute = models.PositiveIntegerField(
        "giới hạn yêu cầu mỗi phút", default=600, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "hệ thống sử dụng"
        verbose_name_plural = "hệ thống sử dụng"
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class CredentialQuerySet(models.QuerySet):
    def alive(self, now: datetime) -> "CredentialQuerySet":
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ClientSecret(models.Model):
    """One OAuth2 client secret. Several may be alive at once, so rotation needs no downtime.

    Only a SHA-256 of the secret is kept: secrets are 256 random bits, so a fast hash is as
    strong as a slow one, and the token endpoint stays cheap.
    """

    consumer = models.ForeignKey(
        Consumer, on_delete=models.CASCADE, related_name="secrets", verbose_name="hệ thống"
    )
    secret_hash = models.CharField("băm của khoá", max_length=64, unique=True)
    # The first characters, so an operator can tell secrets apart without seeing them.
    prefix = models.CharField("tiền tố", max_length=12)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = "khoá bí mật OAuth2"
        verbose_name_plural = "khoá bí mật OAuth2"
        ordering = ("consumer", "-created_at")

    def __str__(self) -> str:
        return f"{self.consumer.code}: {self.prefix}…"


class AccessToken(models.Model):
    """A short-lived bearer token; only its SHA-256 is stored."""

    consumer = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="tokens")
    # Revoking a secret ends the tokens it issued too.
    secret = models.ForeignKey(ClientSecret, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The clean-up job deletes expired tokens by this column.
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "mã truy cập"
        verbose_name_plural = "mã truy cập"

    def __str__(self) -> str:
        return f"{self.consumer_id}: token {self.pk}"


class ApiKey(models.Model):
    """An API key for partners that cannot do OAuth2: requests are signed with HMAC-SHA256.

    The server must know the key to check a signature, so the key is stored encrypted with the
    LGSP encryption key (never in clear, never shown again after it is issued).
    """

    consumer = models.ForeignKey(
        Consumer, on_delete=models.CASCADE, related_name="api_keys", verbose_name="hệ thống"
    )
    key_id = models.CharField("mã khoá (công khai)", max_length=40, unique=True)
    secret_encrypted = models.TextField("khoá (đã mã hoá)")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = "khoá API (chữ ký HMAC)"
        verbose_name_plural = "khoá API (chữ ký HMAC)"
        ordering = ("consumer", "-created_at")

    def __str__(self) -> str:
        return f"{self.consumer.code}: {self.key_id}"


class SeenSignature(models.Model):
    """Signatures accepted recently: the unique hash turns a replay into an IntegrityError.

    Rows older than the accepted clock skew are useless (a stale timestamp is refused anyway)
    and the clean-up job deletes them.
    """

    signature_hash = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.signature_hash


class AccessRight(models.Model):
    """Consumer may call service. Without a row the gateway answers 403: denied by default."""

    consumer = models.ForeignKey(
        Consumer, on_delete=models.CASCADE, related_name="rights", verbose_name="hệ thống"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="rights", verbose_name="dịch vụ"
    )
    granted_at = models.DateTimeField("cấp lúc", auto_now_add=True)
    granted_by = models.CharField("người cấp", max_length=200, blank=True)

    class Meta:
        verbose_name = "quyền truy cập"
        verbose_name_plural = "quyền truy cập"
        constraints = [
            models.UniqueConstraint(fields=["consumer", "service"], name="lgsp_right_unique")
        ]

    def __str__(self) -> str:
        return f"{self.consumer.code} → {self.service}"


class MessageRecord(models.Model):
    """One exchange through the gateway, a link in the hash chain.

    `record_hash` is the SHA-256 of the record's canonical form (message_log.canonical), which
    includes `previous_hash`: editing any field of any row, or deleting a row, breaks the chain
    from there on. Consumer and service are kept as codes, not foreign keys, so the log reads the
    same after the registry changes.
    """

    sequence = models.BigIntegerField("số thứ tự", unique=True)
    message_id = models.UUIDField("mã thông điệp", unique=True)
    consumer_code = models.CharField("hệ thống sử dụng", max_length=64, blank=True)
    service_code = models.CharField("dịch vụ", max_length=130)
    method = models.CharField("phương thức", max_length=10)
    path = models.CharField("đường dẫn", max_length=500, blank=True)
    status_code = models.PositiveSmallIntegerField("mã trạng thái HTTP")
    # Empty when the upstream answered; the gateway's error code otherwise.
    error_code = models.CharField("mã lỗi", max_length=40, blank=True)
    received_at = models.DateTimeField("nhận lúc")
    responded_at = models.DateTimeField("trả lời lúc")
    request_bytes = models.BigIntegerField("kích thước yêu cầu")
    response_bytes = models.BigIntegerField("kích thước trả lời")
    request_hash = models.CharField("băm yêu cầu", max_length=64)
    response_hash = models.CharField("băm trả lời", max_length=64)
    request_body = models.TextField("nội dung yêu cầu (mã hoá)", blank=True)
    response_body = models.TextField("nội dung trả lời (mã hoá)", blank=True)
    previous_hash = models.CharField("băm bản ghi trước", max_length=64)
    record_hash = models.CharField("băm bản ghi", max_length=64)

    class Meta:
        verbose_name = "bản ghi nhật ký thông điệp"
        verbose_name_plural = "nhật ký thông điệp"
        ordering = ("-sequence",)
        indexes = [
            # Monitoring reads one recent window at a time (monitoring.window).
            models.Index(fields=["responded_at"], name="lgsp_message_responded_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.message_id}"


class LogHead(models.Model):
    """The single row every append locks: the chain's last link, and what is sealed.

    Appends take this row's lock (select_for_update on PostgreSQL, the IMMEDIATE write lock on
    SQLite), so two requests logging at once cannot both link to the same predecessor.
    """

    last_sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    sealed_sequence = models.BigIntegerField(default=0)
    # When the oldest record not yet covered by a seal was written; None when all are sealed.
    # The gateway refuses traffic when this is older than LGSP_MAX_UNSEALED_SECONDS.
    first_unsealed_at = models.DateTimeField(null=True, blank=True)
    last_sealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "đầu chuỗi nhật ký"
        verbose_name_plural = "đầu chuỗi nhật ký"

    def __str__(self) -> str:
        return f"#{self.last_sequence} (đã niêm phong đến #{self.sealed_sequence})"


class Seal(models.Model):
    """An Ed25519 signature over the chain head at `last_sequence`, covering a range of records.

    Seals chain too (`previous_signature_hash`), so a removed seal is noticed.
    """

    first_sequence = models.BigIntegerField("từ bản ghi")
    last_sequence = models.BigIntegerField("đến bản ghi", unique=True)
    head_hash = models.CharField("băm đầu chuỗi", max_length=64)
    previous_signature_hash = models.CharField("băm chữ ký trước", max_length=64)
    signed_at = models.DateTimeField("ký lúc")
    key_id = models.CharField("mã khoá ký", max_length=16)
    signature = models.CharField("chữ ký (base64)", max_length=100)

    class Meta:
        verbose_name = "niêm phong nhật ký"
        verbose_name_plural = "niêm phong nhật ký"
        ordering = ("-last_sequence",)

    def __str__(self) -> str:
        return f"#{self.first_sequence}–#{self.last_sequence}"


class VnpostEvent(models.Model):
    """A tracking state VNPost reported to our callback (POST /lgsp/callback/vnpost/), kept once.

    VNPost retries until it is acknowledged, so the same state may arrive several times: one row
    per waybill and state. A dossier with two orders (send the dossier, return the result) has two
    waybills under the same OrderNumber, which is why ItemCode is part of the key.
    """

    order_number = models.CharField("mã hồ sơ (OrderNumber)", max_length=60, db_index=True)
    item_code = models.CharField("mã vận đơn (ItemCode)", max_length=20)
    service_type = models.PositiveSmallIntegerField("dịch vụ", null=True, blank=True)
    state = models.PositiveSmallIntegerField("trạng thái")
    state_text = models.CharField("mô tả trạng thái", max_length=300)
    place = models.CharField("địa điểm", max_length=200, blank=True)
    at = models.DateTimeField("thời điểm")
    received_at = models.DateTimeField("nhận lúc", auto_now_add=True)
    body_sha256 = models.CharField("băm thông điệp", max_length=64)

    class Meta:
        verbose_name = "sự kiện bưu chính"
        verbose_name_plural = "sự kiện bưu chính"
        ordering = ("-at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["order_number", "item_code", "state"], name="lgsp_vnpost_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_code} ({self.order_number}) → {self.state}"
