from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class AssuranceLevel(models.IntegerChoices):
    """How sure we are of who holds the account (the levels of Decree 69/2024, as used here)."""

    REGISTERED = 1, "Mức 1: đã đăng ký"
    POPULATION = 2, "Mức 2: đã xác thực với Cơ sở dữ liệu quốc gia về dân cư"
    VNEID = 3, "Mức 3: tài khoản định danh điện tử VNeID mức 2"


class IdentitySource(models.TextChoices):
    POPULATION = "population", "Cơ sở dữ liệu quốc gia về dân cư"
    VNEID = "vneid", "Tài khoản định danh điện tử VNeID"


class User(AbstractUser):
    """Anyone who logs in: citizen, business representative or official.

    Defined from the first migration so that accounts can grow (identity assurance, VNeID link)
    without swapping the user model later.

    `phone` and `email` are login names as well as the username; `identity_*` is the identity
    confirmed by the population database or VNeID, never what the person typed in a form.
    """

    full_name = models.CharField("họ và tên", max_length=200, blank=True)
    # Normalised 0xxxxxxxxx (accounts.phones); unique among accounts that have one.
    phone = models.CharField("số điện thoại", max_length=10, null=True, blank=True, unique=True)
    assurance_level = models.PositiveSmallIntegerField(
        "mức độ xác thực", choices=AssuranceLevel.choices, default=AssuranceLevel.REGISTERED
    )
    # One person, one account: a number already bound to an account cannot be bound to another.
    identity_number = models.CharField(
        "số định danh cá nhân đã xác thực", max_length=12, null=True, blank=True, unique=True
    )
    identity_name = models.CharField("họ và tên đã xác thực", max_length=200, blank=True)
    identity_born = models.DateField("ngày sinh đã xác thực", null=True, blank=True)
    identity_source = models.CharField(
        "nguồn xác thực", max_length=20, choices=IdentitySource.choices, blank=True
    )
    identity_verified_at = models.DateTimeField("xác thực lúc", null=True, blank=True)
    # VNeID's stable per-person identifier (DOMAIN.md §9: accounts are linked by TechID).
    vneid_tech_id = models.CharField(
        "mã liên kết VNeID", max_length=100, null=True, blank=True, unique=True
    )
    # An organisation account: the enterprise code confirmed with the business registry, whose
    # legal representative is this account's verified person.
    organisation_code = models.CharField("mã số doanh nghiệp", max_length=20, blank=True)
    organisation_name = models.CharField("tên doanh nghiệp", max_length=300, blank=True)
    organisation_verified_at = models.DateTimeField(
        "xác thực doanh nghiệp lúc", null=True, blank=True
    )

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        constraints = [
            # Login by e-mail finds one account: e-mails are stored lower-case and unique.
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="user_email_unique"
            ),
            models.CheckConstraint(
                condition=Q(assurance_level__lt=2) | Q(identity_number__isnull=False),
                name="user_verified_has_identity",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def identity_verified(self) -> bool:
        """The identity was confirmed by the population database or VNeID (level 2 or 3)."""
        return self.assurance_level >= AssuranceLevel.POPULATION and bool(self.identity_number)


class ApiToken(models.Model):
    """A bearer token for the API, held by a partner system's service account or an official.

    The token reads `mc_<prefix>_<secret>`. Only the prefix (to find the row) and the SHA-256 of
    the secret are stored: a copy of the database does not let anyone call the API. The secret
    is shown once, when the token is created (motcua.accounts.tokens).
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="tài khoản"
    )
    name = models.CharField("tên", max_length=100, help_text="Hệ thống hoặc mục đích sử dụng.")
    # Unique, hence indexed: every API call with a token looks its row up by this.
    prefix = models.CharField("tiền tố", max_length=8, unique=True)
    secret_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn", null=True, blank=True)
    last_used_at = models.DateTimeField("lần dùng gần nhất", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "khóa truy cập API"
        verbose_name_plural = "khóa truy cập API"

    def __str__(self) -> str:
        return f"{self.name} (mc_{self.prefix}_…)"


class OneTimeCode(models.Model):
    """A 6-digit code sent by SMS or e-mail to confirm a registration or reset a password.

    Only a keyed hash of the code is stored. The latest code of a purpose is the only one that
    counts; it dies after OTP_TTL_SECONDS, OTP_MAX_ATTEMPTS wrong tries or one use.
    """

    class Purpose(models.TextChoices):
        REGISTER = "register", "Xác nhận đăng ký"
        RESET = "reset", "Đặt lại mật khẩu"

    class Channel(models.TextChoices):
        SMS = "sms", "Tin nhắn SMS"
        EMAIL = "email", "Thư điện tử"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="one_time_codes", verbose_name="tài khoản"
    )
    purpose = models.CharField("mục đích", max_length=20, choices=Purpose.choices)
    channel = models.CharField("kênh gửi", max_length=10, choices=Channel.choices)
    destination = models.CharField("gửi tới", max_length=254)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField("tạo lúc")
    expires_at = models.DateTimeField("hết hạn lúc")
    attempts = models.PositiveSmallIntegerField("số lần nhập sai", default=0)
    used_at = models.DateTimeField("đã dùng lúc", null=True, blank=True)
    sent_at = models.DateTimeField("đã gửi lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "mã xác nhận một lần"
        verbose_name_plural = "mã xác nhận một lần"
        indexes = [
            # Checking a code and throttling resends: a person's latest codes of one purpose.
            models.Index(fields=["user", "purpose", "created_at"], name="otp_latest_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} — {self.user}"


class UserSession(models.Model):
    """One logged-in session of a person: listed on /tai-khoan/phien/, revocable from any other.

    The session's own key is never shown; `key_hash` finds the row from a request.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="login_sessions", verbose_name="tài khoản"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    # Kept to delete the session from its store when revoked (the store is keyed by it).
    session_key = models.CharField(max_length=64)
    user_agent = models.CharField("thiết bị", max_length=300, blank=True)
    ip_address = models.GenericIPAddressField("địa chỉ", null=True, blank=True)
    created_at = models.DateTimeField("đăng nhập lúc")
    last_seen_at = models.DateTimeField("hoạt động gần nhất")
    revoked_at = models.DateTimeField("đã đăng xuất lúc", null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at", "-id"]
        verbose_name = "phiên đăng nhập"
        verbose_name_plural = "phiên đăng nhập"
        indexes = [
            # The sessions page: a person's live sessions, most recent first.
            models.Index(fields=["user", "revoked_at", "last_seen_at"], name="session_list_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.user_agent[:40]}"


class TotpDevice(models.Model):
    """An official's authenticator app (RFC 6238 TOTP), confirmed once a first code matched.

    The secret must be readable to check codes, so it is kept as given; `last_step` refuses a
    code that was already used (a replay within its 30-second window).
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="totp_device", verbose_name="tài khoản"
    )
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField("tạo lúc")
    confirmed_at = models.DateTimeField("kích hoạt lúc", null=True, blank=True)
    last_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "ứng dụng xác thực"
        verbose_name_plural = "ứng dụng xác thực"

    def __str__(self) -> str:
        return str(self.user)


class RecoveryCode(models.Model):
    """A single-use recovery code for an official who lost their phone; only its hash is kept."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="recovery_codes", verbose_name="tài khoản"
    )
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField("đã dùng lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã khôi phục"
        verbose_name_plural = "mã khôi phục"
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} — mã khôi phục"
