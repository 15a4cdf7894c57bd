from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import tokens
from .models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("MotCua", {"fields": ("full_name",)}))
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are listed and revoked here; they are created with `motcua api-token create`, the
    one place that can show the secret once. Neither the secret nor its hash is ever shown."""

    list_display = (
        "name",
        "user",
        "masked",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username", "user__full_name")
    fields = ("name", "user", "masked", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ["revoke_selected"]

    @admin.display(description="khóa")
    def masked(self, token: ApiToken) -> str:
        return f"mc_{token.prefix}_…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        # Revoke instead: a revoked token stays listed with its dates, for the audit trail.
        return False

    @admin.action(description="Thu hồi các khóa truy cập đã chọn", permissions=["change"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = sum(tokens.revoke(token, by=request.user) for token in queryset)
        self.message_user(request, f"Đã thu hồi {revoked} khóa truy cập.", messages.SUCCESS)
