"""In-app notices for officials (ARCHITECTURE.md, "Notifications in wave 1")."""

from django.conf import settings
from django.db import models


class NoticeQuerySet(models.QuerySet["Notice"]):
    def unread(self) -> "NoticeQuerySet":
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """One message to one person: a deadline alarm today, other kinds later.

    `key` makes delivery idempotent: the outbox delivers at least once, and a redelivered event
    finds the notice it already created for each recipient (unique recipient + key).
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Hồ sơ sắp đến hạn"
        OVERDUE = "overdue", "Hồ sơ quá hạn"
        RECEPTION_LATE = "reception_late", "Hồ sơ chậm tiếp nhận"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name="người nhận",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name="hồ sơ",
    )
    kind = models.CharField("loại", max_length=30, choices=Kind.choices)
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=500, blank=True)
    key = models.CharField("khóa chống trùng", max_length=250)
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    # Set once the e-mail copy has left: a redelivered event does not send it a second time.
    emailed_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notice_once_per_recipient")
        ]
        indexes = [
            # The header badge and the list: a person's unread notices, newest first.
            models.Index(fields=["recipient", "read_at", "created_at"], name="notice_inbox_idx")
        ]

    def __str__(self) -> str:
        return self.title
