from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Anyone who logs in: citizen, business representative or official.

    Defined from the first migration so that accounts can grow (identity assurance, VNeID link)
    without swapping the user model later.
    """

    full_name = models.CharField("họ và tên", max_length=200, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username


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
