from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .access import CAPABILITIES, capability_choices
from .models import (
    AdministrativeUnit,
    Agency,
    ReceptionDesk,
    Role,
    StaffAssignment,
    UnitSuccession,
)


class CurrentFilter(admin.SimpleListFilter):
    title = "hiệu lực"
    parameter_name = "hien_hanh"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("1", "Đang hiệu lực"), ("0", "Đã hết hiệu lực")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "1":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "0":
            return queryset.filter(valid_to__isnull=False)
        return queryset


class AgencyCurrentFilter(admin.SimpleListFilter):
    title = "hoạt động"
    parameter_name = "dang_hoat_dong"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("1", "Đang hoạt động"), ("0", "Đã ngừng hoạt động")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        current = Agency.objects.current()
        if self.value() == "1":
            return queryset.filter(pk__in=current)
        if self.value() == "0":
            return queryset.exclude(pk__in=current)
        return queryset


class SuccessionInline(admin.TabularInline[UnitSuccession, AdministrativeUnit]):
    model = UnitSuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = "đơn vị kế thừa"
    verbose_name_plural = "đơn vị kế thừa (sau sắp xếp)"


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin[AdministrativeUnit]):
    """Read-mostly: current units come from `motcua load-units`. An administrator adds historic
    units and successions by hand and may correct dates and legal bases; units are never deleted,
    since old dossiers and addresses point at them."""

    list_display = ("code", "name", "level", "division_type", "parent", "valid_from", "valid_to")
    list_filter = ("level", CurrentFilter, "division_type")
    search_fields = ("code", "name", "codename")
    list_select_related = ("parent",)
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]
    list_per_page = 50

    def get_readonly_fields(
        self, request: HttpRequest, obj: AdministrativeUnit | None = None
    ) -> tuple[str, ...]:
        if (
            obj is not None
            and obj.valid_to is None
            and obj.level != AdministrativeUnit.Level.DISTRICT
        ):
            # A current province or commune belongs to load-units: an edit to what the package
            # decides would be overwritten by the next load.
            return ("code", "level", "name", "division_type", "codename", "parent")
        return ()

    def has_delete_permission(
        self, request: HttpRequest, obj: AdministrativeUnit | None = None
    ) -> bool:
        return False


class ReceptionDeskInline(admin.TabularInline[ReceptionDesk, Agency]):
    model = ReceptionDesk
    extra = 0
    fields = ("name", "address", "is_active")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("code", "name", "kind", "unit", "parent", "is_current")
    list_filter = ("kind", AgencyCurrentFilter)
    search_fields = ("code", "name", "short_name")
    list_select_related = ("unit", "parent")
    autocomplete_fields = ["unit", "parent"]
    inlines = [ReceptionDeskInline]
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "kind", "parent", "unit")}),
        ("Liên hệ", {"fields": ("address", "phone", "email")}),
        ("Thời gian hoạt động", {"fields": ("valid_from", "valid_to")}),
    )

    @admin.display(description="đang hoạt động", boolean=True)
    def is_current(self, obj: Agency) -> bool:
        today = timezone.localdate()
        return (obj.valid_from is None or obj.valid_from <= today) and (
            obj.valid_to is None or obj.valid_to >= today
        )


@admin.register(ReceptionDesk)
class ReceptionDeskAdmin(admin.ModelAdmin[ReceptionDesk]):
    # Registered for the assignment form's search box; desks are normally edited on their agency.
    list_display = ("name", "agency", "address", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "agency__name", "agency__code")
    list_select_related = ("agency",)
    autocomplete_fields = ["agency"]


class RoleForm(forms.ModelForm[Role]):
    capabilities = forms.MultipleChoiceField(
        label="quyền",
        choices=capability_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Role
        fields = ("code", "name", "description", "province_wide", "capabilities")

    def clean_capabilities(self) -> list[str]:
        chosen = set(self.cleaned_data["capabilities"])
        # Stored in registry order, so the same role always serialises the same way.
        return [code for code in CAPABILITIES if code in chosen]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin[Role]):
    form = RoleForm
    list_display = ("code", "name", "province_wide", "capability_count")
    list_filter = ("province_wide",)
    search_fields = ("code", "name")

    @admin.display(description="số quyền")
    def capability_count(self, obj: Role) -> int:
        return len(obj.capabilities)


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin[StaffAssignment]):
    list_display = ("user", "role", "agency", "desk", "is_active")
    list_filter = ("is_active", "role", "agency__kind")
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    list_select_related = ("user", "role", "agency", "desk")
    autocomplete_fields = ["user", "agency", "desk"]
