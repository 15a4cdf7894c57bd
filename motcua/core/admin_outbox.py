"""Read-only admin pages for the outbox and the audit trail (imported by core/admin.py).

Nobody edits these rows by hand: outbox rows change only through the worker and the retry
action, audit entries never change at all.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from . import outbox
from .models import AuditEntry, OutboxEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    # Counting a table of millions of rows on every page is slow; the pager does without.
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "topic",
        "subscriber",
        "key",
        "status",
        "attempts",
        "available_at",
        "last_attempt_at",
        "delivered_at",
        "created_at",
    )
    list_filter = ("status", "topic")
    search_fields = ("key",)
    ordering = ("-id",)
    actions = ("retry_dead_events",)

    def has_retry_permission(self, request: HttpRequest) -> bool:
        # The model's own change permission, given to operators through a group: the admin
        # shows no edit form to anyone, so this right only means "may retry".
        return request.user.has_perm("core.change_outboxevent")

    @admin.action(
        description="Gửi lại các sự kiện đã ngừng thử lại (đã chọn)",
        permissions=["retry"],
    )
    def retry_dead_events(self, request: HttpRequest, queryset: QuerySet[OutboxEvent]) -> None:
        selected = list(queryset.values_list("pk", flat=True))
        count = outbox.retry_dead(selected, by=request.user)
        if count:
            self.message_user(
                request, f"Đã đưa {count} sự kiện trở lại hàng chờ gửi.", messages.SUCCESS
            )
        if count < len(selected):
            self.message_user(
                request,
                f"Bỏ qua {len(selected) - count} sự kiện không ở trạng thái "
                f"«{OutboxEvent.Status.DEAD.label}».",
                messages.WARNING,
            )


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "at",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "request_id",
    )
    list_filter = ("action", "target_type")
    # Exact matches: an inspector looks for a known object or request, and a substring search
    # over the whole trail would scan every row.
    search_fields = ("=target_id", "=request_id")
    date_hierarchy = "at"
    list_select_related = False
