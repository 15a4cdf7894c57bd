from datetime import datetime

from django.db import models


class OutboxEventQuerySet(models.QuerySet["OutboxEvent"]):
    def due(self, now: datetime) -> "OutboxEventQuerySet":
        """Pending, no longer backing off, and leased by nobody (or by a worker that died)."""
        return self.filter(
            models.Q(lease_until__isnull=True) | models.Q(lease_until__lte=now),
            status=OutboxEvent.Status.PENDING,
            available_at__lte=now,
        )


class OutboxEvent(models.Model):
    """An event written in the same transaction as the change that caused it (core.outbox)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        DELIVERED = "delivered", "Đã gửi"
        DEAD = "dead", "Gửi thất bại, ngừng thử lại"

    topic = models.CharField(max_length=100)
    # The handler this row is for (its dotted path); empty while the topic had no handler.
    subscriber = models.CharField(max_length=200, blank=True)
    key = models.CharField(max_length=200, help_text="Idempotency key given to the receiver.")
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    available_at = models.DateTimeField(help_text="Not delivered before this instant (backoff).")
    lease_until = models.DateTimeField(null=True, blank=True)
    leased_by = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxEventQuerySet.as_manager()

    class Meta:
        verbose_name = "sự kiện outbox"
        verbose_name_plural = "sự kiện outbox"
        indexes = [
            # The worker's question: which pending events are due now?
            models.Index(fields=["status", "available_at"], name="outbox_due_idx"),
            models.Index(fields=["topic", "key"], name="outbox_topic_key_idx"),
        ]

    def __str__(self) -> str:
        to = f" → {self.subscriber}" if self.subscriber else ""
        return f"{self.topic}{to} #{self.pk} ({self.get_status_display()})"
