from django.contrib import admin

from .targets import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin[Target]):
    list_display = ("measure", "agency", "green_from", "amber_from")
    list_filter = ("measure",)
    autocomplete_fields = ("agency",)
    ordering = ("measure", "agency__name")
