from typing import Any, NoReturn

from django.conf import settings
from django.db import models

APPEND_ONLY_MESSAGE = "Nhật ký kiểm tra chỉ được ghi thêm: không thể sửa hoặc xoá một mục đã ghi."


class AuditEntryIsAppendOnly(PermissionError):
    """Raised by any attempt to change or remove an audit entry through the ORM.

    The database refuses UPDATE as well (trigger, migration core.0002); this error is the
    earlier and clearer refusal a developer meets first.
    """

    def __init__(self, message: str = APPEND_ONLY_MESSAGE) -> None:
        super().__init__(message)


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditEntryIsAppendOnly()

    def delete(self) -> NoReturn:
        raise AuditEntryIsAppendOnly()


class AuditEntry(models.Model):
    """One action on a dossier, on personal data or on configuration. Append-only (core.audit)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept even if the user is renamed: what an inspector reads must not change after the fact.
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=100, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=128, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "nhật ký kiểm tra"
        verbose_name_plural = "nhật ký kiểm tra"
        indexes = [
            # "Everything that happened to this object", the inspector's first question.
            models.Index(fields=["target_type", "target_id", "at"], name="audit_target_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.at:%d/%m/%Y %H:%M} {self.actor_label or '-'} {self.action} {self.target_label}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEntryIsAppendOnly()
        # Never let Django try an UPDATE first (it does when a pk is given by hand).
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEntryIsAppendOnly()
