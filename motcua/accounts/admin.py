from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import second_factor, sessions, tokens
from .models import ApiToken, User, UserSession


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("MotCua", {"fields": ("full_name", "phone")}),
        (
            "Định danh đã xác thực",
            {
                "fields": (
                    "assurance_level",
                    "identity_number",
                    "identity_name",
                    "identity_born",
                    "identity_source",
                    "identity_verified_at",
                    "vneid_tech_id",
                    "organisation_code",
                    "organisation_name",
                    "organisation_verified_at",
                )
            },
        ),
    )
    # What the population database or VNeID confirmed is not edited by hand.
    readonly_fields = (
        "assurance_level",
        "identity_number",
        "identity_name",
        "identity_born",
        "identity_source",
        "identity_verified_at",
        "vneid_tech_id",
        "organisation_code",
        "organisation_name",
        "organisation_verified_at",
    )
    list_display = (
        "username",
        "full_name",
        "phone",
        "email",
        "assurance_level",
        "is_staff",
        "is_active",
    )
    list_filter = (*BaseUserAdmin.list_filter, "assurance_level")
    search_fields = ("username", "full_name", "email", "phone", "identity_number")
    actions = ["remove_second_factor", "end_sessions"]

    @admin.action(description="Gỡ xác thực hai bước (cán bộ mất điện thoại)")
    def remove_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        assert isinstance(request.user, User)
        for user in queryset:
            second_factor.remove(user, by=request.user)
        self.message_user(
            request,
            "Đã gỡ xác thực hai bước; lần đăng nhập tới, cán bộ cài lại ứng dụng xác thực.",
            messages.SUCCESS,
        )

    @admin.action(description="Đăng xuất mọi thiết bị")
    def end_sessions(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        assert isinstance(request.user, User)
        ended = sum(sessions.revoke_all(user, by=request.user) for user in queryset)
        self.message_user(request, f"Đã đăng xuất {ended} phiên.", messages.SUCCESS)


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ("user", "user_agent", "ip_address", "created_at", "last_seen_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "user__full_name", "ip_address")
    fields = ("user", "user_agent", "ip_address", "created_at", "last_seen_at", "revoked_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


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
