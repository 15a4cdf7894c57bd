from django.conf import settings
from django.db import models


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
