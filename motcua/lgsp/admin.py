"""Admin pages for the LGSP registry. Secrets never appear: only their prefixes and dates.

New secrets and API keys are issued by `motcua lgsp issue-secret` (printed once, on the
operator's console); here an operator can see and revoke them. The message log and its seals are
read-only: nobody edits them, and an edit would show in `motcua lgsp verify-log` anyway.
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext

from motcua.core.admin_outbox import ReadOnlyAdmin

from . import credentials, monitoring, registry
from .models import (
    AccessRight,
    ApiKey,
    ClientSecret,
    Consumer,
    MessageRecord,
    Provider,
    Seal,
    Service,
)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "created_at")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "version",
        "protocol",
        "upstream_url",
        "timeout_seconds",
        "idempotent",
        "log_bodies",
        "is_active",
    )
    list_filter = ("provider", "protocol", "is_active")
    search_fields = ("code", "name", "provider__code")
    list_select_related = ("provider",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        registry.check_schema(obj.request_schema)
        registry.check_xsd(obj.request_xsd)
        super().save_model(request, obj, form, change)


class SecretInline(admin.TabularInline):
    model = ClientSecret
    fields = ("prefix", "created_at", "expires_at", "revoked_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ApiKeyInline(SecretInline):
    model = ApiKey  # type: ignore[assignment]
    fields = ("key_id", "created_at", "expires_at", "revoked_at")
    readonly_fields = fields


class RightInline(admin.TabularInline):
    # Read-only here: rights are granted and revoked on their own page, where each is audited.
    model = AccessRight
    fields = ("service", "granted_at", "granted_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consumer)
class ConsumerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "is_active", "rate_limit_per_minute")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    inlines = (SecretInline, ApiKeyInline, RightInline)


class CredentialAdmin(admin.ModelAdmin):
    list_filter = ("revoked_at",)
    search_fields = ("consumer__code",)
    list_select_related = ("consumer",)
    actions = ("revoke_selected",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Thu hồi các khoá đã chọn")
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        count = 0
        for item in queryset.filter(revoked_at__isnull=True).select_related("consumer"):
            if isinstance(item, ClientSecret):
                credentials.revoke_client_secret(item, by=request.user)
            else:
                credentials.revoke_api_key(item, by=request.user)
            count += 1
        self.message_user(request, f"Đã thu hồi {count} khoá.", messages.SUCCESS)


@admin.register(ClientSecret)
class ClientSecretAdmin(CredentialAdmin):
    list_display = ("consumer", "prefix", "created_at", "expires_at", "revoked_at")
    fields = list_display


@admin.register(ApiKey)
class ApiKeyAdmin(CredentialAdmin):
    list_display = ("consumer", "key_id", "created_at", "expires_at", "revoked_at")
    fields = list_display


@admin.register(AccessRight)
class AccessRightAdmin(admin.ModelAdmin):
    list_display = ("consumer", "service", "granted_at", "granted_by")
    list_filter = ("service__provider",)
    search_fields = ("consumer__code", "service__code")
    list_select_related = ("consumer", "service__provider")
    readonly_fields = ("granted_at", "granted_by")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A right is granted or revoked, never edited into another one.
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        right = registry.grant(obj.consumer, obj.service, by=request.user)
        obj.pk, obj.granted_at, obj.granted_by = right.pk, right.granted_at, right.granted_by

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        registry.revoke(obj.consumer, obj.service, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for right in queryset.select_related("consumer", "service__provider"):
            registry.revoke(right.consumer, right.service, by=request.user)


@admin.register(MessageRecord)
class MessageRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "sequence",
        "message_id",
        "consumer_code",
        "service_code",
        "method",
        "status_code",
        "error_code",
        "received_at",
        "response_bytes",
    )
    list_filter = ("error_code", "service_code")
    search_fields = ("=message_id", "consumer_code")
    # Bodies stay encrypted and out of the page; an auditor reads them with the key, on purpose.
    exclude = ("request_body", "response_body")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [name for name in super().get_readonly_fields(request, obj) if "body" not in name]

    def get_urls(self) -> list[URLPattern]:
        monitoring_page = path(
            "giam-sat/",
            self.admin_site.admin_view(self.monitoring_view),
            name="lgsp_monitoring",
        )
        return [monitoring_page, *super().get_urls()]

    def monitoring_view(self, request: HttpRequest) -> HttpResponse:
        """The operator page: traffic, refusals, failures and latency per service and consumer."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Giám sát nền tảng tích hợp (LGSP)"),
            "opts": self.model._meta,
            "snapshot": monitoring.snapshot(),
        }
        return TemplateResponse(request, "admin/lgsp/monitoring.html", context)


@admin.register(Seal)
class SealAdmin(ReadOnlyAdmin):
    list_display = ("first_sequence", "last_sequence", "signed_at", "key_id")
