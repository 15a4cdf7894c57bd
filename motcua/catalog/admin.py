"""Catalog maintenance for the province administrator (capability catalog.manage).

Every save writes a Revision (catalog.revisions) once the inlines are saved, so the history holds
the procedure exactly as citizens saw it after the change.
"""

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from motcua.org.access import has_capability

from .forms import schema_errors
from .models import Component, Fee, Field, Procedure, Revision, Step
from .revisions import record_revision
from .rules import step_budget_errors


class CatalogPermissionMixin:
    """Only officials whose role grants catalog.manage may see or change the catalog here."""

    def _allowed(self, request: HttpRequest) -> bool:
        return has_capability(request.user, "catalog.manage")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


@admin.register(Field)
class FieldAdmin(CatalogPermissionMixin, admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


class FeeInline(CatalogPermissionMixin, admin.TabularInline):
    model = Fee
    extra = 0
    fields = ("order", "name", "amount", "condition")


class ComponentInline(CatalogPermissionMixin, admin.StackedInline):
    model = Component
    extra = 0
    fields = (
        ("order", "name"),
        ("original_count", "copy_count", "required"),
        "condition",
        "replaced_by",
        ("template", "template_name"),
    )


class StepInline(CatalogPermissionMixin, admin.TabularInline):
    model = Step
    extra = 0
    fields = ("order", "kind", "name", "agency", "role", "budget")
    autocomplete_fields = ("agency",)


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    can_delete = False
    fields = ("number", "created_at", "created_by", "source", "changed", "note")
    readonly_fields = fields
    ordering = ("-number",)
    verbose_name_plural = "lịch sử thay đổi"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="trường thay đổi")
    def changed(self, revision: Revision) -> str:
        if revision.number == 1:
            return "Tạo mới"
        return ", ".join(revision.changed_fields) or "—"


class JSONText(forms.CharField):
    """A JSON object edited as indented text, with a Vietnamese error when it does not parse."""

    widget = forms.Textarea(attrs={"rows": 12, "cols": 90, "spellcheck": "false"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, indent=2) if value else ""
        return value

    def to_python(self, value: Any) -> Any:
        text = (value or "").strip()
        if not text:
            return {}
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                f"Không đọc được JSON (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}."
            ) from exc
        if not isinstance(parsed, dict):
            raise forms.ValidationError("Phải là một đối tượng JSON {...}.")
        return parsed


class ProcedureForm(forms.ModelForm):
    form_schema = JSONText(label="Biểu mẫu điện tử (JSON Schema)", required=False)
    form_ui = JSONText(label="Gợi ý hiển thị biểu mẫu", required=False)

    class Meta:
        model = Procedure
        # The admin builds the real field list from ProcedureAdmin.fieldsets.
        fields = ("form_schema", "form_ui")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for message in schema_errors(
            cleaned.get("form_schema") or {}, cleaned.get("form_ui") or {}
        ):
            self.add_error("form_schema", message)
        return cleaned


@admin.register(Procedure)
class ProcedureAdmin(CatalogPermissionMixin, admin.ModelAdmin):
    form = ProcedureForm
    list_display = (
        "code",
        "name",
        "field",
        "level",
        "legacy_level",
        "online_class",
        "time_limit_display",
        "is_published",
    )
    list_filter = (
        "level",
        "legacy_level",
        "online_class",
        "online_provider",
        "is_published",
        "field",
    )
    search_fields = ("code", "local_code", "name", "name_folded")
    autocomplete_fields = ("agencies", "receiving_agencies")
    list_select_related = ("field",)
    readonly_fields = ("budget_check",)
    inlines = (FeeInline, ComponentInline, StepInline, RevisionInline)
    fieldsets = (
        (None, {"fields": (("code", "local_code"), "name", ("field", "level"), "is_published")}),
        ("Cơ quan", {"fields": ("agencies", "receiving_agencies")}),
        (
            "Thời hạn, kết quả",
            {
                "fields": (
                    ("time_limit", "time_limit_unit"),
                    "time_limit_note",
                    "budget_check",
                    ("result_type", "result_name"),
                    "applicant_types",
                )
            },
        ),
        (
            "Dịch vụ công trực tuyến",
            {
                "fields": (
                    ("legacy_level", "online_class", "online_provider"),
                    ("online_only", "postal_submission", "postal_return"),
                )
            },
        ),
        ("Căn cứ, điều kiện", {"fields": ("legal_basis", "requirements")}),
        ("Biểu mẫu điện tử", {"classes": ("collapse",), "fields": ("form_schema", "form_ui")}),
    )

    @admin.display(description="thời hạn")
    def time_limit_display(self, procedure: Procedure) -> str:
        return f"{procedure.time_limit} {procedure.get_time_limit_unit_display().lower()}"

    @admin.display(description="kiểm tra thời gian các bước")
    def budget_check(self, procedure: Procedure) -> str:
        if procedure.pk is None:
            return "Lưu thủ tục để kiểm tra."
        errors = step_budget_errors(procedure)
        if not errors:
            return "Tổng thời gian các bước khớp thời hạn giải quyết."
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((e,) for e in errors))
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        record_revision(form.instance, by=request.user, source=Revision.Source.ADMIN)  # type: ignore[arg-type]
